namespace Mp4Timing
{
    /// <summary>
    /// The picture type of a video sample, as ffmpeg's decoders report it (pict_type in
    /// <c>ffprobe -show_frames</c>, <c>type:</c> in showinfo).
    /// </summary>
    public enum PictureType
    {
        /// <summary>Intra: decoded on its own (ffmpeg prints I).</summary>
        I,
        /// <summary>Predicted from earlier pictures (P).</summary>
        P,
        /// <summary>Bi-predicted (B).</summary>
        B,
        /// <summary>MPEG-4 Part 2 sprite / global motion compensation VOP (S).</summary>
        S,
        /// <summary>H.264 switching intra slice (ffmpeg prints i).</summary>
        SI,
        /// <summary>H.264 switching predicted slice, AV1 switch frame (ffmpeg prints p).</summary>
        SP,
        /// <summary>BI picture of VC-1 (ffmpeg prints b).</summary>
        BI,
    }
}

namespace Mp4Timing.Bitstream
{
    /// <summary>
    /// What the headers of one sample say about the picture ffmpeg's decoder outputs for it: its type, the
    /// codec's own name for it (IDR, CRA_NUT, KEY_FRAME...) and the decoder's key_frame flag. Type is null
    /// when the sample shows no picture or the headers could not be read.
    /// </summary>
    internal readonly struct Picture
    {
        public Picture(PictureType? type, string? kind, bool key)
        {
            Type = type;
            Kind = kind;
            Key = key;
        }

        public PictureType? Type { get; }

        public string? Kind { get; }

        /// <summary>
        /// The key_frame flag ffmpeg's decoder gives the frame (showinfo's iskey): an H.264 IDR, an HEVC IRAP
        /// picture, an AV1 KEY_FRAME, a VP8/VP9 key frame, an intra picture of the MPEG formats and H.263.
        /// Not the packet's K, which for H.264 also covers recovery points and its parser's heuristic.
        /// </summary>
        public bool Key { get; }

        public static Picture Unknown => default;

        /// <summary>The picture type for the character ffmpeg prints (av_get_picture_type_char); null for '?' and anything unknown.</summary>
        public static PictureType? FromFfmpegChar(string? text) => text switch
        {
            "I" => PictureType.I,
            "P" => PictureType.P,
            "B" => PictureType.B,
            "S" => PictureType.S,
            "i" => PictureType.SI,
            "p" => PictureType.SP,
            "b" => PictureType.BI,
            _ => null,
        };
    }
}
