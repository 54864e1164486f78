using System;
using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.IO
{
    public class BoxWalkerTests
    {
        [Fact]
        public void Reads32BitSizesInFileOrderWithPathsAndDepths()
        {
            byte[] file = Cat(
                Ftyp(),
                Box("moov",
                    Box("trak", Box("abcd")),
                    Box("trak", Box("mdia"))),
                Box("mdat", Zeros(5)));

            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            Assert.Equal(new[] { "ftyp", "moov", "trak", "abcd", "trak", "mdia", "mdat" }, boxes.Select(b => b.Type));
            Assert.Equal(new[] { "/ftyp", "/moov", "/moov/trak", "/moov/trak/abcd", "/moov/trak[2]", "/moov/trak[2]/mdia", "/mdat" }, boxes.Select(b => b.BoxPath));
            Assert.Equal(new[] { 0, 0, 1, 2, 1, 2, 0 }, boxes.Select(b => b.Depth));
            Box mdat = boxes.Last();
            Assert.Equal(file.Length - 13, mdat.Offset);
            Assert.Equal(13, mdat.Size);
            Assert.Equal(8, mdat.HeaderSize);
        }

        [Fact]
        public void TkhdTooShortIsReportedAndTheWalkGoesOn()
        {
            // An empty tkhd cannot hold its fields: its payload error is reported, the box kept raw.
            var (boxes, errors) = Read(Cat(Ftyp(), Box("moov", Box("trak", Box("tkhd")), Box("udta"))));

            var error = Assert.Single(errors);
            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.Equal("/moov/trak/tkhd", error.BoxPath);
            Assert.Contains("udta", boxes.Select(b => b.Type));
            Assert.IsNotType<TrackHeaderBox>(boxes.Single(b => b.Type == "tkhd"));
        }

        [Fact]
        public void Reads64BitSize()
        {
            byte[] file = Cat(Ftyp(), LargeBox("mdat", Zeros(3)), Box("free"));
            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            Box mdat = boxes[1];
            Assert.Equal("mdat", mdat.Type);
            Assert.Equal(16, mdat.HeaderSize);
            Assert.Equal(19, mdat.Size);
            Assert.Equal("free", boxes[2].Type);
            Assert.Equal(mdat.Offset + 19, boxes[2].Offset);
        }

        [Fact]
        public void SizeZeroRunsToTheEndOfTheFile()
        {
            byte[] file = Cat(Ftyp(), OpenBox("mdat", Zeros(100)));
            var (boxes, _) = Read(file);

            Box mdat = boxes[1];
            Assert.True(mdat.SizeToEnd);
            Assert.Equal(108, mdat.Size);
            Assert.Equal(file.Length, mdat.Offset + mdat.Size);
        }

        [Fact]
        public void SizeZeroInsideAContainerRunsToTheContainerEnd()
        {
            byte[] file = Cat(Ftyp(), Box("moov", Box("mvex", OpenBox("free", Zeros(4)))), Box("mdat"));
            var (boxes, errors) = Read(file);

            Assert.Empty(errors);
            Box free = boxes.Single(b => b.Type == "free");
            Box mvex = boxes.Single(b => b.Type == "mvex");
            Assert.Equal(mvex.Offset + mvex.Size, free.Offset + free.Size);
            Assert.Equal("mdat", boxes.Last().Type);
        }

        [Fact]
        public void ReadsUuidExtendedType()
        {
            byte[] uuid = { 0xA2, 0x39, 0x4F, 0x52, 0x5A, 0x9B, 0x4F, 0x14, 0xA2, 0x44, 0x6C, 0x42, 0x7C, 0x64, 0x8D, 0xF4 };
            var (boxes, errors) = Read(Cat(Ftyp(), Box("uuid", uuid, Zeros(4))));

            Assert.Empty(errors);
            Box box = boxes[1];
            Assert.Equal(new Guid("a2394f52-5a9b-4f14-a244-6c427c648df4"), box.UserType);
            Assert.Equal(24, box.HeaderSize);
            Assert.Equal(28, box.Size);
        }

        [Fact]
        public void FullBoxVersionAndFlags()
        {
            var tfhd = Single<TrackFragmentHeaderBox>(Cat(Ftyp(), Box("moof", Box("traf", FullBox("tfhd", 0, 0x020000, U32(7))))));
            Assert.Equal(0, tfhd.Version);
            Assert.Equal(0x020000u, tfhd.Flags);
            Assert.True(tfhd.DefaultBaseIsMoof);
            Assert.Equal(7u, tfhd.TrackId);
        }

        [Fact]
        public void ChildLargerThanParentIsAnErrorAndTheParentsSiblingsAreStillRead()
        {
            byte[] file = Cat(Ftyp(), Box("moov", RawBox(4000, "trak", Zeros(8))), Box("mdat", Zeros(2)));
            var (boxes, errors) = Read(file);

            var error = Assert.Single(errors);
            Assert.Equal(Mp4ErrorKind.BoxSizeOutOfRange, error.Kind);
            Assert.Equal("/moov", error.BoxPath);
            Assert.Equal(Ftyp().Length + 8, error.Offset);
            Assert.Contains("4000", error.Message);
            Assert.Contains("test.mp4", error.Message);
            Assert.Equal(new[] { "ftyp", "moov", "mdat" }, boxes.Select(b => b.Type));
        }

        [Fact]
        public void SizeSmallerThanHeaderIsAnError()
        {
            var (boxes, errors) = Read(Cat(Ftyp(), Box("moov", RawBox(5, "trak"), Zeros(4))));

            var error = Assert.Single(errors);
            Assert.Equal(Mp4ErrorKind.BoxSizeOutOfRange, error.Kind);
            Assert.Contains("less than its 8-byte header", error.Message);
            Assert.Equal(2, boxes.Count);
        }

        [Fact]
        public void TopLevelBoxCutShortIsReportedAndReadAsFarAsItGoes()
        {
            byte[] whole = Cat(Ftyp(), Box("moov", Box("mvex", Box("free", Zeros(64)))));
            byte[] cut = whole.Take(whole.Length - 30).ToArray();
            var (boxes, errors) = Read(cut);

            // Reported once, where the file ends too early; the boxes inside are read as far as they go.
            var error = Assert.Single(errors);
            Assert.Equal(Mp4ErrorKind.BoxSizeOutOfRange, error.Kind);
            Assert.Equal("/", error.BoxPath);
            Assert.Equal(new[] { "ftyp", "moov", "mvex", "free" }, boxes.Select(b => b.Type));
            Assert.Equal(cut.Length, boxes[3].Offset + boxes[3].Size);
        }

        [Fact]
        public void QuickTimeZeroTerminatorIsNotABox()
        {
            var (boxes, errors) = Read(Cat(Ftyp(), Box("moov", Box("udta", Box("free"), Zeros(4)))));
            Assert.Empty(errors);
            Assert.Equal(new[] { "ftyp", "moov", "udta", "free" }, boxes.Select(b => b.Type));
        }

        [Fact]
        public void NonMp4IsReportedAsNotMp4()
        {
            var error = Assert.Throws<Mp4FormatException>(() => Read(Ascii("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n")));
            Assert.Equal(Mp4ErrorKind.NotMp4, error.Kind);
            Assert.Equal(0, error.Offset);
            Assert.Contains("test.mp4", error.Message);
        }

        [Fact]
        public void MatroskaIsNotMp4()
        {
            var error = Assert.Throws<Mp4FormatException>(() => Read(Cat(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, Zeros(60))));
            Assert.Equal(Mp4ErrorKind.NotMp4, error.Kind);
        }

        [Fact]
        public void MpegTransportStreamIsNotMp4()
        {
            // 188-byte packets, each starting with the 0x47 sync byte.
            byte[] ts = new byte[188 * 4];
            for (int i = 0; i < ts.Length; i += 188) ts[i] = 0x47;
            var error = Assert.Throws<Mp4FormatException>(() => Read(ts));
            Assert.Equal(Mp4ErrorKind.NotMp4, error.Kind);
            Assert.Contains("does not start with an MP4 box", error.Message);
        }

        [Fact]
        public void EmptyFileIsReported()
        {
            var error = Assert.Throws<Mp4FormatException>(() => Read(Array.Empty<byte>()));
            Assert.Equal(Mp4ErrorKind.EmptyFile, error.Kind);
        }

        [Fact]
        public void DeepNestingStopsAtTheLimitWithoutRecursion()
        {
            // 100,000 nested containers: the walk must neither overflow the stack nor go past MaxDepth.
            const int levels = 100_000;
            byte[] file = new byte[levels * 8];
            for (int i = 0; i < levels; i++)
            {
                uint size = (uint)((levels - i) * 8);
                Array.Copy(U32(size), 0, file, i * 8, 4);
                Array.Copy(Ascii("moov"), 0, file, i * 8 + 4, 4);
            }

            var (boxes, errors) = Read(file);

            Assert.Equal(32, boxes.Count);
            Assert.Equal(Mp4ErrorKind.NestingTooDeep, Assert.Single(errors).Kind);
        }

        [Fact]
        public void TrailingBytesTooFewForAHeaderAreReported()
        {
            var (boxes, errors) = Read(Cat(Ftyp(), Box("free"), new byte[] { 1, 2, 3 }));
            Assert.Equal(2, boxes.Count);
            var error = Assert.Single(errors);
            Assert.Equal(Mp4ErrorKind.TruncatedBox, error.Kind);
            Assert.Equal(Ftyp().Length + 8, error.Offset);
        }

        [Fact]
        public void MdatPayloadIsNeverRead()
        {
            // A stream that fails on any read inside the mdat payload proves it is skipped by seeking.
            byte[] file = Cat(Ftyp(), Box("mdat", Zeros(1_000_000)), Box("free"));
            using var stream = new GuardedStream(file, forbiddenStart: 28, forbiddenEnd: 28 + 1_000_000 - 64);
            var boxes = Mp4BoxReader.ReadBoxes(stream, "guarded.mp4").ToList();
            Assert.Equal(new[] { "ftyp", "mdat", "free" }, boxes.Select(b => b.Type));
        }

        private sealed class GuardedStream : System.IO.MemoryStream
        {
            private readonly long _start;
            private readonly long _end;

            public GuardedStream(byte[] bytes, long forbiddenStart, long forbiddenEnd) : base(bytes, false)
            {
                _start = forbiddenStart;
                _end = forbiddenEnd;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int read = base.Read(buffer, offset, count);
                long first = Position - read;
                if (read > 0 && first < _end && Position > _start)
                {
                    // Reading ahead into a buffer is fine; what matters is that no read starts inside.
                    Assert.False(first >= _start, $"read of {read} bytes started inside the mdat payload at {first}");
                }
                return read;
            }
        }
    }
}
