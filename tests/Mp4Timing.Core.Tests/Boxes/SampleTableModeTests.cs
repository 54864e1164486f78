using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// How sample tables are read: materialized into arrays (the default) or left in the file
    /// (<see cref="BoxReadOptions.MaterializeTables"/> = false) with only their count and the absolute
    /// offset of their first entry; and how a count that the box cannot hold is refused before anything
    /// is allocated for it.
    /// </summary>
    public class SampleTableModeTests
    {
        private static readonly BoxReadOptions InPlace = new BoxReadOptions { MaterializeTables = false };

        /// <summary>Each table box with two entries; the header bytes before the first entry; the first entry's first 4 bytes.</summary>
        public static TheoryData<string, byte[], int, uint> Tables => new()
        {
            { "stts", FullBox("stts", 0, 0, U32(2), U32(10), U32(1001), U32(1), U32(2002)), 16, 10 },
            { "ctts", FullBox("ctts", 1, 0, U32(2), U32(3), I32(-512), U32(1), U32(0)), 16, 3 },
            { "stss", FullBox("stss", 0, 0, U32(2), U32(1), U32(31)), 16, 1 },
            { "stps", FullBox("stps", 0, 0, U32(2), U32(5), U32(9)), 16, 5 },
            { "stsc", FullBox("stsc", 0, 0, U32(2), U32(1), U32(10), U32(1), U32(4), U32(7), U32(1)), 16, 1 },
            { "stco", FullBox("stco", 0, 0, U32(2), U32(0x1000), U32(0x2000)), 16, 0x1000 },
            { "co64", FullBox("co64", 0, 0, U32(2), U64(0xABCD_0000_1000), U64(0x2000)), 16, 0xABCD },
            { "sbgp", FullBox("sbgp", 0, 0, Ascii("roll"), U32(2), U32(1), U32(1), U32(9), U32(0)), 20, 1 },
            { "sbgp", FullBox("sbgp", 1, 0, Ascii("seig"), U32(0), U32(2), U32(4), U32(1), U32(4), U32(2)), 24, 4 },
        };

        [Theory]
        [MemberData(nameof(Tables))]
        public void InPlaceRecordsCountAndWhereTheEntriesStart(string type, byte[] box, int headerBytes, uint firstWord)
        {
            // Behind an ftyp and inside stbl, so that the offset must be absolute.
            byte[] file = Cat(Ftyp(), Box("stbl", box));
            long boxOffset = Ftyp().Length + 8;

            var table = First<SampleTableBox>(file, InPlace);

            Assert.Equal(type, table.Type);
            Assert.Equal(boxOffset, table.Offset);
            Assert.Equal(2u, table.EntryCount);
            Assert.Equal(boxOffset + headerBytes, table.EntriesOffset);
            Assert.Equal(firstWord, ReadU32(file, table.EntriesOffset));
            Assert.Empty(EntriesOf(table));

            var materialized = First<SampleTableBox>(file);
            Assert.Equal(table.EntriesOffset, materialized.EntriesOffset);
            Assert.Equal(2, EntriesOf(materialized).Count);
        }

        [Theory]
        [InlineData("stsz", 32, 4u)]
        [InlineData("stz2", 16, 4u)]
        [InlineData("stz2", 8, 5u)]
        [InlineData("stz2", 4, 5u)]
        public void InPlaceSampleSizes(string type, int fieldSize, uint count)
        {
            byte[] sizes = Cat(Enumerable.Range(0, (int)((count * fieldSize + 7) / 8)).Select(i => U8(0x11 * (i + 1))).ToArray());
            byte[] box = type == "stsz"
                ? FullBox("stsz", 0, 0, U32(0), U32(count), sizes)
                : FullBox("stz2", 0, 0, U24(0), U8(fieldSize), U32(count), sizes);
            byte[] file = Cat(Ftyp(), Box("stbl", box));
            long boxOffset = Ftyp().Length + 8;

            var inPlace = First<SampleSizeBox>(file, InPlace);

            Assert.Equal(count, inPlace.SampleCount);
            Assert.Equal(fieldSize, inPlace.FieldSize);
            Assert.Equal(boxOffset + 20, inPlace.EntriesOffset);
            Assert.Equal(0x11, file[inPlace.EntriesOffset]);
            Assert.Empty(inPlace.EntrySizes);
            Assert.Equal((int)count, First<SampleSizeBox>(file).EntrySizes.Count);
        }

        [Fact]
        public void InPlaceTrun()
        {
            byte[] file = Cat(Ftyp(), Box("moof", Box("traf", FullBox("trun", 1, 0x000B05, U32(2), I32(200), U32(0x02000000),
                U32(1000), U32(0x1111), I32(-10),
                U32(1000), U32(0x2222), I32(20)))));
            long trunOffset = Ftyp().Length + 16;

            var trun = First<TrackRunBox>(file, InPlace);

            Assert.Equal(2u, trun.SampleCount);
            Assert.Equal(200, trun.DataOffset);
            Assert.Equal(0x02000000u, trun.FirstSampleFlags);
            Assert.Equal(12, trun.EntrySize);
            Assert.Equal(trunOffset + 24, trun.EntriesOffset);
            Assert.Equal(1000u, ReadU32(file, trun.EntriesOffset));
            Assert.Empty(trun.Samples);
            Assert.Equal(2, First<TrackRunBox>(file).Samples.Count);
        }

        [Fact]
        public void InPlaceSdtp()
        {
            byte[] file = Cat(Ftyp(), Box("stbl", FullBox("sdtp", 0, 0, new byte[] { 0x20, 0x18, 0x18 })));

            var sdtp = First<SampleDependencyTypeBox>(file, InPlace);

            Assert.Equal(3L, sdtp.EntryCount);
            Assert.Equal(Ftyp().Length + 8 + 12, sdtp.EntriesOffset);
            Assert.Equal(0x20, file[sdtp.EntriesOffset]);
            Assert.Empty(sdtp.Entries);
            Assert.Equal(3, First<SampleDependencyTypeBox>(file).Entries.Count);
        }

        [Fact]
        public void TheBuiltInInPlaceOptionsDoNotMaterialize()
        {
            Assert.False(BoxReadOptions.InPlace.MaterializeTables);
            Assert.True(BoxReadOptions.Default.MaterializeTables);
        }

        // ---- lying counts -------------------------------------------------------------------------

        /// <summary>Boxes whose count says 0xFFFFFFFF (0xFFFF for sidx) while the box holds one entry at most.</summary>
        public static TheoryData<string, byte[]> LyingCounts => new()
        {
            { "stts", FullBox("stts", 0, 0, U32(0xFFFFFFFF), U32(1), U32(1)) },
            { "ctts", FullBox("ctts", 0, 0, U32(0xFFFFFFFF), U32(1), U32(1)) },
            { "stss", FullBox("stss", 0, 0, U32(0xFFFFFFFF), U32(1)) },
            { "stps", FullBox("stps", 0, 0, U32(0xFFFFFFFF), U32(1)) },
            { "stsc", FullBox("stsc", 0, 0, U32(0xFFFFFFFF), U32(1), U32(1), U32(1)) },
            { "stco", FullBox("stco", 0, 0, U32(0xFFFFFFFF), U32(48)) },
            { "co64", FullBox("co64", 0, 0, U32(0xFFFFFFFF), U64(48)) },
            { "sbgp", FullBox("sbgp", 0, 0, Ascii("roll"), U32(0xFFFFFFFF), U32(1), U32(1)) },
            { "stsz", FullBox("stsz", 0, 0, U32(0), U32(0xFFFFFFFF), U32(100)) },
            { "stz2", FullBox("stz2", 0, 0, U24(0), U8(4), U32(0xFFFFFFFF), U8(0x12)) },
            { "stz2", FullBox("stz2", 0, 0, U24(0), U8(16), U32(0xFFFFFFFF), U16(7)) },
            { "elst", FullBox("elst", 0, 0, U32(0xFFFFFFFF), U32(1), U32(0), U32(0x00010000)) },
            { "elst", FullBox("elst", 1, 0, U32(0xFFFFFFFF), U64(1), U64(0), U32(0x00010000)) },
            { "trun", FullBox("trun", 0, 0x000F01, U32(0xFFFFFFFF), I32(8), U32(1), U32(1), U32(1), U32(1)) },
            { "sidx", FullBox("sidx", 0, 0, U32(1), U32(1000), U32(0), U32(0), U16(0), U16(0xFFFF), U32(1), U32(1), U32(0x90000000)) },
            { "tfra", FullBox("tfra", 1, 0, U32(1), U32(0x3F), U32(0xFFFFFFFF), U64(0), U64(0), U32(1), U32(1), U32(1)) },
            { "pssh", FullBox("pssh", 1, 0, Uuid("1077efec-c0b2-4d02-ace3-3c1e52e2fb4b"), U32(0xFFFFFFFF), Zeros(16), U32(0)) },
            { "keys", FullBox("keys", 0, 0, U32(0xFFFFFFFF), U32(12), Ascii("mdta"), Ascii("make")) },
        };

        [Theory]
        [MemberData(nameof(LyingCounts))]
        public void LyingCountIsTableTooShortWithoutAHugeAllocation(string type, byte[] box)
        {
            foreach (BoxReadOptions options in new[] { BoxReadOptions.Default, InPlace })
            {
                byte[] file = Cat(Ftyp(), box, Box("free"));
                long before = GC.GetAllocatedBytesForCurrentThread();

                var (boxes, errors) = Read(file, options);

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < 4_000_000, $"{type}: reading allocated {allocated} bytes");
                var error = Assert.Single(errors);
                Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
                Assert.Equal("/" + type, error.BoxPath);

                // The box is kept as a plain box with its place in the file; the walk goes on.
                Box kept = boxes[1];
                Assert.Equal(typeof(Box), kept.GetType());
                Assert.Equal(type, kept.Type);
                Assert.Equal(Ftyp().Length, kept.Offset);
                Assert.Equal(box.Length, kept.Size);
                Assert.Equal("free", boxes[2].Type);
            }
        }

        private static uint ReadU32(byte[] file, long offset) =>
            (uint)(file[offset] << 24 | file[offset + 1] << 16 | file[offset + 2] << 8 | file[offset + 3]);

        private static IReadOnlyCollection<object> EntriesOf(SampleTableBox table) => table switch
        {
            TimeToSampleBox b => b.Entries.Cast<object>().ToList(),
            CompositionOffsetBox b => b.Entries.Cast<object>().ToList(),
            SyncSampleBox b => b.SampleNumbers.Cast<object>().ToList(),
            SampleToChunkBox b => b.Entries.Cast<object>().ToList(),
            ChunkOffsetBox b => b.ChunkOffsets.Cast<object>().ToList(),
            SampleToGroupBox b => b.Entries.Cast<object>().ToList(),
            _ => throw new ArgumentException(table.Type),
        };
    }
}
