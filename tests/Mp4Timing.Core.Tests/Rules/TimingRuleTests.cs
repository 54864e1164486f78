using System.Collections.Generic;
using System.IO;
using System.Linq;
using static Mp4Timing.Tests.Support.EntryBytes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.MovieBytes;

namespace Mp4Timing.Tests.Rules
{
    /// <summary>
    /// Each timing rule on a movie built by hand to break it, with the numbers of its message worked out from the tables
    /// written here; and the same movie mended, or the rule's threshold raised, for silence.
    /// </summary>
    public class TimingRuleTests
    {
        private const uint DefaultBaseIsMoof = 0x020000;
        private const uint DurationPresent = 0x100;

        private static IReadOnlyList<TimingFinding> Check(byte[] file, params string[] rules) => Check(file, null, rules);

        private static IReadOnlyList<TimingFinding> Check(byte[] file, System.Collections.IDictionary? settings, params string[] rules)
        {
            using Mp4Movie movie = Open(file);
            var errors = new List<Mp4FormatException>();
            IReadOnlyList<TimingFinding> findings = TimingRuleSet.Create(rules.Length == 0 ? null : rules, settings: settings).Check(movie, onError: errors.Add);
            Assert.Empty(errors);
            return findings;
        }

        private static TimingFinding Single(byte[] file, string rule, System.Collections.IDictionary? settings = null)
        {
            TimingFinding finding = Assert.Single(Check(file, settings, rule));
            Assert.Equal(rule, finding.Rule);
            return finding;
        }

        private static byte[] Sizes(int count) => Stsz(Enumerable.Repeat(10u, count).ToArray());

        /// <summary>A video track at timescale 30 with the given stts runs and extra tables, one chunk.</summary>
        private static byte[] Video(byte[]? edts, (uint Count, uint Delta)[] stts, params byte[][] tables)
        {
            int count = (int)stts.Sum(r => r.Count);
            return Movie(1000, Trak(1, 30, "vide", edts, Cat(Stts(stts), Cat(tables), Sizes(count), Stsc((1, (uint)count, 1)), Stco(1000))));
        }

        [Fact]
        public void AnSttsDeltaOfZeroIsADecodeTimeNotAfterTheOneBeforeAZeroDurationAndTwoSamplesAtOneTime()
        {
            // Deltas 1, 1, 1, 0, 1, 1: samples 4 and 5 both decode (and, without ctts or edits, show) at tick 3 = 0.1 s.
            byte[] file = Video(null, new (uint, uint)[] { (3, 1), (1, 0), (2, 1) });

            var findings = Check(file, "DtsNotIncreasing", "ZeroDurationSample", "DuplicatePts");

            TimingFinding dts = findings.Single(f => f.Rule == "DtsNotIncreasing");
            Assert.Equal("Error", dts.Severity);
            Assert.Equal(1u, dts.TrackId);
            Assert.Equal(5, dts.Sample);
            Assert.Equal(3 / 30.0, dts.Time);
            Assert.Equal(1, dts.Count);
            Assert.Equal("sample 5 decodes at 0.1 s, not after sample 4 (0.1 s): stts delta 0", dts.Message);
            Assert.NotEmpty(dts.Hint);

            TimingFinding zero = findings.Single(f => f.Rule == "ZeroDurationSample");
            Assert.Equal("Warning", zero.Severity);
            Assert.Equal(4, zero.Sample);
            Assert.Equal("sample 4 (at 0.1 s) lasts 0 ticks, and a sample follows it", zero.Message);

            TimingFinding twice = findings.Single(f => f.Rule == "DuplicatePts");
            Assert.Equal("Error", twice.Severity);
            Assert.Equal(4, twice.Sample);
            Assert.Equal(1, twice.Count);
            Assert.Equal("samples 4 and 5 are both presented at 0.1 s (3 ticks)", twice.Message);

            Assert.Empty(Check(Video(null, new (uint, uint)[] { (6, 1) }), "DtsNotIncreasing", "ZeroDurationSample", "DuplicatePts"));
        }

        [Fact]
        public void ALastSampleOfNoDurationIsLetOff()
        {
            Assert.Empty(Check(Video(null, new (uint, uint)[] { (5, 1), (1, 0) }), "ZeroDurationSample", "DtsNotIncreasing"));
        }

        [Fact]
        public void AnSttsDeltaThatIsNegativeAsASignedNumberTakesTheDecodeTimeBack()
        {
            // Timescale 30: sample 2's delta 0xFFFFFFFF is -1 signed; sample 3 decodes at 1 + 4294967295 = 4294967296 ticks unsigned.
            byte[] file = Video(null, new (uint, uint)[] { (1, 1), (1, 0xFFFFFFFF), (1, 1) });

            TimingFinding finding = Single(file, "DtsNotIncreasing");

            Assert.Equal(3, finding.Sample);
            Assert.Equal("sample 3 follows an stts delta of 4294967295 (sample 2's), which is -1 read as a signed number: its decode time goes back to 0.0 s, " +
                "or, read unsigned, jumps 143165576.5 s ahead to 143165576.53333 s", finding.Message);
        }

        /// <summary>ftyp + moov with one track without samples in moov, and trex defaults (duration <paramref name="duration"/>).</summary>
        private static byte[] Init(uint timescale, uint duration) =>
            Cat(Ftyp(), Box("moov", Mvhd(1000), Trak(1, timescale, "vide", null, Stts(), Stsc(), Stsz(), Stco()), Mvex((1, duration, 10, 0))));

        /// <summary>A moof with one traf: tfdt, and <paramref name="samples"/> samples of the trex duration and size.</summary>
        private static byte[] Fragment(uint sequence, ulong tfdt, int samples) =>
            Moof(sequence, Box("traf", Tfhd(1, DefaultBaseIsMoof), Tfdt(tfdt), Trun(0, 0, null, null, Enumerable.Repeat(new uint[0], samples).ToArray())));

