using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// elst (ISO/IEC 14496-12 8.6.6): entry_count, then per entry segment_duration (unsigned) and media_time
    /// (signed), 32-bit in version 0 and 64-bit in version 1, then media_rate_integer and
    /// media_rate_fraction (together a 16.16 rate). media_time −1 is an empty edit; rate 0 a dwell.
    /// </summary>
    public class EditListBoxTests
    {
        private static byte[] Rate(short integer, ushort fraction) => Cat(I16(integer), U16(fraction));

        [Fact]
        public void Version0EmptyEditDwellAndNegativeMediaTime()
        {
            byte[] file = FullBox("elst", 0, 0, U32(4),
                U32(1000), I32(-1), Rate(1, 0),            // empty edit: 1000 movie ticks of nothing
                U32(3000), U32(2), Rate(1, 0),             // plays media from tick 2
                U32(500), U32(3000), Rate(0, 0),           // dwell: holds the sample at 3000
                U32(0xFFFFFFFF), I32(-1024), Rate(1, 0));  // negative media_time other than -1

            var elst = Single<EditListBox>(file);

            Assert.Equal(0, elst.Version);
            Assert.Equal(16 + 4 * 12, elst.Size);
            Assert.Equal(4, elst.Entries.Count);

            var empty = elst.Entries[0];
            Assert.Equal(1000L, empty.SegmentDuration);
            Assert.Equal(-1L, empty.MediaTime);
            Assert.True(empty.IsEmpty);
            Assert.Equal(1, empty.MediaRateInteger);
            Assert.Equal(0, empty.MediaRateFraction);
            Assert.Equal(1.0, empty.MediaRate);

            var play = elst.Entries[1];
            Assert.Equal(3000L, play.SegmentDuration);
            Assert.Equal(2L, play.MediaTime);
            Assert.False(play.IsEmpty);
            Assert.Equal(1.0, play.MediaRate);

            var dwell = elst.Entries[2];
            Assert.Equal(500L, dwell.SegmentDuration);
            Assert.Equal(3000L, dwell.MediaTime);
            Assert.Equal(0, dwell.MediaRateInteger);
            Assert.Equal(0.0, dwell.MediaRate);
            Assert.False(dwell.IsEmpty);

            var negative = elst.Entries[3];
            Assert.Equal(4_294_967_295L, negative.SegmentDuration);
            Assert.Equal(-1024L, negative.MediaTime);
            Assert.False(negative.IsEmpty);

            Assert.Equal(
                "duration=1000 media_time=-1 rate=1; duration=3000 media_time=2 rate=1; duration=500 media_time=3000 rate=0; duration=4294967295 media_time=-1024 rate=1",
                elst.Summary);
        }

        [Fact]
        public void Version1SixtyFourBitFields()
        {
            byte[] file = FullBox("elst", 1, 0, U32(3),
                U64(0x1_0000_0000), I64(-1), Rate(1, 0),
                U64(25), U64(0x1_0000_0002), Rate(1, 0),
                U64(7), I64(-2048), Rate(0, 0));

            var elst = Single<EditListBox>(file);

            Assert.Equal(1, elst.Version);
            Assert.Equal(16 + 3 * 20, elst.Size);
            Assert.Equal(new[] { 4_294_967_296L, 25L, 7L }, elst.Entries.Select(e => e.SegmentDuration));
            Assert.Equal(new[] { -1L, 4_294_967_298L, -2048L }, elst.Entries.Select(e => e.MediaTime));
            Assert.Equal(new[] { true, false, false }, elst.Entries.Select(e => e.IsEmpty));
            Assert.Equal(new[] { 1.0, 1.0, 0.0 }, elst.Entries.Select(e => e.MediaRate));
        }

        [Theory]
        [InlineData((short)1, (ushort)0x0000, 1.0)]
        [InlineData((short)0, (ushort)0x0000, 0.0)]
        [InlineData((short)0, (ushort)0x8000, 0.5)]    // QuickTime slow motion: 0x00008000
        [InlineData((short)1, (ushort)0x4000, 1.25)]
        [InlineData((short)2, (ushort)0xC000, 2.75)]
        [InlineData((short)-1, (ushort)0x0000, -1.0)]  // 0xFFFF0000: reverse play
        public void MediaRateIsSixteenDotSixteen(short integer, ushort fraction, double rate)
        {
            var elst = Single<EditListBox>(FullBox("elst", 0, 0, U32(1), U32(100), U32(0), Rate(integer, fraction)));

            Assert.Equal(rate, Assert.Single(elst.Entries).MediaRate);
        }

        [Fact]
        public void NoEntries()
        {
            var elst = Single<EditListBox>(FullBox("elst", 0, 0, U32(0)));

            Assert.Empty(elst.Entries);
            Assert.Equal("", elst.Summary);
        }

        [Fact]
        public void EntryCountBeyondTheBoxIsTableTooShort()
        {
            // Two entries claimed, one present.
            var (error, box) = ReadFailing(FullBox("elst", 0, 0, U32(2), U32(1), U32(0), Rate(1, 0)), "elst");

            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
            Assert.IsNotType<EditListBox>(box);
        }
    }
}
