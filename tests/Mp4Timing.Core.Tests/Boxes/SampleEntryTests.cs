using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// stsd (ISO/IEC 14496-12 8.5.2) and its sample entries: every entry starts with reserved(8)[6] and
    /// data_reference_index(16); Visual/Audio/Text/XML subtitle/timecode entries add their own fields,
    /// then child boxes (codec configuration, sinf, btrt...).
    /// </summary>
    public class SampleEntryTests
    {
        private static byte[] Stsd(params byte[][] entries) => FullBox("stsd", 0, 0, U32((uint)entries.Length), Cat(entries));

        private static byte[] EntryHeader(ushort dataReferenceIndex) => Cat(Zeros(6), U16(dataReferenceIndex));

        /// <summary>compressorname: 32 bytes, a length byte, the name, NUL padding.</summary>
        private static byte[] CompressorName(string name) => Cat(Pascal(name), Zeros(31 - name.Length));

        /// <summary>VisualSampleEntry (14496-12 12.1.3): pre_defined/reserved 16 bytes, width, height, 72 dpi, reserved, frame_count 1, compressorname, depth 0x18, pre_defined −1.</summary>
        private static byte[] Visual(ushort width, ushort height, string compressor) => Cat(
            EntryHeader(1), Zeros(16), U16(width), U16(height), U32(0x00480000), U32(0x00480000), U32(0), U16(1),
            CompressorName(compressor), U16(0x0018), I16(-1));

        /// <summary>AudioSampleEntry (14496-12 12.2.3) / QuickTime sound description version 0.</summary>
        private static byte[] AudioV0(ushort channels, ushort sampleSize, uint rate) => Cat(
            EntryHeader(1), U16(0), Zeros(6), U16(channels), U16(sampleSize), U16(0), U16(0), U32(rate << 16));

        private static (SampleDescriptionBox Stsd, System.Collections.Generic.List<Box> Boxes) ReadStsd(byte[] stsd)
        {
            var (boxes, errors) = Read(stsd);
            Assert.Empty(errors);
            return (Assert.IsType<SampleDescriptionBox>(boxes[0]), boxes);
        }

        [Theory]
        [InlineData("avc1", 1280, 720, "Lavc libx264", "1280x720 \"Lavc libx264\"")]
        [InlineData("hvc1", 1920, 1080, "", "1920x1080")]
        [InlineData("encv", 640, 360, "0123456789012345678901234567890", "640x360 \"0123456789012345678901234567890\"")]
        public void VisualSampleEntry(string codec, int width, int height, string compressor, string summary)
        {
            byte[] config = Box("btrt", U32(0), U32(5_000_000), U32(4_000_000));
            var (_, boxes) = ReadStsd(Stsd(Box(codec, Visual((ushort)width, (ushort)height, compressor), config)));

            var entry = Assert.IsType<VisualSampleEntry>(boxes[1]);
            Assert.Equal(codec, entry.Codec);
            Assert.Equal(1, entry.DataReferenceIndex);
            Assert.Equal(width, entry.Width);
            Assert.Equal(height, entry.Height);
            Assert.Equal(72.0, entry.HorizontalResolution);
            Assert.Equal(72.0, entry.VerticalResolution);
            Assert.Equal(1, entry.FrameCount);
            Assert.Equal(compressor, entry.CompressorName);
            Assert.Equal(0x18, entry.BitDepth);
            Assert.Equal(summary, entry.Summary);

            // The child boxes start right after the 78 bytes of fields (8 + 70).
            Box btrt = boxes[2];
            Assert.Equal("btrt", btrt.Type);
            Assert.Equal(entry.Offset + 8 + 78, btrt.Offset);
            Assert.Equal(2, btrt.Depth);
        }

        [Fact]
        public void VisualSampleEntryCompressorNameLengthBeyond31IsIgnored()
        {
            byte[] fields = Visual(320, 240, "");
            fields[8 + 16 + 4 + 8 + 4 + 2] = 40; // the length byte of compressorname
            var (_, boxes) = ReadStsd(Stsd(Box("mp4v", fields)));

            Assert.Equal("", Assert.IsType<VisualSampleEntry>(boxes[1]).CompressorName);
        }

        [Fact]
        public void EncryptedVisualEntryKeepsItsProtectionInfo()
        {
            byte[] sinf = Box("sinf",
                Box("frma", Ascii("avc1")),
                FullBox("schm", 0, 0, Ascii("cenc"), U32(0x00010000)),
                Box("schi", FullBox("tenc", 0, 0, U8(0), U8(0), U8(1), U8(8), Uuid("00112233-4455-6677-8899-aabbccddeeff"))));
            var (_, boxes) = ReadStsd(Stsd(Box("encv", Visual(640, 360, ""), sinf)));

            Assert.Equal(new[] { "stsd", "encv", "sinf", "frma", "schm", "schi", "tenc" }, boxes.Select(b => b.Type));
            Assert.IsType<VisualSampleEntry>(boxes[1]);
            Assert.Equal("avc1", Assert.IsType<OriginalFormatBox>(boxes[3]).DataFormat);
            Assert.Equal("cenc", Assert.IsType<SchemeTypeBox>(boxes[4]).SchemeType);
            Assert.Equal(8, Assert.IsType<TrackEncryptionBox>(boxes[6]).DefaultPerSampleIvSize);
            Assert.Equal("/stsd/encv/sinf/schi/tenc", boxes[6].BoxPath);
        }

        [Theory]
        [InlineData("mp4a", 2, 16, 48000u)]
        [InlineData("Opus", 2, 16, 48000u)]
        [InlineData(".mp3", 2, 16, 44100u)]
        [InlineData("ac-3", 6, 16, 48000u)]
        [InlineData("fLaC", 1, 24, 44100u)]
        public void AudioSampleEntryVersion0(string codec, int channels, int sampleSize, uint rate)
        {
            byte[] child = Box("free", Zeros(4));
            var (_, boxes) = ReadStsd(Stsd(Box(codec, AudioV0((ushort)channels, (ushort)sampleSize, rate), child)));

            var entry = Assert.IsType<AudioSampleEntry>(boxes[1]);
            Assert.Equal(codec, entry.Codec);
            Assert.Equal(1, entry.DataReferenceIndex);
            Assert.Equal(0, entry.SoundVersion);
            Assert.Equal((uint)channels, entry.ChannelCount);
            Assert.Equal(sampleSize, entry.SampleSize);
            Assert.Equal(rate, entry.SampleRate);
            Assert.Equal(0u, entry.SamplesPerPacket);
            Assert.Equal(0u, entry.BytesPerFrame);
            Assert.Equal($"channels={channels} samplesize={sampleSize} samplerate={rate}", entry.Summary);
            Assert.Equal(entry.Offset + 8 + 28, boxes[2].Offset);
        }

        [Fact]
        public void OpusEntryWithDOps()
        {
            byte[] dOps = Box("dOps", U8(0), U8(2), U16(312), U32(48000), I16(0), U8(0));
            var (_, boxes) = ReadStsd(Stsd(Box("Opus", AudioV0(2, 16, 48000), dOps)));

            Assert.IsType<AudioSampleEntry>(boxes[1]);
            var config = Assert.IsType<OpusSpecificBox>(boxes[2]);
            Assert.Equal(312, config.PreSkip);
            Assert.Equal("/stsd/Opus/dOps", config.BoxPath);
        }

        [Fact]
        public void QuickTimeSoundVersion1()
        {
            // QTFF "Sound sample description (version 1)": version 1, revision 0, vendor, channels,
            // sample size, compression ID −2, packet size 0, sample rate 16.16, then samples per packet,
            // bytes per packet, bytes per frame, bytes per sample.
            byte[] fields = Cat(
                EntryHeader(1), U16(1), U16(0), U32(0), U16(2), U16(16), I16(-2), U16(0), U32(44100u << 16),
                U32(1024), U32(1536), U32(3072), U32(2));
            byte[] wave = Box("wave",
                Box("frma", Ascii("mp4a")),
                Box("mp4a", Zeros(4)),
                FullBox("esds", 0, 0, Hex("03 19 00 01 00  04 11 40 15 00 03 00 00 01 F4 00 00 01 F4 00  05 02 12 10  06 01 02")),
                Cat(U32(8), U32(0))); // QuickTime terminator atom
            var (_, boxes) = ReadStsd(Stsd(Box("mp4a", fields, wave)));

            var entry = Assert.IsType<AudioSampleEntry>(boxes[1]);
            Assert.Equal(1, entry.SoundVersion);
            Assert.Equal(2u, entry.ChannelCount);
            Assert.Equal(16, entry.SampleSize);
            Assert.Equal(44100.0, entry.SampleRate);
            Assert.Equal(1024u, entry.SamplesPerPacket);
            Assert.Equal(3072u, entry.BytesPerFrame);
            Assert.Equal("channels=2 samplesize=16 samplerate=44100", entry.Summary);

            Box waveBox = boxes[2];
            Assert.Equal("wave", waveBox.Type);
            Assert.Equal(entry.Offset + 8 + 28 + 16, waveBox.Offset);
            Assert.Equal("mp4a", boxes.OfType<OriginalFormatBox>().Single().DataFormat);
            var esds = boxes.OfType<ElementaryStreamDescriptorBox>().Single();
            Assert.Equal("/stsd/mp4a/wave/esds", esds.BoxPath);
            Assert.Equal(44100, esds.SamplingFrequency);
        }

        [Theory]
        // codec, audioSampleRate (IEEE 754 double), channels, bits, flags, bytes/packet, frames/packet
        [InlineData("lpcm", "40 F7 70 00 00 00 00 00", 96000.0, 6u, 24, 0x0000000Cu, 18u, 1u)] // 24-bit signed packed PCM
        [InlineData("mp4a", "40 E7 70 00 00 00 00 00", 48000.0, 2u, 0, 0x00000000u, 0u, 1024u)] // AAC: variable packets of 1024 frames
        public void QuickTimeSoundVersion2(string codec, string rateBits, double rate, uint channels, int bits, uint formatFlags, uint bytesPerPacket, uint framesPerPacket)
        {
            // QTFF "Sound sample description (version 2)": after the version 0 layout (with the constants
            // 3, 16, -2, 0, 65536), sizeOfStructOnly, audioSampleRate as a 64-bit float,
            // numAudioChannels, 0x7F000000, constBitsPerChannel, formatSpecificFlags,
            // constBytesPerAudioPacket, constLPCMFramesPerAudioPacket.
            byte[] fields = Cat(
                EntryHeader(1), U16(2), U16(0), U32(0), U16(3), U16(16), I16(-2), U16(0), U32(0x00010000),
                U32(72), Hex(rateBits), U32(channels), U32(0x7F000000), U32((uint)bits), U32(formatFlags),
                U32(bytesPerPacket), U32(framesPerPacket));
            var (_, boxes) = ReadStsd(Stsd(Box(codec, fields, Box("chan", Zeros(12)))));

            var entry = Assert.IsType<AudioSampleEntry>(boxes[1]);
            Assert.Equal(2, entry.SoundVersion);
            Assert.Equal(rate, entry.SampleRate);
            Assert.Equal(channels, entry.ChannelCount);
            Assert.Equal(bits, entry.SampleSize);
            Assert.Equal(bytesPerPacket, entry.BytesPerFrame);
            Assert.Equal(framesPerPacket, entry.SamplesPerPacket);
            Assert.Equal($"channels={channels} samplesize={bits} samplerate={rate}", entry.Summary);
            Assert.Equal("chan", boxes[2].Type);
            Assert.Equal(entry.Offset + 8 + 28 + 36, boxes[2].Offset);
        }

        [Fact]
        public void TextSampleEntryTx3g()
        {
            // 3GPP TS 26.245 5.16: displayFlags, horizontal/vertical justification, background RGBA,
            // BoxRecord (4 × 16 bits), StyleRecord (12 bytes), then FontTableBox.
            byte[] fields = Cat(
                EntryHeader(1), U32(0x00000060), I8(1), I8(-1), Hex("00 00 00 FF"),
                U16(0), U16(0), U16(60), U16(400),
                U16(0), U16(0), U16(1), U8(0), U8(18), Hex("FF FF FF FF"));
            byte[] ftab = Box("ftab", U16(1), U16(1), Pascal("Serif"));
            var (_, boxes) = ReadStsd(Stsd(Box("tx3g", fields, ftab)));

            var entry = Assert.IsType<TextSampleEntry>(boxes[1]);
            Assert.Equal(0x60u, entry.DisplayFlags);
            Assert.Equal("displayFlags=0x60", entry.Summary);
            Assert.Equal("ftab", boxes[2].Type);
            Assert.Equal(entry.Offset + 8 + 8 + 30, boxes[2].Offset);
        }

        [Fact]
        public void WebVttPlainSampleEntry()
        {
            // ISO/IEC 14496-30 7.5: WVTTSampleEntry has no fields of its own; vttC follows.
            byte[] vttC = Box("vttC", Ascii("WEBVTT"));
            var (_, boxes) = ReadStsd(Stsd(Box("wvtt", EntryHeader(1), vttC)));

            var entry = Assert.IsType<PlainSampleEntry>(boxes[1]);
            Assert.Equal("wvtt", entry.Codec);
            Assert.Equal(1, entry.DataReferenceIndex);
            Assert.Equal("data_reference_index=1", entry.Summary);
            Assert.Equal("vttC", boxes[2].Type);
            Assert.Equal(entry.Offset + 16, boxes[2].Offset);
        }

        [Theory]
        [InlineData("http://www.w3.org/ns/ttml", "", "")]
        [InlineData("http://www.w3.org/ns/ttml http://www.w3.org/ns/ttml#metadata", "http://example.com/ttml.xsd", "image/png")]
        public void XmlSubtitleSampleEntryStpp(string ns, string schema, string mime)
        {
            // 14496-12 12.6.3.2: namespace, schema_location, auxiliary_mime_types (NUL-terminated UTF-8).
            byte[] btrt = Box("btrt", U32(0), U32(1000), U32(800));
            var (_, boxes) = ReadStsd(Stsd(Box("stpp", EntryHeader(1), CString(ns), CString(schema), CString(mime), btrt)));

            var entry = Assert.IsType<XmlSubtitleSampleEntry>(boxes[1]);
            Assert.Equal(ns, entry.Namespace);
            Assert.Equal(schema, entry.SchemaLocation);
            Assert.Equal(mime, entry.AuxiliaryMimeTypes);
            Assert.Equal("namespace=" + ns, entry.Summary);
            Assert.Equal("btrt", boxes[2].Type);
            Assert.Equal(entry.Offset + 16 + ns.Length + schema.Length + mime.Length + 3, boxes[2].Offset);
        }

        [Fact]
        public void TimecodeSampleEntryTmcd()
        {
            // QTFF "Timecode sample description": reserved(32), flags(32), time scale, frame duration,
            // number of frames(8), reserved(8); a 'name' atom may follow.
            byte[] fields = Cat(EntryHeader(1), U32(0), U32(0x00000001), U32(30000), U32(1001), U8(30), U8(0));
            byte[] name = Box("name", U16(4), U16(0), Ascii("Tape"));
            var (_, boxes) = ReadStsd(Stsd(Box("tmcd", fields, name)));

            var entry = Assert.IsType<TimecodeSampleEntry>(boxes[1]);
            Assert.Equal(30000u, entry.Timescale);
            Assert.Equal(1001u, entry.FrameDuration);
            Assert.Equal(30, entry.NumberOfFrames);
            Assert.Equal("timescale=30000 frame_duration=1001 frames=30", entry.Summary);
            Assert.Equal("name", boxes[2].Type);
            Assert.Equal(entry.Offset + 8 + 26, boxes[2].Offset);
        }

        [Fact]
        public void UnknownCodecIsAPlainSampleEntryWithoutChildren()
        {
            var (_, boxes) = ReadStsd(Stsd(Box("zzzz", EntryHeader(3), Box("avcC", Zeros(7)))));

            var entry = Assert.IsType<SampleEntry>(Assert.Single(boxes.Skip(1)));
            Assert.Equal("zzzz", entry.Codec);
            Assert.Equal(3, entry.DataReferenceIndex);
            Assert.Equal("data_reference_index=3", entry.Summary);
        }

        [Fact]
        public void SampleEntryTypesAreOnlySampleEntriesInsideStsd()
        {
            // The same fourcc elsewhere (inside QuickTime's wave) is not a sample entry.
            var (boxes, errors) = Read(Box("wave", Box("mp4a", Zeros(4))));

            Assert.Empty(errors);
            Assert.Equal(typeof(Box), boxes[1].GetType());
        }

        [Fact]
        public void TruncatedVisualEntryIsAnErrorAndTheNextEntryIsStillRead()
        {
            var (boxes, errors) = Read(Stsd(Box("avc1", EntryHeader(1), Zeros(10)), Box("mp4a", AudioV0(1, 16, 8000))));

            Assert.Equal(Mp4ErrorKind.TruncatedBox, Assert.Single(errors).Kind);
            Assert.Equal("/stsd/avc1", errors[0].BoxPath);
            Assert.IsNotType<VisualSampleEntry>(boxes[1]);
            Assert.Equal(8000.0, Assert.IsType<AudioSampleEntry>(boxes[2]).SampleRate);
        }
    }
}
