using System;
using System.Collections.Generic;
using System.Linq;
using Mp4Timing.Boxes;
using Mp4Timing.IO;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// The streams ffmpeg makes from moov, in its order: one per trak (even one it cannot read), and one per
    /// cover picture (mov_read_covr: an ilst covr item, or the item a QuickTime mdta key names
    /// com.apple.quicktime.artwork, with a data box of type 13 JPEG, 14 PNG or 27 BMP), numbered as ffmpeg
    /// meets them in the file.
    /// </summary>
    internal sealed class FfmpegStreamLayout
    {
        private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        private readonly List<uint?> _streams = new List<uint?>();
        private readonly List<FfmpegAttachedPicture> _pictures = new List<FfmpegAttachedPicture>();
        private readonly Dictionary<uint, long> _startPads = new Dictionary<uint, long>();

        private FfmpegStreamLayout()
        {
        }

        /// <summary>Per stream index: the track ID of a trak's stream, null for a picture.</summary>
        public IReadOnlyList<uint?> Streams => _streams;

        public IReadOnlyList<FfmpegAttachedPicture> Pictures => _pictures;

        /// <summary>
        /// The encoder delay an iTunes gapless entry (an ilst '----' item named iTunSMPB) gives, by track ID:
        /// mov_read_custom sets it as the start padding of the stream made last before the item (for the moov's
        /// udta after the traks: the last trak), and for AAC it becomes the first packet's Skip Samples.
        /// </summary>
        public long? StartPadOf(uint trackId) => _startPads.TryGetValue(trackId, out long priming) ? priming : (long?)null;

        public static FfmpegStreamLayout Empty { get; } = new FfmpegStreamLayout();

        /// <summary>A layout of traks only, in the given order (a media segment read with its init segment).</summary>
        public static FfmpegStreamLayout OfTracks(IEnumerable<uint> trackIds)
        {
            var layout = new FfmpegStreamLayout();
            foreach (uint id in trackIds) layout._streams.Add(id);
            return layout;
        }

        public static FfmpegStreamLayout Read(Box moov, BoxDataReader reader, string? path)
        {
            var layout = new FfmpegStreamLayout();
            foreach (Box child in moov.Children)
            {
                if (child.Type == "trak") layout._streams.Add(child.Child<TrackHeaderBox>()?.TrackId);
                else layout.Visit(child, reader, path, null);
            }
            return layout;
        }

        /// <summary>The ffmpeg stream index of a track, or null when ffmpeg shows it in no stream.</summary>
        public int? StreamOf(uint trackId)
        {
            int index = _streams.IndexOf(trackId);
            return index >= 0 ? index : (int?)null;
        }

        private void Visit(Box box, BoxDataReader reader, string? path, IReadOnlyList<string>? keys)
        {
            switch (box.Type)
            {
                case "udta":
                    foreach (Box child in box.Children) Visit(child, reader, path, null);
                    break;
                case "meta":
                    // QuickTime metadata: an mdta handler and a keys box name the ilst items by 1-based index.
                    bool mdta = box.Child<HandlerBox>()?.HandlerType == "mdta";
                    IReadOnlyList<string>? named = mdta ? box.Child<MetadataKeysBox>()?.Keys : null;
                    foreach (Box child in box.Children) Visit(child, reader, path, named);
                    break;
                case "ilst":
                    foreach (Box item in box.Children)
                    {
                        if (IsCover(item, keys)) AddPictures(item, reader, path);
                        else if (item.Type == "----" && _streams.Count > 0 && _streams[_streams.Count - 1] is uint last && GaplessPriming(item, reader) is long priming)
                        {
                            _startPads[last] = priming;
                        }
                    }
                    break;
            }
        }

        private static bool IsCover(Box item, IReadOnlyList<string>? keys)
        {
            if (item.Type == "covr") return true;
            if (keys is null) return false;
            uint index = item.FourCC.Value;
            if (index < 1 || index > keys.Count) return false;
            string key = keys[(int)index - 1];
            return key.Substring(key.IndexOf(':') + 1) == "com.apple.quicktime.artwork";
        }

        /// <summary>Every data box at the start of the item that ffmpeg reads as a picture (it stops at the first other box).</summary>
        private void AddPictures(Box item, BoxDataReader reader, string? path)
        {
            foreach (Box child in item.Children)
            {
                if (child is not MetadataDataBox data || data.HeaderSize != 8 || data.Size < 16) break;
                long offset = data.Offset + 16;
                long size = data.Size - 16;
                string? codec = data.DataType switch
                {
                    0x0D => "mjpeg",
                    0x0E => "png",
                    0x1B => "bmp",
                    _ => null,
                };
                if (codec is null) continue;
                if (codec != "bmp" && size >= 8) codec = StartsWithPng(reader, offset) ? "png" : "mjpeg";
                _pictures.Add(new FfmpegAttachedPicture(path, data.BoxPath, _streams.Count, _pictures.Count + 1, data.DataType, codec, offset, size));
                _streams.Add(null);
            }
        }

        /// <summary>
        /// The priming of an iTunSMPB entry (mean, then name "iTunSMPB", then data " 00000000 00000840 000001C0 ..."), as
        /// mov_read_custom reads it: the second of four hexadecimal numbers, kept when it is above 0 and below 16384.
        /// </summary>
        private static long? GaplessPriming(Box item, BoxDataReader reader)
        {
            Box? name = item.Children.FirstOrDefault(c => c.Type == "name");
            MetadataDataBox? data = item.Children.OfType<MetadataDataBox>().FirstOrDefault();
            if (item.Children.All(c => c.Type != "mean") || name is null || data is null || name.Size < 12 || name.Size > 64) return null;
            try
            {
                reader.Seek(name.Offset + 12, name.Offset + name.Size);
                if (System.Text.Encoding.ASCII.GetString(reader.ReadBytes((int)name.Size - 12)) != "iTunSMPB") return null;
            }
            catch (Mp4FormatException)
            {
                return null;
            }
            string[] fields = (data.Text ?? "").Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !fields.Take(4).All(IsHex)) return null;
            long priming = Convert.ToInt64(fields[1], 16);
            return priming > 0 && priming < 16384 ? priming : (long?)null;
        }

        private static bool IsHex(string field) => field.Length is > 0 and <= 16 && field.All(Uri.IsHexDigit);

        private static bool StartsWithPng(BoxDataReader reader, long offset)
        {
            try
            {
                reader.Seek(offset, offset + PngSignature.Length);
                return reader.ReadBytes(PngSignature.Length).SequenceEqual(PngSignature);
            }
            catch (Mp4FormatException)
            {
                return false;
            }
        }
    }
}
