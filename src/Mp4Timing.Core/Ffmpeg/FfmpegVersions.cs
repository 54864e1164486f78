using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Mp4Timing.Ffmpeg
{
    /// <summary>
    /// The ffmpeg versions whose MP4 demuxer the model follows, and how to tell which ffmpeg an ffprobe is.
    /// A version the model does not know is read with the newest modelled version at or below it.
    /// </summary>
    public static class FfmpegVersions
    {
        private static readonly Regex LibavformatLine = new Regex(@"^\s*libavformat\s+(\d+)\.\s*(\d+)\.\s*(\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        private static readonly Regex Leading = new Regex(@"^\D*?(\d+)(?:\.(\d+))?(?:\.(\d+))?", RegexOptions.CultureInvariant);

        /// <summary>
        /// libavformat versions of the ffmpeg releases, oldest first (major, minor of the release's libavformat).
        /// 60.10 is the 6.1 development build the 6.1 model was measured with.
        /// </summary>
        private static readonly (int Major, int Minor, Version Release)[] Releases =
        {
            (58, 76, new Version(4, 4)),
            (59, 16, new Version(5, 0)),
            (59, 27, new Version(5, 1)),
            (60, 3, new Version(6, 0)),
            (60, 10, new Version(6, 1)),
            (61, 1, new Version(7, 0)),
            (61, 7, new Version(7, 1)),
            (62, 3, new Version(8, 0)),
            (63, 1, new Version(9, 0)),
        };

        /// <summary>The versions the model follows: 5.1 (Debian 12's ffmpeg), 6.1 and 9.0.</summary>
        public static IReadOnlyList<Version> Modelled { get; } = new[] { new Version(5, 1), new Version(6, 1), new Version(9, 0) };

        /// <summary>The version used when none is given: 5.1.</summary>
        public static Version Default => Modelled[0];

        /// <summary>The modelled version for <paramref name="version"/>: the newest at or below it, or the oldest when it is older than all.</summary>
        public static Version Resolve(Version version)
        {
            if (version is null) throw new ArgumentNullException(nameof(version));
            Version release = new Version(version.Major, Math.Max(0, version.Minor));
            return Modelled.LastOrDefault(m => m <= release) ?? Modelled[0];
        }

        /// <summary>True when <paramref name="version"/> is itself a modelled version (its major and minor).</summary>
        public static bool IsModelled(Version version) => Modelled.Contains(new Version(version.Major, Math.Max(0, version.Minor)));

        /// <summary>
        /// Reads a version as users write it: 6.1, 7, 7.1.2, n6.1, 5.1.9-0+deb12u1. Null when no number is there.
        /// </summary>
        public static Version? Parse(string? text)
        {
            if (text is null) return null;
            Match match = Leading.Match(text.Trim());
            if (!match.Success) return null;
            int major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            int minor = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            return match.Groups[3].Success ? new Version(major, minor, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture)) : new Version(major, minor);
        }

        /// <summary>The libavformat version in the output of <c>ffprobe -version</c> (e.g. "libavformat 59. 27.100 / ..."), or null.</summary>
        public static Version? LibavformatFromVersionOutput(string output)
        {
            Match match = LibavformatLine.Match(output ?? "");
            if (!match.Success) return null;
            return new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        }

        /// <summary>The ffmpeg release a libavformat version belongs to (the newest release at or below it), or null when it is older than 4.4.</summary>
        public static Version? ReleaseOfLibavformat(Version libavformat)
        {
            Version? found = null;
            foreach (var (major, minor, release) in Releases)
            {
                if (libavformat.Major > major || (libavformat.Major == major && libavformat.Minor >= minor)) found = release;
            }
            return found;
        }

        /// <summary>"5.1", "9.0": how a version is named in messages.</summary>
        public static string Name(Version version) => version.ToString(2);
    }

    /// <summary>Which modelled version a comparison uses, and what is known of the ffmpeg whose output it reads.</summary>
    public sealed class FfmpegVersionChoice
    {
        private FfmpegVersionChoice(Version modelled, Version? ffmpeg, Version? libavformat, bool given)
        {
            Modelled = modelled;
            Ffmpeg = ffmpeg;
            Libavformat = libavformat;
            Given = given;
        }

        /// <summary>The modelled version used.</summary>
        public Version Modelled { get; }

        /// <summary>The ffmpeg release of the output compared (from its libavformat), when known.</summary>
        public Version? Ffmpeg { get; }

        /// <summary>ffprobe's libavformat version, when known.</summary>
        public Version? Libavformat { get; }

        /// <summary>True when the user chose the version (-FfmpegVersion).</summary>
        public bool Given { get; }

        /// <summary>True when the output comes from an ffmpeg release the model does not follow itself.</summary>
        public bool IsUnmodelled => Ffmpeg is not null && !FfmpegVersions.IsModelled(Ffmpeg);

        /// <summary>
        /// The model for <paramref name="requested"/> when given, else for the release of <paramref name="libavformat"/>
        /// when known, else the default (5.1).
        /// </summary>
        public static FfmpegVersionChoice Choose(Version? requested, Version? libavformat)
        {
            Version? release = libavformat is null ? null : FfmpegVersions.ReleaseOfLibavformat(libavformat);
            Version modelled = FfmpegVersions.Resolve(requested ?? release ?? FfmpegVersions.Default);
            return new FfmpegVersionChoice(modelled, release ?? requested, libavformat, requested is not null);
        }

        /// <summary>One sentence: which model, and why.</summary>
        public string Describe()
        {
            string model = $"the model of ffmpeg {FfmpegVersions.Name(Modelled)}";
            string source = Libavformat is null ? "" : $"ffprobe's libavformat {Libavformat} is ffmpeg {(Ffmpeg is null ? "older than 4.4" : FfmpegVersions.Name(Ffmpeg))}";
            if (Given) return $"Compared with {model} (-FfmpegVersion)" + (source.Length > 0 ? $"; {source}." : ".");
            if (Libavformat is null) return $"Compared with {model}: the version of the ffmpeg that wrote this output is not known (5.1 unless -FfmpegVersion says otherwise).";
            return $"Compared with {model}: {source}.";
        }

        /// <summary>When the output comes from a version the model does not know: that a difference may come from it.</summary>
        public string? UnmodelledNote =>
            !IsUnmodelled ? null
            : $"ffmpeg {FfmpegVersions.Name(Ffmpeg!)} is not a version the model follows (it follows {string.Join(", ", FfmpegVersions.Modelled.Select(FfmpegVersions.Name))}); " +
              $"it used its ffmpeg {FfmpegVersions.Name(Modelled)} model, so a difference may come from ffmpeg {FfmpegVersions.Name(Ffmpeg!)} rather than from the file.";
    }

    /// <summary>What differs between the modelled versions of ffmpeg's MP4 demuxer, as measured.</summary>
    internal sealed class FfmpegBehaviour
    {
        private FfmpegBehaviour(Version version) => Version = version;

        public Version Version { get; }

        /// <summary>
        /// 5.1: in an encrypted fragmented file, the lookup of a packet's encryption info fails past the senc of the
        /// last fragment parsed, and ffprobe stops there. 6.1 and later read on.
        /// </summary>
        public bool EncryptionLookupStopsReading => Version < new Version(6, 1);

        /// <summary>
        /// 5.1 and 6.1 flag every audio sample of a fragment K; 9.0 takes K from the sample flags as for video (so
        /// AC-4 and MPEG-H audio, which are not intra-only, get K only on sync samples).
        /// </summary>
        public bool FragmentAudioAlwaysKey => Version < new Version(9, 0);

        /// <summary>
        /// 5.1 and 6.1 describe AAC as intra-only, so the generic demux layer flags every AAC packet K; 9.0 no longer
        /// does (libavcodec's codec descriptor), so AAC packets are K as stss or the fragment sample flags say.
        /// </summary>
        public bool AacIsIntraOnly => Version < new Version(9, 0);

        /// <summary>
        /// 6.1 and later: the media_time of the one edit of an AAC track without samples in moov (a fragmented track, whose
        /// edit list ffmpeg does not apply to the index) is the encoder's priming: the first packet gets Skip Samples, and the
        /// stream's start_time is that packet's pts plus the priming (a DASH audio stream whose edit skips 1024 samples starts
        /// at 0, not -0.021333). 5.1 gives no Skip Samples, so its start_time is the first packet's pts.
        /// </summary>
        public bool FragmentedAacEditIsPriming => Version >= new Version(6, 1);

        public static FfmpegBehaviour For(Version? version) => new FfmpegBehaviour(FfmpegVersions.Resolve(version ?? FfmpegVersions.Default));
    }
}
