using System;
using System.Collections.Generic;
using Mp4Timing.Boxes;

namespace Mp4Timing.IO
{
    /// <summary>
    /// Walks boxes in file order (pre-order) without recursion: an explicit stack holds the open
    /// containers. Payload damage in one box is reported and the walk goes on with its next sibling;
    /// a header that cannot be trusted ends the enclosing container (or, at the top level, the walk).
    /// </summary>
    internal sealed class BoxWalker
    {
        private const int TopLevelReadAhead = 4096;

        private readonly BoxDataReader _reader;
        private readonly BoxReadOptions _options;
        private readonly Action<Mp4FormatException> _onError;

        public BoxWalker(BoxDataReader reader, BoxReadOptions options, Action<Mp4FormatException> onError)
        {
            _reader = reader;
            _options = options;
            _onError = onError;
        }

        /// <summary>
        /// Yields the boxes in <c>[start, end)</c> and their descendants. When <paramref name="buildTree"/>
        /// is true each box's children are also attached to it.
        /// </summary>
        public IEnumerable<Box> Walk(long start, long end, string parentPath, FourCC parentType, int depth, bool buildTree,
            Box? parent = null, Func<Box, bool>? descend = null)
        {
            var stack = new Stack<Frame>();
            stack.Push(new Frame(end, depth, parentPath, parentType, buildTree ? parent : null));
            long position = start;
            bool topLevel = depth == 0 && parentPath.Length == 0;

            while (stack.Count > 0)
            {
                Frame frame = stack.Peek();
                if (position >= frame.End)
                {
                    stack.Pop();
                    position = frame.End;
                    continue;
                }

                bool isRoot = topLevel && stack.Count == 1;
                long room = frame.End - position;
                if (room < 8 && !isRoot && IsZeroPadding(position, frame.End))
                {
                    // QuickTime ends some containers (udta) with a 32-bit zero; it is not a box.
                    position = frame.End;
                    continue;
                }

                BoxHeader header;
                bool truncated = false;
                _reader.BoxPath = frame.Path.Length == 0 ? "/" : frame.Path;
                try
                {
                    _reader.Seek(position, frame.End);
                    // Top-level headers are read with a little read-ahead (a small moof comes with its header),
                    // never a whole buffer: a file of many fragments is not read in full.
                    if (isRoot) _reader.ReadAheadLimit = position + TopLevelReadAhead;
                    header = BoxHeader.Read(_reader);
                }
                catch (Mp4FormatException error)
                {
                    _reader.ReadAheadLimit = long.MaxValue;
                    if (isRoot && position == start && start == 0)
                    {
                        throw new Mp4FormatException(Mp4ErrorKind.NotMp4, error.FilePath, "/", position,
                            $"the file does not start with an MP4 box: {error.Detail}", error);
                    }
                    bool cutShort = (isRoot || frame.CutShort) && frame.End == _reader.StreamLength;
                    if (cutShort && error.Kind == Mp4ErrorKind.BoxSizeOutOfRange && TryReadTruncated(position, frame.End, out header))
                    {
                        // A file cut short (half-copied): report it once, at the top level, then read what is there.
                        if (isRoot) _onError(error);
                        truncated = true;
                    }
                    else
                    {
                        _onError(error);
                        position = frame.End;
                        continue;
                    }
                }

                _reader.ReadAheadLimit = long.MaxValue;
                if (isRoot && position == 0 && !LooksLikeBoxType(header.Type))
                {
                    throw new Mp4FormatException(Mp4ErrorKind.NotMp4, _reader.SourceName, "/", 0,
                        $"the file does not start with an MP4 box: its first 8 bytes name a box '{FourCC.Describe(header.Type)}' of {header.Size} bytes");
                }

                int index = frame.CountSibling(header.Type);
                string path = frame.Path + "/" + header.Type + (index > 1 ? "[" + index + "]" : "");
                Box box = BoxRegistry.Create(header.Type, frame.Type);
                Describe(box, header, path, frame.Depth);
                _reader.BoxPath = path;
                try
                {
                    _reader.Seek(header.PayloadOffset, header.End);
                    box.ReadPayload(_reader, _options);
                    box.ChildrenOffset = _reader.Position;
                }
                catch (Mp4FormatException error)
                {
                    _onError(error);
                    box = new Box();
                    Describe(box, header, path, frame.Depth);
                }

                frame.Parent?.AddChild(box);
                yield return box;
                position = header.End;

                if (box.HasChildren && (descend is null || descend(box)))
                {
                    if (frame.Depth + 1 >= _options.MaxDepth)
                    {
                        _onError(new Mp4FormatException(Mp4ErrorKind.NestingTooDeep, _reader.SourceName, path, header.Offset,
                            $"boxes are nested more than {_options.MaxDepth} levels deep; the contents of this box were skipped"));
                        continue;
                    }
                    stack.Push(new Frame(header.End, frame.Depth + 1, path, header.Type, buildTree ? box : null) { CutShort = truncated });
                    position = box.ChildrenOffset;
                }
            }
        }

        private void Describe(Box box, BoxHeader header, string path, int depth)
        {
            box.Path = _reader.SourceName;
            box.BoxPath = path;
            box.FourCC = header.Type;
            box.Offset = header.Offset;
            box.Size = header.Size;
            box.HeaderSize = header.HeaderSize;
            box.UserType = header.UserType;
            box.SizeToEnd = header.SizeToEnd;
            box.Depth = depth;
        }

        /// <summary>Re-reads a top-level header whose size runs past the end of the file, cut to the file.</summary>
        private bool TryReadTruncated(long position, long end, out BoxHeader header)
        {
            header = default;
            try
            {
                _reader.Seek(position, end);
                uint size = _reader.ReadUInt32();
                FourCC type = _reader.ReadFourCC();
                int headerSize = size == 1 ? 16 : 8;
                if (!LooksLikeBoxType(type) || end - position < headerSize) return false;
                header = new BoxHeader(type, position, end - position, headerSize, null, sizeToEnd: false);
                return true;
            }
            catch (Mp4FormatException)
            {
                return false;
            }
        }

        private bool IsZeroPadding(long position, long end)
        {
            _reader.Seek(position, end);
            while (_reader.Remaining > 0)
            {
                if (_reader.ReadByte() != 0) return false;
            }
            return true;
        }

        /// <summary>True for codes made of the characters real box types use (letters, digits, space, ©, '-', '_', '.').</summary>
        internal static bool LooksLikeBoxType(FourCC type)
        {
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                char c = (char)((type.Value >> shift) & 0xFF);
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                          || c == ' ' || c == '\u00A9' || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        private sealed class Frame
        {
            private Dictionary<uint, int>? _siblings;

            public Frame(long end, int depth, string path, FourCC type, Box? parent)
            {
                End = end;
                Depth = depth;
                Path = path;
                Type = type;
                Parent = parent;
            }

            public long End { get; }

            public int Depth { get; }

            public string Path { get; }

            public FourCC Type { get; }

            public Box? Parent { get; }

            /// <summary>True when the box claimed more bytes than the file has left.</summary>
            public bool CutShort { get; set; }

            public int CountSibling(FourCC type)
            {
                _siblings ??= new Dictionary<uint, int>();
                _siblings.TryGetValue(type.Value, out int count);
                _siblings[type.Value] = ++count;
                return count;
            }
        }
    }
}