        [Fact]
        public void ATfdtThatGoesBackIsAnOverlapAndADecodeTimeNotAfterTheOneBefore()
        {
            // Timescale 1000, 40 ticks a sample. Fragment 1: samples 1-3 at 0, 40, 80, ending at 120. Fragment 2's tfdt says 80:
            // an overlap of 40, and sample 4 decodes at 80 like sample 3. Fragment 2 ends at 200; fragment 3's tfdt says 300: a gap of 100.
            byte[] file = Cat(Init(1000, 40), Fragment(1, 0, 3), Fragment(2, 80, 3), Fragment(3, 300, 2));

            var findings = Check(file, "FragmentTimeJump", "DtsNotIncreasing");

            TimingFinding jump = findings.Single(f => f.Rule == "FragmentTimeJump");
            Assert.Equal("Warning", jump.Severity);
            Assert.Equal(4, jump.Sample);
            Assert.Equal(0.08, jump.Time);
            Assert.Equal(2, jump.Count);
            Assert.Equal("fragment 2 (from sample 4) starts at 0.08 s by its tfdt, where the fragment before ended at 0.12 s: an overlap of 0.04 s (40 ticks); " +
                "2 fragments in all (1 with a gap, 1 with an overlap)", jump.Message);

            TimingFinding dts = findings.Single(f => f.Rule == "DtsNotIncreasing");
            Assert.Equal(4, dts.Sample);
            Assert.Equal("sample 4 decodes at 0.08 s, not after sample 3 (0.08 s): the tfdt of its fragment (sequence number 2) goes back to 0.08 s", dts.Message);
        }

        [Fact]
        public void FragmentsWithoutTfdtOrWithTheRightTfdtDoNotJump()
        {
            byte[] file = Cat(Init(1000, 40), Fragment(1, 0, 3), Fragment(2, 120, 3), Moof(3, Box("traf", Tfhd(1, DefaultBaseIsMoof), Trun(0, 0, null, null, new uint[0]))));
            Assert.Empty(Check(file, "FragmentTimeJump", "DtsNotIncreasing"));
        }

        [Fact]
        public void AFragmentTimeJumpWithinTheToleranceIsNotReported()
        {
            byte[] file = Cat(Init(1000, 40), Fragment(1, 0, 3), Fragment(2, 121, 3));
            Assert.Single(Check(file, "FragmentTimeJump"));
            Assert.Empty(Check(file, new System.Collections.Hashtable { ["Rules"] = new System.Collections.Hashtable { ["FragmentTimeJump"] = new System.Collections.Hashtable { ["ToleranceTicks"] = 1 } } }, "FragmentTimeJump"));
        }

        [Fact]
        public void ATimeJumpBetweenPipedMediaSegmentsIsFound()
        {
            // Segment 1: samples 1-3 at 0, 40, 80 (ending at 120); segment 2's tfdt says 150: a gap of 30 ticks at its first sample, number 4.
            byte[] init = Init(1000, 40);
            byte[] segment1 = Cat(Box("styp", Ascii("msdh"), U32(0)), Fragment(1, 0, 3));
            byte[] segment2 = Cat(Box("styp", Ascii("msdh"), U32(0)), Fragment(2, 150, 3));
            TimingRuleSet rules = TimingRuleSet.Create(new[] { "FragmentTimeJump", "DtsNotIncreasing" });
            var state = new SampleReadState();
            using Mp4Movie initMovie = Open(init);
            var findings = new List<TimingFinding>();
            foreach (byte[] segment in new[] { segment1, segment2 })
            {
                using Mp4Movie movie = Mp4Movie.Open(new MemoryStream(segment), "segment.m4s", null, initMovie);
                findings.AddRange(rules.Check(movie, state: state));
            }

            TimingFinding jump = Assert.Single(findings);
            Assert.Equal(4, jump.Sample);
            Assert.Equal("fragment 2 (from sample 4) starts at 0.15 s by its tfdt, where the fragment before ended at 0.12 s: a gap of 0.03 s (30 ticks)", jump.Message);

            // Read alone (a fresh state for each), the second segment has nothing to follow.
            using Mp4Movie alone = Mp4Movie.Open(new MemoryStream(segment2), "segment.m4s", null, initMovie);
            Assert.Empty(rules.Check(alone));
        }

        [Fact]
        public void AHoleInPresentationOrder()
        {
            // Timescale 30, 10 samples of 1 tick; samples 6-10 are composed 2 ticks late: shown at 0,1,2,3,4, then 7,8,9,10,11.
            byte[] file = Video(null, new (uint, uint)[] { (10, 1) }, Ctts(0, (5, 0), (5, 2)));

            TimingFinding finding = Single(file, "PresentationGap");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(6, finding.Sample);
            Assert.Equal(7 / 30.0, finding.Time);
            Assert.Equal(1, finding.Count);
            Assert.Equal("sample 6 is presented 0.1 s after sample 5 (at 0.23333 s), where samples are 0.03333 s apart: a hole of 0.06667 s (2 ticks)", finding.Message);
        }

        [Fact]
        public void AnOverlapInPresentationOrder()
        {
            // 3 ticks a sample; samples 6-10 are composed 2 ticks early (ctts version 1): 0,3,6,9,12, then 13,16,19,22,25.
            byte[] file = Video(null, new (uint, uint)[] { (10, 3) }, Ctts(1, (5, 0), (5, -2)));

            TimingFinding finding = Single(file, "PresentationGap");

            Assert.Equal(6, finding.Sample);
            Assert.Equal("sample 6 is presented 0.03333 s after sample 5 (at 0.43333 s), where samples are 0.1 s apart: an overlap of 0.06667 s (2 ticks)", finding.Message);
            Assert.Empty(Check(file, new System.Collections.Hashtable { ["Rules"] = new System.Collections.Hashtable { ["PresentationGap"] = new System.Collections.Hashtable { ["SampleFraction"] = 0.9 } } }, "PresentationGap"));
        }

