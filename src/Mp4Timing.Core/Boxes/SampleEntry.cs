using System;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>
    /// A sample entry inside stsd: the codec of the track (its box type is the codec fourcc). This base
    /// type is used for codecs whose fields Mp4Timing does not decode.
    /// </summary>
    public class SampleEntry : Box
    {
        /// <summary>data_reference_index (1-based into dref).</summary>
        public ushort DataReferenceIndex { get; private set; }

        /// <summary>The codec: the sample entry's fourcc (avc1, mp4a, encv...).</summary>
        public string Codec => Type;

        /// <inheritdoc />
        public override string Summary => $"data_reference_index={DataReferenceIndex}";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            reader.Skip(6);
            DataReferenceIndex = reader.ReadUInt16();
            ReadEntryFields(reader);
        }

        /// <summary>Reads the fields that follow the common eight bytes.</summary>
        internal virtual void ReadEntryFields(BoxDataReader reader)
        {
        }
    }

    /// <summary>VisualSampleEntry: avc1, avc3, hvc1, hev1, av01, vp09, mp4v, encv...</summary>
    public sealed class VisualSampleEntry : SampleEntry
    {
        /// <summary>width in pixels.</summary>
        public ushort Width { get; private set; }

        /// <summary>height in pixels.</summary>
        public ushort Height { get; private set; }

        /// <summary>horizresolution (16.16, normally 72 dpi).</summary>
        public double HorizontalResolution { get; private set; }

        /// <summary>vertresolution (16.16, normally 72 dpi).</summary>
        public double VerticalResolution { get; private set; }

        /// <summary>frame_count: frames per sample (1).</summary>
        public ushort FrameCount { get; private set; }

        /// <summary>compressorname.</summary>
        public string CompressorName { get; private set; } = "";

        /// <summary>depth (0x18: colour, no alpha).</summary>
        public ushort BitDepth { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"{Width}x{Height}" + (CompressorName.Length > 0 ? $" \"{CompressorName}\"" : "");

        internal override bool HasChildren => true;

        internal override void ReadEntryFields(BoxDataReader reader)
        {
            reader.Skip(16);
            Width = reader.ReadUInt16();
            Height = reader.ReadUInt16();
            HorizontalResolution = reader.ReadFixed16x16();
            VerticalResolution = reader.ReadFixed16x16();
            reader.Skip(4);
            FrameCount = reader.ReadUInt16();
            byte[] name = reader.ReadBytes(32);
            int length = name[0] < 32 ? name[0] : 0;
            CompressorName = System.Text.Encoding.UTF8.GetString(name, 1, length).TrimEnd('\0');
            BitDepth = reader.ReadUInt16();
            reader.Skip(2);
        }
    }

    /// <summary>AudioSampleEntry: mp4a, Opus, .mp3, ac-3, ec-3, fLaC, enca... (with QuickTime's version 1 and 2 layouts).</summary>
    public sealed class AudioSampleEntry : SampleEntry
    {
        /// <summary>QuickTime sound description version (0 in ISO files; 1 and 2 add fields).</summary>
        public ushort SoundVersion { get; private set; }

        /// <summary>channelcount.</summary>
        public uint ChannelCount { get; private set; }

        /// <summary>samplesize in bits.</summary>
        public ushort SampleSize { get; private set; }

        /// <summary>samplerate in Hz (the integer part of the 16.16 field, or QuickTime v2's 64-bit float).</summary>
        public double SampleRate { get; private set; }

        /// <summary>QuickTime v1 samples_per_packet (frames per compressed packet), when present.</summary>
        public uint SamplesPerPacket { get; private set; }

        /// <summary>QuickTime v1 bytes_per_frame, when present.</summary>
        public uint BytesPerFrame { get; private set; }

        /// <inheritdoc />
        public override string Summary => FormattableString.Invariant($"channels={ChannelCount} samplesize={SampleSize} samplerate={SampleRate}");

        internal override bool HasChildren => true;

        internal override void ReadEntryFields(BoxDataReader reader)
        {
            SoundVersion = reader.ReadUInt16();
            reader.Skip(6);
            ChannelCount = reader.ReadUInt16();
            SampleSize = reader.ReadUInt16();
            reader.Skip(4);
            SampleRate = reader.ReadUInt32() >> 16;
            if (SoundVersion == 1)
            {
                SamplesPerPacket = reader.ReadUInt32();
                reader.Skip(4);
                BytesPerFrame = reader.ReadUInt32();
                reader.Skip(4);
            }
            else if (SoundVersion == 2)
            {
                reader.Skip(4);
                SampleRate = System.BitConverter.Int64BitsToDouble(reader.ReadInt64());
                ChannelCount = reader.ReadUInt32();
                reader.Skip(4);
                SampleSize = (ushort)reader.ReadUInt32();
                reader.Skip(4);
                BytesPerFrame = reader.ReadUInt32();
                SamplesPerPacket = reader.ReadUInt32();
            }
        }
    }

    /// <summary>tx3g (3GPP timed text sample entry).</summary>
    public sealed class TextSampleEntry : SampleEntry
    {
        /// <summary>displayFlags.</summary>
        public uint DisplayFlags { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"displayFlags=0x{DisplayFlags:X}";

        internal override bool HasChildren => true;

        internal override void ReadEntryFields(BoxDataReader reader)
        {
            DisplayFlags = reader.ReadUInt32();
            reader.Skip(2 + 4 + 8 + 12);
        }
    }

    /// <summary>stpp (XML subtitle sample entry, e.g. TTML/IMSC).</summary>
    public sealed class XmlSubtitleSampleEntry : SampleEntry
    {
        /// <summary>namespace.</summary>
        public string Namespace { get; private set; } = "";

        /// <summary>schema_location.</summary>
        public string SchemaLocation { get; private set; } = "";

        /// <summary>auxiliary_mime_types.</summary>
        public string AuxiliaryMimeTypes { get; private set; } = "";

        /// <inheritdoc />
        public override string Summary => $"namespace={Namespace}";

        internal override bool HasChildren => true;

        internal override void ReadEntryFields(BoxDataReader reader)
        {
            Namespace = reader.ReadNullTerminatedString();
            SchemaLocation = reader.Remaining > 0 ? reader.ReadNullTerminatedString() : "";
            AuxiliaryMimeTypes = reader.Remaining > 0 ? reader.ReadNullTerminatedString() : "";
        }
    }

    /// <summary>A sample entry with no fields of its own before its child boxes (wvtt: WebVTT).</summary>
    public sealed class PlainSampleEntry : SampleEntry
    {
        internal override bool HasChildren => true;
    }

    /// <summary>tmcd (QuickTime timecode sample entry).</summary>
    public sealed class TimecodeSampleEntry : SampleEntry
    {
        /// <summary>timescale of the timecode.</summary>
        public uint Timescale { get; private set; }

        /// <summary>frame duration in timecode ticks.</summary>
        public uint FrameDuration { get; private set; }

        /// <summary>number of frames per second (rounded).</summary>
        public byte NumberOfFrames { get; private set; }

        /// <inheritdoc />
        public override string Summary => $"timescale={Timescale} frame_duration={FrameDuration} frames={NumberOfFrames}";

        internal override bool HasChildren => true;

        internal override void ReadEntryFields(BoxDataReader reader)
        {
            reader.Skip(4 + 4);
            Timescale = reader.ReadUInt32();
            FrameDuration = reader.ReadUInt32();
            NumberOfFrames = reader.ReadByte();
            reader.Skip(1);
        }
    }
}
