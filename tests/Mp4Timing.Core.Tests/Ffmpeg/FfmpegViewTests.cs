using System.Diagnostics;
using System.IO;
using System.Linq;
using Mp4Timing.Ffmpeg;
using Mp4Timing.Tests.Support;

namespace Mp4Timing.Tests.Ffmpeg
{
    public class FfmpegViewTests
    {
        [Fact]
        public void ReadsFfprobePacketsAndStreams()
        {
            const string json = @"{
  ""packets"": [
    { ""codec_type"": ""video"", ""stream_index"": 0, ""pts"": 0, ""dts"": -2, ""size"": ""3948"", ""pos"": ""48"", ""flags"": ""K_"" },
    { ""stream_index"": 1, ""pts"": -1024, ""dts"": -1024, ""pos"": ""900"", ""flags"": ""KD"",
      ""side_data_list"": [ { ""side_data_type"": ""Skip Samples"", ""skip_samples"": 1024 } ] },
    { ""stream_index"": 0, ""dts"": 5, ""flags"": ""__"" }
  ],
  ""streams"": [
    { ""index"": 0, ""codec_name"": ""h264"", ""codec_type"": ""video"", ""id"": ""0x1"", ""time_base"": ""1/30"", ""start_pts"": 0 },
    { ""index"": 1, ""codec_type"": ""audio"", ""id"": ""0x2"", ""time_base"": ""1/48000"", ""disposition"": { ""attached_pic"": 0 } },
    { ""index"": 2, ""codec_type"": ""video"", ""id"": ""0x0"", ""disposition"": { ""attached_pic"": 1 } }
  ]
}";
            FfmpegView view = FfmpegView.FromFfprobeJson(new StringReader(json), "test");

            Assert.Equal(FfmpegSource.Packets, view.Source);
            Assert.Equal(new uint?[] { 1, 2, null }, view.Streams.Select(s => s.TrackId));
            Assert.Equal("1/30", view.Streams[0].TimeBase);
            FfmpegEntry first = view.Entries[0];
            Assert.Equal((0L, -2L, "K_", 48L, 3948L), (first.Pts!.Value, first.Dts!.Value, first.Flags, first.Position!.Value, first.Size!.Value));
            Assert.Equal("KD", view.Entries[1].Flags);
            Assert.Null(view.Entries[2].Pts);
            Assert.Equal(2, view.EntriesOf(0).Count());
        }

        [Fact]
        public void ReadsFramesUsingTheBestEffortTimestamp()
        {
            const string json = @"{ ""frames"": [ { ""media_type"": ""video"", ""stream_index"": 0, ""key_frame"": 1, ""pts"": 7, ""pkt_dts"": 5, ""best_effort_timestamp"": 8, ""pkt_pos"": ""44"" } ] }";
            FfmpegView view = FfmpegView.FromFfprobeJson(new StringReader(json), "frames");

            Assert.Equal(FfmpegSource.Frames, view.Source);
            Assert.Equal(8, view.Entries[0].Pts);
            Assert.Equal("K_", view.Entries[0].Flags);
        }

        [Theory]
        [InlineData("{ \"packets\": [ { \"pts\": 1 ")]
        [InlineData("{ \"packets\": [ { \"pts\": tru } ] }")]
        [InlineData("[1, 2]")]
        public void MalformedJsonIsAnInvalidDataError(string json)
        {
            Assert.Throws<InvalidDataException>(() => FfmpegView.FromFfprobeJson(new StringReader(json), "bad"));
        }

        [Fact]
        public void DeeplyNestedJsonIsRefusedWithoutOverflowingTheStack()
        {
            string json = "{ \"x\": " + new string('[', 100_000) + " }";
            Assert.Throws<InvalidDataException>(() => FfmpegView.FromFfprobeJson(new StringReader(json), "deep"));
        }

        [Theory]
        [InlineData("[Parsed_showinfo_0 @ 0x55b82caeab80] n:   1 pts:      1 pts_time:0.0333333 pos:     3996 fmt:yuv420p sar:1/1 s:160x90 i:P iskey:0 type:B checksum:7C9AC2D3")]
        [InlineData("[Parsed_showinfo_0 @ 0x55b82caeab80] n :   1 pts :      1 pts_time :0.0333333 pos :     3996 fmt :yuv420p iskey :0 type :B")]
        public void ReadsShowInfoLinesWithOrWithoutASpaceBeforeColons(string line)
        {
            string log = "frame=    1 fps=0.0 q=-0.0 size=N/A\n" + line + "\n[out#0] video:1kB\n";
            FfmpegView view = FfmpegView.FromShowInfoLog(new StringReader(log), "log");

            FfmpegEntry entry = Assert.Single(view.Entries);
            Assert.Equal(1, entry.Pts);
            Assert.Equal(3996, entry.Position);
            Assert.Equal(0.0333333, entry.PtsTime!.Value, 7);
            Assert.Equal("__", entry.Flags);
            Assert.Equal(PictureType.B, entry.PictureType);
            Assert.False(entry.KeyFrame);
        }

