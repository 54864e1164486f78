using System;
using System.Text;

namespace Mp4Timing
{
    /// <summary>
    /// A four-character code as stored in a box header or sample entry: four bytes, big-endian.
    /// Bytes outside printable ASCII are shown as Latin-1 characters (Apple's <c>©nam</c> keys use 0xA9).
    /// </summary>
    public readonly struct FourCC : IEquatable<FourCC>, IComparable<FourCC>
    {
        /// <summary>The four bytes as a big-endian 32-bit value.</summary>
        public uint Value { get; }

        /// <summary>Wraps a big-endian 32-bit value.</summary>
        public FourCC(uint value) => Value = value;

        /// <summary>Parses a four-character string; each character must fit in one Latin-1 byte.</summary>
        public static FourCC Parse(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (text.Length != 4) throw new ArgumentException($"A four-character code needs 4 characters, not {text.Length}: '{text}'.", nameof(text));
            uint value = 0;
            foreach (char c in text)
            {
                if (c > 0xFF) throw new ArgumentException($"'{text}' is not a four-character code: '{c}' is outside Latin-1.", nameof(text));
                value = (value << 8) | c;
            }
            return new FourCC(value);
        }

        /// <summary>The code as four Latin-1 characters.</summary>
        public override string ToString()
        {
            var chars = new char[4];
            for (int i = 0; i < 4; i++)
            {
                chars[i] = (char)((Value >> (24 - 8 * i)) & 0xFF);
            }
            return new string(chars);
        }

        /// <inheritdoc />
        public bool Equals(FourCC other) => Value == other.Value;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is FourCC other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => (int)Value;

        /// <inheritdoc />
        public int CompareTo(FourCC other) => Value.CompareTo(other.Value);

        /// <summary>Equality of the codes.</summary>
        public static bool operator ==(FourCC left, FourCC right) => left.Value == right.Value;

        /// <summary>Inequality of the codes.</summary>
        public static bool operator !=(FourCC left, FourCC right) => left.Value != right.Value;

        /// <summary>True when all four bytes are printable ASCII or Latin-1 letters (as real box types are).</summary>
        public bool IsPrintable
        {
            get
            {
                for (int i = 0; i < 4; i++)
                {
                    byte b = (byte)(Value >> (24 - 8 * i));
                    if (b < 0x20 || b == 0x7F || (b > 0x7F && b < 0xA0)) return false;
                }
                return true;
            }
        }

        internal static string Describe(FourCC code)
        {
            if (code.IsPrintable) return code.ToString();
            var text = new StringBuilder("0x", 10);
            text.Append(code.Value.ToString("X8"));
            return text.ToString();
        }
    }
}
