using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Analysis;
using Mp4Timing.Ffmpeg;
using Mp4Timing.Timing;

namespace Mp4Timing.Rules
{
    /// <summary>
    /// FfmpegDiffersFromIso (Warning, off by default): ffmpeg presents the track differently from the ISO edit list: another
    /// first presentation time, samples it hides or shows where the edit list does not, other PTS or DTS. Players built on
    /// ffmpeg and players that follow the standard then disagree. Uses the model of ffmpeg's demuxer
    /// (<see cref="FfmpegMovieModel"/>), which holds the file's whole index as ffmpeg does, so the rule runs only when asked
    /// for (-Rule, or Enable = $true in the settings), and the model is built only then. The message names the difference
    /// in the words of Compare-FfmpegPts's explanations.
    /// </summary>
    internal sealed class FfmpegDiffersFromIso : TimingRule
    {
        public override TimingRuleInfo Info { get; } = new TimingRuleInfo(nameof(FfmpegDiffersFromIso), FindingSeverity.Warning,
            "ffmpeg presents the track differently from the ISO rules (another first PTS, samples dropped or shown, DTS shifted): players will disagree. Off by default: it models ffmpeg's whole index.",
            enabled: false,
            new TimingRuleSetting("FfmpegVersion", "5.1", "The ffmpeg whose demuxer is modelled: 5.1, 6.1 or 9.0 (another version uses the newest modelled one at or below it).",
                checkText: text => FfmpegVersions.Parse(text) is null ? $"'{text}' is not an ffmpeg version: give one like 5.1, 6.1 or 9.0." : null));

        public override TrackCheck? CheckTrack(TrackContext track, RuleOptions options)
        {
            Version version = FfmpegVersions.Parse(options.Text("FfmpegVersion")) ?? FfmpegVersions.Default;
            FfmpegMovieModel model;
            try
            {
                model = track.Movie.FfmpegModel(version);
            }
            catch (Mp4FormatException)
            {
                // A file the model cannot index: the pass over the track reports its damage.
                return null;
            }
            return new Check(this, track, model, FfmpegVersions.Name(FfmpegVersions.Resolve(version)));
        }

        private sealed class Check : TrackCheck
        {
            private readonly FfmpegMovieModel _model;
            private readonly FfmpegTrackResult _predicted;
            private readonly string _version;
            private readonly bool _regrouped;
            private readonly bool _bySample;
            private readonly long _fileLength;
            private int _next;
            private long _numberOffset = -1;
            private long _firstDecode;
            private long _isoFirstPts = long.MaxValue;
            private long _isoFirstSample;
            private long _isoPresented;
            private bool IsoPresents => _isoPresented > 0;
            private Occurrences _otherPts;
            private string _otherPtsText = "";
            private Occurrences _otherDts;
            private Occurrences _hidden;
            private Occurrences _shown;
            private Occurrences _missing;

            public Check(FfmpegDiffersFromIso rule, TrackContext track, FfmpegMovieModel model, string version) : base(rule, track, samples: true)
            {
                _model = model;
                _predicted = model.For(track.Track);
                _version = version;
                _fileLength = track.Movie.Length;
                // PCM regrouped into packets of many samples: only the first time can be compared.
                _regrouped = (_predicted.MoovRules & FfmpegRule.PcmRegrouped) != 0;
                // Sample by sample where ffmpeg's packets follow decode order in the track's own ticks; else by first time and counts.
                _bySample = _predicted.TimeBase == track.Timescale && !_regrouped && InDecodeOrder(_predicted);
            }

            private static bool InDecodeOrder(FfmpegTrackResult predicted)
            {
                FfmpegIndex index = predicted.Index;
                for (int k = 1; k < index.Count; k++)
                {
                    if (index[k].Sample < index[k - 1].Sample) return false;
                }
                return true;
            }

            public override void OnSample(in RawSample sample, in ReadOnlyShowings showings, in TimelineTimes times)
            {
                // A sample whose data starts past the end of a cut file (or before its start): SampleDataMissing's (ffmpeg stops reading there too).
                if (Mp4Movie.StartsPastEnd(Track.Tables, sample, _fileLength)) return;
                bool presented = !showings.Discarded;
                if (_numberOffset < 0)
                {
                    // ffmpeg numbers the samples of a lone media segment from 1; the ISO reading goes on from the segment before.
                    _numberOffset = sample.Number - 1;
                    _firstDecode = sample.DecodeTicks;
                }
                if (presented) _isoPresented++;
                // A sample the edit list shifts past the 64-bit range has no ISO time to compare (it still counts as presented).
                if (times.Pts is not long pts) return;
                if (presented && pts < _isoFirstPts)
                {
                    _isoFirstPts = pts;
                    _isoFirstSample = sample.Number;
                }
                if (!_bySample) return;

                FfmpegPacketList packets = _predicted.Packets;
                long number = sample.Number - _numberOffset;
                while (_next < packets.Count && _predicted.Index[_next].Sample + 1L < number) _next++;
                if (_next >= packets.Count || _predicted.Index[_next].Sample + 1L != number)
                {
                    if (presented) _missing.Add(sample.Number, pts);
                    return;
                }
                FfmpegPacket packet = packets[_next];
                // ffmpeg may list a sample again for another edit: the first listing is compared with the first showing.
                while (_next < packets.Count && _predicted.Index[_next].Sample + 1L == number) _next++;
                if (presented && packet.Discard)
                {
                    _hidden.Add(sample.Number, pts);
                }
                else if (!presented && !packet.Discard)
                {
                    _shown.Add(sample.Number, pts);
                }
                else if (presented)
                {
                    if (packet.Pts != pts && _otherPts.Add(sample.Number, pts))
                    {
                        _otherPtsText = $"sample {sample.Number}: ffmpeg {Words.N(packet.Pts)}, ISO {Words.N(pts)} ticks";
                    }
                    if (times.Dts is long dts && packet.Dts != dts) _otherDts.Add(sample.Number, pts);
                }
            }