        [Fact]
        public void DecodeTimesCrowdedTogetherAreNoHoles()
        {
            // A writer that crowds the decode times of B-frames (deltas 3003, 1, 6005) but composes every frame 3003 ticks apart:
            // composition times 0, 6006, 3004 | 9009, 15015, 12013... in order 0, 3004, 6006, 9009: no hole in what is shown.
            byte[] file = Movie(1000, Trak(1, 90000, "vide", null, Stts(Enumerable.Repeat(new (uint, uint)[] { (1, 3003), (1, 1), (1, 6005) }, 10).SelectMany(r => r).ToArray()),
                Ctts(0, Enumerable.Repeat(new (uint, int)[] { (1, 0), (1, 3003), (1, 0) }, 10).SelectMany(r => r).ToArray()),
                Sizes(30), Stsc((1, 30, 1)), Stco(1000)));
            Assert.Empty(Check(file, "PresentationGap", "DuplicatePts"));
        }

        [Fact]
        public void BFramesAtAChangingFrameRateAreNoHoles()
        {
            // Timescale 600: 14 frames of 20 ticks, then 10 of 40, coded I P B B, with decode times as x264 writes them: each is the
            // presentation time of the frame two places earlier in presentation order (a decoder delay of 2). So a sample's own stts
            // delta is the duration of another frame where the rate changes; the place it holds in decode order has the right one.
            uint[] durations = Enumerable.Repeat(20u, 14).Concat(Enumerable.Repeat(40u, 10)).ToArray();
            var pts = new long[24];
            pts[0] = 40;
            for (int j = 1; j < 24; j++) pts[j] = pts[j - 1] + durations[j - 1];
            var order = new List<int>();
            for (int g = 0; g < 24; g += 4) order.AddRange(new[] { g, g + 3, g + 1, g + 2 });
            long[] dts = Enumerable.Range(0, 25).Select(i => i == 0 ? 0L : i == 1 ? 20L : i - 2 < 24 ? pts[i - 2] : 0L).ToArray();
            dts[24] = dts[23] + 40;
            var deltas = Enumerable.Range(0, 24).Select(i => (1u, (uint)(dts[i + 1] - dts[i]))).ToArray();
            var offsets = Enumerable.Range(0, 24).Select(i => (1u, (int)(pts[order[i]] - dts[i]))).ToArray();
            Assert.All(offsets, o => Assert.True(o.Item2 >= 0));
            byte[] file = Movie(1000, Trak(1, 600, "vide", null, Stts(deltas), Ctts(0, offsets), Sizes(24), Stsc((1, 24, 1)), Stco(1000)));

            Assert.Empty(Check(file, "PresentationGap", "DuplicatePts"));
        }

        [Fact]
        public void ANegativeCompositionOffsetPresentsASampleBeforeItIsDecoded()
        {
            // Decode ticks 0..5, offsets 0, 2, -1, -1, 0, 0 (version 1): presented at 0, 3, 1, 2, 4, 5.
            byte[] file = Video(null, new (uint, uint)[] { (6, 1) }, Ctts(1, (1, 0), (1, 2), (2, -1), (2, 0)));

            TimingFinding finding = Single(file, "PtsBeforeDts");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(3, finding.Sample);
            Assert.Equal(1 / 30.0, finding.Time);
            Assert.Equal(2, finding.Count);
            Assert.Equal("sample 3 is presented at 0.03333 s, 0.03333 s before it is decoded (0.06667 s): its composition offset is -1 ticks; " +
                "2 presented samples in all; the lowest offset is -1 ticks (0.03333 s)", finding.Message);
            Assert.Contains("lower every decode time by 1 ticks", finding.Hint);
        }

        [Fact]
        public void AnEditThatStartsBetweenKeyFramesHidesWhatTheFirstPresentedSampleNeeds()
        {
            // 10 samples of 1 tick (timescale 30), sync samples 1 and 6; the edit starts at media time 3: samples 1-3 are hidden,
            // sample 4 is presented first and needs them; samples 4 and 5 come before the next sync sample.
            byte[] file = Video(Elst(0, (234, 3, 1)), new (uint, uint)[] { (10, 1) }, Stss(1, 6));

            TimingFinding finding = Single(file, "StartsOnNonSyncSample");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(4, finding.Sample);
            Assert.Equal(0.0, finding.Time);
            Assert.Equal(2, finding.Count);
            Assert.Equal("the first presented sample, 4 (at 0.0 s), is not a sync sample: decoding starts at sync sample 1, 3 samples before it, " +
                "which the edit list hides (a cut between key frames); 2 presented samples come before the next sync sample", finding.Message);

            // An edit that starts at the sync sample: nothing to say.
            Assert.Empty(Check(Video(Elst(0, (167, 5, 1)), new (uint, uint)[] { (10, 1) }, Stss(1, 6)), "StartsOnNonSyncSample"));
        }

        [Fact]
        public void ATrackWhoseFirstSampleIsNoSyncSample()
        {
            byte[] file = Video(null, new (uint, uint)[] { (10, 1) }, Stss(3, 8));

            TimingFinding finding = Single(file, "StartsOnNonSyncSample");

            Assert.Equal(1, finding.Sample);
            Assert.Equal(2, finding.Count);
            Assert.Equal("the first presented sample, 1 (at 0.0 s), is not a sync sample, and no sync sample comes before it: " +
                "2 presented samples come before the next sync sample, which cannot be decoded", finding.Message);
        }

