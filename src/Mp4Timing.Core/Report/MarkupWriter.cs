using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Mp4Timing.Report
{
    /// <summary>
    /// Writes HTML with inline SVG straight to a <see cref="TextWriter"/>, element by element, so that a page
    /// of any size is never held as one string. Text and attribute values are escaped (and characters XML
    /// does not allow are replaced), numbers are written culture-invariant with at most two decimals, and the
    /// result is well-formed XML as well as HTML: an HTML element is closed with an end tag unless it is void,
    /// an SVG element without content closes itself.
    /// </summary>
    internal sealed class MarkupWriter
    {
        private static readonly HashSet<string> VoidHtml = new HashSet<string>(StringComparer.Ordinal) { "meta", "br", "hr", "col", "wbr" };

        private readonly TextWriter _out;
        private readonly Stack<string> _open = new Stack<string>();
        private bool _inStartTag;
        private int _svgDepth;

        public MarkupWriter(TextWriter output) => _out = output;

        /// <summary>Writes text as it is: for the doctype and the style sheet only (never for anything read from a file).</summary>
        public MarkupWriter Raw(string text)
        {
            EndStartTag();
            _out.Write(text);
            return this;
        }

        /// <summary>Starts an element; attributes follow until content or <see cref="Close"/>.</summary>
        public MarkupWriter Open(string name)
        {
            EndStartTag();
            _out.Write('<');
            _out.Write(name);
            _inStartTag = true;
            _open.Push(name);
            if (name == "svg" || _svgDepth > 0) _svgDepth++;
            return this;
        }

        public MarkupWriter Attr(string name, string? value)
        {
            if (value is null) return this;
            _out.Write(' ');
            _out.Write(name);
            _out.Write("=\"");
            Escape(value, attribute: true);
            _out.Write('"');
            return this;
        }

        public MarkupWriter Attr(string name, double value)
        {
            _out.Write(' ');
            _out.Write(name);
            _out.Write("=\"");
            Number(value);
            _out.Write('"');
            return this;
        }

        public MarkupWriter Attr(string name, long value)
        {
            _out.Write(' ');
            _out.Write(name);
            _out.Write("=\"");
            _out.Write(value.ToString(CultureInfo.InvariantCulture));
            _out.Write('"');
            return this;
        }

        /// <summary>Escaped text content.</summary>
        public MarkupWriter Text(string? text)
        {
            EndStartTag();
            if (text is not null) Escape(text, attribute: false);
            return this;
        }

        /// <summary>Closes the innermost open element.</summary>
        public MarkupWriter Close()
        {
            string name = _open.Pop();
            bool inSvg = _svgDepth > 0;
            if (inSvg) _svgDepth--;
            if (_inStartTag)
            {
                _inStartTag = false;
                if (inSvg || VoidHtml.Contains(name))
                {
                    _out.Write("/>");
                    return this;
                }
                _out.Write('>');
            }
            _out.Write("</");
            _out.Write(name);
            _out.Write('>');
            return this;
        }

        /// <summary>An element holding only text: <c>&lt;name&gt;text&lt;/name&gt;</c>.</summary>
        public MarkupWriter Element(string name, string? text) => Open(name).Text(text).Close();

        /// <summary>A line break in the output, between elements (keeps the file readable and diffable).</summary>
        public MarkupWriter Line()
        {
            EndStartTag();
            _out.Write('\n');
            return this;
        }

        /// <summary>The number of elements still open (0 once the page is complete).</summary>
        public int Depth => _open.Count;

        /// <summary>
        /// A coordinate or length: rounded to two decimals, invariant, no exponent and no "-0". Pixels need no more,
        /// and the page stays small.
        /// </summary>
        public static string Format(double value)
        {
            double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
            if (rounded == 0) return "0";
            return rounded.ToString("0.##", CultureInfo.InvariantCulture);
        }

        private void Number(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), "A coordinate must be finite.");
            double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
            // Integers (most coordinates) without formatting machinery.
            if (rounded == Math.Floor(rounded) && Math.Abs(rounded) < 1e15)
            {
                long whole = (long)rounded;
                if (whole == 0)
                {
                    _out.Write('0');
                    return;
                }
                _out.Write(whole.ToString(CultureInfo.InvariantCulture));
                return;
            }
            _out.Write(Format(rounded));
        }

        private void EndStartTag()
        {
            if (!_inStartTag) return;
            _out.Write('>');
            _inStartTag = false;
        }

        private void Escape(string text, bool attribute)
        {
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                string? replacement = c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' when attribute => "&quot;",
                    '\n' or '\r' or '\t' when attribute => " ",
                    _ when IsAllowed(text, i) => null,
                    _ => "\uFFFD",
                };
                if (replacement is null)
                {
                    // A valid surrogate pair is written as it is.
                    if (char.IsHighSurrogate(c)) i++;
                    continue;
                }
                if (i > start) _out.Write(text.Substring(start, i - start));
                _out.Write(replacement);
                start = i + 1;
            }
            if (start == 0) _out.Write(text);
            else if (start < text.Length) _out.Write(text.Substring(start));
        }

        /// <summary>XML 1.0's Char production: tab, line feed, carriage return, U+0020 to U+FFFD without lone surrogates.</summary>
        private static bool IsAllowed(string text, int i)
        {
            char c = text[i];
            if (c == '\t' || c == '\n' || c == '\r') return true;
            if (c < 0x20 || c == '\uFFFE' || c == '\uFFFF') return false;
            if (char.IsHighSurrogate(c)) return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (char.IsLowSurrogate(c)) return false;
            return true;
        }
    }
}
