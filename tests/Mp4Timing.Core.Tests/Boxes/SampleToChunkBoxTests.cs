using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>stsc (ISO/IEC 14496-12 8.7.4): entry_count, then (first_chunk, samples_per_chunk, sample_description_index).</summary>
    public class SampleToChunkBoxTests
    {
        [Fact]
        public void Entries()
        {
            var stsc = Single<SampleToChunkBox>(FullBox("stsc", 0, 0, U32(3),
                U32(1), U32(10), U32(1),
                U32(5), U32(7), U32(1),
                U32(6), U32(3), U32(2)));

            Assert.Equal(3u, stsc.EntryCount);
            Assert.Equal(16, stsc.EntriesOffset);
            Assert.Equal(new uint[] { 1, 5, 6 }, stsc.Entries.Select(e => e.FirstChunk));
            Assert.Equal(new uint[] { 10, 7, 3 }, stsc.Entries.Select(e => e.SamplesPerChunk));
            Assert.Equal(new uint[] { 1, 1, 2 }, stsc.Entries.Select(e => e.SampleDescriptionIndex));
            Assert.Equal("entry_count=3 [first_chunk=1 samples_per_chunk=10 sdi=1 ...]", stsc.Summary);
        }

        [Fact]
        public void SingleEntry()
        {
            var stsc = Single<SampleToChunkBox>(FullBox("stsc", 0, 0, U32(1), U32(1), U32(1024), U32(1)));

            Assert.Equal("entry_count=1 [first_chunk=1 samples_per_chunk=1024 sdi=1]", stsc.Summary);
        }

        [Fact]
        public void Empty()
        {
            var stsc = Single<SampleToChunkBox>(FullBox("stsc", 0, 0, U32(0)));

            Assert.Empty(stsc.Entries);
            Assert.Equal("entry_count=0", stsc.Summary);
        }

        [Fact]
        public void PartialEntryIsTableTooShort()
        {
            // Two entries claimed: 12 + 8 bytes present.
            var (error, _) = Support.SpecBytes.ReadFailing(FullBox("stsc", 0, 0, U32(2), U32(1), U32(1), U32(1), U32(2), U32(1)), "stsc");

            Assert.Equal(Mp4ErrorKind.TableTooShort, error.Kind);
        }
    }
}