        [Fact]
        public void ShowInfoLinesWithoutTypeOrIskeyLeaveThemUnknown()
        {
            const string log = "[Parsed_showinfo_0 @ 0x1] n:   0 pts:      0 pts_time:0       pos:       48 fmt:yuv420p sar:1/1 s:128x72\n";
            FfmpegEntry entry = Assert.Single(FfmpegView.FromShowInfoLog(new StringReader(log), "log").Entries);

            Assert.Null(entry.PictureType);
            Assert.Null(entry.KeyFrame);
        }

        [Theory]
        [InlineData("I", PictureType.I)]
        [InlineData("i", PictureType.SI)]
        [InlineData("p", PictureType.SP)]
        [InlineData("S", PictureType.S)]
        [InlineData("?", null)]
        public void ReadsFfprobePictTypeAndKeyFrame(string pictType, PictureType? expected)
        {
            string json = "{ \"frames\": [ { \"stream_index\": 0, \"key_frame\": 0, \"pict_type\": \"" + pictType + "\", \"pkt_pos\": \"44\" } ] }";
            FfmpegEntry entry = Assert.Single(FfmpegView.FromFfprobeJson(new StringReader(json), "frames").Entries);

            Assert.Equal(expected, entry.PictureType);
            Assert.False(entry.KeyFrame);
        }

        [Theory]
        [InlineData(@"""a b c"" d e", new[] { "a b c", "d", "e" })]
        [InlineData(@"""ab\""c"" ""\\"" d", new[] { @"ab""c", @"\", "d" })]
        [InlineData(@"a\\\b d""e f""g h", new[] { @"a\\\b", "de fg", "h" })]
        [InlineData(@"a\\\""b c d", new[] { @"a\""b", "c", "d" })]
        [InlineData(@"a\\\\""b c"" d e", new[] { @"a\\b c", "d", "e" })]
        [InlineData(@"a""b"""" c d", new[] { @"ab"" c d" })]
        public void TheCommandLineSplitterFollowsTheDocumentedExamples(string commandLine, string[] expected)
        {
            // The examples of "Parsing C++ command-line arguments" (Microsoft Learn), which define the rules.
            Assert.Equal(expected, WindowsCommandLine.Split(commandLine));
        }

        public static TheoryData<string> AwkwardArguments => new TheoryData<string>
        {
            "plain", "with space", "quote\"inside", "trailing\\", "back\\\\slashes\\\" and quote", "", "tab\tand ünïcødé 字",
            "concat:a|b;$(x)`y`", "\"", "\\", "\\\\server\\share\\", " leading and trailing ", "a\\\\\"b", "new\nline", "\"\"",
            "C:\\Program Files\\ffmpeg\\bin\\", "-i", "file:/media/-i.mp4",
        };

        [Theory]
        [MemberData(nameof(AwkwardArguments))]
        public void QuotedArgumentsComeBackUnchangedUnderWindowsRules(string argument)
        {
            // What Windows PowerShell 5.1 (no ProcessStartInfo.ArgumentList) hands the ffprobe process.
            string commandLine = FfprobeRunner.Quote("-of") + " " + FfprobeRunner.Quote(argument) + " " + FfprobeRunner.Quote("json");
            Assert.Equal(new[] { "-of", argument, "json" }, WindowsCommandLine.Split(commandLine));
        }

        [Fact]
        public void TheWholeFfprobeCommandLineComesBackUnchangedUnderWindowsRules()
        {
            var arguments = FfprobeRunner.Arguments(@"C:\Media Files\odd ""name"" \-i.mp4", frames: true);
            Assert.Equal(arguments, WindowsCommandLine.Split(string.Join(" ", arguments.Select(FfprobeRunner.Quote))));
        }

        [SkippableTheory]
        [MemberData(nameof(AwkwardArguments))]
        public void QuotedArgumentsComeBackUnchangedThroughThisRuntimesParser(string argument)
        {
            // printf prints each argument it receives: what .NET on this platform parsed from the command line.
            Skip.IfNot(File.Exists("/usr/bin/printf"), "/usr/bin/printf is not on this machine (the Windows rules are checked above on every platform)");
            var start = new ProcessStartInfo("/usr/bin/printf")
            {
                Arguments = FfprobeRunner.Quote("%s|\\n") + " " + FfprobeRunner.Quote(argument),
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(argument + "|\n", output);
        }

        [Fact]
        public void InputIsGivenAsAFileUrlAfterDashI()
        {
            var arguments = FfprobeRunner.Arguments("/media/-i.mp4", frames: false);
            Assert.Equal("-i", arguments[arguments.Count - 2]);
            Assert.Equal("file:/media/-i.mp4", arguments[arguments.Count - 1]);
            Assert.Contains("-show_packets", arguments);
        }
    }
}
