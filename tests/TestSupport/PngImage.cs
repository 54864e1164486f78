using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Mp4Timing.TestSupport
{
    /// <summary>
    /// The pixels of a PNG file (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium's screenshots are), so that
    /// tests can tell a rendered page from a blank one and find the colours it should show. Decoding follows the PNG
    /// specification (ISO/IEC 15948): the IDAT chunks inflated as one zlib stream, each row unfiltered by its filter type.
    /// </summary>
    public sealed class PngImage
    {
        private readonly int[] _pixels;

        private PngImage(int width, int height, int[] pixels)
        {
            Width = width;
            Height = height;
            _pixels = pixels;
        }

        public int Width { get; }

        public int Height { get; }

        /// <summary>The colour at (x, y) as 0xRRGGBB (alpha dropped).</summary>
        public int this[int x, int y] => _pixels[y * Width + x];

        /// <summary>How many different colours the image holds.</summary>
        public int DistinctColours() => new HashSet<int>(_pixels).Count;

        /// <summary>How many pixels are exactly <paramref name="rgb"/> (0xRRGGBB).</summary>
        public long Count(int rgb)
        {
            long n = 0;
            foreach (int pixel in _pixels) if (pixel == rgb) n++;
            return n;
        }

        /// <summary>How many pixels are exactly the colour written as CSS hex (#d62728).</summary>
        public long Count(string cssHex) => Count(Convert.ToInt32(cssHex.TrimStart('#'), 16));

        public static PngImage Read(string path)
        {
            byte[] file = File.ReadAllBytes(path);
            byte[] signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
            for (int i = 0; i < signature.Length; i++)
            {
                if (file.Length < 8 || file[i] != signature[i]) throw new InvalidDataException($"{path} is not a PNG file.");
            }
            int width = 0, height = 0, channels = 0;
            var data = new MemoryStream();
            int at = 8;
            while (at + 8 <= file.Length)
            {
                int length = BigEndian(file, at);
                string type = Encoding.ASCII.GetString(file, at + 4, 4);
                if (length < 0 || at + 12 + length > file.Length) throw new InvalidDataException($"{path}: chunk {type} runs past the end of the file.");
                int body = at + 8;
                switch (type)
                {
                    case "IHDR":
                        width = BigEndian(file, body);
                        height = BigEndian(file, body + 4);
                        byte depth = file[body + 8], colourType = file[body + 9], interlace = file[body + 12];
                        channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
                        if (depth != 8 || channels == 0 || interlace != 0)
                        {
                            throw new NotSupportedException($"{path}: bit depth {depth}, colour type {colourType}, interlace {interlace} is not read here.");
                        }
                        break;
                    case "IDAT":
                        data.Write(file, body, length);
                        break;
                }
                if (type == "IEND") break;
                at = body + length + 4;
            }
            if (width <= 0 || height <= 0) throw new InvalidDataException($"{path} has no IHDR.");

            // The zlib stream: a 2-byte header, deflate data, a 4-byte checksum.
            data.Position = 2;
            int stride = width * channels;
            var raw = new byte[(stride + 1) * height];
            using (var inflate = new DeflateStream(data, CompressionMode.Decompress))
            {
                int read = 0;
                while (read < raw.Length)
                {
                    int n = inflate.Read(raw, read, raw.Length - read);
                    if (n == 0) throw new InvalidDataException($"{path}: the image data ends after {read} of {raw.Length} bytes.");
                    read += n;
                }
            }

            var previous = new byte[stride];
            var row = new byte[stride];
            var pixels = new int[width * height];
            for (int y = 0; y < height; y++)
            {
                int line = y * (stride + 1);
                byte filter = raw[line];
                for (int i = 0; i < stride; i++)
                {
                    int a = i >= channels ? row[i - channels] : 0;
                    int b = previous[i];
                    int c = i >= channels ? previous[i - channels] : 0;
                    int value = raw[line + 1 + i];
                    value += filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"{path}: row {y} has filter type {filter}."),
                    };
                    row[i] = (byte)value;
                }
                for (int x = 0; x < width; x++)
                {
                    int p = x * channels;
                    pixels[y * width + x] = channels >= 3 ? (row[p] << 16) | (row[p + 1] << 8) | row[p + 2] : (row[p] << 16) | (row[p] << 8) | row[p];
                }
                (previous, row) = (row, previous);
            }
            return new PngImage(width, height, pixels);
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    }
}