        [Fact]
        public void VideoWhoseFirstFrameIsComposedLateWithoutAnEditList()
        {
            // Timescale 30: offsets 2, 5, 2, 0, 1 (the B-frames of bframes-editlist.mp4) and no edit list: sample 1 is shown first, at 2 ticks.
            byte[] tables = Ctts(0, (1, 2), (1, 5), (1, 2), (1, 0), (1, 1));
            TimingFinding finding = Single(Video(null, new (uint, uint)[] { (5, 1) }, Stss(1), tables), "VideoStartDelay");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(1, finding.Sample);
            Assert.Equal(2 / 30.0, finding.Time);
            Assert.Equal("track 1 (video) presents its first frame, sample 1, at 0.06667 s, not at 0: nothing is shown before it; " +
                "the video has no edit list, and its first sample is composed at 0.06667 s (the B-frame delay)", finding.Message);

            // The edit list of bframes-editlist.mp4 (media_time 2) starts the presentation with that frame; an empty edit delays it again.
            Assert.Empty(Check(Video(Elst(0, (167, 2, 1)), new (uint, uint)[] { (5, 1) }, Stss(1), tables), "VideoStartDelay"));
            Assert.Equal("track 1 (video) presents its first frame, sample 1, at 0.1 s, not at 0: nothing is shown before it; an empty edit of 0.1 s delays the video",
                Single(Video(Elst(0, (100, -1, 1), (167, 2, 1)), new (uint, uint)[] { (5, 1) }, Stss(1), tables), "VideoStartDelay").Message);
        }

        [Fact]
        public void AnInterCodedVideoTrackWithoutStss()
        {
            TimingFinding finding = Single(Video(null, new (uint, uint)[] { (3, 1) }), "MissingSyncSampleTable");

            Assert.Equal("Warning", finding.Severity);
            Assert.Null(finding.Sample);
            Assert.Equal(3, finding.Count);
            Assert.Equal("track 1 (video) is avc1 video, coded with prediction between pictures, but its sample table has no stss box: " +
                "all 3 samples claim to be sync samples, so a player may seek to a picture that cannot be decoded alone", finding.Message);

            Assert.Empty(Check(Video(null, new (uint, uint)[] { (3, 1) }, Stss(1)), "MissingSyncSampleTable"));
            // ProRes is coded picture by picture: every sample is a sync sample, as no stss says.
            byte[] proRes = Movie(1000, TrakWithCodec(1, 30, "vide", "apch", null, Stts((3, 1)), Sizes(3), Stsc((1, 3, 1)), Stco(1000)));
            Assert.Empty(Check(proRes, "MissingSyncSampleTable"));
        }

        [Fact]
        public void SyncSamplesMoreThanTenSecondsApart()
        {
            // Timescale 10, 30 samples of 1 s, sync samples 1, 12 and 20: 11 s from 1 to 12, 8 s from 12 to 20, 11 s from 20 to the end.
            byte[] file = Movie(1000, Trak(1, 10, "vide", null, Stts((30, 10)), Stss(1, 12, 20), Sizes(30), Stsc((1, 30, 1)), Stco(1000)));

            TimingFinding finding = Single(file, "LongSyncInterval");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(1, finding.Sample);
            Assert.Equal(0.0, finding.Time);
            Assert.Equal(2, finding.Count);
            Assert.Equal("11.0 s of decode time pass from sample 1 (at 0.0 s) to the next sync sample or the end, more than 10 s: " +
                "a player seeking near its end decodes that much video first; 2 intervals in all are longer than 10 s, the longest 11.0 s", finding.Message);
            var twelve = new System.Collections.Hashtable { ["Rules"] = new System.Collections.Hashtable { ["LongSyncInterval"] = new System.Collections.Hashtable { ["MaximumSeconds"] = 12 } } };
            Assert.Empty(Check(file, twelve, "LongSyncInterval"));
        }

        [Fact]
        public void ALongSyncIntervalAtTheEndIsPlacedByItsFirstSamplesPresentationTime()
        {
            // Timescale 10, 30 samples of 1 s, sync samples 1, 9 and 17: 8 s, 8 s, then 14 s from sample 17 to the end. The edit
            // list starts at media time 5 (0.5 s), so sample 17, decoded at 160 ticks, is presented at 155 ticks: 15.5 s.
            byte[] file = Movie(1000, Trak(1, 10, "vide", Elst(0, (29500, 5, 1)), Stts((30, 10)), Stss(1, 9, 17), Sizes(30), Stsc((1, 30, 1)), Stco(1000)));

            TimingFinding finding = Single(file, "LongSyncInterval");

            Assert.Equal(17, finding.Sample);
            Assert.Equal(15.5, finding.Time);
            Assert.Equal(1, finding.Count);
            Assert.Equal("14.0 s of decode time pass from sample 17 (at 15.5 s) to the next sync sample or the end, more than 10 s: " +
                "a player seeking near its end decodes that much video first", finding.Message);
        }

        /// <summary>Video presented for 1 s from media time 0 (timescale 15360), and AAC at 48 kHz with the given edits and samples.</summary>
        private static byte[] AudioVideo(byte[]? videoEdits, byte[]? audioEdits, uint audioSamples = 47) => Movie(1000,
            Trak(1, 15360, "vide", videoEdits, Stts((30, 512)), Sizes(30), Stsc((1, 30, 1)), Stco(1000)),
            Trak(2, 48000, "soun", audioEdits, Stts((audioSamples, 1024)), Sizes((int)audioSamples), Stsc((1, audioSamples, 1)), Stco(5000)));

        [Fact]
        public void AudioThatStartsLate()
        {
            // An empty edit of 478 ms before the audio: 478 ms > 60 ms.
            byte[] file = AudioVideo(Elst(0, (1000, 0, 1)), Elst(0, (478, -1, 1), (1000, 0, 1)));

            TimingFinding finding = Single(file, "AvStartOffset");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(2u, finding.TrackId);
            Assert.Equal(0.478, finding.Time);
            Assert.Equal("track 2 (audio) starts at 0.478 s, 478 ms after track 1 (video), which starts at 0.0 s: more than the 60 ms audio may lag by; " +
                "an empty edit of 0.478 s delays the audio", finding.Message);

            var lenient = new System.Collections.Hashtable { ["Rules"] = new System.Collections.Hashtable { ["AvStartOffset"] = new System.Collections.Hashtable { ["AudioLagMs"] = 500 } } };
            Assert.Empty(Check(file, lenient, "AvStartOffset"));
        }

