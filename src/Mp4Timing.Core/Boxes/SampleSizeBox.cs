using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>
    /// stsz (SampleSizeBox) and stz2 (CompactSampleSizeBox): the size of every sample. stsz either gives
    /// one size for all samples or a 32-bit size each; stz2 packs sizes in 4, 8 or 16 bits.
    /// The sample count of this table is the track's sample count.
    /// </summary>
    public sealed class SampleSizeBox : FullBox
    {
        /// <summary>True for stz2.</summary>
        public bool IsCompact => Type == "stz2";

        /// <summary>sample_size: the size of every sample, or 0 when each has its own entry (always 0 for stz2).</summary>
        public uint ConstantSampleSize { get; private set; }

        /// <summary>field_size in bits: 32 for stsz, 4, 8 or 16 for stz2.</summary>
        public int FieldSize { get; private set; }

        /// <summary>sample_count: the number of samples in the track.</summary>
        public uint SampleCount { get; private set; }

        /// <summary>Absolute offset of the first entry size.</summary>
        public long EntriesOffset { get; private set; }

        /// <summary>The per-sample sizes, when the table was read and ConstantSampleSize is 0.</summary>
        public IReadOnlyList<uint> EntrySizes { get; private set; } = new uint[0];

        /// <inheritdoc />
        public override string Summary => ConstantSampleSize != 0
            ? $"sample_count={SampleCount} sample_size={ConstantSampleSize}"
            : $"sample_count={SampleCount} field_size={FieldSize}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            if (IsCompact)
            {
                reader.Skip(3);
                FieldSize = reader.ReadByte();
                if (FieldSize != 4 && FieldSize != 8 && FieldSize != 16)
                {
                    throw reader.Fail(Mp4ErrorKind.InvalidField, $"stz2 field_size is {FieldSize}; only 4, 8 and 16 are defined", reader.Position - 1);
                }
            }
            else
            {
                ConstantSampleSize = reader.ReadUInt32();
                FieldSize = 32;
            }
            SampleCount = reader.ReadUInt32();
            EntriesOffset = reader.Position;
            if (ConstantSampleSize != 0) return;

            long bytes = ((long)SampleCount * FieldSize + 7) / 8;
            reader.CheckEntryCount(bytes, 1, Type);
            if (!options.MaterializeTables) return;
            var sizes = new uint[SampleCount];
            for (int i = 0; i < sizes.Length; i++)
            {
                sizes[i] = FieldSize switch
                {
                    32 => reader.ReadUInt32(),
                    16 => reader.ReadUInt16(),
                    8 => reader.ReadByte(),
                    _ => ReadNibble(reader, i, sizes),
                };
            }
            EntrySizes = sizes;
        }

        private static uint ReadNibble(BoxDataReader reader, int index, uint[] sizes)
        {
            if (index % 2 == 0)
            {
                byte b = reader.ReadByte();
                if (index + 1 < sizes.Length) sizes[index + 1] = (uint)(b & 0xF);
                return (uint)(b >> 4);
            }
            return sizes[index];
        }
    }
}
