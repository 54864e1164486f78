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
    /// Whether decoding can start at a picture, and whether the pictures after it in decode order then all
    /// decode (ISO/IEC 14496-12 Annex I: stream access point types 1 and 2 make a closed GOP, type 3 an open one).
    /// </summary>
    internal enum RandomAccess : byte
    {
        /// <summary>Not a point where decoding starts (P and B pictures, an HEVC picture that is not IRAP), or not known.</summary>
        None,

        /// <summary>
        /// Decoding starts here and no picture after it needs one before it: an IDR or equivalent (H.264 IDR, HEVC IDR and
        /// BLA, AV1 KEY_FRAME, VP8 and VP9 key frames, an MPEG-2 I picture of a closed GOP, an MPEG-4 I-VOP of a closed GOV).
        /// </summary>
        Closed,

        /// <summary>
        /// Decoding starts here, but pictures after it in decode order that are shown before it (leading pictures) may
        /// refer to pictures before it and are then skipped: an HEVC CRA, an MPEG-2 I picture whose GOP header does not
        /// say closed_gop, an MPEG-4 I-VOP without a closed GOV, an H.263 I picture. With no leading picture it is closed.
        /// </summary>
        OpenIfLeading,

        /// <summary>
        /// Intra, but pictures after it may refer to pictures before it (an open GOP whatever follows): an H.264 I picture
        /// that is not IDR (a recovery point), AV1 and VP9 intra-only frames.
        /// </summary>
        Open,
    }

    /// <summary>
    /// What the headers of one sample say about the picture ffmpeg's decoder outputs for it: its type, the
    /// codec's own name for it (IDR, CRA_NUT, KEY_FRAME...), the decoder's key_frame flag and whether a
    /// closed GOP can start at it. Type is null when the sample shows no picture or the headers could not be read.
    /// </summary>
    internal readonly struct Picture
    {
        public Picture(PictureType? type, string? kind, bool key, RandomAccess access)
        {
            Type = type;
            Kind = kind;
            Key = key;
            Access = access;
        }

        public PictureType? Type { get; }

        public string? Kind { get; }

        /// <summary>
        /// The key_frame flag ffmpeg's decoder gives the frame (showinfo's iskey): an H.264 IDR, an HEVC IRAP
        /// picture, an AV1 KEY_FRAME, a VP8/VP9 key frame, an intra picture of the MPEG formats and H.263.
        /// Not the packet's K, which for H.264 also covers recovery points and its parser's heuristic.
        /// </summary>
        public bool Key { get; }

        /// <summary>Whether decoding can start at the picture and whether the GOP it starts is closed.</summary>
        public RandomAccess Access { get; }

        /// <summary>True for an intra picture: I, or an H.264 SI picture (decoded without any other picture).</summary>
        public bool IsIntra => Type is PictureType.I or PictureType.SI;

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

        /// <summary>The character ffmpeg prints for a picture type (av_get_picture_type_char): I P B S i p b, and ? for none.</summary>
        public static char FfmpegChar(PictureType? type) => type switch
        {
            PictureType.I => 'I',
            PictureType.P => 'P',
            PictureType.B => 'B',
            PictureType.S => 'S',
            PictureType.SI => 'i',
            PictureType.SP => 'p',
            PictureType.BI => 'b',
            _ => '?',
        };
    }
}
