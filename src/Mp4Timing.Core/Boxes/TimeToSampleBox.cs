using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>A run of samples sharing one value: SampleCount samples, each with Value.</summary>
    public readonly struct SampleRun
    {
        /// <summary>Creates a run.</summary>
        public SampleRun(uint sampleCount, long value)
        {
            SampleCount = sampleCount;
            Value = value;
        }

        /// <summary>sample_count.</summary>
        public uint SampleCount { get; }

        /// <summary>sample_delta (stts) or sample_offset (ctts), in media ticks.</summary>
        public long Value { get; }

        /// <inheritdoc />
        public override string ToString() => $"{SampleCount}×{Value}";
    }

    /// <summary>Base of the tables whose entries stay in the file until they are asked for.</summary>
    public abstract class SampleTableBox : FullBox
    {
        /// <summary>entry_count (or sample_count for size tables).</summary>
        public uint EntryCount { get; private protected set; }

        /// <summary>Absolute offset of the first entry in the file.</summary>
        public long EntriesOffset { get; private protected set; }

        /// <summary>Bytes per entry.</summary>
        internal abstract int EntrySize { get; }

        /// <summary>Reads entry_count, checks that the entries fit in the box and records where they start.</summary>
        private protected int ReadEntryCount(BoxDataReader reader)
        {
            EntryCount = reader.ReadUInt32();
            int count = reader.CheckEntryCount(EntryCount, EntrySize, Type);
            EntriesOffset = reader.Position;
            return count;
        }
    }

    /// <summary>A table of (sample_count, value) runs: stts and ctts.</summary>
    public abstract class RunLengthTableBox : SampleTableBox
    {
        /// <summary>The runs, when the table was read.</summary>
        public IReadOnlyList<SampleRun> Entries { get; private set; } = new SampleRun[0];

        /// <inheritdoc />
        public override string Summary => $"entry_count={EntryCount}" + RunText.First(Entries);

        internal override int EntrySize => 8;

        /// <summary>True when the values are signed 32-bit numbers.</summary>
        private protected abstract bool SignedValues { get; }

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            int count = ReadEntryCount(reader);
            if (!options.MaterializeTables) return;
            var entries = new SampleRun[count];
            for (int i = 0; i < count; i++)
            {
                uint samples = reader.ReadUInt32();
                entries[i] = new SampleRun(samples, SignedValues ? reader.ReadInt32() : reader.ReadUInt32());
            }
            Entries = entries;
        }
    }

    /// <summary>stts (TimeToSampleBox): decode time deltas, run-length coded. DTS(0) = 0, DTS(n+1) = DTS(n) + delta(n).</summary>
    public sealed class TimeToSampleBox : RunLengthTableBox
    {
        private protected override bool SignedValues => false;
    }

    /// <summary>
    /// ctts (CompositionOffsetBox): composition offsets, run-length coded. CTS(n) = DTS(n) + offset(n).
    /// Offsets are read as signed 32-bit in both versions: many writers store negative values in version 0.
    /// </summary>
    public sealed class CompositionOffsetBox : RunLengthTableBox
    {
        private protected override bool SignedValues => true;
    }

    internal static class RunText
    {
        public static string First(IReadOnlyList<SampleRun> runs)
        {
            if (runs.Count == 0) return "";
            var parts = new List<string>();
            for (int i = 0; i < runs.Count && i < 6; i++) parts.Add(runs[i].ToString());
            return " [" + string.Join(" ", parts) + (runs.Count > 6 ? " ..." : "") + "]";
        }
    }
}
