namespace Mp4Timing.Analysis
{
    /// <summary>
    /// The 32-bit header that starts every MPEG-1/2/2.5 audio frame (ISO/IEC 11172-3 2.4.1.3, 13818-3):
    /// MP3 in MP4 has no decoder configuration, so its sample rate and channels are only in the frames.
    /// </summary>
    internal readonly struct MpegAudioHeader
    {
        private static readonly int[] Mpeg1Rates = { 44100, 48000, 32000 };

        private MpegAudioHeader(int sampleRate, int channels)
        {
            SampleRate = sampleRate;
            Channels = channels;
        }

        public int SampleRate { get; }

        /// <summary>1 for single-channel mode, else 2 (stereo, joint stereo, dual channel).</summary>
        public int Channels { get; }

        /// <summary>Decodes a header: 11 sync bits, version, layer, ..., sampling_frequency, ..., mode. False when the bytes are not one.</summary>
        public static bool TryRead(uint header, out MpegAudioHeader result)
        {
            result = default;
            if ((header & 0xFFE00000) != 0xFFE00000) return false;
            int version = (int)(header >> 19) & 0x3;   // 0: MPEG 2.5, 1: reserved, 2: MPEG 2, 3: MPEG 1
            int layer = (int)(header >> 17) & 0x3;     // 0: reserved
            int rateIndex = (int)(header >> 10) & 0x3; // 3: reserved
            if (version == 1 || layer == 0 || rateIndex == 3) return false;
            int rate = Mpeg1Rates[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
            int mode = (int)(header >> 6) & 0x3;
            result = new MpegAudioHeader(rate, mode == 3 ? 1 : 2);
            return true;
        }
    }
}
