using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// mfhd (ISO/IEC 14496-12 8.8.5): sequence_number. tfhd (8.8.7): track_ID, then by flag base_data_offset
    /// (0x1, 64 bits), sample_description_index (0x2), default_sample_duration (0x8), default_sample_size
    /// (0x10), default_sample_flags (0x20); 0x10000 duration-is-empty, 0x20000 default-base-is-moof.
    /// tfdt (8.8.12): baseMediaDecodeTime, 32 or 64 bits. trun (8.8.8): sample_count, data_offset (0x1,
    /// signed), first_sample_flags (0x4), then per sample duration (0x100), size (0x200), flags (0x400),
    /// composition time offset (0x800; unsigned in version 0, signed in version 1).
    /// </summary>
    public class MovieFragmentBoxTests
    {
        [Fact]
        public void Mfhd()
        {
            var mfhd = Single<MovieFragmentHeaderBox>(Box("moof", FullBox("mfhd", 0, 0, U32(0xFFFFFFFE))));

            Assert.Equal(0xFFFFFFFEu, mfhd.SequenceNumber);
            Assert.Equal("/moof/mfhd", mfhd.BoxPath);
            Assert.Equal("sequence_number=4294967294", mfhd.Summary);
        }

        // ---- tfhd -------------------------------------------------------------------------------

        public static TheoryData<uint, byte[], long?, uint?, uint?, uint?, uint?, string> TfhdCases => new()
        {
            // flags, optional fields, base_data_offset, sdi, duration, size, flags, summary
            { 0x000000u, new byte[0], null, null, null, null, null, "track_ID=3" },
            { 0x000001u, U64(0x1_0000_0010), 4_294_967_312L, null, null, null, null, "track_ID=3 base_data_offset=4294967312" },
            { 0x000002u, U32(2), null, 2u, null, null, null, "track_ID=3 sdi=2" },
            { 0x000008u, U32(512), null, null, 512u, null, null, "track_ID=3 duration=512" },
            { 0x000010u, U32(1500), null, null, null, 1500u, null, "track_ID=3 size=1500" },
            { 0x000020u, U32(0x01010000), null, null, null, null, 0x01010000u, "track_ID=3 flags=0x01010000" },
            { 0x010000u, new byte[0], null, null, null, null, null, "track_ID=3 duration-is-empty" },
            { 0x020000u, new byte[0], null, null, null, null, null, "track_ID=3 default-base-is-moof" },
            { 0x020028u, Cat(U32(1001), U32(0x02000000)), null, null, 1001u, null, 0x02000000u, "track_ID=3 duration=1001 flags=0x02000000 default-base-is-moof" },
            {
                0x03003Bu, Cat(U64(48), U32(1), U32(3003), U32(4096), U32(0x00010000)), 48L, 1u, 3003u, 4096u, 0x00010000u,
                "track_ID=3 base_data_offset=48 sdi=1 duration=3003 size=4096 flags=0x00010000 default-base-is-moof duration-is-empty"
            },
        };

        [Theory]
        [MemberData(nameof(TfhdCases))]
        public void Tfhd(uint flags, byte[] optional, long? baseDataOffset, uint? sdi, uint? duration, uint? size, uint? sampleFlags, string summary)
        {
            var tfhd = Single<TrackFragmentHeaderBox>(FullBox("tfhd", 0, flags, U32(3), optional));

            Assert.Equal(flags, tfhd.Flags);
            Assert.Equal(3u, tfhd.TrackId);
            Assert.Equal(baseDataOffset, tfhd.BaseDataOffset);
            Assert.Equal(sdi, tfhd.SampleDescriptionIndex);
            Assert.Equal(duration, tfhd.DefaultSampleDuration);
            Assert.Equal(size, tfhd.DefaultSampleSize);
            Assert.Equal(sampleFlags, tfhd.DefaultSampleFlags);
            Assert.Equal((flags & 0x010000) != 0, tfhd.DurationIsEmpty);
            Assert.Equal((flags & 0x020000) != 0, tfhd.DefaultBaseIsMoof);
            Assert.Equal(summary, tfhd.Summary);
        }

        [Fact]
        public void TfhdFlagWithoutItsFieldIsAnError()
        {
            var (error, _) = ReadFailing(FullBox("tfhd", 0, 0x000001, U32(1), U32(0)), "tfhd");

            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
        }

        // ---- tfdt -------------------------------------------------------------------------------

        [Theory]
        [InlineData(0, "FF FF FF FF", 4_294_967_295L)]
        [InlineData(0, "00 00 00 00", 0L)]
        [InlineData(1, "00 01 00 00 00 00 00 00", 281_474_976_710_656L)]
        [InlineData(1, "7F FF FF FF FF FF FF FF", long.MaxValue)]
        public void Tfdt(int version, string time, long expected)
        {
            var tfdt = Single<TrackFragmentDecodeTimeBox>(FullBox("tfdt", version, 0, Hex(time)));

            Assert.Equal(expected, tfdt.BaseMediaDecodeTime);
            Assert.Equal($"baseMediaDecodeTime={expected}", tfdt.Summary);
        }

        [Fact]
        public void TfdtVersion1BeyondInt64IsInvalid()
        {
            var (error, _) = ReadFailing(FullBox("tfdt", 1, 0, U64(0x8000_0000_0000_0000)), "tfdt");

            Assert.Equal(Mp4ErrorKind.InvalidField, error.Kind);
        }

        // ---- trun -------------------------------------------------------------------------------

        private static readonly (uint Duration, uint Size, uint Flags, int Offset)[] RunSamples =
        {
            (1000, 200, 0x02000000, 2000),
            (1001, 300, 0x01010000, -500),
            (999, 0, 0x01010000, 0),
        };

        /// <summary>Every combination of the six trun flags, in both versions.</summary>
        public static IEnumerable<object[]> TrunFlagCombinations()
        {
            uint[] bits = { 0x001, 0x004, 0x100, 0x200, 0x400, 0x800 };
            for (int version = 0; version <= 1; version++)
            {
                for (int mask = 0; mask < 64; mask++)
                {
                    uint flags = 0;
                    for (int b = 0; b < 6; b++) if ((mask & (1 << b)) != 0) flags |= bits[b];
                    yield return new object[] { version, flags };
                }
            }
        }

        [Theory]
        [MemberData(nameof(TrunFlagCombinations))]
        public void TrunFlagCombination(int version, uint flags)
        {
            bool hasDataOffset = (flags & 0x001) != 0, hasFirstFlags = (flags & 0x004) != 0;
            bool hasDuration = (flags & 0x100) != 0, hasSize = (flags & 0x200) != 0, hasFlags = (flags & 0x400) != 0, hasCto = (flags & 0x800) != 0;

            var parts = new List<byte[]> { U32((uint)RunSamples.Length) };
            if (hasDataOffset) parts.Add(I32(-100));
            if (hasFirstFlags) parts.Add(U32(0x02400000));
            foreach (var s in RunSamples)
            {
                if (hasDuration) parts.Add(U32(s.Duration));
                if (hasSize) parts.Add(U32(s.Size));
                if (hasFlags) parts.Add(U32(s.Flags));
                if (hasCto) parts.Add(I32(s.Offset)); // −500 is 0xFFFFFE0C in either version
            }
            byte[] file = Cat(Ftyp(), Box("moof", Box("traf", FullBox("trun", version, flags, parts.ToArray()))));

            var trun = Single<TrackRunBox>(file);

            int recordSize = 4 * new[] { hasDuration, hasSize, hasFlags, hasCto }.Count(x => x);
            long trunOffset = Ftyp().Length + 16;
            Assert.Equal(version, trun.Version);
            Assert.Equal(flags, trun.Flags);
            Assert.Equal(3u, trun.SampleCount);
            Assert.Equal(hasDataOffset ? -100 : (int?)null, trun.DataOffset);
            Assert.Equal(hasFirstFlags ? 0x02400000u : (uint?)null, trun.FirstSampleFlags);
            Assert.Equal(recordSize, trun.EntrySize);
            Assert.Equal(trunOffset + 16 + (hasDataOffset ? 4 : 0) + (hasFirstFlags ? 4 : 0), trun.EntriesOffset);
            Assert.Equal(trunOffset + 16 + (hasDataOffset ? 4 : 0) + (hasFirstFlags ? 4 : 0) + 3 * recordSize, trunOffset + trun.Size);

            if (recordSize == 0)
            {
                Assert.Empty(trun.Samples);
            }
            else
            {
                Assert.Equal(RunSamples.Select(s => hasDuration ? s.Duration : (uint?)null), trun.Samples.Select(s => s.Duration));
                Assert.Equal(RunSamples.Select(s => hasSize ? s.Size : (uint?)null), trun.Samples.Select(s => s.Size));
                Assert.Equal(RunSamples.Select(s => hasFlags ? s.Flags : (uint?)null), trun.Samples.Select(s => s.Flags));
                Assert.Equal(RunSamples.Select(s => hasCto ? s.Offset : (long?)null), trun.Samples.Select(s => s.CompositionTimeOffset));
            }

            string summary = "sample_count=3" + (hasDataOffset ? " data_offset=-100" : "") + (hasFirstFlags ? " first_sample_flags=0x02400000" : "");
            Assert.Equal(summary, trun.Summary);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public void TrunSignedCompositionOffsets(int version)
        {
            var trun = Single<TrackRunBox>(FullBox("trun", version, 0x000800, U32(3), U32(0x80000000), U32(0xFFFFFFFF), U32(0x7FFFFFFF)));

            Assert.Equal(new long?[] { int.MinValue, -1, int.MaxValue }, trun.Samples.Select(s => s.CompositionTimeOffset));
        }

        [Fact]
        public void TrunDataOffsetExtremes()
        {
            Assert.Equal(int.MinValue, Single<TrackRunBox>(FullBox("trun", 0, 0x000001, U32(0), U32(0x80000000))).DataOffset);
            Assert.Equal(int.MaxValue, Single<TrackRunBox>(FullBox("trun", 0, 0x000001, U32(0), U32(0x7FFFFFFF))).DataOffset);
        }

        [Fact]
        public void TrunSampleCountBeyondTheBoxIsTableTooShort()
        {
            // Three 8-byte records claimed, two present.
            var (error, box) = ReadFailing(FullBox("trun", 0, 0x000300, U32(3), U32(1), U32(2), U32(3), U32(4)), "trun");

            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
            Assert.IsNotType<TrackRunBox>(box);
        }

        [Fact]
        public void TrunWithoutPerSampleFieldsNeedsNoRecords()
        {
            // Every sample takes the defaults: nothing is stored per sample.
            var trun = Single<TrackRunBox>(FullBox("trun", 0, 0x000005, U32(12), I32(8), U32(0)));

            Assert.Equal(12u, trun.SampleCount);
            Assert.Equal(0, trun.EntrySize);
            Assert.Empty(trun.Samples);
        }

        [Fact]
        public void TrunClaimingMoreSamplesThanTheFileHasBytesIsRefused()
        {
            // Samples without records still each need data in the file: 2^32 - 1 of them cannot fit in a few bytes.
            var (boxes, errors) = Read(FullBox("trun", 0, 0x000005, U32(0xFFFFFFFF), I32(8), U32(0)));

            Assert.Equal(Mp4ErrorKind.InvalidField, Assert.Single(errors).Kind);
            Assert.IsNotType<TrackRunBox>(Assert.Single(boxes));
        }
    }
}
