using System.Collections.Generic;
using System.IO;
using System.Linq;
using static Mp4Timing.Tests.Support.PictureHeaders;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Rules
{
    /// <summary>
    /// OpenGopStart and SyncSampleNotIntra on movies whose slice headers are built field by field (H.264 7.3, H.265 7.3):
    /// which sample starts a track or fragment, what its picture is and where it is shown are worked out from the headers and
    /// tables written here (timescale 30, one tick per sample).
    /// </summary>
    public class GopRuleTests
    {
        private static IReadOnlyList<TimingFinding> Check(byte[] file, params string[] rules)
        {
            using Mp4Movie movie = Mp4Movie.Open(new MemoryStream(file, writable: false), "built.mp4");
            var errors = new List<Mp4FormatException>();
            IReadOnlyList<TimingFinding> findings = TimingRuleSet.Create(rules).Check(movie, onError: errors.Add);
            Assert.Empty(errors);
            return findings;
        }

        private static FragmentSample S(byte[] data, bool sync, int display, int decode) => new FragmentSample(data, sync, display + 1 - decode);

        [Fact]
        public void ATrackThatStartsOnACraWithLeadingPicturesStartsAnOpenGop()
        {
            // CRA RASL P: the RASL picture (decode 1) is shown at tick 1, before the CRA at tick 2.
            byte[] file = Movie(HevcEntry(), new uint[] { 1 }, Shown(1, 0, 2), new[] { Hevc(CraNut, SliceI), Hevc(RaslN, SliceB), Hevc(TrailR, SliceP) });

            TimingFinding finding = Assert.Single(Check(file, "OpenGopStart", "SyncSampleNotIntra"));

            Assert.Equal("OpenGopStart", finding.Rule);
            Assert.Equal(FindingSeverity.Warning, finding.SeverityValue);
            Assert.Equal(1, finding.Sample);
            Assert.Equal(1, finding.Count);
            Assert.Equal(2.0 / 30, finding.Time!.Value, 12);
            Assert.StartsWith("the track starts (where a player starts decoding) on sample 1 (shown at 0.06667 s), an I picture (CRA_NUT), which does not start a closed GOP: " +
                "pictures after it in decode order are shown before it", finding.Message);
            Assert.Contains("--no-open-gop", finding.Hint);
        }

        [Fact]
        public void ACraWithoutLeadingPicturesAndOpenGopsAfterAClosedStartAreNoFindingsOfAProgressiveTrack()
        {
            // CRA P P: nothing is shown before the CRA (closed). Then IDR P B B | CRA RASL RASL P: the second GOP is open, but a
            // progressive track is entered at its start only (a seek to the CRA is the player's choice, not the delivery's).
            byte[] closedCra = Movie(HevcEntry(), new uint[] { 1 }, Shown(0, 1, 2), new[] { Hevc(CraNut, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceP) });
            byte[] openLater = Movie(HevcEntry(), new uint[] { 1, 5 }, Shown(0, 3, 1, 2, 7, 5, 6, 8), new[]
            {
                Hevc(IdrWRadl, SliceI), Hevc(TrailR, SliceP), Hevc(TrailR, SliceB), Hevc(TrailR, SliceB),
                Hevc(CraNut, SliceI), Hevc(RaslN, SliceB), Hevc(RaslN, SliceB), Hevc(TrailR, SliceP),
            });

            Assert.Empty(Check(closedCra, "OpenGopStart", "SyncSampleNotIntra"));
            Assert.Empty(Check(openLater, "OpenGopStart", "SyncSampleNotIntra"));
        }

        [Fact]
        public void FragmentsThatStartOnAnOpenGopAreOneFindingThatCountsThem()
        {
            byte[] file = FragmentedMovie(HevcEntry(),
                // Fragment 1: IDR P B B (closed).
                new[] { S(Hevc(IdrWRadl, SliceI), true, 0, 0), S(Hevc(TrailR, SliceP), false, 3, 1), S(Hevc(TrailR, SliceB), false, 1, 2), S(Hevc(TrailR, SliceB), false, 2, 3) },
                // Fragment 2: CRA RASL RASL P, the CRA (decode 4) shown at 6 + 1 ticks, after its RASL pictures (open).
                new[] { S(Hevc(CraNut, SliceI), true, 6, 4), S(Hevc(RaslN, SliceB), false, 4, 5), S(Hevc(RaslN, SliceB), false, 5, 6), S(Hevc(TrailR, SliceP), false, 7, 7) },
                // Fragment 3: starts on a P picture; its CRA (open) is not a fragment's start.
                new[] { S(Hevc(TrailR, SliceP), false, 8, 8), S(Hevc(CraNut, SliceI), true, 10, 9), S(Hevc(RaslN, SliceB), false, 9, 10) },
                // Fragment 4: CRA RASL (open).
                new[] { S(Hevc(CraNut, SliceI), true, 12, 11), S(Hevc(RaslN, SliceB), false, 11, 12) });

            TimingFinding finding = Assert.Single(Check(file, "OpenGopStart", "SyncSampleNotIntra"));

            Assert.Equal(5, finding.Sample);
            Assert.Equal(2, finding.Count);
            Assert.Equal(7.0 / 30, finding.Time!.Value, 12);
            Assert.StartsWith("fragment 2 starts on sample 5 (shown at 0.23333 s), an I picture (CRA_NUT), which does not start a closed GOP", finding.Message);
            Assert.EndsWith("; 2 fragments start so in all", finding.Message);
        }

        [Fact]
        public void ATrackWhoseFirstFragmentStartsOnAnOpenGopIsCountedOnce()
        {
            // Fragment 1: CRA RASL P (open), fragment 2: CRA RASL (open): two places, the first of them the track's start.
            byte[] file = FragmentedMovie(HevcEntry(),
                new[] { S(Hevc(CraNut, SliceI), true, 1, 0), S(Hevc(RaslN, SliceB), false, 0, 1), S(Hevc(TrailR, SliceP), false, 2, 2) },
                new[] { S(Hevc(CraNut, SliceI), true, 4, 3), S(Hevc(RaslN, SliceB), false, 3, 4) });

            TimingFinding finding = Assert.Single(Check(file, "OpenGopStart"));

            Assert.Equal(1, finding.Sample);
            Assert.Equal(2, finding.Count);
            Assert.StartsWith("the track and its first fragment start on sample 1", finding.Message);
        }

        [Fact]
        public void AnH264IPictureThatIsNotIdrStartsAnOpenGopAndAPPictureInStssIsNotIntra()
        {
            // stss lists 1 (an I picture that is not IDR), 4 (IDR), 7 and 8 (P pictures).
            byte[] file = Movie(AvcEntry(), new uint[] { 1, 4, 7, 8 }, new[]
            {
                Avc(false, 'I'), Avc(false, 'P'), Avc(false, 'P'),
                Avc(true, 'I'), Avc(false, 'P'), Avc(false, 'P'),
                Avc(false, 'P'), Avc(false, 'P'), Avc(false, 'P'),
            });

            var findings = Check(file, "OpenGopStart", "SyncSampleNotIntra").ToDictionary(f => f.Rule);

            TimingFinding open = findings["OpenGopStart"];
            Assert.Equal(1, open.Sample);
            Assert.Equal(1, open.Count);
            Assert.Contains("an I picture (non-IDR), which does not start a closed GOP: pictures after it may refer to pictures before it", open.Message);

            TimingFinding notIntra = findings["SyncSampleNotIntra"];
            Assert.Equal(FindingSeverity.Error, notIntra.SeverityValue);
            Assert.Equal(7, notIntra.Sample);
            Assert.Equal(2, notIntra.Count);
            // Sample 7 decodes at tick 6 and, without ctts or edits, is shown then: 0.2 s.
            Assert.Equal(0.2, notIntra.Time!.Value, 12);
            Assert.Equal("stss lists sample 7 (shown at 0.2 s) as a sync sample, but it is a P picture (non-IDR), which needs pictures before it; " +
                "2 of the 4 sync samples read are not intra", notIntra.Message);
        }

        [Fact]
        public void AFragmentsSampleFlagsThatMarkAPPictureSyncAreNamed()
        {
            byte[] file = FragmentedMovie(HevcEntry(),
                new[] { S(Hevc(IdrWRadl, SliceI), true, 0, 0), S(Hevc(TrailR, SliceP), false, 1, 1) },
                new[] { S(Hevc(TrailR, SliceP), true, 2, 2), S(Hevc(TrailR, SliceP), false, 3, 3) });

            var findings = Check(file, "OpenGopStart", "SyncSampleNotIntra").OrderBy(f => f.Rule).ToList();

            // Fragment 2 starts on the P picture its flags call sync: no GOP starts there, closed or open.
            Assert.Equal(new[] { "OpenGopStart", "SyncSampleNotIntra" }, findings.Select(f => f.Rule));
            Assert.Equal(3, findings[1].Sample);
            Assert.StartsWith("the sample flags of its fragment mark sample 3 (shown at 0.1 s) as a sync sample, but it is a P picture (TRAIL_R)", findings[1].Message);
            Assert.Contains("it is not even a point where decoding can start", findings[0].Message);
        }

        [Fact]
        public void AnIdrOrIrapPictureWithoutIntraSlicesIsNotJudged()
        {
            // H.264 7.4.3 and H.265 7.4.7.1 allow only intra slices in an IDR or IRAP picture: a P slice type there is damage or
            // encryption of the header (ffmpeg's decoder drops such a picture), so the picture is unknown, not "a P picture".
            byte[] avc = Movie(AvcEntry(), new uint[] { 1 }, new[] { Avc(true, 'P'), Avc(false, 'P') });
            byte[] hevc = Movie(HevcEntry(), new uint[] { 1 }, new[] { Hevc(IdrWRadl, SliceP), Hevc(TrailR, SliceP) });

            Assert.Equal((null, null), Pictures(avc)[0]);
            Assert.Equal((null, null), Pictures(hevc)[0]);
            Assert.Empty(Check(avc, "OpenGopStart", "SyncSampleNotIntra"));
            Assert.Empty(Check(hevc, "OpenGopStart", "SyncSampleNotIntra"));
        }

        [Fact]
        public void ATrackWithoutStssIsLeftToMissingSyncSampleTable()
        {
            byte[] file = Movie(AvcEntry(), null, new[] { Avc(true, 'I'), Avc(false, 'P'), Avc(false, 'P') });

            Assert.Equal(new[] { "MissingSyncSampleTable" }, Check(file, "SyncSampleNotIntra", "MissingSyncSampleTable").Select(f => f.Rule));
        }

        [Fact]
        public void BothRulesRunByDefault()
        {
            IReadOnlyList<TimingRuleInfo> rules = TimingRuleSet.Create().Rules;

            Assert.Contains(rules, r => r.Name == "OpenGopStart" && r.SeverityValue == FindingSeverity.Warning);
            Assert.Contains(rules, r => r.Name == "SyncSampleNotIntra" && r.SeverityValue == FindingSeverity.Error);
        }
    }
}
