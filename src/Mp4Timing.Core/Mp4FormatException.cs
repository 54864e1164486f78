using System;

namespace Mp4Timing
{
    /// <summary>What is wrong with a file; each kind becomes the ErrorId of a PowerShell error record.</summary>
    public enum Mp4ErrorKind
    {
        /// <summary>The file has no bytes.</summary>
        EmptyFile,
        /// <summary>The bytes do not start like an ISO BMFF / QuickTime file.</summary>
        NotMp4,
        /// <summary>A box claims a size smaller than its header or larger than the space that holds it.</summary>
        BoxSizeOutOfRange,
        /// <summary>A box or the file ends before a field that must be there.</summary>
        TruncatedBox,
        /// <summary>Boxes are nested deeper than any real file needs.</summary>
        NestingTooDeep,
        /// <summary>A sample table has fewer entries than the samples it must describe.</summary>
        TableTooShort,
        /// <summary>Two tables of one track disagree on the number of samples or chunks.</summary>
        InconsistentSampleCount,
        /// <summary>A field holds a value the specification does not allow (a zero timescale, a chunk number of 0...).</summary>
        InvalidField,
        /// <summary>Tick arithmetic left the 64-bit range.</summary>
        TimestampOverflow,
        /// <summary>A box the timing needs is absent (a track without mdhd, a media segment without its init segment...).</summary>
        MissingBox,
    }

    /// <summary>
    /// A malformed or unsupported file. Carries the file, the path of the box being read
    /// (<c>/moov/trak[2]/mdia/minf/stbl/stsz</c>) and the absolute byte offset where the problem was found.
    /// </summary>
    public sealed class Mp4FormatException : Exception
    {
        /// <summary>Creates the exception; the message names file, box path and offset.</summary>
        public Mp4FormatException(Mp4ErrorKind kind, string? filePath, string? boxPath, long offset, string detail, Exception? inner = null)
            : base(Compose(filePath, boxPath, offset, detail), inner)
        {
            Kind = kind;
            FilePath = filePath;
            BoxPath = boxPath;
            Offset = offset;
            Detail = detail;
        }

        /// <summary>The kind of damage; also the PowerShell ErrorId.</summary>
        public Mp4ErrorKind Kind { get; }

        /// <summary>The file being read, when known.</summary>
        public string? FilePath { get; }

        /// <summary>The box being read when the problem was found (<c>/</c> for the top level).</summary>
        public string? BoxPath { get; }

        /// <summary>The absolute byte offset in the file where the problem was found.</summary>
        public long Offset { get; }

        /// <summary>The description without file, box path and offset.</summary>
        public string Detail { get; }

        /// <summary>The PowerShell ErrorId for this failure.</summary>
        public string ErrorId => Kind.ToString();

        /// <summary>For a file cut short: the first sample whose data starts past its end, and how many the tables list from it on.</summary>
        internal DataPastEnd? PastEnd { get; set; }

        private static string Compose(string? filePath, string? boxPath, long offset, string detail)
        {
            string where = string.IsNullOrEmpty(boxPath) ? $"at byte {offset}" : $"{boxPath} at byte {offset}";
            return string.IsNullOrEmpty(filePath) ? $"{where}: {detail}" : $"{filePath}: {where}: {detail}";
        }
    }

    /// <summary>Where the data of a track runs past the end of the file: the first sample that starts past it, and the samples the moov tables list from there (null in fragments).</summary>
    internal sealed class DataPastEnd
    {
        public DataPastEnd(long sample, long? samplesLeft)
        {
            Sample = sample;
            SamplesLeft = samplesLeft;
        }

        public long Sample { get; }

        public long? SamplesLeft { get; }
    }
}