            public override void Finish(TrackSummary track, MovieContext movie, FindingList findings)
            {
                string ffmpeg = $"ffmpeg {_version}";
                if (_predicted.NoPackets is not null)
                {
                    if (IsoPresents)
                    {
                        findings.Add(Rule, Track.TrackId, null, null, _isoPresented,
                            $"{ffmpeg} lists the track but reads no packet of it, where the ISO timeline presents {Words.Count(_isoPresented, "sample")}: {_predicted.NoPackets}");
                    }
                    return;
                }

                long ffmpegFirstPts = long.MaxValue;
                long ffmpegFirstSample = 0;
                long ffmpegPresented = 0;
                foreach (FfmpegPacket packet in _predicted.Packets)
                {
                    if (packet.Discard) continue;
                    ffmpegPresented++;
                    if (packet.Pts < ffmpegFirstPts)
                    {
                        ffmpegFirstPts = packet.Pts;
                        ffmpegFirstSample = packet.Sample + _numberOffset;
                    }
                }
                var parts = new List<string>();
                string unit = Track.Track.Kind == TrackKind.Video ? "frame" : "sample";
                bool firstDiffers = _isoFirstSample > 0 && ffmpegPresented > 0 && (ffmpegFirstPts != _isoFirstPts || ffmpegFirstSample != _isoFirstSample)
                    && _predicted.TimeBase == Track.Timescale;
                if (firstDiffers)
                {
                    parts.Add($"its first {unit} is presented at {Track.Time(ffmpegFirstPts)} (sample {ffmpegFirstSample}), where the ISO edit list presents sample {_isoFirstSample} first, at {Track.Time(_isoFirstPts)}");
                }
                if (_otherPts.Count > 0) parts.Add($"{Words.Count(_otherPts.Count, "presented sample")} get another PTS (the first, {_otherPtsText})");
                if (_hidden.Count > 0) parts.Add($"it marks {Words.Count(_hidden.Count, "sample")} the edit list presents as decoded but not shown (D), from sample {_hidden.Sample}");
                if (_shown.Count > 0) parts.Add($"it shows {Words.Count(_shown.Count, "sample")} the edit list does not present, from sample {_shown.Sample}");
                if (_predicted.Index.Count == 0 && IsoPresents) parts.Add($"it reads no packet of the track, where the edit list presents {Words.Count(_isoPresented, "sample")}");
                else if (_missing.Count > 0) parts.Add($"{Words.Count(_missing.Count, "sample")} the edit list presents are not in its index at all, from sample {_missing.Sample}");
                if (!_bySample && !_regrouped && _isoPresented != ffmpegPresented) parts.Add($"it shows {Words.Count(ffmpegPresented, "sample")} where the edit list presents {Words.N(_isoPresented)}");
                if (_otherDts.Count > 0) parts.Add($"{Words.Count(_otherDts.Count, "presented sample")} get another DTS");
                if (parts.Count == 0) return;

                var why = new List<string>();
                if (StopsEarly() is string stop) why.Add(stop);
                if (_predicted.VideoStartShift > 0) why.Add(FfmpegExplanations.VideoStartShift(_predicted) + ".");
                if (_predicted.TimeOffset != 0 && track.Info.IsFragmented) why.Add(FfmpegExplanations.FragmentOffset(_predicted));
                if (_predicted.DroppedSamples > 0) why.Add(FfmpegExplanations.Dropped(_predicted));
                if (_predicted.DtsShift > 0) why.Add(FfmpegExplanations.DtsShift(_predicted, _firstDecode));

                Occurrences first = Earliest(_otherPts, _hidden, _shown, _missing, _otherDts);
                long count = _otherPts.Count + _hidden.Count + _shown.Count + _missing.Count;
                if (count == 0) count = Math.Max(_otherDts.Count, 1);
                findings.Add(Rule, Track.TrackId, first.Count > 0 ? first.Sample : (long?)null, first.Count > 0 ? Track.Seconds(first.Pts) : (double?)null, count,
                    $"{ffmpeg} presents {Track.Name} otherwise than the ISO edit list: {string.Join("; ", parts)}." + (why.Count > 0 ? " " + string.Join(" ", why) : ""),
                    $"Players built on ffmpeg and players that follow ISO/IEC 14496-12 will show this track differently. Get-Mp4SampleTiming -Convention Ffmpeg lists ffmpeg's timestamps; Compare-FfmpegPts explains each against a real ffprobe run.");
            }

            /// <summary>Why ffmpeg reads fewer packets than the file holds: its reading stops for every stream at the first read error.</summary>
            private string? StopsEarly()
            {
                foreach (FfmpegTrackResult track in _model.Tracks)
                {
                    if (track.EncryptionInfoLimit is long limit && limit == track.Index.Count)
                    {
                        return $"ffmpeg stops reading the file at packet {Words.N(limit + 1)} of track {track.Track.TrackId}: it looks up that packet's encryption information " +
                            "by its place in the whole track in the last fragment's senc, and the lookup fails.";
                    }
                }
                return _model.Tracks.Any(t => t.DataEnd > _fileLength) ? "ffmpeg stops reading the file at the first packet whose data lies past its end." : null;
            }

            private static Occurrences Earliest(params Occurrences[] all)
            {
                Occurrences best = default;
                foreach (Occurrences o in all)
                {
                    if (o.Count > 0 && (best.Count == 0 || o.Sample < best.Sample)) best = o;
                }
                return best;
            }
        }
    }
}
