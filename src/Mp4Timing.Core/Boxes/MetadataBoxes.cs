using System.Collections.Generic;
using System.Text;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>
    /// meta (MetaBox): a FullBox holding hdlr, ilst, keys... QuickTime writes it without version and
    /// flags; that form is recognised by an hdlr header right at the start of the payload.
    /// </summary>
    public sealed class MetaBox : Box
    {
        private static readonly FourCC Hdlr = FourCC.Parse("hdlr");

        /// <summary>True when the box has the ISO FullBox header; false for QuickTime's plain form.</summary>
        public bool IsFullBox { get; private set; }

        /// <summary>The version (FullBox form).</summary>
        public byte Version { get; private set; }

        /// <summary>The flags (FullBox form).</summary>
        public uint Flags { get; private set; }

        /// <inheritdoc />
        public override string Summary => IsFullBox ? "" : "QuickTime form";

        internal override bool HasChildren => true;

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            if (reader.Remaining >= 8)
            {
                long start = reader.Position;
                reader.Skip(4);
                bool quickTime = reader.ReadFourCC() == Hdlr;
                reader.Position = start;
                if (quickTime) return;
            }
            IsFullBox = true;
            uint versionAndFlags = reader.ReadUInt32();
            Version = (byte)(versionAndFlags >> 24);
            Flags = versionAndFlags & 0xFFFFFF;
        }
    }

    /// <summary>ilst (Apple item list): metadata items, one child box per key (©nam, ©too, or a 1-based index into keys).</summary>
    public sealed class ItemListBox : Box
    {
        /// <summary>The keys of the items, in file order.</summary>
        public IReadOnlyList<string> Keys { get; private set; } = new string[0];

        /// <inheritdoc />
        public override string Summary => "keys: " + string.Join(", ", Keys);

        internal override bool HasChildren => true;

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            long start = reader.Position;
            var keys = new List<string>();
            while (reader.Remaining >= 8 && keys.Count < 1024)
            {
                long itemStart = reader.Position;
                uint size = reader.ReadUInt32();
                FourCC type = reader.ReadFourCC();
                keys.Add(type.IsPrintable ? type.ToString() : "#" + type.Value);
                if (size < 8 || size > reader.Remaining + 8) break;
                reader.Position = itemStart + size;
            }
            Keys = keys;
            reader.Position = start;
        }
    }

    /// <summary>An ilst item: a container named by its key, holding a data box (and mean/name for ----).</summary>
    public sealed class MetadataItemBox : Box
    {
        /// <inheritdoc />
        public override string Summary => "";

        internal override bool HasChildren => true;
    }

    /// <summary>data (an ilst item's value): its type and, for text, the text.</summary>
    public sealed class MetadataDataBox : Box
    {
        /// <summary>The well-known type (1 UTF-8, 21 signed integer, 13/14 images...).</summary>
        public uint DataType { get; private set; }

        /// <summary>The value as text for UTF-8 items (first 256 bytes); otherwise null.</summary>
        public string? Text { get; private set; }

        /// <inheritdoc />
        public override string Summary => Text is null ? $"type={DataType} {PayloadSize - 8} bytes" : $"\"{Text}\"";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            DataType = reader.ReadUInt32() & 0xFFFFFF;
            reader.Skip(4);
            if (DataType == 1)
            {
                int length = (int)System.Math.Min(reader.Remaining, 256);
                Text = Encoding.UTF8.GetString(reader.ReadBytes(length));
            }
        }
    }

    /// <summary>keys (QuickTime metadata keys): the names that ilst items refer to by 1-based index.</summary>
    public sealed class MetadataKeysBox : FullBox
    {
        /// <summary>The keys as namespace:value (e.g. mdta:com.apple.quicktime.make).</summary>
        public IReadOnlyList<string> Keys { get; private set; } = new string[0];

        /// <inheritdoc />
        public override string Summary => "keys: " + string.Join(", ", Keys);

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            int count = reader.CheckEntryCount(reader.ReadUInt32(), 8, "keys");
            var keys = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                uint size = reader.ReadUInt32();
                string space = reader.ReadFourCC().ToString();
                if (size < 8 || size - 8 > reader.Remaining)
                {
                    throw reader.Fail(Mp4ErrorKind.TruncatedBox, $"key {i + 1} claims {size} bytes, only {reader.Remaining + 8} remain");
                }
                keys.Add(space + ":" + Encoding.UTF8.GetString(reader.ReadBytes((int)size - 8)));
            }
            Keys = keys;
        }
    }
}
