using System;

namespace Mp4Timing.IO
{
    /// <summary>A box header as read from the file: type, where the box starts and how long it is.</summary>
    internal readonly struct BoxHeader
    {
        public BoxHeader(FourCC type, long offset, long size, int headerSize, Guid? userType, bool sizeToEnd)
        {
            Type = type;
            Offset = offset;
            Size = size;
            HeaderSize = headerSize;
            UserType = userType;
            SizeToEnd = sizeToEnd;
        }

        public static readonly FourCC Uuid = FourCC.Parse("uuid");

        public FourCC Type { get; }

        public long Offset { get; }

        /// <summary>The whole box, header included (for size 0, up to the end of the enclosing space).</summary>
        public long Size { get; }

        public int HeaderSize { get; }

        public Guid? UserType { get; }

        /// <summary>True when the stored size was 0 ("to the end of the enclosing space").</summary>
        public bool SizeToEnd { get; }

        public long PayloadOffset => Offset + HeaderSize;

        public long End => Offset + Size;

        /// <summary>
        /// Reads a header at the reader's position. The reader's limit is the end of the enclosing
        /// space; a box that claims more than that, or less than its own header, is an error.
        /// </summary>
        public static BoxHeader Read(BoxDataReader reader)
        {
            long offset = reader.Position;
            long room = reader.Remaining;
            if (room < 8)
            {
                throw reader.Fail(Mp4ErrorKind.TruncatedBox, $"{room} bytes remain, too few for a box header (8 bytes)");
            }
            long size = reader.ReadUInt32();
            FourCC type = reader.ReadFourCC();
            int headerSize = 8;
            bool sizeToEnd = false;
            if (size == 1)
            {
                if (reader.Remaining < 8)
                {
                    throw reader.Fail(Mp4ErrorKind.TruncatedBox, $"box '{FourCC.Describe(type)}' has a 64-bit size but only {reader.Remaining} bytes remain to hold it", offset);
                }
                ulong large = reader.ReadUInt64();
                if (large > (ulong)room)
                {
                    throw reader.Fail(Mp4ErrorKind.BoxSizeOutOfRange, $"box '{FourCC.Describe(type)}' claims {large} bytes, but only {room} remain in the enclosing space", offset);
                }
                size = (long)large;
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = room;
                sizeToEnd = true;
            }
            else if (size > room)
            {
                throw reader.Fail(Mp4ErrorKind.BoxSizeOutOfRange, $"box '{FourCC.Describe(type)}' claims {size} bytes, but only {room} remain in the enclosing space", offset);
            }

            Guid? userType = null;
            if (type == Uuid)
            {
                if (size < headerSize + 16)
                {
                    throw reader.Fail(Mp4ErrorKind.BoxSizeOutOfRange, $"uuid box of {size} bytes cannot hold its 16-byte extended type", offset);
                }
                userType = reader.ReadUuid();
                headerSize += 16;
            }

            if (size < headerSize)
            {
                throw reader.Fail(Mp4ErrorKind.BoxSizeOutOfRange, $"box '{FourCC.Describe(type)}' claims {size} bytes, less than its {headerSize}-byte header", offset);
            }
            return new BoxHeader(type, offset, size, headerSize, userType, sizeToEnd);
        }
    }
}
