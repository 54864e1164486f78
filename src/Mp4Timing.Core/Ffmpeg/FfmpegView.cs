using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>Where an ffmpeg view came from.</summary>
    public enum FfmpegSource
    {
        /// <summary>ffprobe -show_packets (run now or saved).</summary>
        Packets,
        /// <summary>ffprobe -show_frames (decoded frames, presentation order).</summary>
        Frames,
        /// <summary>A saved ffmpeg log of showinfo (video) and ashowinfo (audio) filters: decoded frames.</summary>
        ShowInfo,
    }

    /// <summary>One stream as ffprobe describes it.</summary>
    public sealed class FfmpegStream
    {
        internal FfmpegStream(int index, uint? trackId, string codecType, string codecName, string timeBase, long? startPts, bool isAttachedPicture = false)
        {
            IsAttachedPicture = isAttachedPicture;
            Index = index;
            TrackId = trackId;
            CodecType = codecType;
            CodecName = codecName;
            TimeBase = timeBase;
            StartPts = startPts;
        }

        /// <summary>ffprobe's stream index.</summary>
        public int Index { get; }

        /// <summary>The MP4 track ID (ffprobe's stream "id"), when the stream is a track.</summary>
        public uint? TrackId { get; }

        /// <summary>True for a stream with the attached_pic disposition (cover art, which is not a track).</summary>
        public bool IsAttachedPicture { get; }

        /// <summary>video, audio, subtitle, data.</summary>
        public string CodecType { get; }

        /// <summary>h264, aac...</summary>
        public string CodecName { get; }

        /// <summary>e.g. 1/15360.</summary>
        public string TimeBase { get; }

        /// <summary>start_pts.</summary>
        public long? StartPts { get; }
    }

    /// <summary>One packet or decoded frame as ffmpeg printed it.</summary>
    public sealed class FfmpegEntry
    {
        internal FfmpegEntry(int streamIndex, long? pts, long? dts, string flags, long? position, long? size, double? ptsTime)
        {
            StreamIndex = streamIndex;
            Pts = pts;
            Dts = dts;
            Flags = flags;
            Position = position;
            Size = size;
            PtsTime = ptsTime;
        }

        /// <summary>The stream it belongs to.</summary>
        public int StreamIndex { get; }

        /// <summary>pts in the stream time base (frames: the best-effort timestamp showinfo prints).</summary>
        public long? Pts { get; }

        /// <summary>dts (packets) or pkt_dts (frames).</summary>
        public long? Dts { get; }

        /// <summary>K_, _D, KD or __ (frames: K_ for key frames).</summary>
        public string Flags { get; }

        /// <summary>pos: the byte offset of the packet.</summary>
        public long? Position { get; }

        /// <summary>size (packets) or nb_samples (audio frames).</summary>
        public long? Size { get; }

        /// <summary>pts_time as printed, when given.</summary>
        public double? PtsTime { get; }

        /// <summary>The decoded frame's picture type (frames: pict_type; showinfo: type:), when printed.</summary>
        public PictureType? PictureType { get; internal set; }

        /// <summary>The decoded frame's key_frame (frames) or iskey: (showinfo), when printed.</summary>
        public bool? KeyFrame { get; internal set; }

        /// <summary>showinfo logs: video for a showinfo line, audio for an ashowinfo line; null for ffprobe output.</summary>
        public string? MediaType { get; internal set; }

        /// <summary>showinfo logs: the filter that printed the line (e.g. Parsed_showinfo_0 @ 0x55...), when the line names it.</summary>
        public string? Filter { get; internal set; }
    }

    /// <summary>What ffmpeg reported for a file: its streams, and its packets or decoded frames.</summary>
    public sealed class FfmpegView
    {
        /// <summary>An input stream in the log's header: <c>  Stream #0:1[0x2](und): Audio: aac (LC) ...</c> (the [0x..] is the MP4 track ID).</summary>
        private static readonly Regex InputStreamLine = new Regex(
            @"^\s+Stream #0:(?<index>\d+)(?:\[0x(?<id>[0-9a-fA-F]+)\])?(?:\([^)]*\))*:\s*(?<type>Video|Audio|Subtitle|Data|Attachment):",
            RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>A decoded input stream in the stream mapping: <c>  Stream #0:0 -> #0:0 (h264 (native) -> ...)</c>, or <c>  Stream #0:0 (h264) -> showinfo</c>.</summary>
        private static readonly Regex MappingLine = new Regex(@"^\s+Stream #0:(?<index>\d+)\b[^-]*->", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>The context a filter logs with: <c>[Parsed_showinfo_0 @ 0x55...]</c> or <c>[Parsed_ashowinfo_1 @ 0x55...]</c>.</summary>
        private static readonly Regex FilterPrefix = new Regex(@"\[(?<name>(?:Parsed_)?(?<kind>a?showinfo)(?:_\d+)?(?: @ [^\]]+)?)\]", RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex ShowInfoLine = new Regex(
            @"\bn\s*:\s*(?<n>\d+)\s+pts\s*:\s*(?<pts>-?\d+|NOPTS)\s+pts_time\s*:\s*(?<time>\S+)\s+pos\s*:\s*(?<pos>-?\d+)(?:.*?iskey\s*:\s*(?<key>\d))?(?:.*?\btype\s*:\s*(?<type>[A-Za-z?]))?",
            RegexOptions.Compiled | RegexOptions.CultureInvariant);

        internal FfmpegView(FfmpegSource source, string description, IReadOnlyList<FfmpegStream> streams, IReadOnlyList<FfmpegEntry> entries, Version? libavformat = null)
        {
            Libavformat = libavformat;
            Source = source;
            Description = description;
            Streams = streams;
            Entries = entries;
        }

        /// <summary>Packets, frames or a showinfo log.</summary>
        public FfmpegSource Source { get; }

        /// <summary>The libavformat version of the ffprobe that wrote the output (its library_versions section), when it is there.</summary>
        public Version? Libavformat { get; }

        /// <summary>Where the view came from (a command line or a file name), for messages.</summary>
        public string Description { get; }

        /// <summary>The streams: ffprobe's, or the input streams a showinfo log lists (none when the lines were pasted alone).</summary>
        public IReadOnlyList<FfmpegStream> Streams { get; }

        /// <summary>
        /// showinfo logs: the input streams the log's "Stream mapping" says ffmpeg decoded (stream copies left out),
        /// in the order listed; null when the log has no stream mapping.
        /// </summary>
        public IReadOnlyList<int>? DecodedStreams { get; private set; }

        /// <summary>All packets or frames, in the order ffmpeg printed them.</summary>
        public IReadOnlyList<FfmpegEntry> Entries { get; }

        /// <summary>The entries of one stream, in order.</summary>
        public IEnumerable<FfmpegEntry> EntriesOf(int streamIndex) => Entries.Where(e => e.StreamIndex == streamIndex);

        /// <summary>
        /// Reads ffprobe JSON output (-show_packets or -show_frames with -show_streams, -of json), as it comes:
        /// <paramref name="onEntry"/> hears the number of packets or frames read so far after each one.
        /// </summary>
        public static FfmpegView FromFfprobeJson(TextReader json, string description, Action<long>? onEntry = null)
        {
            var streams = new List<FfmpegStream>();
            var entries = new List<FfmpegEntry>();
            bool frames = false;
            Version? libavformat = null;
            var reader = new JsonReader(json);
            reader.ReadTopObject(
                (member, element) =>
                {
                    if (element is not Dictionary<string, object?> item) return;
                    switch (member)
                    {
                        case "streams":
                            streams.Add(ReadStream(item));
                            break;
                        case "packets":
                            entries.Add(new FfmpegEntry(Int(item, "stream_index") ?? -1, Long(item, "pts"), Long(item, "dts"),
                                Text(item, "flags") ?? "__", Long(item, "pos"), Long(item, "size"), Real(item, "pts_time")));
                            onEntry?.Invoke(entries.Count);
                            break;
                        case "frames":
                            frames = true;
                            long? keyFrame = Long(item, "key_frame");
                            entries.Add(new FfmpegEntry(Int(item, "stream_index") ?? -1,
                                Long(item, "best_effort_timestamp") ?? Long(item, "pts"), Long(item, "pkt_dts"),
                                keyFrame == 1 ? "K_" : "__", Long(item, "pkt_pos"), Long(item, "nb_samples"), Real(item, "best_effort_timestamp_time") ?? Real(item, "pts_time"))
                            {
                                PictureType = Bitstream.Picture.FromFfmpegChar(Text(item, "pict_type")),
                                KeyFrame = keyFrame.HasValue ? keyFrame == 1 : (bool?)null,
                            });
                            onEntry?.Invoke(entries.Count);
                            break;
                        case "packets_and_frames":
                            throw new InvalidDataException("packets and frames together are not supported: save -show_packets or -show_frames");
                        case "library_versions":
                            if (Text(item, "name") == "libavformat" && Int(item, "major") is int major && Int(item, "minor") is int minor)
                            {
                                libavformat = new Version(major, minor, Int(item, "micro") ?? 0);
                            }
                            break;
                    }
                },
                (member, value) => { });
            return new FfmpegView(frames ? FfmpegSource.Frames : FfmpegSource.Packets, description, streams, entries, libavformat);
        }

        /// <summary>
        /// Reads the log of <c>ffmpeg -i file -vf showinfo -af ashowinfo -f null -</c> (with or without a space before each
        /// colon): the frame lines of both filters, each marked video or audio and with the filter that printed it, and,
        /// when the log has them, the input streams it lists and the ones its stream mapping decodes.
        /// </summary>
        public static FfmpegView FromShowInfoLog(TextReader log, string description)
        {
            var entries = new List<FfmpegEntry>();
            var streams = new List<FfmpegStream>();
            List<int>? decoded = null;
            string section = "";
            string? line;
            while ((line = log.ReadLine()) is not null)
            {
                if (line.StartsWith("Input #", StringComparison.Ordinal)) section = line.StartsWith("Input #0,", StringComparison.Ordinal) ? "input" : "";
                else if (line.StartsWith("Output #", StringComparison.Ordinal)) section = "";
                else if (line.StartsWith("Stream mapping:", StringComparison.Ordinal))
                {
                    section = "mapping";
                    decoded = new List<int>();
                    continue;
                }
                else if (section == "mapping" && line.Length > 0 && !char.IsWhiteSpace(line[0])) section = "";

                if (section == "input" && InputStreamLine.Match(line) is { Success: true } input)
                {
                    uint? trackId = input.Groups["id"].Success ? uint.Parse(input.Groups["id"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : (uint?)null;
                    bool attached = line.IndexOf("(attached pic)", StringComparison.Ordinal) >= 0;
                    streams.Add(new FfmpegStream(int.Parse(input.Groups["index"].Value, CultureInfo.InvariantCulture), attached ? null : trackId,
                        input.Groups["type"].Value.ToLowerInvariant(), "", "", null, attached));
                    continue;
                }
                if (section == "mapping")
                {
                    if (MappingLine.Match(line) is { Success: true } mapped && !line.TrimEnd().EndsWith("(copy)", StringComparison.Ordinal))
                    {
                        int index = int.Parse(mapped.Groups["index"].Value, CultureInfo.InvariantCulture);
                        if (!decoded!.Contains(index)) decoded.Add(index);
                    }
                    continue;
                }

                if (line.IndexOf("showinfo", StringComparison.OrdinalIgnoreCase) < 0 && line.IndexOf("pts_time", StringComparison.Ordinal) < 0) continue;
                Match match = ShowInfoLine.Match(line);
                if (!match.Success) continue;
                Match filter = FilterPrefix.Match(line);
                bool audio = filter.Success
                    ? filter.Groups["kind"].Value.StartsWith("a", StringComparison.OrdinalIgnoreCase)
                    : line.IndexOf("nb_samples", StringComparison.Ordinal) >= 0 || line.IndexOf("chlayout", StringComparison.Ordinal) >= 0;
                long? pts = match.Groups["pts"].Value == "NOPTS" ? (long?)null : long.Parse(match.Groups["pts"].Value, CultureInfo.InvariantCulture);
                double? time = double.TryParse(match.Groups["time"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) ? t : (double?)null;
                string flags = match.Groups["key"].Success && match.Groups["key"].Value == "1" ? "K_" : "__";
                entries.Add(new FfmpegEntry(-1, pts, null, flags, long.Parse(match.Groups["pos"].Value, CultureInfo.InvariantCulture), null, time)
                {
                    PictureType = !audio && match.Groups["type"].Success ? Bitstream.Picture.FromFfmpegChar(match.Groups["type"].Value) : null,
                    KeyFrame = match.Groups["key"].Success ? match.Groups["key"].Value == "1" : (bool?)null,
                    MediaType = audio ? "audio" : "video",
                    Filter = filter.Success ? filter.Groups["name"].Value : null,
                });
            }
            return new FfmpegView(FfmpegSource.ShowInfo, description, streams, entries) { DecodedStreams = decoded };
        }

        private static FfmpegStream ReadStream(Dictionary<string, object?> item)
        {
            uint? trackId = null;
            string? id = Text(item, "id");
            if (id is not null && id.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && uint.TryParse(id.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint parsed))
            {
                trackId = parsed;
            }
            bool attached = item.TryGetValue("disposition", out object? disposition) && disposition is Dictionary<string, object?> flags && Long(flags, "attached_pic") == 1;
            if (attached)
            {
                // A cover picture ffmpeg makes from metadata: not a track.
                trackId = null;
            }
            return new FfmpegStream(Int(item, "index") ?? -1, trackId, Text(item, "codec_type") ?? "", Text(item, "codec_name") ?? "",
                Text(item, "time_base") ?? "", Long(item, "start_pts"), attached);
        }

        private static string? Text(Dictionary<string, object?> item, string name) =>
            item.TryGetValue(name, out object? value) ? value?.ToString() : null;

        private static long? Long(Dictionary<string, object?> item, string name)
        {
            if (!item.TryGetValue(name, out object? value)) return null;
            return value switch
            {
                long l => l,
                string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed) => parsed,
                _ => null,
            };
        }

        private static int? Int(Dictionary<string, object?> item, string name) => Long(item, name) is long l && l >= int.MinValue && l <= int.MaxValue ? (int)l : (int?)null;

        private static double? Real(Dictionary<string, object?> item, string name)
        {
            if (!item.TryGetValue(name, out object? value)) return null;
            return value switch
            {
                double d => d,
                long l => l,
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
                _ => null,
            };
        }
    }
}
