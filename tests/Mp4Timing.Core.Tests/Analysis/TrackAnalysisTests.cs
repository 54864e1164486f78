using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Analysis;
using static Mp4Timing.Tests.Support.EntryBytes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Analysis
{
    /// <summary>
    /// Track summaries of movies built by hand: every expected value is worked out from the tables written here.
    /// </summary>
    public class TrackAnalysisTests
    {
        private static List<TrackInfo> Analyze(byte[] file, List<Mp4FormatException>? errors = null)
        {
            using Mp4Movie movie = Open(file);
            return TrackAnalysis.Analyze(movie, onError: errors is null ? null : errors.Add).ToList();
        }

        private static byte[] Repeat(int count, params (uint Count, int Offset)[] pattern) =>
            Ctts(0, Enumerable.Range(0, count).SelectMany(_ => pattern).ToArray());

        [Fact]
        public void TheQuestionsFile()
        {
            // Timescale 30, 10 samples of 1 tick, ctts 2,5,2,0,1 twice, one edit: 4000 ms from media_time 2; sync at 1 and 6.
            byte[] trak = Trak(1, 30, "vide", Elst(0, (4000, 2, 1)),
                Stts((10, 1)), Repeat(2, (1, 2), (1, 5), (1, 2), (1, 0), (1, 1)), Stss(1, 6),
                Stsz(100, 10, 10, 10, 10, 50, 10, 10, 10, 10), Stsc((1, 10, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.Equal("Video", info.Kind);
            Assert.Equal(10, info.SampleCount);
            Assert.Equal(2, info.SyncSampleCount);
            Assert.Equal(230, info.Size);
            Assert.Equal(10, info.MediaDurationTicks);
            // Composition times 2,6,4,3,5 | 7,11,9,8,10; the edit takes 2 ticks off: presented from 0 to 11 - 2 + 1 = 10.
            Assert.Equal(0, info.StartTimeTicks);
            Assert.Equal(10, info.EndTimeTicks);
            Assert.Equal(10 / 30.0, info.PresentationDuration);
            // In composition order the samples are 1,4,3,5,2 | 6,9,8,10,7: sample 2 goes from 2nd to 5th place.
            Assert.True(info.HasReordering);
            Assert.Equal(3, info.ReorderDepth);
            Assert.Equal(30.0, info.FrameRate);
            Assert.Equal("Constant", info.FrameRateMode);
            // Sync samples at decode ticks 0 and 5; the second GOP runs to the end (tick 10): 5 ticks = 1/6 s.
            Assert.Equal(5 / 30.0, info.MaxSyncInterval);
            // All 230 bytes start within one second: 1840 bits/s; average 230 × 8 over 10/30 s = 5520 bits/s.
            Assert.Equal(1840, info.MaxBitRate);
            Assert.Equal(5520.0, info.BitRate!.Value, 9);
            Assert.Null(info.PrimingTicks);
            Assert.Null(info.DelayRelativeToVideo);
            TrackEdit edit = Assert.Single(info.EditList);
            Assert.Equal(4000, edit.SegmentDurationTicks);
            Assert.Equal(4.0, edit.SegmentDuration);
            Assert.Equal(2, edit.MediaTimeTicks);
            Assert.Equal(2 / 30.0, edit.MediaTime);
            Assert.False(edit.IsEmpty);
        }

        [Fact]
        public void NoBFramesNoReordering()
        {
            byte[] trak = Trak(1, 15360, "vide", null, Stts((30, 512)), Stsz(Enumerable.Repeat(100u, 30).ToArray()), Stsc((1, 30, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.False(info.HasReordering);
            Assert.Equal(0, info.ReorderDepth);
            // Without stss every sample is a sync sample.
            Assert.Equal(30, info.SyncSampleCount);
            Assert.Equal(512 / 15360.0, info.MaxSyncInterval);
            Assert.Equal(0, info.StartTimeTicks);
            Assert.Equal(15360, info.EndTimeTicks);
            Assert.Equal(512, info.MinSampleDurationTicks);
            Assert.Equal(512, info.MaxSampleDurationTicks);
        }

        [Fact]
        public void Alternating33And34AtTimescale1000IsAConstant2997()
        {
            // 300 frames of 29.97 fps at timescale 1000: 33, 33, 34, 33, 34, ... (decode times round(n × 1001 / 30)).
            uint[] deltas = Enumerable.Range(0, 300).Select(n => (uint)(Round((n + 1) * 1001 / 30.0) - Round(n * 1001 / 30.0))).ToArray();
            byte[] trak = Trak(1, 1000, "vide", null, Stts(deltas.Select(d => (1u, d)).ToArray()),
                Stsz(Enumerable.Repeat(10u, 300).ToArray()), Stsc((1, 300, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.Equal("Constant", info.FrameRateMode);
            Assert.Equal(33, info.MinSampleDurationTicks);
            Assert.Equal(34, info.MaxSampleDurationTicks);
            Assert.Equal(10010, info.MediaDurationTicks);
            Assert.Equal(300 * 1000 / 10010.0, info.FrameRate);
        }

        [Fact]
        public void VariableFrameRate()
        {
            byte[] trak = Trak(1, 600, "vide", null, Stts((32, 20), (30, 40), (27, 10), (1, 20)),
                Stsz(Enumerable.Repeat(10u, 90).ToArray()), Stsc((1, 90, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.Equal("Variable", info.FrameRateMode);
            Assert.Equal(10, info.MinSampleDurationTicks);
            Assert.Equal(40, info.MaxSampleDurationTicks);
            // 32 × 20 + 30 × 40 + 27 × 10 + 20 = 2130 ticks for 90 frames.
            Assert.Equal(2130, info.MediaDurationTicks);
            Assert.Equal(90 * 600 / 2130.0, info.FrameRate);
        }

        [Fact]
        public void MaxBitRateOverOneSecondOfDecodeTime()
        {
            // Timescale 10: a sample every 2 ticks. Sizes 5,5,50,5,5 | 5,5,60,5,5: the busiest second, [1 s, 2 s), holds
            // 5+5+60+5+5 = 80 bytes = 640 bits; [0.8 s, 1.8 s) holds as much, no window holds more.
            byte[] trak = Trak(1, 10, "vide", null, Stts((10, 2)), Stsz(5, 5, 50, 5, 5, 5, 5, 60, 5, 5), Stsc((1, 10, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.Equal(640, info.MaxBitRate);
            // 150 bytes over 2 s.
            Assert.Equal(600.0, info.BitRate);
        }

        [Fact]
        public void DelayedAudioAndItsDelayRelativeToVideo()
        {
            // Video from 0; audio with an empty edit of 478 ms (movie timescale 1000), then its media from 0.
            byte[] video = Trak(1, 15360, "vide", Elst(0, (1000, 0, 1)), Stts((30, 512)), Stsz(Enumerable.Repeat(10u, 30).ToArray()), Stsc((1, 30, 1)), Stco(1000));
            byte[] audio = Trak(2, 48000, "soun", Elst(0, (478, -1, 1), (1000, 0, 1)), Stts((47, 1024)), Stsz(Enumerable.Repeat(10u, 47).ToArray()), Stsc((1, 47, 1)), Stco(5000));
            var infos = Analyze(Movie(1000, video, audio));

            Assert.Null(infos[0].DelayRelativeToVideo);
            Assert.Equal(0, infos[0].StartTime);
            // 478 ms = 22944 ticks at 48 kHz.
            Assert.Equal(22944, infos[1].StartTimeTicks);
            Assert.Equal(0.478, infos[1].StartTime);
            Assert.Equal(0.478, infos[1].DelayRelativeToVideo!.Value, 12);
            // media_time 0: nothing skipped.
            Assert.Equal(0, infos[1].PrimingTicks);
            Assert.True(infos[1].EditList[0].IsEmpty);
            Assert.Null(infos[1].EditList[0].MediaTime);
            Assert.Equal(0.478, infos[1].EditList[1].PresentationStart);
        }

        [Fact]
        public void AacPrimingIsTheMediaTheEditListSkips()
        {
            // media_time 1024 at 48 kHz: the encoder's 1024 priming samples; the edit ends the presentation at 2 s.
            byte[] audio = Trak(1, 48000, "soun", Elst(0, (2000, 1024, 1)), Stts((96, 1024)), Stsz(Enumerable.Repeat(10u, 96).ToArray()), Stsc((1, 96, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, audio)).Single();

            Assert.Equal(1024, info.PrimingTicks);
            Assert.Equal(1024 / 48000.0, info.PrimingDuration);
            Assert.Equal(0, info.StartTimeTicks);
            // The last sample ends at media 98304, the edit at 1024 + 96000: the presentation ends at 96000 ticks = 2 s.
            Assert.Equal(96000, info.EndTimeTicks);
            Assert.Equal(2.0, info.PresentationDuration);
            Assert.Equal(98304, info.MediaDurationTicks);
            Assert.Null(info.FrameRate);
        }

        [Fact]
        public void MaxSyncIntervalCountsTheLongestGopToTheEnd()
        {
            // Sync samples 1, 21 and 61 of 90 (delta 512 at 15360): GOPs of 20, 40 and 30 samples; the longest is 40 × 512.
            byte[] trak = Trak(1, 15360, "vide", null, Stts((90, 512)), Stss(1, 21, 61), Stsz(Enumerable.Repeat(10u, 90).ToArray()), Stsc((1, 90, 1)), Stco(1000));
            Assert.Equal(40 * 512 / 15360.0, Analyze(Movie(1000, trak)).Single().MaxSyncInterval);

            // One sync sample: the whole track is one GOP.
            byte[] single = Trak(1, 15360, "vide", null, Stts((90, 512)), Stss(1), Stsz(Enumerable.Repeat(10u, 90).ToArray()), Stsc((1, 90, 1)), Stco(1000));
            Assert.Equal(3.0, Analyze(Movie(1000, single)).Single().MaxSyncInterval);
        }

        [Fact]
        public void CodecPictureAndSoundFromTheSampleEntries()
        {
            byte[] avc1 = Visual("avc1", 1280, 720, Box("avcC", Hex("01 64 00 1F FF E1 00 04 67 64 00 1F 01 00 04 68 EB E3 CB FD F8 F8 00")));
            byte[] video = TrakWithStsd(1, 15360, "vide", Stsd(avc1), null, Stts((1, 512)), Stsz(10), Stsc((1, 1, 1)), Stco(1000));
            // An ISO mp4a entry says 2 channels (the template value); the AudioSpecificConfig says mono, 44.1 kHz.
            byte[] mp4a = Audio("mp4a", 2, 16, 44100, Esds(0x40, 5, Hex("12 08")));
            byte[] audio = TrakWithStsd(2, 44100, "soun", Stsd(mp4a), null, Stts((1, 1024)), Stsz(10), Stsc((1, 1, 1)), Stco(2000));
            byte[] opus = Audio("Opus", 2, 16, 16000, Box("dOps", U8(0), U8(1), U16(312), U32(16000), I16(0), U8(0)));
            byte[] opusTrack = TrakWithStsd(3, 48000, "soun", Stsd(opus), null, Stts((1, 960)), Stsz(10), Stsc((1, 1, 1)), Stco(3000));
            byte[] ac3 = Audio("ac-3", 2, 16, 48000, Box("dac3", Hex("10 3D C0")));
            byte[] ac3Track = TrakWithStsd(4, 48000, "soun", Stsd(ac3), null, Stts((1, 1536)), Stsz(10), Stsc((1, 1, 1)), Stco(4000));
            var infos = Analyze(Movie(1000, video, audio, opusTrack, ac3Track));

            Assert.Equal("avc1.64001F", infos[0].CodecString);
            Assert.Equal((1280, 720), (infos[0].Width, infos[0].Height));
            Assert.Equal((1920.0, 1080.0), (infos[0].DisplayWidth, infos[0].DisplayHeight));
            Assert.Equal(8, infos[0].BitDepth);
            Assert.Equal("mp4a.40.2", infos[1].CodecString);
            Assert.Equal((44100.0, 1), (infos[1].SampleRate, infos[1].Channels));
            Assert.Null(infos[1].Width);
            // Opus decodes at 48 kHz whatever the entry's rate; channels from dOps.
            Assert.Equal((48000.0, 1), (infos[2].SampleRate, infos[2].Channels));
            // AC-3 3/2 with LFE: 5.1.
            Assert.Equal(6, infos[3].Channels);
        }

        [Fact]
        public void EncryptedTrack()
        {
            byte[] encv = Visual("encv", 640, 360, Box("avcC", Hex("01 4D 40 1E FF E0 00")), Sinf("avc1", "cbcs"));
            byte[] trak = TrakWithStsd(1, 15360, "vide", Stsd(encv), null, Stts((1, 512)), Stsz(10), Stsc((1, 1, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.Equal("encv", info.Codec);
            Assert.Equal("avc1", info.OriginalFormat);
            Assert.Equal("avc1.4D401E", info.CodecString);
            Assert.True(info.IsEncrypted);
            Assert.Equal("cbcs", info.Scheme);
        }

        [Fact]
        public void FragmentsAreCountedAndTheirSamplesIncluded()
        {
            const uint SizePresent = 0x200, DurationPresent = 0x100, DefaultBaseIsMoof = 0x020000;
            byte[] init = Cat(Ftyp(), Box("moov", Mvhd(1000), Trak(1, 1000, "soun", null, Stts(), Stsc(), Stsz(), Stco()), Mvex((1, 20, 0, 0))));
            byte[] first = Moof(1, Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(0), Trun(0, SizePresent, null, null, new uint[] { 4 }, new uint[] { 4 })));
            byte[] second = Moof(2, Box("traf", Tfhd(1, DefaultBaseIsMoof), Trun(0, SizePresent | DurationPresent, null, null, new uint[] { 30, 4 }, new uint[] { 10, 4 })));
            byte[] file = Cat(init, first, Box("mdat", Zeros(8)), second, Box("mdat", Zeros(8)));
            TrackInfo info = Analyze(file).Single();

            Assert.True(info.IsFragmented);
            Assert.Equal(2, info.FragmentCount);
            Assert.Equal(4, info.SampleCount);
            Assert.Equal(20 + 20 + 30 + 10, info.MediaDurationTicks);
            Assert.Equal(16, info.Size);
        }

        [Fact]
        public void ATrackCutShortDescribesTheSamplesBeforeTheCut()
        {
            // Data in the file (dref self-contained); the third chunk starts past the end of the file.
            byte[] trak = TrakWithData(1, 1000, "soun", "mp4a", null, dataInFile: true, Stts((3, 20)), Stsz(4, 4, 4), Stsc((1, 1, 1)), Stco(40, 44, 100000));
            var errors = new List<Mp4FormatException>();
            TrackInfo info = Analyze(Movie(1000, trak), errors).Single();

            Mp4FormatException error = Assert.Single(errors);
            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.Equal(error.Message, info.ReadError);
            Assert.Equal(2, info.SampleCount);
            Assert.Equal(8, info.Size);
        }

        [Fact]
        public void AWindowOfReorderingBeyondTheLimitIsReportedAsMoreThanIt()
        {
            // Sample 1200 is presented first: it moves 1199 places, more than the 1024 the window holds.
            int count = 1200;
            var offsets = Enumerable.Range(0, count).Select(i => (1u, i == count - 1 ? -(count - 1) * 10 : 10)).ToArray();
            byte[] trak = Trak(1, 1000, "vide", null, Stts(((uint)count, 10)), Ctts(1, offsets), Stsz(Enumerable.Repeat(1u, count).ToArray()), Stsc((1, (uint)count, 1)), Stco(1000));
            TrackInfo info = Analyze(Movie(1000, trak)).Single();

            Assert.Equal(TrackAnalyzer.ReorderCapacity + 1, info.ReorderDepth);
            Assert.True(info.HasReordering);
        }

        private static long Round(double value) => (long)System.Math.Round(value, System.MidpointRounding.AwayFromZero);
    }
}
