using System;
using System.Globalization;
using System.Linq;
using System.Text;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Support
{
    /// <summary>
    /// More byte builders for the per-box tests: the field types of the specifications that
    /// <see cref="Mp4Bytes"/> does not cover, and helpers to read one box and its errors.
    /// </summary>
    internal static class SpecBytes
    {
        public static byte[] I16(int value) => U16(unchecked((ushort)(short)value));

        public static byte[] I8(int value) => new[] { unchecked((byte)(sbyte)value) };

        /// <summary>Bytes written as hex text: "12 10", "ED EF 8B A9".</summary>
        public static byte[] Hex(string hex)
        {
            string digits = new string(hex.Where(Uri.IsHexDigit).ToArray());
            var bytes = new byte[digits.Length / 2];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(digits.Substring(2 * i, 2), 16);
            return bytes;
        }

        /// <summary>A UTF-8 string with its NUL terminator (ISO string fields).</summary>
        public static byte[] CString(string text) => Cat(Encoding.UTF8.GetBytes(text), new byte[] { 0 });

        /// <summary>A Pascal string: one length byte, then the bytes (QuickTime names).</summary>
        public static byte[] Pascal(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Cat(new[] { (byte)bytes.Length }, bytes);
        }

        /// <summary>A UUID as stored in a box: the 16 bytes in RFC 4122 order (the hex digits of the text form, left to right).</summary>
        public static byte[] Uuid(string text) => Hex(text.Replace("-", ""));

        /// <summary>An unsigned integer stored in <paramref name="bytes"/> bytes, big-endian (tfra's variable-length fields).</summary>
        public static byte[] UN(uint value, int bytes)
        {
            var result = new byte[bytes];
            for (int i = 0; i < bytes; i++) result[bytes - 1 - i] = (byte)(value >> (8 * i));
            return result;
        }

        /// <summary>The unity matrix of mvhd and tkhd: { 0x00010000,0,0, 0,0x00010000,0, 0,0,0x40000000 }.</summary>
        public static byte[] UnityMatrix() => Cat(
            U32(0x00010000), U32(0), U32(0),
            U32(0), U32(0x00010000), U32(0),
            U32(0), U32(0), U32(0x40000000));

        /// <summary>A box whose type bytes are given (Latin-1 types such as ©nam, or ilst's integer keys).</summary>
        public static byte[] TypedBox(byte[] type, params byte[][] payload)
        {
            byte[] body = Cat(payload);
            return Cat(U32((uint)(8 + body.Length)), type, body);
        }

        /// <summary>A Latin-1 box type: "©nam" becomes A9 6E 61 6D.</summary>
        public static byte[] Latin1(string type) => type.Select(c => (byte)c).ToArray();

        /// <summary>The first box of type <typeparamref name="T"/> in a file that must read without errors.</summary>
        public static T First<T>(byte[] bytes, BoxReadOptions? options = null) where T : Box
        {
            var (boxes, errors) = Read(bytes, options);
            Assert.Empty(errors);
            return boxes.OfType<T>().First();
        }

        /// <summary>Reads a file with exactly one payload error; returns the error and the box it was reported on.</summary>
        public static (Mp4FormatException Error, Box Box) ReadFailing(byte[] bytes, string type, BoxReadOptions? options = null)
        {
            var (boxes, errors) = Read(bytes, options);
            Mp4FormatException error = Assert.Single(errors);
            Box box = Assert.Single(boxes, b => b.Type == type);
            return (error, box);
        }

        /// <summary>Runs <paramref name="action"/> under the culture <paramref name="name"/> ("" = invariant), then restores the current culture.</summary>
        public static void WithCulture(string name, Action action)
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                action();
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }
    }
}
