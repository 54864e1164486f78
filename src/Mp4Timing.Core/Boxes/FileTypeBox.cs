using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing.Boxes
{
    /// <summary>ftyp (FileTypeBox) and styp (SegmentTypeBox): the brands a file or segment conforms to.</summary>
    public sealed class FileTypeBox : Box
    {
        /// <summary>major_brand.</summary>
        public string MajorBrand { get; private set; } = "";

        /// <summary>minor_version.</summary>
        public uint MinorVersion { get; private set; }

        /// <summary>compatible_brands.</summary>
        public IReadOnlyList<string> CompatibleBrands { get; private set; } = new string[0];

        /// <inheritdoc />
        public override string Summary => $"{MajorBrand} v{MinorVersion} [{string.Join(",", CompatibleBrands)}]";

        internal override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            MajorBrand = reader.ReadFourCC().ToString();
            MinorVersion = reader.ReadUInt32();
            var brands = new List<string>();
            while (reader.Remaining >= 4)
            {
                brands.Add(reader.ReadFourCC().ToString());
            }
            CompatibleBrands = brands;
        }
    }
}
