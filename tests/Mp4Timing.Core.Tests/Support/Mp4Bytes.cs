using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Mp4Timing.Tests.Support
{
    /// <summary>Builds MP4 bytes by hand for tests: boxes, full boxes and big-endian fields.</summary>
    internal static class Mp4Bytes
    {
        public static byte[] U8(int value) => new[] { (byte)value };

        public static byte[] U16(int value) => new[] { (byte)(value >> 8), (byte)value };

        public static byte[] U24(uint value) => new[] { (byte)(value >> 16), (byte)(value >> 8), (byte)value };

        public static byte[] U32(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };

        public static byte[] I32(int value) => U32(unchecked((uint)value));

        public static byte[] U64(ulong value) => U32((uint)(value >> 32)).Concat(U32((uint)value)).ToArray();

        public static byte[] I64(long value) => U64(unchecked((ulong)value));

        public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        public static byte[] Zeros(int count) => new byte[count];

        public static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        /// <summary>A box with a 32-bit size.</summary>
        public static byte[] Box(string type, params byte[][] payload)
        {
            byte[] body = Cat(payload);
            return Cat(U32((uint)(8 + body.Length)), Ascii(type), body);
        }

        /// <summary>A box with version and flags.</summary>
        public static byte[] FullBox(string type, int version, uint flags, params byte[][] payload) =>
            Box(type, Cat(U8(version), U24(flags)), Cat(payload));

        /// <summary>A box with a 64-bit size (size field 1).</summary>
        public static byte[] LargeBox(string type, params byte[][] payload)
        {
            byte[] body = Cat(payload);
            return Cat(U32(1), Ascii(type), U64((ulong)(16 + body.Length)), body);
        }

        /// <summary>A box with size field 0 (extends to the end of the enclosing space).</summary>
        public static byte[] OpenBox(string type, params byte[][] payload) => Cat(U32(0), Ascii(type), Cat(payload));

        /// <summary>A box whose size field is given explicitly (to lie).</summary>
        public static byte[] RawBox(uint size, string type, params byte[][] payload) => Cat(U32(size), Ascii(type), Cat(payload));

        public static byte[] Ftyp(string major = "isom") => Box("ftyp", Ascii(major), U32(512), Ascii("isom"), Ascii("avc1"));

        public static MemoryStream Stream(byte[] bytes) => new MemoryStream(bytes, writable: false);

        /// <summary>Reads all boxes, collecting the non-fatal errors.</summary>
        public static (List<Box> Boxes, List<Mp4FormatException> Errors) Read(byte[] bytes, BoxReadOptions? options = null)
        {
            var errors = new List<Mp4FormatException>();
            var boxes = Mp4BoxReader.ReadBoxes(Stream(bytes), "test.mp4", options, errors.Add).ToList();
            return (boxes, errors);
        }

        /// <summary>Reads one file and returns the only box of type <typeparamref name="T"/>.</summary>
        public static T Single<T>(byte[] bytes, BoxReadOptions? options = null) where T : Box
        {
            var (boxes, errors) = Read(bytes, options);
            Assert.Empty(errors);
            return Assert.Single(boxes.OfType<T>());
        }
    }
}
