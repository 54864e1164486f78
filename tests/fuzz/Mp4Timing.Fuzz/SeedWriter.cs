using System;
using System.Buffers.Binary;
using System.IO;

namespace Mp4Timing.Fuzz
{
    /// <summary>
    /// Makes small seeds from real files: the top-level boxes are copied, except that each mdat keeps
    /// only its header (with its size fixed). The tables still point into the missing media data, which the
    /// readers must handle anyway; AFL spends its mutations on the boxes that are parsed.
    /// A plain scanner of top-level headers (not the library under test) does the cutting.
    /// </summary>
    internal static class SeedWriter
    {
        public static int Write(string outputDirectory, string[] files)
        {
            Directory.CreateDirectory(outputDirectory);
            foreach (string file in files)
            {
                byte[] bytes = File.ReadAllBytes(file);
                byte[] stripped = StripMdat(bytes);
                string name = Path.GetFileNameWithoutExtension(file) + "-nomdat" + Path.GetExtension(file);
                File.WriteAllBytes(Path.Combine(outputDirectory, name), stripped);
                Console.WriteLine($"{name}: {bytes.Length} -> {stripped.Length} bytes");
            }
            return 0;
        }

        internal static byte[] StripMdat(byte[] bytes)
        {
            using var output = new MemoryStream();
            long position = 0;
            while (position + 8 <= bytes.Length)
            {
                long size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)position));
                string type = System.Text.Encoding.ASCII.GetString(bytes, (int)position + 4, 4);
                int header = 8;
                if (size == 1)
                {
                    if (position + 16 > bytes.Length) break;
                    size = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan((int)position + 8));
                    header = 16;
                }
                else if (size == 0)
                {
                    size = bytes.Length - position;
                }
                if (size < header || position + size > bytes.Length) size = bytes.Length - position;

                if (type == "mdat")
                {
                    // An empty mdat with a 32-bit size.
                    output.Write(new byte[] { 0, 0, 0, 8 });
                    output.Write(bytes, (int)position + 4, 4);
                }
                else
                {
                    output.Write(bytes, (int)position, (int)size);
                }
                position += size;
            }
            if (position < bytes.Length) output.Write(bytes, (int)position, bytes.Length - (int)position);
            return output.ToArray();
        }
    }
}