        [Fact]
        public void AudioThatStartsEarly()
        {
            // The video waits 50 ms (an empty edit): the audio leads by 50 ms > 40 ms; by 40 ms it would be allowed.
            TimingFinding finding = Single(AudioVideo(Elst(0, (50, -1, 1), (1000, 0, 1)), null), "AvStartOffset");
            Assert.Equal("track 2 (audio) starts at 0.0 s, 50 ms before track 1 (video), which starts at 0.05 s: more than the 40 ms audio may lead by; " +
                "an empty edit of 0.05 s delays the video", finding.Message);
            byte[] forty = AudioVideo(Elst(0, (40, -1, 1), (1000, 0, 1)), null);
            Assert.Empty(Check(forty, "AvStartOffset"));
            // Settings as a .psd1 may give numbers as text, and any case of the names.
            var strict = new System.Collections.Hashtable { ["rules"] = new System.Collections.Hashtable { ["avstartoffset"] = new System.Collections.Hashtable { ["audioleadms"] = "25" } } };
            Assert.Contains("more than the 25 ms audio may lead by", Single(forty, "AvStartOffset", strict).Message);
        }

        [Fact]
        public void TracksThatEndApart()
        {
            // The video ends at 30 × 512 / 15360 = 1 s; 57 AAC frames end at 57 × 1024 / 48000 = 1.216 s: 216 ms later.
            TimingFinding finding = Single(AudioVideo(null, null, 57), "DurationMismatch");

            Assert.Equal(2u, finding.TrackId);
            Assert.Equal(1.216, finding.Time);
            Assert.Equal("track 2 (audio) ends at 1.216 s, 216 ms after track 1 (video), which ends at 1.0 s: more than 100 ms apart", finding.Message);
            // 47 frames end at 1.00267 s: 2.7 ms.
            Assert.Empty(Check(AudioVideo(null, null, 47), "DurationMismatch"));
        }

        /// <summary>One video track, timescale 30, 30 samples of 1 tick (1 s), with the given mvhd, tkhd and mdhd durations.</summary>
        private static byte[] Durations(uint mvhd, uint tkhd, uint mdhd, byte[]? edts = null) =>
            Cat(Ftyp(), Box("moov", Mvhd(1000, mvhd), Box("trak",
                FullBox("tkhd", 0, 3, U32(0), U32(0), U32(1), U32(0), U32(tkhd), Zeros(8), U16(0), U16(0), U16(0), U16(0), Zeros(36), U32(0), U32(0)),
                edts ?? new byte[0],
                Box("mdia", Mdhd(30, mdhd), Hdlr("vide"),
                    Box("minf", Box("dinf", FullBox("dref", 0, 0, U32(1), FullBox("url ", 0, 0, Ascii("media.bin"), U8(0)))),
                        Box("stbl", Support.MovieBytes.Stsd("avc1"), Stts((30, 1)), Stss(1), Sizes(30), Stsc((1, 30, 1)), Stco(1000)))))));

        [Fact]
        public void HeaderDurationsThatDisagreeWithTheSamples()
        {
            // The samples last 30 ticks = 1 s: mdhd says 45 (1.5 s), tkhd 2000 movie ticks (2 s), mvhd 3000 (3 s).
            var findings = Check(Durations(3000, 2000, 45), "HeaderDurationMismatch");

            Assert.Equal(2, findings.Count);
            TimingFinding track = findings[0];
            Assert.Equal(1u, track.TrackId);
            Assert.Equal(2, track.Count);
            Assert.Equal("mdhd says 1.5 s (45 ticks), but the samples last 1.0 s (30 ticks); " +
                "tkhd says 2.0 s (2,000 movie ticks), but the track lasts 1.0 s (1,000 movie ticks) by its samples", track.Message);
            TimingFinding movie = findings[1];
            Assert.Equal(0u, movie.TrackId);
            Assert.Equal("mvhd says the movie lasts 3.0 s (3,000 ticks at 1,000 per second), but its longest track, track 1 (video), lasts 1.0 s (1,000 ticks) by its samples", movie.Message);

            // Right within a sample duration (one tick, 33 movie ticks): nothing.
            Assert.Empty(Check(Durations(1033, 1000, 31), "HeaderDurationMismatch"));
            // With an edit list, tkhd is the edits' duration: 500 ms here, as tkhd says.
            Assert.Empty(Check(Durations(500, 500, 30, Elst(0, (500, 0, 1))), "HeaderDurationMismatch"));
        }

        [Fact]
        public void HeaderDurationsOfExtremeTimescalesAreToldNotThrown()
        {
            // mvhd counts 4,294,967,295 ticks a second, mdhd 1: the 4 samples of 2^30 s each last 2^32 media ticks, 1.8e19
            // movie ticks, past the 64-bit range (9.2e18), while one sample (the tolerance) is 4.6e18 movie ticks. The rule
            // tells the track's duration as the largest it can (mdhd says all ones: unknown).
            uint most = uint.MaxValue;
            byte[] file = Cat(Ftyp(), Box("moov", Mvhd(most, 1000), Box("trak",
                FullBox("tkhd", 0, 3, U32(0), U32(0), U32(1), U32(0), U32(1000), Zeros(8), U16(0), U16(0), U16(0), U16(0), Zeros(36), U32(0), U32(0)),
                Box("mdia", Mdhd(1, most), Hdlr("vide"),
                    Box("minf", Box("dinf", FullBox("dref", 0, 0, U32(1), FullBox("url ", 0, 0, Ascii("media.bin"), U8(0)))),
                        Box("stbl", Support.MovieBytes.Stsd("avc1"), Stts((4, 1u << 30)), Stss(1), Sizes(4), Stsc((1, 4, 1)), Stco(1000)))))));

            var findings = Check(file, "HeaderDurationMismatch");

            Assert.Equal(new uint[] { 1, 0 }, findings.Select(f => f.TrackId));
            Assert.Contains($"but the track lasts {Seconds.Format(long.MaxValue, most)} ({long.MaxValue:#,0} movie ticks) by its samples", findings[0].Message);
            Assert.EndsWith($"lasts {Seconds.Format(long.MaxValue, most)} ({long.MaxValue:#,0} ticks) by its samples", findings[1].Message);
        }

