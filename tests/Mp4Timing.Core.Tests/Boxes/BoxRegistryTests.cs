using System;
using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;
using static Mp4Timing.Tests.Support.SpecBytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>
    /// The registry: every decoded fourcc maps to its box type (sample entries and ilst items by their
    /// parent), unknown boxes are kept as plain boxes with type, offset and size, and versions a parser does
    /// not know are refused.
    /// </summary>
    public class BoxRegistryTests
    {
        [Theory]
        [InlineData("ftyp", typeof(FileTypeBox))]
        [InlineData("styp", typeof(FileTypeBox))]
        [InlineData("mvhd", typeof(MovieHeaderBox))]
        [InlineData("tkhd", typeof(TrackHeaderBox))]
        [InlineData("mdhd", typeof(MediaHeaderBox))]
        [InlineData("hdlr", typeof(HandlerBox))]
        [InlineData("elst", typeof(EditListBox))]
        [InlineData("stsd", typeof(SampleDescriptionBox))]
        [InlineData("dref", typeof(DataReferenceBox))]
        [InlineData("stts", typeof(TimeToSampleBox))]
        [InlineData("ctts", typeof(CompositionOffsetBox))]
        [InlineData("cslg", typeof(CompositionToDecodeBox))]
        [InlineData("stss", typeof(SyncSampleBox))]
        [InlineData("stps", typeof(SyncSampleBox))]
        [InlineData("sdtp", typeof(SampleDependencyTypeBox))]
        [InlineData("stsc", typeof(SampleToChunkBox))]
        [InlineData("stsz", typeof(SampleSizeBox))]
        [InlineData("stz2", typeof(SampleSizeBox))]
        [InlineData("stco", typeof(ChunkOffsetBox))]
        [InlineData("co64", typeof(ChunkOffsetBox))]
        [InlineData("sgpd", typeof(SampleGroupDescriptionBox))]
        [InlineData("sbgp", typeof(SampleToGroupBox))]
        [InlineData("trex", typeof(TrackExtendsBox))]
        [InlineData("mehd", typeof(MovieExtendsHeaderBox))]
        [InlineData("mfhd", typeof(MovieFragmentHeaderBox))]
        [InlineData("tfhd", typeof(TrackFragmentHeaderBox))]
        [InlineData("tfdt", typeof(TrackFragmentDecodeTimeBox))]
        [InlineData("trun", typeof(TrackRunBox))]
        [InlineData("sidx", typeof(SegmentIndexBox))]
        [InlineData("tfra", typeof(TrackFragmentRandomAccessBox))]
        [InlineData("mfro", typeof(MovieFragmentRandomAccessOffsetBox))]
        [InlineData("emsg", typeof(EventMessageBox))]
        [InlineData("pssh", typeof(ProtectionSystemHeaderBox))]
        [InlineData("senc", typeof(SampleEncryptionBox))]
        [InlineData("saiz", typeof(SampleAuxiliaryInformationSizesBox))]
        [InlineData("saio", typeof(SampleAuxiliaryInformationOffsetsBox))]
        [InlineData("frma", typeof(OriginalFormatBox))]
        [InlineData("schm", typeof(SchemeTypeBox))]
        [InlineData("tenc", typeof(TrackEncryptionBox))]
        [InlineData("meta", typeof(MetaBox))]
        [InlineData("ilst", typeof(ItemListBox))]
        [InlineData("keys", typeof(MetadataKeysBox))]
        [InlineData("data", typeof(MetadataDataBox))]
        [InlineData("avcC", typeof(AvcConfigurationBox))]
        [InlineData("hvcC", typeof(HevcConfigurationBox))]
        [InlineData("av1C", typeof(Av1ConfigurationBox))]
        [InlineData("vpcC", typeof(VpConfigurationBox))]
        [InlineData("dOps", typeof(OpusSpecificBox))]
        [InlineData("esds", typeof(ElementaryStreamDescriptorBox))]
        [InlineData("moov", typeof(ContainerBox))]
        [InlineData("traf", typeof(ContainerBox))]
        [InlineData("sinf", typeof(ContainerBox))]
        [InlineData("wave", typeof(ContainerBox))]
        [InlineData("mdat", typeof(Box))]
        [InlineData("free", typeof(Box))]
        [InlineData("avc1", typeof(Box))] // a codec fourcc outside stsd
        public void CreatesTheBoxTypeOfEachFourCC(string type, Type expected)
        {
            Assert.Equal(expected, BoxRegistry.Create(FourCC.Parse(type), FourCC.Parse("moov")).GetType());
        }

        [Theory]
        [InlineData("avc1", typeof(VisualSampleEntry))]
        [InlineData("hvc1", typeof(VisualSampleEntry))]
        [InlineData("encv", typeof(VisualSampleEntry))]
        [InlineData("av01", typeof(VisualSampleEntry))]
        [InlineData("vp09", typeof(VisualSampleEntry))]
        [InlineData("mp4a", typeof(AudioSampleEntry))]
        [InlineData("Opus", typeof(AudioSampleEntry))]
        [InlineData(".mp3", typeof(AudioSampleEntry))]
        [InlineData("ac-3", typeof(AudioSampleEntry))]
        [InlineData("enca", typeof(AudioSampleEntry))]
        [InlineData("tx3g", typeof(TextSampleEntry))]
        [InlineData("wvtt", typeof(PlainSampleEntry))]
        [InlineData("stpp", typeof(XmlSubtitleSampleEntry))]
        [InlineData("tmcd", typeof(TimecodeSampleEntry))]
        [InlineData("zzzz", typeof(SampleEntry))]
        public void ChildrenOfStsdAreSampleEntriesByCodec(string codec, Type expected)
        {
            Assert.Equal(expected, BoxRegistry.Create(FourCC.Parse(codec), FourCC.Parse("stsd")).GetType());
        }

        [Theory]
        [InlineData("\u00a9nam")]
        [InlineData("trkn")]
        [InlineData("free")]
        public void ChildrenOfIlstAreItems(string key)
        {
            Assert.IsType<MetadataItemBox>(BoxRegistry.Create(FourCC.Parse(key), FourCC.Parse("ilst")));
        }

        [Fact]
        public void KnownTypesListsTheDecodedTypes()
        {
            var known = BoxRegistry.KnownTypes.ToList();

            Assert.Contains("trun", known);
            Assert.Contains("tmcd", known);
            Assert.Contains("mdat", known);
            Assert.Equal(known.OrderBy(t => t, StringComparer.Ordinal), known);
        }

        [Fact]
        public void ContainersHaveNoSummaryAndHoldTheirChildren()
        {
            var (boxes, errors) = Read(Cat(Ftyp(), Box("moov", Box("trak", Box("edts")))));

            Assert.Empty(errors);
            var moov = Assert.IsType<ContainerBox>(boxes[1]);
            Assert.Equal("", moov.Summary);
            Assert.Equal(new[] { "/moov", "/moov/trak", "/moov/trak/edts" }, boxes.Skip(1).Select(b => b.BoxPath));
        }

        // ---- unknown boxes --------------------------------------------------------------------------

        [Fact]
        public void UnknownBoxIsKeptWithTypeOffsetAndSize()
        {
            byte[] file = Cat(Ftyp(), Box("zzzz", Zeros(13)), Box("moov", Box("abcd", Zeros(2))));
            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            Box top = boxes[1];
            Assert.Equal(typeof(Box), top.GetType());
            Assert.Equal("zzzz", top.Type);
            Assert.Equal(Ftyp().Length, top.Offset);
            Assert.Equal(21, top.Size);
            Assert.Equal(8, top.HeaderSize);
            Assert.Equal(13, top.PayloadSize);
            Assert.Equal("13 bytes", top.Summary);
            Assert.Equal("/zzzz", top.BoxPath);

            Box nested = boxes[3];
            Assert.Equal(typeof(Box), nested.GetType());
            Assert.Equal("abcd", nested.Type);
            Assert.Equal(Ftyp().Length + 21 + 8, nested.Offset);
            Assert.Equal(10, nested.Size);
            Assert.Equal(1, nested.Depth);
            Assert.Equal("/moov/abcd", nested.BoxPath);
        }

        [Fact]
        public void UnknownBoxIsNotAContainer()
        {
            // Its payload looks like a box, but an unknown box is not walked into.
            var (boxes, errors) = Read(Cat(Ftyp(), Box("zzzz", Box("free", Zeros(4)))));

            Assert.Empty(errors);
            Assert.Equal(new[] { "ftyp", "zzzz" }, boxes.Select(b => b.Type));
        }

        [Fact]
        public void UnknownEmptyAndUnprintableBoxes()
        {
            var (boxes, errors) = Read(Cat(Ftyp(), Box("moov", Box("zzzz"), TypedBox(Hex("00 01 02 03"), Zeros(1)))));

            Assert.Empty(errors);
            Assert.Equal("", boxes[2].Summary);
            Assert.Equal(8, boxes[2].Size);
            Assert.Equal("0x00010203", boxes[3].Type);
            Assert.Equal(9, boxes[3].Size);
        }

        [Fact]
        public void UnknownUuidBoxKeepsItsExtendedType()
        {
            byte[] file = Cat(Ftyp(), Box("uuid", Uuid("a2394f52-5a9b-4f14-a244-6c427c648df4"), Zeros(4)));
            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            Box box = boxes[1];
            Assert.Equal(typeof(Box), box.GetType());
            Assert.Equal("uuid", box.Type);
            Assert.Equal(new Guid("a2394f52-5a9b-4f14-a244-6c427c648df4"), box.UserType);
            Assert.Equal(4, box.PayloadSize);
        }

        [Fact]
        public void UnknownLargeBoxKeepsItsSixtyFourBitSize()
        {
            var (boxes, errors) = Read(Cat(Ftyp(), LargeBox("zzzz", Zeros(5))));

            Assert.Empty(errors);
            Assert.Equal(21, boxes[1].Size);
            Assert.Equal(16, boxes[1].HeaderSize);
        }

        // ---- versions ---------------------------------------------------------------------------------

        /// <summary>Boxes that call RequireVersion, the highest version they know, and enough payload for any version.</summary>
        public static TheoryData<string, int> Versioned => new()
        {
            { "mvhd", 1 }, { "tkhd", 1 }, { "mdhd", 1 }, { "elst", 1 }, { "cslg", 1 },
            { "tfdt", 1 }, { "trun", 1 }, { "sidx", 1 }, { "tfra", 1 }, { "emsg", 1 },
        };

        [Theory]
        [MemberData(nameof(Versioned))]
        public void UnknownVersionIsRefused(string type, int highest)
        {
            foreach (int version in new[] { highest + 1, 255 })
            {
                byte[] file = Cat(Ftyp(), FullBox(type, version, 0, Zeros(120)), Box("free"));

                var (error, box) = ReadFailing(file, type);

                Assert.Equal(Mp4ErrorKind.InvalidField, error.Kind);
                Assert.Equal(Ftyp().Length + 8, error.Offset);
                Assert.Equal("/" + type, error.BoxPath);
                Assert.Contains($"{type} version {version} is not defined (known: 0 to {highest})", error.Message);
                Assert.Equal(typeof(Box), box.GetType());
                Assert.Equal(8 + 4 + 120, box.Size);
            }
        }

        [Theory]
        [MemberData(nameof(Versioned))]
        public void KnownVersionsAreAccepted(string type, int highest)
        {
            for (int version = 0; version <= highest; version++)
            {
                // All-zero payloads are valid for every one of these boxes (counts of 0).
                var (boxes, errors) = Read(Cat(Ftyp(), FullBox(type, version, 0, Zeros(120))));

                Assert.Empty(errors);
                Assert.IsAssignableFrom<FullBox>(boxes[1]);
                Assert.Equal(version, ((FullBox)boxes[1]).Version);
            }
        }
    }
}
