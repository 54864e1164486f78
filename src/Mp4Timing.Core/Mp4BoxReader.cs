using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mp4Timing.IO;

namespace Mp4Timing
{
    /// <summary>Reads the box tree of an MP4 / QuickTime file.</summary>
    public static class Mp4BoxReader
    {
        /// <summary>
        /// Yields every box of the file in file order (parents before children). Damage that leaves the
        /// rest of the file readable is passed to <paramref name="onError"/> and reading goes on;
        /// damage that ends reading is thrown as <see cref="Mp4FormatException"/> after the boxes before it were yielded.
        /// </summary>
        public static IEnumerable<Box> ReadBoxes(string path, BoxReadOptions? options = null, Action<Mp4FormatException>? onError = null)
        {
            using (FileStream stream = OpenRead(path))
            {
                foreach (Box box in ReadBoxes(stream, path, options, onError))
                {
                    yield return box;
                }
            }
        }

        /// <summary>Yields every box of a seekable stream in file order; see <see cref="ReadBoxes(string, BoxReadOptions, Action{Mp4FormatException})"/>.</summary>
        public static IEnumerable<Box> ReadBoxes(Stream stream, string? sourceName, BoxReadOptions? options = null, Action<Mp4FormatException>? onError = null)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            var reader = new BoxDataReader(stream, sourceName);
            RequireContent(reader);
            Action<Mp4FormatException> report = onError ?? (error => throw error);
            var walker = new BoxWalker(reader, options ?? BoxReadOptions.Default, report);
            return walker.Walk(0, reader.StreamLength, "", default, 0, buildTree: false);
        }

        /// <summary>The box types Mp4Timing decodes or names (for tab completion and documentation), sorted.</summary>
        public static IReadOnlyList<string> KnownBoxTypes { get; } = Boxes.BoxRegistry.KnownTypes.ToArray();

        /// <summary>Opens a file for reading while other processes may still write or delete it.</summary>
        public static FileStream OpenRead(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.None);

        internal static void RequireContent(BoxDataReader reader)
        {
            if (reader.StreamLength == 0)
            {
                throw new Mp4FormatException(Mp4ErrorKind.EmptyFile, reader.SourceName, "/", 0, "the file is empty");
            }
        }
    }
}