        [Fact]
        public void AnEditOutsideTheMedia()
        {
            // The samples cover media 0 to 30 ticks (1 s). media_time 60 for 1 s: wholly outside; media_time 15 for 1 s: 15 ticks past the end.
            TimingFinding outside = Single(Video(Elst(0, (1000, 60, 1)), new (uint, uint)[] { (30, 1) }), "EditOutsideMedia");
            Assert.Equal("Error", outside.Severity);
            Assert.Equal(0.0, outside.Time);
            Assert.Equal(1, outside.Count);
            Assert.Equal("edit 1 presents media from 2.0 s to 3.0 s, wholly outside the media: the samples cover media from 0.0 s to 1.0 s", outside.Message);

            TimingFinding partly = Single(Video(Elst(0, (500, -1, 1), (1000, 15, 1)), new (uint, uint)[] { (30, 1) }), "EditOutsideMedia");
            Assert.Equal(0.5, partly.Time);
            Assert.Equal("edit 2 presents media from 0.5 s to 1.5 s, 0.5 s (15 ticks) past the end of the media: the samples cover media from 0.0 s to 1.0 s", partly.Message);

            // 1 s from media time 0, or from 1 tick (within a sample duration of the end): nothing.
            Assert.Empty(Check(Video(Elst(0, (1000, 0, 1)), new (uint, uint)[] { (30, 1) }), "EditOutsideMedia"));
            Assert.Empty(Check(Video(Elst(0, (1000, 1, 1)), new (uint, uint)[] { (30, 1) }), "EditOutsideMedia"));
        }

        [Fact]
        public void AVariableFrameRate()
        {
            // Timescale 600: 32 frames of 20 ticks, 30 of 40, 27 of 10, 1 of 20. Sample 33 is the first of 40 ticks, at 32 × 20 = 640 ticks.
            byte[] file = Movie(1000, Trak(1, 600, "vide", null, Stts((32, 20), (30, 40), (27, 10), (1, 20)), Stss(1), Sizes(90), Stsc((1, 90, 1)), Stco(1000)));

            TimingFinding finding = Single(file, "VariableFrameRate");

            Assert.Equal("Information", finding.Severity);
            Assert.Equal(33, finding.Sample);
            Assert.Equal(640 / 600.0, finding.Time);
            Assert.Equal("sample durations range from 10 to 40 ticks (0.01667 s to 0.06667 s) at timescale 600: the frame rate is variable; " +
                "the first duration off the rate is sample 33's, 40 ticks (at 1.06667 s), where the samples before it last 20", finding.Message);
        }

        /// <summary>A video track at timescale 1000, one sample per stts entry, with the given durations.</summary>
        private static byte[] Millisecond(params uint[] durations) => Movie(1000, Trak(1, 1000, "vide", null,
            Stts(durations.Select(d => (1u, d)).ToArray()), Stss(1), Sizes(durations.Length), Stsc((1, (uint)durations.Length, 1)), Stco(1000)));

        [Fact]
        public void AVariableFrameRateAfterDurationsOfTwoTicks()
        {
            // 33, 34, 33, 34 ms (a rounded 29.94 fps), then 35 at sample 5, decoded at 33 + 34 + 33 + 34 = 134 ms; the last is let off.
            TimingFinding third = Single(Millisecond(33, 34, 33, 34, 35, 33), "VariableFrameRate");
            Assert.Equal(5, third.Sample);
            Assert.Equal(0.134, third.Time);
            Assert.Equal("sample durations range from 33 to 35 ticks (0.033 s to 0.035 s) at timescale 1,000: the frame rate is variable; " +
                "the first duration off the rate is sample 5's, 35 ticks (at 0.134 s), where the samples before it last 33 or 34", third.Message);

            // 33, 33, then 34 from sample 3. One rate keeps every decode time within a tick only if some share f of durations of 34
            // has |k - n f| <= 1 after every n durations, k of them 34: after sample 2 (k = 0, n = 2) f <= 1/2, after sample 7
            // (k = 5, n = 7) f >= 4/7. No rate fits from sample 7, decoded at 33 + 33 + 4 × 34 = 202 ms.
            TimingFinding drift = Single(Millisecond(33, 33, 34, 34, 34, 34, 34, 33), "VariableFrameRate");
            Assert.Equal(7, drift.Sample);
            Assert.Equal(0.202, drift.Time);
            Assert.Equal("sample durations range from 33 to 34 ticks (0.033 s to 0.034 s) at timescale 1,000: the frame rate is variable; " +
                "the first duration off the rate is sample 7's, 34 ticks (at 0.202 s), where the samples before it last 33 or 34", drift.Message);
        }

        [Fact]
        public void TwentyNineNinetySevenFramesASecondAtTimescale1000()
        {
            // 300 frames of 1001/30 ms: decode times round(n × 1001 / 30), so durations of 33 and 34 ms; the track lasts 10010 ms.
            uint[] deltas = Enumerable.Range(0, 300).Select(n => (uint)(System.Math.Round((n + 1) * 1001 / 30.0) - System.Math.Round(n * 1001 / 30.0))).ToArray();
            byte[] file = Movie(1000, Trak(1, 1000, "vide", null, Stts(deltas.Select(d => (1u, d)).ToArray()), Stss(1), Sizes(300), Stsc((1, 300, 1)), Stco(1000)));
            // The last sample is let off; the first 34 is sample 2's (round(2 × 33.3667) - round(33.3667) = 67 - 33). The last lasts
            // 33 too, so the mean is the whole track's: 10010 / 300 = 33.3667 ms, 29.97 fps.
            int longer = deltas.Take(299).Count(d => d == 34);

            TimingFinding finding = Single(file, "TimescaleRounding");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(2, finding.Sample);
            Assert.Equal(33 / 1000.0, finding.Time);
            Assert.Equal(longer, finding.Count);
            Assert.Equal($"frames last 33 or 34 ticks at timescale 1,000: 29.97 fps (33.367 ticks each) is not a whole number of ticks, " +
                $"so {longer} samples last 34 ticks instead of 33 and every time is off by up to a tick (1 ms)", finding.Message);
            Assert.Contains("30000 for 29.97 fps", finding.Hint);
        }

