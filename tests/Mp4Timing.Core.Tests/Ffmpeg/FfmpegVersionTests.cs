using System;
using Mp4Timing.Ffmpeg;

namespace Mp4Timing.Tests.Ffmpeg
{
    /// <summary>Choosing the modelled ffmpeg version: from what users type and from ffprobe's libavformat.</summary>
    public class FfmpegVersionTests
    {
        [Theory]
        [InlineData("5.1", "5.1")]
        [InlineData("6.1", "6.1")]
        [InlineData("9.0", "9.0")]
        [InlineData("7.1", "6.1")]
        [InlineData("8", "6.1")]
        [InlineData("n7.1.1", "6.1")]
        [InlineData("5.1.9-0+deb12u1", "5.1")]
        [InlineData("6.0", "5.1")]
        [InlineData("10.2", "9.0")]
        [InlineData("4.4", "5.1")]
        public void TheNewestModelledVersionAtOrBelowTheOneGiven(string given, string modelled)
        {
            Version version = FfmpegVersions.Parse(given)!;
            Assert.Equal(modelled, FfmpegVersions.Name(FfmpegVersions.Resolve(version)));
        }

        [Fact]
        public void TextWithoutANumberIsNoVersion()
        {
            Assert.Null(FfmpegVersions.Parse("latest"));
            Assert.Null(FfmpegVersions.Parse(""));
        }

        [Theory]
        // libavformat of Debian 12's ffmpeg 5.1, the 6.1-dev static ffprobe, Ubuntu 22.04's 4.4, 24.04's 6.1, Debian 13's 7.1, libav.js 6.10's 9.0.
        [InlineData("59.27.100", "5.1")]
        [InlineData("60.10.100", "6.1")]
        [InlineData("58.76.100", "4.4")]
        [InlineData("60.16.100", "6.1")]
        [InlineData("61.7.100", "7.1")]
        [InlineData("63.1.100", "9.0")]
        public void TheReleaseOfALibavformatVersion(string libavformat, string release)
        {
            Assert.Equal(release, FfmpegVersions.Name(FfmpegVersions.ReleaseOfLibavformat(Version.Parse(libavformat))!));
        }

        [Fact]
        public void ReadsLibavformatFromFfprobeVersionOutput()
        {
            const string output = "ffprobe version 5.1.9-0+deb12u1 Copyright (c) 2007-2026 the FFmpeg developers\n" +
                                  "libavutil      57. 28.100 / 57. 28.100\nlibavcodec     59. 37.100 / 59. 37.100\nlibavformat    59. 27.100 / 59. 27.100\n";
            Assert.Equal(new Version(59, 27, 100), FfmpegVersions.LibavformatFromVersionOutput(output));
        }

        [Fact]
        public void AChoiceSaysWhichModelAndWhyAndWhenTheReporterIsNotModelled()
        {
            FfmpegVersionChoice fromProbe = FfmpegVersionChoice.Choose(null, new Version(61, 7, 100));
            Assert.Equal(new Version(6, 1), fromProbe.Modelled);
            Assert.True(fromProbe.IsUnmodelled);
            Assert.Equal("Compared with the model of ffmpeg 6.1: ffprobe's libavformat 61.7.100 is ffmpeg 7.1.", fromProbe.Describe());
            Assert.Contains("a difference may come from ffmpeg 7.1 rather than from the file", fromProbe.UnmodelledNote);

            FfmpegVersionChoice given = FfmpegVersionChoice.Choose(new Version(9, 0), new Version(59, 27, 100));
            Assert.Equal(new Version(9, 0), given.Modelled);
            Assert.Contains("(-FfmpegVersion)", given.Describe());

            FfmpegVersionChoice unknown = FfmpegVersionChoice.Choose(null, null);
            Assert.Equal(new Version(5, 1), unknown.Modelled);
            Assert.False(unknown.IsUnmodelled);
            Assert.Null(unknown.UnmodelledNote);
        }
    }
}
