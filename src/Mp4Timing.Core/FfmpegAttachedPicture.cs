namespace Mp4Timing
{
    /// <summary>
    /// Cover art (moov/udta/meta/ilst/covr) as ffmpeg shows it: a video stream of its own with the attached_pic
    /// disposition and one packet, which has no timestamps. It is not a track: <see cref="TrackId"/> is 0 and
    /// <see cref="BoxPath"/> names the data box the picture is in.
    /// </summary>
    public sealed class FfmpegAttachedPicture
    {
        internal FfmpegAttachedPicture(string? path, string boxPath, int streamIndex, int number, uint dataType, string codec, long offset, long size)
        {
            Path = path;
            BoxPath = boxPath;
            StreamIndex = streamIndex;
            Number = number;
            DataType = dataType;
            Codec = codec;
            Offset = offset;
            Size = size;
        }

        /// <summary>The file.</summary>
        public string? Path { get; }

        /// <summary>Always 0: the picture is not a track (ffprobe shows its stream id as 0x0).</summary>
        public uint TrackId => 0;

        /// <summary>Always true: this object is an attached picture, not a sample of a track.</summary>
        public bool IsAttachedPicture => true;

        /// <summary>ffmpeg's stream index (ffprobe's stream_index): streams are numbered in the order ffmpeg meets traks and pictures in moov.</summary>
        public int StreamIndex { get; }

        /// <summary>1-based number of the picture in the file.</summary>
        public int Number { get; }

        /// <summary>The data box holding the picture.</summary>
        public string BoxPath { get; }

        /// <summary>The data box's type: 13 JPEG, 14 PNG, 27 BMP.</summary>
        public uint DataType { get; }

        /// <summary>The codec ffmpeg gives the stream: mjpeg, png or bmp (the PNG signature wins over the declared type).</summary>
        public string Codec { get; }

        /// <summary>The packet's sample number: an attached picture has one packet.</summary>
        public long Sample => 1;

        /// <summary>ffmpeg gives the packet no pts (ffprobe prints N/A).</summary>
        public long? PtsTicks => null;

        /// <summary>ffmpeg gives the packet no dts (ffprobe prints N/A).</summary>
        public long? DtsTicks => null;

        /// <summary>No presentation time (null).</summary>
        public double? Pts => null;

        /// <summary>No decode time (null).</summary>
        public double? Dts => null;

        /// <summary>K: ffmpeg flags the packet as a key frame.</summary>
        public bool IsSync => true;

        /// <summary>Never D.</summary>
        public bool IsDiscarded => false;

        /// <summary>Absolute byte offset of the picture (after the data box's type and locale).</summary>
        public long Offset { get; }

        /// <summary>The picture's size in bytes.</summary>
        public long Size { get; }

        /// <summary>Always Ffmpeg: only ffmpeg turns cover art into a stream.</summary>
        public string Convention => nameof(TimingConvention.Ffmpeg);

        /// <inheritdoc />
        public override string ToString() => $"attached picture {Number} (stream {StreamIndex}, {Codec}, {Size} bytes at {Offset}): no timestamps";
    }
}
