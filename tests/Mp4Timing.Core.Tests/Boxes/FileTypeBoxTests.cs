using System.Linq;
using Mp4Timing.Boxes;
using static Mp4Timing.Tests.Support.Mp4Bytes;

namespace Mp4Timing.Tests.Boxes
{
    /// <summary>ftyp / styp (ISO/IEC 14496-12 4.3, 8.16.2): major_brand, minor_version, compatible_brands[] to the end of the box.</summary>
    public class FileTypeBoxTests
    {
        [Theory]
        [InlineData("ftyp", "isom", 0x200u, "isom,iso2,avc1,mp41", "isom v512 [isom,iso2,avc1,mp41]")]
        [InlineData("styp", "msdh", 0u, "msdh,msix", "msdh v0 [msdh,msix]")]
        [InlineData("ftyp", "qt  ", 0x20050300u, "qt  ", "qt   v537199360 [qt  ]")]
        [InlineData("ftyp", "M4A ", 0u, "", "M4A  v0 []")]
        public void DecodesBrands(string type, string major, uint minor, string brands, string summary)
        {
            string[] compatible = brands.Length == 0 ? new string[0] : brands.Split(',');
            byte[] file = Box(type, Ascii(major), U32(minor), Cat(compatible.Select(Ascii).ToArray()));

            var box = Single<FileTypeBox>(file);

            Assert.Equal(type, box.Type);
            Assert.Equal(major, box.MajorBrand);
            Assert.Equal(minor, box.MinorVersion);
            Assert.Equal(compatible, box.CompatibleBrands);
            Assert.Equal(summary, box.Summary);
        }

        [Fact]
        public void BytesTooFewForABrandAtTheEndAreIgnored()
        {
            // 8 + 4 + 4 + 4 + 2: the last two bytes cannot hold a brand.
            var box = Single<FileTypeBox>(Box("ftyp", Ascii("isom"), U32(1), Ascii("avc1"), new byte[] { 0x61, 0x62 }));

            Assert.Equal(new[] { "avc1" }, box.CompatibleBrands);
        }

        [Fact]
        public void MissingMinorVersionIsAnError()
        {
            var (boxes, errors) = Read(Box("ftyp", Ascii("isom"), new byte[] { 0, 0 }));

            Assert.Equal(Mp4ErrorKind.TruncatedBox, Assert.Single(errors).Kind);
            Assert.IsNotType<FileTypeBox>(Assert.Single(boxes));
        }
    }
}
