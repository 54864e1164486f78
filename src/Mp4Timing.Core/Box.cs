using System;
using System.Collections.Generic;
using Mp4Timing.IO;

namespace Mp4Timing
{
    /// <summary>
    /// One box (atom) of an ISO BMFF / QuickTime file: where it is and, for the types Mp4Timing
    /// decodes, its fields named after the specification. Unknown types are kept as type, offset and size.
    /// </summary>
    public class Box
    {
        private List<Box>? _children;

        /// <summary>The file the box was read from.</summary>
        public string? Path { get; internal set; }

        /// <summary>Where the box sits in the tree, e.g. <c>/moov/trak[2]/mdia/minf/stbl/stts</c> (the n-th sibling of a type gets <c>[n]</c> from n = 2).</summary>
        public string BoxPath { get; internal set; } = "";

        /// <summary>The box type as four characters (<c>0x........</c> when its bytes are not printable).</summary>
        public string Type => FourCC.Describe(FourCC);

        /// <summary>The box type.</summary>
        internal FourCC FourCC { get; set; }

        /// <summary>The absolute byte offset of the box header.</summary>
        public long Offset { get; internal set; }

        /// <summary>The size of the whole box, header included.</summary>
        public long Size { get; internal set; }

        /// <summary>The header size: 8, 16 with a 64-bit size, plus 16 for a uuid extended type.</summary>
        public int HeaderSize { get; internal set; }

        /// <summary>Nesting depth: 0 for top-level boxes.</summary>
        public int Depth { get; internal set; }

        /// <summary>The extended type of a <c>uuid</c> box.</summary>
        public Guid? UserType { get; internal set; }

        /// <summary>True when the box's stored size was 0, meaning "to the end of the enclosing space".</summary>
        public bool SizeToEnd { get; internal set; }

        /// <summary>The absolute offset of the payload (after the header).</summary>
        public long PayloadOffset => Offset + HeaderSize;

        /// <summary>The size of the payload.</summary>
        public long PayloadSize => Size - HeaderSize;

        /// <summary>A one-line summary of the key fields, for the default view.</summary>
        public virtual string Summary => PayloadSize == 0 ? "" : $"{PayloadSize} bytes";

        /// <summary>True for boxes whose payload ends in child boxes.</summary>
        internal virtual bool HasChildren => false;

        /// <summary>Where the child boxes start (set by the walker after the payload fields were read).</summary>
        internal long ChildrenOffset { get; set; }

        /// <summary>The child boxes, when the walker was asked to build a tree.</summary>
        internal IReadOnlyList<Box> Children => (IReadOnlyList<Box>?)_children ?? Array.Empty<Box>();

        internal void AddChild(Box child) => (_children ??= new List<Box>()).Add(child);

        /// <summary>Reads the payload fields. The reader is bounded by the box and positioned after the header.</summary>
        internal virtual void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
        }

        /// <summary>The first child of the given type, or null.</summary>
        internal T? Child<T>() where T : Box
        {
            if (_children is null) return null;
            foreach (Box child in _children)
            {
                if (child is T typed) return typed;
            }
            return null;
        }

        /// <summary>The first child with the given type code, or null.</summary>
        internal Box? Child(FourCC type)
        {
            if (_children is null) return null;
            foreach (Box child in _children)
            {
                if (child.FourCC == type) return child;
            }
            return null;
        }

        /// <summary>All children of the given .NET type.</summary>
        internal IEnumerable<T> ChildrenOf<T>() where T : Box
        {
            if (_children is null) yield break;
            foreach (Box child in _children)
            {
                if (child is T typed) yield return typed;
            }
        }

        /// <inheritdoc />
        public override string ToString() => $"{BoxPath} ({Size} bytes at {Offset})";
    }

    /// <summary>A box with the FullBox header: an 8-bit version and 24 bits of flags.</summary>
    public abstract class FullBox : Box
    {
        /// <summary>The box version.</summary>
        public byte Version { get; internal set; }

        /// <summary>The box flags (24 bits).</summary>
        public uint Flags { get; internal set; }

        internal sealed override void ReadPayload(BoxDataReader reader, BoxReadOptions options)
        {
            uint versionAndFlags = reader.ReadUInt32();
            Version = (byte)(versionAndFlags >> 24);
            Flags = versionAndFlags & 0xFFFFFF;
            ReadFields(reader, options);
        }

        /// <summary>Reads the fields after version and flags.</summary>
        internal abstract void ReadFields(BoxDataReader reader, BoxReadOptions options);

        /// <summary>Fails for versions this reader does not know.</summary>
        internal void RequireVersion(BoxDataReader reader, byte highest)
        {
            if (Version > highest)
            {
                throw reader.Fail(Mp4ErrorKind.InvalidField, $"{Type} version {Version} is not defined (known: 0 to {highest})", Offset + HeaderSize);
            }
        }
    }

    /// <summary>A box that only holds other boxes (moov, trak, mdia, minf, stbl, edts, moof, traf...).</summary>
    public sealed class ContainerBox : Box
    {
        /// <inheritdoc />
        public override string Summary => "";

        internal override bool HasChildren => true;
    }

    /// <summary>How boxes are read.</summary>
    public sealed class BoxReadOptions
    {
        /// <summary>The default: tables are read into arrays, nesting up to 32 levels.</summary>
        public static BoxReadOptions Default { get; } = new BoxReadOptions();

        /// <summary>Options for the timing engine: tables stay in the file and are walked in place.</summary>
        internal static BoxReadOptions InPlace { get; } = new BoxReadOptions { MaterializeTables = false };

        /// <summary>
        /// When true (the default), sample tables (stts, ctts, stsz, stco, trun...) are read into arrays on
        /// the box objects. When false only their counts and where their entries start are recorded.
        /// </summary>
        public bool MaterializeTables { get; set; } = true;

        /// <summary>The deepest nesting accepted; deeper boxes are reported as NestingTooDeep.</summary>
        public int MaxDepth { get; set; } = 32;
    }
}
