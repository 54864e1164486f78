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

        private FfmpegStreamLayout()
        {
        }

        /// <summary>Per stream index: the track ID of a trak's stream, null for a picture.</summary>
        public IReadOnlyList<uint?> Streams => _streams;

        public IReadOnlyList<FfmpegAttachedPicture> Pictures => _pictures;

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
