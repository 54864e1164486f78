using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>mdhd (MediaHeaderBox): the media timescale, in which all sample times of the track are counted.</summary>
    public sealed class MediaHeaderBox : FullBox
    {
        /// <summary>creation_time.</summary>
        public long CreationTime { get; private set; }

        /// <summary>modification_time.</summary>
        public long ModificationTime { get; private set; }

        /// <summary>timescale: media ticks per second.</summary>
        public uint Timescale { get; private set; }

        /// <summary>duration, in media ticks; -1 when a version 1 box stores all 1s (unknown).</summary>
        public long Duration { get; private set; }

        /// <summary>language: ISO 639-2/T code (<c>mac:N</c> for a QuickTime Macintosh language code, <c>und</c> for QuickTime's unspecified 0x7FFF).</summary>
        public string Language { get; private set; } = "";

        /// <inheritdoc />
        public override string Summary => $"timescale={Timescale} duration={Duration} ({Seconds.Format(Duration, Timescale)}) lang={Language}";

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            RequireVersion(reader, 1);
            bool wide = Version == 1;
            CreationTime = reader.ReadUIntAsInt64(wide, "creation_time");
            ModificationTime = reader.ReadUIntAsInt64(wide, "modification_time");
            Timescale = reader.ReadUInt32();
            Duration = reader.ReadDuration(wide);
            Language = DecodeLanguage(reader.ReadUInt16());
            reader.Skip(reader.Remaining >= 2 ? 2 : reader.Remaining);
        }

        internal static string DecodeLanguage(ushort packed)
        {
            if (packed == 0x7FFF) return "und";
            if (packed < 0x400) return "mac:" + packed;
            char a = (char)(((packed >> 10) & 0x1F) + 0x60);
            char b = (char)(((packed >> 5) & 0x1F) + 0x60);
            char c = (char)((packed & 0x1F) + 0x60);
            return new string(new[] { a, b, c });
        }
    }
}