        [Fact]
        public void TheRoundedRateIsTheMeanOfTheDurationsJudgedNotOfTheLastSampleCutShort()
        {
            // 33, 34, 33, 34, 33 ms, and a last sample cut short to 10 (let off): the mean is 167 / 5 = 33.4 ms, 1000 / 33.4 = 29.94 fps.
            // Over all six samples it would be 177 / 6 = 29.5 ms, 33.898 fps.
            TimingFinding finding = Single(Millisecond(33, 34, 33, 34, 33, 10), "TimescaleRounding");

            Assert.Equal(2, finding.Sample);
            Assert.Equal(0.033, finding.Time);
            Assert.Equal(2, finding.Count);
            Assert.Equal("frames last 33 or 34 ticks at timescale 1,000: 29.94 fps (33.4 ticks each) is not a whole number of ticks, " +
                "so 2 samples last 34 ticks instead of 33 and every time is off by up to a tick (1 ms)", finding.Message);
        }

        [Fact]
        public void RoundingAtTimescale90000IsTooSmallToMatter()
        {
            // 59.94 fps at timescale 90000: 1501.5 ticks a frame, written as 1501 and 1502; a tick is 0.011 ms.
            byte[] file = Movie(1000, Trak(1, 90000, "vide", null, Stts(Enumerable.Repeat(new (uint, uint)[] { (1, 1501), (1, 1502) }, 30).SelectMany(r => r).ToArray()),
                Stss(1), Sizes(60), Stsc((1, 60, 1)), Stco(1000)));
            Assert.Empty(Check(file, "TimescaleRounding"));
        }

        /// <summary>An AAC track (mp4a with esds objectTypeIndication 0x40, AAC LC at 48 kHz mono) with the given edits and sample groups.</summary>
        private static byte[] Aac(byte[]? edts, params byte[][] groups) => Movie(1000, TrakWithStsd(1, 48000, "soun",
            Stsd(Audio("mp4a", 1, 16, 48000, Esds(0x40, 5, new byte[] { 0x11, 0x88 }))), edts,
            Stts((47, 1024)), Sizes(47), Stsc((1, 47, 1)), Stco(1000), Cat(groups)));

        [Fact]
        public void AacFromMediaTimeZeroWithNothingAboutItsPriming()
        {
            TimingFinding finding = Single(Aac(null), "AudioPrimingNotSignalled");

            Assert.Equal("Information", finding.Severity);
            Assert.Equal("track 1 (audio) is AAC presented from media time 0 with no edit list, and no roll group, gapless information or pre-skip says how much of its start " +
                "is encoder priming (1024 samples for most AAC encoders): players play the priming, so the sound starts late by that much", finding.Message);

            // An edit list that skips the 1024 priming samples, or a roll group, says enough.
            Assert.Empty(Check(Aac(Elst(0, (979, 1024, 1))), "AudioPrimingNotSignalled"));
            byte[] roll = Cat(FullBox("sgpd", 1, 0, Ascii("roll"), U32(2), U32(1), U16(0xFFFF)), FullBox("sbgp", 0, 0, Ascii("roll"), U32(1), U32(47), U32(1)));
            Assert.Empty(Check(Aac(null, roll), "AudioPrimingNotSignalled"));
        }

        [Fact]
        public void SampleDataPastTheEndOfTheFile()
        {
            // Five samples of 10 bytes in one chunk at length - 20: samples 1 and 2 fit, 3 starts at the end, 4 and 5 after it.
            byte[] Build(uint chunk) => Movie(1000, TrakWithData(1, 30, "vide", "avc1", null, dataInFile: true, Stts((5, 1)), Stss(1), Sizes(5), Stsc((1, 5, 1)), Stco(chunk)));
            int length = Build(0).Length;
            byte[] file = Build((uint)(length - 20));

            TimingFinding finding = Single(file, "SampleDataMissing");

            Assert.Equal("Error", finding.Severity);
            Assert.Equal(3, finding.Sample);
            Assert.Equal(2 / 30.0, finding.Time);
            Assert.Equal(3, finding.Count);
            Assert.Equal($"the data of 3 samples lies past the end of the file ({length:#,0} bytes), from sample 3 (at 0.06667 s, byte {length:#,0}): the file is cut short", finding.Message);

            // Cut through sample 2 (it starts 5 bytes before the end): 4 samples from sample 2.
            TimingFinding cut = Single(Build((uint)(length - 15)), "SampleDataMissing");
            Assert.Equal(2, cut.Sample);
            Assert.Equal(4, cut.Count);
        }

        [Fact]
        public void AFileCutShortIsNotAlsoAMovieShorterThanItsHeaderSays()
        {
            // mvhd says 167 ms, the 5 samples' 5 ticks at 30 per second; samples 3 to 5 lie past the end of the file. The samples
            // read (2) last 67 ms, but that is the cut SampleDataMissing reports, not a wrong mvhd.
            byte[] Build(uint chunk, uint mvhd) => Cat(Ftyp(), Box("moov", Mvhd(1000, mvhd),
                TrakWithData(1, 30, "vide", "avc1", null, dataInFile: true, Stts((5, 1)), Stss(1), Sizes(5), Stsc((1, 5, 1)), Stco(chunk))), Box("mdat", Zeros(16)));
            int length = Build(0, 167).Length;

            Assert.Equal(new[] { "SampleDataMissing" }, Check(Build((uint)(length - 20), 167), "SampleDataMissing", "HeaderDurationMismatch").Select(f => f.Rule));
            // Whole, with an mvhd of 500 ms: reported (beside tkhd's 0).
            Assert.Contains(Check(Build((uint)(length - 50), 500), "HeaderDurationMismatch"), f => f.TrackId == 0 && f.Message.StartsWith("mvhd says the movie lasts 0.5 s"));
        }

