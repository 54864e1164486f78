using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>A decoded frame as ffmpeg would output it.</summary>
    internal struct PredictedFrame
    {
        public FfmpegPacket Packet;

        public long Pts;

        /// <summary>Samples cut from the start of an audio frame by Skip Samples (or the decoder's own delay).</summary>
        public long Trimmed;

        /// <summary>Audio: the frame's samples once trimmed (what ashowinfo prints as nb_samples).</summary>
        public long Samples;
    }

    /// <summary>
    /// Decoded frames from the predicted packets. Video: frames of D packets are dropped and the rest
    /// come out in presentation order (sorted by pts, stable). Audio: D packets are dropped and the
    /// samples to skip drop or trim the first frames: the first packet's Skip Samples side data when it has
    /// some, else what the decoder drops by itself (AAC from libfaac: 1024).
    /// </summary>
    internal static class FramePrediction
    {
        /// <summary>The frames of <paramref name="track"/>; <paramref name="decoderDelay"/>: the samples its decoder drops by itself.</summary>
        public static List<PredictedFrame> Frames(FfmpegTrackResult track, IReadOnlyList<SampleEntry> entries, long decoderDelay = 0)
        {
            if (track.IsVideo)
            {
                return track.Packets.Where(p => !p.Discard).OrderBy(p => p.Pts)
                    .Select(p => new PredictedFrame { Packet = p, Pts = p.Pts }).ToList();
            }
            var frames = new List<PredictedFrame>();
            if (!track.IsAudio) return frames;

            double rate = (entries.FirstOrDefault() as AudioSampleEntry)?.SampleRate ?? 0;
            long sampleRate = rate >= 1 ? (long)rate : track.TimeBase;
            long? frameLength = AacFrameLength(entries);
            // decode.c: the side data sets the decoder's skip count, replacing what the decoder set for itself.
            long skip = track.SkipSamples > 0 ? track.SkipSamples : decoderDelay;
            foreach (FfmpegPacket packet in track.Packets)
            {
                // The decoder's frame: an AAC access unit always decodes to its frame length, whatever stts says it lasts.
                long samples = frameLength ?? FfmpegTrackModel.Rescale(packet.RawDuration, sampleRate, track.TimeBase);
                if (packet.Discard)
                {
                    skip = Math.Max(0, skip - samples);
                    continue;
                }
                if (skip > 0)
                {
                    if (samples <= skip)
                    {
                        skip -= samples;
                        continue;
                    }
                    long pts = packet.Pts + FfmpegTrackModel.Rescale(skip, track.TimeBase, sampleRate);
                    frames.Add(new PredictedFrame { Packet = packet, Pts = pts, Trimmed = skip, Samples = samples - skip });
                    skip = 0;
                    continue;
                }
                frames.Add(new PredictedFrame { Packet = packet, Pts = packet.Pts, Samples = samples });
            }
            return frames;
        }

        /// <summary>1024: the samples an AAC Main, LC, SSR or LTP access unit decodes to (no SBR); null for other audio.</summary>
        private static long? AacFrameLength(IReadOnlyList<SampleEntry> entries)
        {
            SampleEntry? entry = entries.FirstOrDefault();
            if (entry?.Type != "mp4a") return null;
            ElementaryStreamDescriptorBox? esds = entry.Child<ElementaryStreamDescriptorBox>();
            return esds?.ObjectTypeIndication == 0x40 && esds.AudioObjectType is 1 or 2 or 3 or 4 && esds.ExtensionSamplingFrequency is null ? 1024 : (long?)null;
        }
    }
}
