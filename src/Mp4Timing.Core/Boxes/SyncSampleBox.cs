using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>
    /// stss (SyncSampleBox) and QuickTime's stps (partial sync samples): 1-based numbers of the
    /// samples a decoder can start from. A track without stss has only sync samples.
    /// </summary>
    public sealed class SyncSampleBox : SampleTableBox
    {
        /// <summary>sample_number entries, when the table was read.</summary>
        public IReadOnlyList<uint> SampleNumbers { get; private set; } = new uint[0];

        /// <inheritdoc />
        public override string Summary
        {
            get
            {
                string first = SampleNumbers.Count == 0 ? "" : " [" + string.Join(",", Take(SampleNumbers, 8)) + (SampleNumbers.Count > 8 ? ",..." : "") + "]";
                return $"entry_count={EntryCount}{first}";
            }
        }

        internal override int EntrySize => 4;

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            int count = ReadEntryCount(reader);
            if (!options.MaterializeTables) return;
            var numbers = new uint[count];
            for (int i = 0; i < count; i++) numbers[i] = reader.ReadUInt32();
            SampleNumbers = numbers;
        }

        private static IEnumerable<uint> Take(IReadOnlyList<uint> list, int count)
        {
            for (int i = 0; i < list.Count && i < count; i++) yield return list[i];
        }
    }

    /// <summary>The dependency flags of one sample (sdtp byte, or bits 20-27 of fragment sample flags).</summary>
    public readonly struct SampleDependency
    {
        /// <summary>Wraps the packed byte: is_leading(2) sample_depends_on(2) sample_is_depended_on(2) sample_has_redundancy(2).</summary>
        public SampleDependency(byte packed) => Packed = packed;

        /// <summary>The byte as stored.</summary>
        public byte Packed { get; }

        /// <summary>is_leading: 0 unknown, 1 leading with dependency before the sync sample, 2 not leading, 3 leading without it.</summary>
        public int IsLeading => Packed >> 6;

        /// <summary>sample_depends_on: 0 unknown, 1 depends on others (not an I picture), 2 does not (I picture).</summary>
        public int DependsOn => (Packed >> 4) & 3;

        /// <summary>sample_is_depended_on: 0 unknown, 1 others depend on it, 2 disposable.</summary>
        public int IsDependedOn => (Packed >> 2) & 3;

        /// <summary>sample_has_redundancy: 0 unknown, 1 redundant coding, 2 none.</summary>
        public int HasRedundancy => Packed & 3;

        /// <inheritdoc />
        public override string ToString() => $"leading={IsLeading} depends_on={DependsOn} depended_on={IsDependedOn} redundancy={HasRedundancy}";
    }

    /// <summary>sdtp (SampleDependencyTypeBox): one byte of dependency flags per sample.</summary>
    public sealed class SampleDependencyTypeBox : FullBox
    {
        /// <summary>The number of entries (one per sample; the sample count comes from stsz).</summary>
        public long EntryCount { get; private set; }

        /// <summary>Absolute offset of the first entry.</summary>
        public long EntriesOffset { get; private set; }

        /// <summary>The per-sample flags, when the table was read.</summary>
        public IReadOnlyList<SampleDependency> Entries { get; private set; } = new SampleDependency[0];

        /// <inheritdoc />
        public override string Summary => $"entries={EntryCount}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            EntriesOffset = reader.Position;
            EntryCount = reader.CheckEntryCount(reader.Remaining, 1, "sdtp");
            if (!options.MaterializeTables) return;
            byte[] bytes = reader.ReadBytes((int)EntryCount);
            var entries = new SampleDependency[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) entries[i] = new SampleDependency(bytes[i]);
            Entries = entries;
        }
    }
}
