using System;
using System.Collections.Generic;

namespace Mp4Timing.Boxes
{
    /// <summary>
    /// The registry from fourcc to box type. A few types depend on their parent: children of stsd are
    /// sample entries (named by codec), children of ilst are metadata items named by their key.
    /// </summary>
    internal static class BoxRegistry
    {
        private static readonly FourCC Stsd = FourCC.Parse("stsd");
        private static readonly FourCC Ilst = FourCC.Parse("ilst");
        private static readonly FourCC Data = FourCC.Parse("data");

        private static readonly Dictionary<FourCC, Func<Box>> Boxes = new Dictionary<FourCC, Func<Box>>();
        private static readonly Dictionary<FourCC, Func<SampleEntry>> SampleEntries = new Dictionary<FourCC, Func<SampleEntry>>();

        static BoxRegistry()
        {
            foreach (string type in new[]
            {
                "moov", "trak", "mdia", "minf", "stbl", "edts", "dinf", "mvex", "moof", "traf", "mfra",
                "udta", "sinf", "schi", "rinf", "wave", "tref", "gmhd", "iprp", "ipco", "tapt", "clip", "matt",
            })
            {
                Add(type, () => new ContainerBox());
            }

            Add("ftyp", () => new FileTypeBox());
            Add("styp", () => new FileTypeBox());
            Add("mvhd", () => new MovieHeaderBox());
            Add("tkhd", () => new TrackHeaderBox());
            Add("mdhd", () => new MediaHeaderBox());
            Add("hdlr", () => new HandlerBox());
            Add("elst", () => new EditListBox());
            Add("stsd", () => new SampleDescriptionBox());
            Add("dref", () => new DataReferenceBox());
            Add("url ", () => new DataEntryBox());
            Add("urn ", () => new DataEntryBox());
            Add("stts", () => new TimeToSampleBox());
            Add("ctts", () => new CompositionOffsetBox());
            Add("cslg", () => new CompositionToDecodeBox());
            Add("stss", () => new SyncSampleBox());
            Add("stps", () => new SyncSampleBox());
            Add("sdtp", () => new SampleDependencyTypeBox());
            Add("stsc", () => new SampleToChunkBox());
            Add("stsz", () => new SampleSizeBox());
            Add("stz2", () => new SampleSizeBox());
            Add("stco", () => new ChunkOffsetBox());
            Add("co64", () => new ChunkOffsetBox());
            Add("sgpd", () => new SampleGroupDescriptionBox());
            Add("sbgp", () => new SampleToGroupBox());
            Add("trex", () => new TrackExtendsBox());
            Add("mehd", () => new MovieExtendsHeaderBox());
            Add("mfhd", () => new MovieFragmentHeaderBox());
            Add("tfhd", () => new TrackFragmentHeaderBox());
            Add("tfdt", () => new TrackFragmentDecodeTimeBox());
            Add("trun", () => new TrackRunBox());
            Add("sidx", () => new SegmentIndexBox());
            Add("tfra", () => new TrackFragmentRandomAccessBox());
            Add("mfro", () => new MovieFragmentRandomAccessOffsetBox());
            Add("emsg", () => new EventMessageBox());
            Add("pssh", () => new ProtectionSystemHeaderBox());
            Add("senc", () => new SampleEncryptionBox());
            Add("saiz", () => new SampleAuxiliaryInformationSizesBox());
            Add("saio", () => new SampleAuxiliaryInformationOffsetsBox());
            Add("frma", () => new OriginalFormatBox());
            Add("schm", () => new SchemeTypeBox());
            Add("tenc", () => new TrackEncryptionBox());
            Add("meta", () => new MetaBox());
            Add("ilst", () => new ItemListBox());
            Add("keys", () => new MetadataKeysBox());
            Add("avcC", () => new AvcConfigurationBox());
            Add("hvcC", () => new HevcConfigurationBox());
            Add("av1C", () => new Av1ConfigurationBox());
            Add("vpcC", () => new VpConfigurationBox());
            Add("dOps", () => new OpusSpecificBox());
            Add("esds", () => new ElementaryStreamDescriptorBox());
            Add("dac3", () => new Ac3SpecificBox());
            Add("dec3", () => new Ec3SpecificBox());
            Add("alac", () => new AlacSpecificBox());
            Add("mhaC", () => new MpegHConfigurationBox());
            Add("dvcC", () => new DolbyVisionConfigurationBox());
            Add("dvvC", () => new DolbyVisionConfigurationBox());
            Add("dvwC", () => new DolbyVisionConfigurationBox());

            foreach (string codec in new[]
            {
                "avc1", "avc2", "avc3", "avc4", "hvc1", "hev1", "hvc2", "hev2", "dvh1", "dvhe", "dva1", "dvav", "dav1", "av01", "vp08", "vp09",
                "mp4v", "encv", "s263", "h263", "mjp2", "jpeg", "mjpa", "mjpb", "png ", "apcn", "apch", "apcs", "apco",
                "ap4h", "ap4x", "mp1v", "mp2v", "vvc1", "vvi1", "resv",
            })
            {
                AddEntry(codec, () => new VisualSampleEntry());
            }
            foreach (string codec in new[]
            {
                "mp4a", "Opus", ".mp3", "mp3 ", "ac-3", "ec-3", "ac-4", "fLaC", "alac", "enca", "samr", "sawb", "sowt",
                "twos", "lpcm", "ipcm", "fpcm", "mha1", "mhm1", "dtsc", "dtse", "dtsh", "dtsl", "ulaw", "alaw", "in24",
                "in32", "fl32", "fl64", "ima4", "QDM2", "QDMC", "sqcp", "Qclp",
            })
            {
                AddEntry(codec, () => new AudioSampleEntry());
            }
            AddEntry("tx3g", () => new TextSampleEntry());
            AddEntry("wvtt", () => new PlainSampleEntry());
            AddEntry("stpp", () => new XmlSubtitleSampleEntry());
            AddEntry("tmcd", () => new TimecodeSampleEntry());
        }

        /// <summary>The box types Mp4Timing knows by name (for tab completion and docs).</summary>
        public static IEnumerable<string> KnownTypes
        {
            get
            {
                var names = new SortedSet<string>(StringComparer.Ordinal);
                foreach (FourCC type in Boxes.Keys) names.Add(type.ToString());
                foreach (FourCC type in SampleEntries.Keys) names.Add(type.ToString());
                names.Add("mdat");
                names.Add("free");
                names.Add("skip");
                names.Add("wide");
                names.Add("uuid");
                return names;
            }
        }

        /// <summary>A new, empty box object for a box of <paramref name="type"/> inside a box of <paramref name="parent"/>.</summary>
        public static Box Create(FourCC type, FourCC parent)
        {
            if (parent == Stsd)
            {
                return SampleEntries.TryGetValue(type, out Func<SampleEntry>? entry) ? entry() : new SampleEntry();
            }
            if (parent == Ilst) return new MetadataItemBox();
            if (type == Data) return new MetadataDataBox();
            return Boxes.TryGetValue(type, out Func<Box>? create) ? create() : new Box();
        }

        private static void Add(string type, Func<Box> create) => Boxes[FourCC.Parse(type)] = create;

        private static void AddEntry(string type, Func<SampleEntry> create) => SampleEntries[FourCC.Parse(type)] = create;
    }
}
