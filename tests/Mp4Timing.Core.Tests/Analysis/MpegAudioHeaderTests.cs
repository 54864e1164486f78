using System.Linq;
using Mp4Timing.Analysis;
using static Mp4Timing.Tests.Support.EntryBytes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Analysis
{
    /// <summary>MPEG audio frame headers (ISO/IEC 11172-3 2.4.1.3): where an MP3 track's rate and channels are.</summary>
    public class MpegAudioHeaderTests
    {
        [Theory]
        // FF FB: sync, MPEG-1 (11), Layer III (01), no CRC; 90: bitrate 1001, 44.1 kHz (00); C4: mode 11 = single channel.
        [InlineData(0xFFFB90C4u, 44100, 1)]
        // 94: sampling_frequency 01 = 48 kHz; 44: mode 01 = joint stereo.
        [InlineData(0xFFFB9444u, 48000, 2)]
        // FF F3: MPEG-2 (10): half the MPEG-1 rates, 22.05 kHz.
        [InlineData(0xFFF39004u, 22050, 2)]
        // FF E3: MPEG-2.5 (00): a quarter, 11.025 kHz.
        [InlineData(0xFFE390C4u, 11025, 1)]
        public void Headers(uint header, int rate, int channels)
        {
            Assert.True(MpegAudioHeader.TryRead(header, out MpegAudioHeader read));
            Assert.Equal(rate, read.SampleRate);
            Assert.Equal(channels, read.Channels);
        }

        [Theory]
        [InlineData(0x00000000u)] // no sync
        [InlineData(0xFFEB90C4u)] // version 01: reserved
        [InlineData(0xFFF990C4u)] // layer 00: reserved
        [InlineData(0xFFFB9CC4u)] // sampling_frequency 11: reserved
        public void NotAHeader(uint header)
        {
            Assert.False(MpegAudioHeader.TryRead(header, out _));
        }

        [Fact]
        public void AnMp3TrackTakesItsChannelsFromTheFirstFrame()
        {
            // ISO writers template the entry's channelcount at 2; the first frame says single channel at 44.1 kHz.
            byte[] mp4a = Audio("mp4a", 2, 16, 44100, Esds(0x6B, 5, null));
            byte[] Build(uint offset) => Cat(Ftyp(), Box("moov", Mvhd(1000),
                TrakWithStsd(1, 44100, "soun", Stsd(mp4a), null, dataInFile: true, Stts((1, 1152)), Stsz(4), Stsc((1, 1, 1)), Stco(offset))),
                Box("mdat", Hex("FF FB 90 C4")));
            byte[] file = Build((uint)(Build(0).Length - 4));

            using Mp4Movie movie = Open(file);
            TrackInfo info = TrackAnalysis.Analyze(movie).Single();
            Assert.Equal("mp4a.6B", info.CodecString);
            Assert.Equal(44100, info.SampleRate);
            Assert.Equal(1, info.Channels);
        }
    }
}
