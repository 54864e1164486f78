using System;
using System.Text;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>hdlr (HandlerBox): what kind of media a track carries (vide, soun, text, subt, meta...).</summary>
    public sealed class HandlerBox : FullBox
    {
        /// <summary>pre_defined; QuickTime stores the component type here (mhlr, dhlr).</summary>
        public string ComponentType { get; private set; } = "";

        /// <summary>handler_type.</summary>
        public string HandlerType { get; private set; } = "";

        /// <summary>name: a human-readable name for the track type.</summary>
        public string Name { get; private set; } = "";

        /// <inheritdoc />
        public override string Summary => $"handler_type={HandlerType}" + (Name.Length > 0 ? $" name=\"{Name}\"" : "");

        internal override void ReadFields(BoxDataReader reader, BoxReadOptions options)
        {
            uint componentType = reader.ReadUInt32();
            ComponentType = componentType == 0 ? "" : new FourCC(componentType).ToString();
            HandlerType = reader.ReadFourCC().ToString();
            reader.Skip(Math.Min(12, reader.Remaining));
            int length = (int)Math.Min(reader.Remaining, 1024);
            byte[] name = reader.ReadBytes(length);
            Name = DecodeName(name);
        }

        /// <summary>ISO stores a NUL-terminated UTF-8 name; QuickTime a Pascal string (a length byte first).</summary>
        private static string DecodeName(byte[] name)
        {
            if (name.Length > 1 && name[0] > 0 && name[0] < 0x20 && name[0] <= name.Length - 1)
            {
                return Encoding.UTF8.GetString(name, 1, name[0]).Trim();
            }
            int length = Array.IndexOf(name, (byte)0);
            return Encoding.UTF8.GetString(name, 0, length < 0 ? name.Length : length).Trim();
        }
    }
}
