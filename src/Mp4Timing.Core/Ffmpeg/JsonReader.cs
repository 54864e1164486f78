using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// A small streaming JSON reader for ffprobe's output: values are built as dictionaries, lists,
    /// strings, longs, doubles, booleans and nulls, one array element at a time, so that a file of a
    /// million packets is never held as one tree. Nesting is limited; malformed input is an
    /// <see cref="InvalidDataException"/> with the line and column.
    /// </summary>
    internal sealed class JsonReader
    {
        private const int MaxDepth = 64;
        private readonly TextReader _text;
        private int _peek = -2;
        private int _line = 1;
        private int _column;

        public JsonReader(TextReader text) => _text = text;

        /// <summary>Reads a top-level object, handing each element of its array members to <paramref name="onElement"/> (member name, element); other members go to <paramref name="onMember"/>.</summary>
        public void ReadTopObject(Action<string, object?> onElement, Action<string, object?> onMember)
        {
            SkipSpace();
            Expect('{');
            SkipSpace();
            if (TryConsume('}')) return;
            while (true)
            {
                SkipSpace();
                string name = ReadString();
                SkipSpace();
                Expect(':');
                SkipSpace();
                if (Peek() == '[')
                {
                    Read();
                    SkipSpace();
                    if (!TryConsume(']'))
                    {
                        while (true)
                        {
                            SkipSpace();
                            onElement(name, ReadValue(1));
                            SkipSpace();
                            if (TryConsume(']')) break;
                            Expect(',');
                        }
                    }
                }
                else
                {
                    onMember(name, ReadValue(1));
                }
                SkipSpace();
                if (TryConsume('}')) break;
                Expect(',');
            }
        }

        private object? ReadValue(int depth)
        {
            if (depth > MaxDepth) throw Error("nested too deeply");
            SkipSpace();
            int c = Peek();
            switch (c)
            {
                case '{':
                {
                    Read();
                    var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                    SkipSpace();
                    if (TryConsume('}')) return members;
                    while (true)
                    {
                        SkipSpace();
                        string name = ReadString();
                        SkipSpace();
                        Expect(':');
                        members[name] = ReadValue(depth + 1);
                        SkipSpace();
                        if (TryConsume('}')) return members;
                        Expect(',');
                    }
                }
                case '[':
                {
                    Read();
                    var items = new List<object?>();
                    SkipSpace();
                    if (TryConsume(']')) return items;
                    while (true)
                    {
                        items.Add(ReadValue(depth + 1));
                        SkipSpace();
                        if (TryConsume(']')) return items;
                        Expect(',');
                    }
                }
                case '"':
                    return ReadString();
                case 't':
                    ExpectWord("true");
                    return true;
                case 'f':
                    ExpectWord("false");
                    return false;
                case 'n':
                    ExpectWord("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error(c < 0 ? "unexpected end of input" : $"unexpected character '{(char)c}'");
            }
        }

        private object ReadNumber()
        {
            var text = new StringBuilder();
            while (true)
            {
                int c = Peek();
                if (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9'))
                {
                    text.Append((char)Read());
                    if (text.Length > 64) throw Error("number too long");
                }
                else
                {
                    break;
                }
            }
            string s = text.ToString();
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer)) return integer;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)) return real;
            throw Error($"bad number '{s}'");
        }

        private string ReadString()
        {
            Expect('"');
            var text = new StringBuilder();
            while (true)
            {
                int c = Read();
                if (c < 0) throw Error("unterminated string");
                if (c == '"') return text.ToString();
                if (c != '\\')
                {
                    text.Append((char)c);
                    continue;
                }
                int e = Read();
                switch (e)
                {
                    case '"': text.Append('"'); break;
                    case '\\': text.Append('\\'); break;
                    case '/': text.Append('/'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u':
                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            int h = Read();
                            int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                            if (digit < 0) throw Error("bad \\u escape");
                            code = code * 16 + digit;
                        }
                        text.Append((char)code);
                        break;
                    default:
                        throw Error("bad escape");
                }
            }
        }

        private void ExpectWord(string word)
        {
            foreach (char w in word)
            {
                if (Read() != w) throw Error($"expected '{word}'");
            }
        }

        private void Expect(char c)
        {
            int got = Read();
            if (got != c) throw Error(got < 0 ? $"expected '{c}', found the end of input" : $"expected '{c}', found '{(char)got}'");
        }

        private bool TryConsume(char c)
        {
            if (Peek() != c) return false;
            Read();
            return true;
        }

        private void SkipSpace()
        {
            while (Peek() is ' ' or '\t' or '\r' or '\n') Read();
        }

        private int Peek()
        {
            if (_peek == -2) _peek = _text.Read();
            return _peek;
        }

        private int Read()
        {
            int c = Peek();
            _peek = -2;
            if (c == '\n')
            {
                _line++;
                _column = 0;
            }
            else
            {
                _column++;
            }
            return c;
        }

        private InvalidDataException Error(string message) => new InvalidDataException($"JSON line {_line}, column {_column}: {message}");
    }
}
