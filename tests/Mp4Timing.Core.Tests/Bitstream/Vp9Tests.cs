using Mp4Timing.Bitstream;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>
    /// VP9 uncompressed headers (VP9 bitstream specification 6.2) and superframes (Annex B) built by hand.
    /// ffmpeg's VP9 decoder outputs the shown frame of a superframe; a frame shown again
    /// (show_existing_frame) is output as decoded, key or not.
    /// </summary>
    public class Vp9Tests
    {
        private static byte[] KeyFrame() => new BitWriter().U(2, 2).U(2, 0).Flag(false).U(1, 0).Flag(true).Flag(false).U(24, 0x498342).U(16, 0).Aligned();

        private static byte[] InterFrame(bool show, int refresh)
        {
            var bits = new BitWriter().U(2, 2).U(2, 0).Flag(false).U(1, 1).Flag(show).Flag(false);
            if (!show) bits.Flag(false); // intra_only
            return bits.U(2, 0).U(8, refresh).U(16, 0xFFFF).Aligned();
        }

        /// <summary>A hidden intra-only frame of profile 1 (its color_config comes before refresh_frame_flags).</summary>
        private static byte[] IntraOnlyProfile1(int refresh) =>
            new BitWriter().U(2, 2).U(1, 1).U(1, 0).Flag(false).U(1, 1).Flag(false).Flag(false).Flag(true).U(2, 0)
                .U(24, 0x498342).U(3, 1).Flag(false).Flag(true).Flag(false).Flag(false).U(8, refresh).U(8, 0).Aligned();

        private static byte[] ShowExisting(int slot) => new BitWriter().U(2, 2).U(2, 0).Flag(true).U(3, slot).Aligned();

        /// <summary>Frames followed by a superframe index with one-byte sizes.</summary>
        private static byte[] Superframe(params byte[][] frames)
        {
            byte marker = (byte)(0xC0 | (frames.Length - 1));
            var sizes = new byte[frames.Length];
            for (int i = 0; i < frames.Length; i++) sizes[i] = (byte)frames[i].Length;
            return Mp4Bytes.Cat(Mp4Bytes.Cat(frames), new[] { marker }, sizes, new[] { marker });
        }

        private static byte[] File(params byte[][] samples) => Movie(Entry("vp09"), new uint[] { 1 }, samples);

        [Fact]
        public void TheShownFrameOfASuperframeAndFramesShownAgainHaveTheirDecodedType()
        {
            byte[] file = File(
                KeyFrame(),
                Superframe(InterFrame(false, 0x04), InterFrame(true, 0x02)),
                ShowExisting(2),
                ShowExisting(0),
                Superframe(IntraOnlyProfile1(0x08), ShowExisting(3)));

            Assert.Equal(new (PictureType?, string?)[]
            {
                (PictureType.I, "key"), (PictureType.P, "inter"), (PictureType.P, "inter"), (PictureType.I, "key"), (PictureType.I, "intra-only"),
            }, Pictures(file));
        }

        [Fact]
        public void FfmpegKeysTheFirstFrameOfASampleOnly()
        {
            byte[] file = File(KeyFrame(), Superframe(InterFrame(false, 0x04), InterFrame(true, 0x01)), ShowExisting(0), Superframe(IntraOnlyProfile1(0x08), ShowExisting(3)));

            Assert.Equal(new[] { true, false, false, false }, FfmpegKeys(file));
        }

        [Fact]
        public void AnIndexWhoseSizesDoNotFitIsReadAsOneFrame()
        {
            // The marker matches at both ends but the sizes add up to more than the sample: not a superframe.
            byte[] inter = InterFrame(true, 0x01);
            byte[] broken = Mp4Bytes.Cat(inter, new byte[] { 0xC1, 200, 200, 0xC1 });

            Assert.Equal((PictureType.P, "inter"), Pictures(File(KeyFrame(), broken))[1]);
        }

        [Fact]
        public void AFrameShownFromAnEmptySlotHasNoType()
        {
            Assert.Equal((null, null), Pictures(File(ShowExisting(5)))[0]);
        }
    }
}
