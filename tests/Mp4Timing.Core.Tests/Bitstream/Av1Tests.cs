using Mp4Timing.Bitstream;
using Mp4Timing.Tests.Support;
using static Mp4Timing.Tests.Support.BitWriter;
using static Mp4Timing.Tests.Support.PictureMovie;

namespace Mp4Timing.Tests.Bitstream
{
    /// <summary>
    /// AV1 sequence and frame headers built field by field from the AV1 specification (5.5, 5.9). The decoder
    /// outputs the shown frame of each temporal unit; a frame shown again (show_existing_frame) has the type
    /// it was decoded with (libdav1d gives ffmpeg the shown frame's header), which the reader takes from the
    /// reference slot that refresh_frame_flags filled.
    /// </summary>
    public class Av1Tests
    {
        private const int SequenceHeader = 1, TemporalDelimiter = 2, FrameHeader = 3, Frame = 6;
        private const int Key = 0, Inter = 1, IntraOnly = 2, Switch = 3;

        /// <summary>
        /// A sequence header with frame ids (idLen 8), screen content tools and integer MV chosen per frame,
        /// 7 order hint bits and, optionally, a decoder model whose buffer_removal_time has 10 bits and whose
        /// frame_presentation_time has 6 bits (timing_info with equal_picture_interval 0).
        /// </summary>
        private static byte[] Sequence(bool decoderModel)
        {
            var bits = new BitWriter().U(3, 0).Flag(false).Flag(false).Flag(decoderModel);
            if (decoderModel)
            {
                bits.U(32, 1).U(32, 30).Flag(false) // timing_info: equal_picture_interval 0
                    .Flag(true).U(5, 15).U(32, 1).U(5, 9).U(5, 5); // decoder_model_info: buffer_delay 16, removal 10, presentation 6 bits
            }
            bits.Flag(false).U(5, 0).U(12, 0).U(5, 8).U(1, 0); // one operating point, idc 0, level 8 (a tier bit)
            if (decoderModel) bits.Flag(true).U(16, 0).U(16, 0).Flag(false); // decoder_model_present_for_this_op, delays, low_delay_mode_flag
            bits.U(4, 7).U(4, 7).U(8, 127).U(8, 71) // frame size bits and maxima
                .Flag(true).U(4, 3).U(3, 2) // frame_id_numbers_present: idLen = 5 + 3
                .Flag(false).Flag(false).Flag(false).Flag(false).Flag(false).Flag(false).Flag(false)
                .Flag(true).Flag(false).Flag(false) // enable_order_hint, jnt_comp, ref_frame_mvs
                .Flag(true).Flag(true) // seq_choose_screen_content_tools, seq_choose_integer_mv
                .U(3, 6) // order_hint_bits_minus_1
                .Flag(false).Flag(false).Flag(false); // superres, cdef, restoration
            return bits.Aligned();
        }

        /// <summary>uncompressed_header() to refresh_frame_flags, for the sequence header above, then a few bytes of tile data.</summary>
        private static byte[] FrameBits(bool decoderModel, int frameType, bool showFrame, int refresh)
        {
            var bits = new BitWriter().Flag(false).U(2, frameType).Flag(showFrame);
            if (showFrame && decoderModel) bits.U(6, 0); // temporal_point_info
            if (!showFrame) bits.Flag(true); // showable_frame
            bool errorResilient = frameType == Switch || (frameType == Key && showFrame);
            if (!errorResilient) bits.Flag(false);
            bits.Flag(false).Flag(false) // disable_cdf_update, allow_screen_content_tools
                .U(8, 0x3C); // current_frame_id
            if (frameType != Switch) bits.Flag(false); // frame_size_override_flag
            bits.U(7, 5); // order_hint
            if (frameType == Inter && !errorResilient) bits.U(3, 7); // primary_ref_frame
            if (decoderModel) bits.Flag(true).U(10, 0x2AA); // buffer_removal_time for the operating point
            if (!(frameType == Switch || (frameType == Key && showFrame))) bits.U(8, refresh);
            return Mp4Bytes.Cat(bits.Aligned(), new byte[] { 0xDE, 0xAD, 0xBE, 0xEF });
        }

