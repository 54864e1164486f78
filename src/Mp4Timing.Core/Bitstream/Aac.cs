using System;
using System.IO;
using System.Text;
using Mp4Timing.IO;

namespace Mp4Timing.Bitstream
{
    /// <summary>
    /// What ffmpeg's AAC decoder reads from the start of a raw_data_block (ISO/IEC 14496-3 4.4.2.1) that changes the
    /// samples it outputs: a fill element (FIL) whose fill data names libfaac ("libfaac 1.28"), the encoder whose
    /// delay ffmpeg knows: on reading it, the decoder drops its first 1024 output samples (unless the packet's Skip
    /// Samples side data says otherwise).
    /// </summary>
    internal static class Aac
    {
        /// <summary>The samples ffmpeg's decoder drops from a stream libfaac made.</summary>
        public const int LibfaacDelay = 1024;

        private const int FillElement = 6;
        private const int ExtensionFill = 0;

        /// <summary>True when the access unit at <paramref name="position"/> opens with a fill element naming libfaac.</summary>
        public static bool MadeByLibfaac(Stream stream, string? path, long position, long size)
        {
            if (size < 8) return false;
            var reader = new BoxDataReader(stream, path, 512);
            try
            {
                reader.Seek(position, position + Math.Min(size, 300));
                var bits = new BitReader();
                bits.Load(reader, reader.Remaining, removeEmulationPrevention: false);
                return MadeByLibfaac(bits);
            }
            catch (Mp4FormatException)
            {
                return false;
            }
        }

        /// <summary>The first element of a raw_data_block, read as ffmpeg's decode_fill reads a fill element.</summary>
        internal static bool MadeByLibfaac(BitReader bits)
        {
            if (bits.ReadBits(3) != FillElement) return false;
            int count = (int)bits.ReadBits(4);
            if (count == 15) count += (int)bits.ReadBits(8) - 1;
            if (count <= 0 || bits.ReadBits(4) != ExtensionFill) return false;
            // decode_fill: 8 × count - 4 bits remain; 13 are skipped, then the fill bytes are text.
            int remaining = 8 * count - 4;
            if (remaining < 13 + 7 * 8) return false;
            bits.ReadBits(13);
            remaining -= 13;
            var text = new StringBuilder();
            while (remaining >= 8 && text.Length < 255)
            {
                text.Append((char)bits.ReadBits(8));
                remaining -= 8;
            }
            if (bits.Failed) return false;
            return NamesLibfaac(text.ToString());
        }

        /// <summary>sscanf(buf, "libfaac %d.%d") == 2: "libfaac ", digits, a dot, digits.</summary>
        private static bool NamesLibfaac(string text)
        {
            const string Name = "libfaac ";
            if (!text.StartsWith(Name, StringComparison.Ordinal)) return false;
            int i = Name.Length;
            while (i < text.Length && text[i] == ' ') i++;
            int digits = i;
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) i++;
            while (i < text.Length && char.IsDigit(text[i])) i++;
            if (i == digits || i >= text.Length || text[i] != '.') return false;
            i++;
            while (i < text.Length && text[i] == ' ') i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) i++;
            return i < text.Length && char.IsDigit(text[i]);
        }
    }
}