        /// <summary>
        /// A one-track video movie whose 8 samples of 10 bytes (decoded at ticks 0..7, timescale 30) are in its own mdat (ffmpeg
        /// reads packets only from data it can reach), composed at 0, 3, 1, 2, 4, 7, 5, 6: offsets 0, 2, -1, -1 twice (ctts version 1).
        /// </summary>
        private static byte[] NegativeOffsetsWithData()
        {
            byte[] Build(uint chunk) => Cat(Ftyp(), Box("moov", Mvhd(1000),
                TrakWithData(1, 30, "vide", "avc1", null, dataInFile: true, Stts((8, 1)), Stss(1), Ctts(1, (1, 0), (1, 2), (2, -1), (1, 0), (1, 2), (2, -1)),
                    Sizes(8), Stsc((1, 8, 1)), Stco(chunk))));
            uint offset = (uint)Build(0).Length + 8;
            return Cat(Build(offset), Box("mdat", Zeros(80)));
        }

        [Fact]
        public void FfmpegLowersTheDecodeTimesOfNegativeCompositionOffsets()
        {
            // ffmpeg 5.1 takes the dts shift from the ctts entries but the last two (mov_read_ctts): -1 is among them, so it lowers
            // every DTS by 1 so that DTS <= PTS; the ISO timeline keeps DTS 0.
            byte[] file = NegativeOffsetsWithData();

            TimingFinding finding = Single(file, "FfmpegDiffersFromIso");

            Assert.Equal("Warning", finding.Severity);
            Assert.Equal(1, finding.Sample);
            Assert.Equal(8, finding.Count);
            Assert.Equal("ffmpeg 5.1 presents track 1 (video) otherwise than the ISO edit list: 8 presented samples get another DTS. " +
                "Composition offsets go down to -1: ffmpeg lowers every DTS by 1 so that DTS <= PTS, where the ISO timeline keeps DTS 0.", finding.Message);
        }

        [Fact]
        public void TheFfmpegModelIsBuiltOnlyWhenItsRuleRuns()
        {
            byte[] file = NegativeOffsetsWithData();
            using (Mp4Movie movie = Open(file))
            {
                Assert.DoesNotContain(TimingRuleSet.Create().Rules, r => r.Name == "FfmpegDiffersFromIso");
                Assert.NotEmpty(TimingRuleSet.Create().Check(movie));
                Assert.Equal(0, movie.FfmpegModelsBuilt);
            }
            using (Mp4Movie movie = Open(file))
            {
                Assert.Single(TimingRuleSet.Create(new[] { "FfmpegDiffersFromIso" }).Check(movie));
                Assert.Equal(1, movie.FfmpegModelsBuilt);
            }
        }

        [Fact]
        public void ASampleTheEditListShiftsPastTheTickRangeIsLeftOutAndTheOthersAreJudged()
        {
            // Movie and track at timescale 30: an empty edit of 2^63 - 501 ticks, then the media from time 0 to its end (a last
            // edit of duration 0), so every time is shifted by 2^63 - 501. Ten samples decoded at 0, 1, 2, 3, 4, 5, 5, 6, 7, 8
            // (sample 6 lasts 0 ticks); sample 3 is composed 1000 ticks late, at 1002, which the shift takes past 2^63 - 1.
            const long shift = long.MaxValue - 500;
            byte[] file = Movie(30, Trak(1, 30, "vide", Elst(1, (shift, -1, 1), (0, 0, 1)),
                Stts((5, 1), (1, 0), (4, 1)), Ctts(0, (2, 0), (1, 1000), (7, 0)), Stss(1), Sizes(10), Stsc((1, 10, 1)), Stco(1000)));

            // Get-Mp4Track reads the whole track.
            var errors = new List<Mp4FormatException>();
            using (Mp4Movie movie = Open(file))
            {
                TrackInfo info = Mp4Timing.Analysis.TrackAnalysis.Analyze(movie, onError: errors.Add).Single();
                Assert.Equal(10, info.SampleCount);
                Assert.Null(info.ReadError);
            }
            Assert.Empty(errors);

            // So do the rules (Check fails on any error): samples 6 and 7, after sample 3, are judged at 5 ticks + the shift.
            var findings = Check(file);
            double time = (shift + 5) / 30.0;
            TimingFinding zero = findings.Single(f => f.Rule == "ZeroDurationSample");
            Assert.Equal(6, zero.Sample);
            Assert.Equal(time, zero.Time);
            TimingFinding dts = findings.Single(f => f.Rule == "DtsNotIncreasing");
            Assert.Equal(7, dts.Sample);
            Assert.Equal(time, dts.Time);
            TimingFinding twice = findings.Single(f => f.Rule == "DuplicatePts");
            Assert.Equal(6, twice.Sample);
            Assert.Equal(time, twice.Time);
            // Sample 3 has no presentation time: no finding names it.
            Assert.DoesNotContain(findings, f => f.Sample == 3);
        }

        [Fact]
        public void ASampleMovedFurtherThanTheWindowIsNotedAndNothingFails()
        {
            // 1200 samples of 1 tick, decoded at 0..1199. Samples 1-599 are shown 1 tick after they are decoded (1..599), samples
            // 600-1199 3 ticks after (602..1201: a hole of 2 ticks after sample 599), and sample 1200 at 0 (offset -1199): it moves
            // 1199 places, more than the 1024 the presentation-order window holds. The hole is found, and the finding says so.
            byte[] file = Movie(1000, Trak(1, 30, "vide", null, Stts((1200, 1)), Ctts(1, (599, 1), (600, 3), (1, -1199)), Stss(1), Sizes(1200), Stsc((1, 1200, 1)), Stco(1000)));

            TimingFinding finding = Single(file, "PresentationGap");

            Assert.Equal(600, finding.Sample);
            Assert.Equal(1, finding.Count);
            Assert.Contains("a hole of 0.06667 s (2 ticks)", finding.Message);
            Assert.Contains("some samples move more than 1,024 places between decode and presentation order", finding.Message);
        }
    }
}