        private static byte[] ShowExisting(int slot) => new BitWriter().Flag(true).U(3, slot).Aligned();

        private static byte[] Unit(params byte[][] obus) => Mp4Bytes.Cat(Obu(TemporalDelimiter, new byte[0]), Mp4Bytes.Cat(obus));

        private static (PictureType? Type, string? Kind)[] Read(bool decoderModel, bool sequenceInConfiguration)
        {
            byte[] sequence = Obu(SequenceHeader, Sequence(decoderModel));
            byte[] F(int type, bool show, int refresh) => Obu(Frame, FrameBits(decoderModel, type, show, refresh));
            byte[] file = Movie(Entry("av01", Av1C(sequenceInConfiguration ? sequence : new byte[0])), null,
                Unit(sequenceInConfiguration ? new byte[0] : sequence, F(Key, true, 0xFF)),
                Unit(F(Inter, false, 0x04), F(Inter, true, 0x02)),
                Unit(Obu(FrameHeader, ShowExisting(2))),
                Unit(Obu(FrameHeader, ShowExisting(0))),
                Unit(F(IntraOnly, false, 0x08), Obu(FrameHeader, ShowExisting(3))),
                Unit(F(Switch, true, 0)));
            return Pictures(file);
        }

        private static readonly (PictureType?, string?)[] Expected =
        {
            (PictureType.I, "KEY_FRAME"), (PictureType.P, "INTER_FRAME"), (PictureType.P, "INTER_FRAME"),
            (PictureType.I, "KEY_FRAME"), (PictureType.I, "INTRA_ONLY_FRAME"), (PictureType.SP, "SWITCH_FRAME"),
        };

        [Fact]
        public void FramesShownAgainTakeTheTypeOfTheFrameTheirSlotHolds()
        {
            // Unit 2 decodes a hidden alt-ref into slot 2, unit 3 shows it; unit 4 shows slot 0, filled by the key frame.
            Assert.Equal(Expected, Read(decoderModel: false, sequenceInConfiguration: true));
        }

        [Fact]
        public void ReadsTheFrameHeaderWithADecoderModelAndAnInBandSequenceHeader()
        {
            // temporal_point_info and buffer_removal_time move refresh_frame_flags: the slots come out the same.
            Assert.Equal(Expected, Read(decoderModel: true, sequenceInConfiguration: false));
        }

        [Fact]
        public void FfmpegKeysTheFirstFrameHeaderOnlyWhenItIsAKeyFrame()
        {
            byte[] sequence = Obu(SequenceHeader, Sequence(false));
            byte[] file = Movie(Entry("av01", Av1C(sequence)), new uint[] { 1, 2, 3 },
                Unit(Obu(Frame, FrameBits(false, Key, true, 0xFF))),
                Unit(Obu(Frame, FrameBits(false, Inter, true, 1))),
                Unit(Obu(FrameHeader, ShowExisting(0))));

            Assert.Equal(new[] { true, false, false }, FfmpegKeys(file));
        }

        [Fact]
        public void AReducedStillPictureHeaderMakesEveryFrameAKeyFrame()
        {
            // seq_profile 0, still_picture 1, reduced_still_picture_header 1, seq_level_idx 0, 8-bit frame sizes.
            byte[] still = Obu(SequenceHeader, new BitWriter().U(3, 0).Flag(true).Flag(true).U(5, 0).U(4, 7).U(4, 7).U(8, 63).U(8, 63).U(3, 0).Aligned());
            byte[] file = Movie(Entry("av01", Av1C(still)), null, Obu(Frame, new byte[] { 0x10, 0x20, 0x30 }));

            Assert.Equal((PictureType.I, "KEY_FRAME"), Pictures(file)[0]);
        }
    }
}
