using Mp4Timing.Bitstream;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>The fill element ffmpeg's AAC decoder reads libfaac's name from (ISO/IEC 14496-3 4.4.2.7; libavcodec's decode_fill).</summary>
    public class AacTests
    {
        private static bool Read(params byte[] bytes)
        {
            var bits = new BitReader();
            bits.Load(bytes, 0, bytes.Length, removeEmulationPrevention: false);
            return Aac.MadeByLibfaac(bits);
        }

        /// <summary>FIL (id 6) with count 15 + escape 2 - 1 = 16 bytes, EXT_FILL (0), 13 bits, then the text.</summary>
        private static readonly byte[] LibfaacFrame =
        {
            0xDE, 0x04, 0x00, 0x00, (byte)'l', (byte)'i', (byte)'b', (byte)'f', (byte)'a', (byte)'a', (byte)'c', (byte)' ',
            (byte)'1', (byte)'.', (byte)'2', (byte)'8', 0x00, 0x00, 0x01, 0x90, 0x01, 0x00, 0x47,
        };

        [Fact]
        public void ReadsLibfaacsNameInTheFirstFillElement()
        {
            // The first access unit of the androidx test files libfaac 1.28 made, byte for byte.
            Assert.True(Read(LibfaacFrame));
        }

        [Fact]
        public void AnotherEncodersNameIsNotLibfaac()
        {
            byte[] frame = (byte[])LibfaacFrame.Clone();
            frame[4] = (byte)'L';
            Assert.False(Read(frame));
        }

        [Fact]
        public void LibfaacNeedsAVersionAsDigitsDotDigits()
        {
            byte[] frame = (byte[])LibfaacFrame.Clone();
            frame[13] = (byte)'x';
            Assert.False(Read(frame));
        }

        [Fact]
        public void AFrameThatOpensWithAChannelElementIsNotRead()
        {
            // SCE (id 0) first: the encoder wrote no fill element ahead of the audio.
            byte[] frame = (byte[])LibfaacFrame.Clone();
            frame[0] = 0x1E;
            Assert.False(Read(frame));
        }

        [Fact]
        public void AFillElementTooShortForTheTextIsSkipped()
        {
            // count 8: 60 bits after the extension type, under the 13 + 7 × 8 decode_fill needs.
            Assert.False(Read(0xD0, 0x00, 0x00, 0x00, (byte)'l', (byte)'i', (byte)'b', (byte)'f'));
        }

        [Fact]
        public void ACutFrameIsNotRead()
        {
            Assert.False(Read(0xDE, 0x04, 0x00));
        }
    }
}
