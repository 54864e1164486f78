using System.Management.Automation;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the boxes (atoms) of MP4 / QuickTime files with their decoded fields.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Mp4Box", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Box))]
    public sealed class GetMp4BoxCommand : Mp4CmdletBase
    {
        private WildcardPattern[]? _typePatterns;

        /// <summary>Only boxes whose type matches one of these fourccs (wildcards allowed, e.g. 'st*').</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(BoxTypeCompleter))]
        public string[]? Type { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (Type is null) return;
            _typePatterns = new WildcardPattern[Type.Length];
            for (int i = 0; i < Type.Length; i++)
            {
                _typePatterns[i] = new WildcardPattern(Type[i], WildcardOptions.IgnoreCase);
            }
        }

        /// <inheritdoc />
        protected override void ProcessFile(string path)
        {
            long length = new System.IO.FileInfo(path).Length;
            var progress = new ProgressThrottle(this, 1, $"Get-Mp4Box {System.IO.Path.GetFileName(path)}");
            foreach (Box box in Mp4BoxReader.ReadBoxes(path, BoxReadOptions.Default, error => WriteFormatError(error, path)))
            {
                if (Matches(box)) WriteObject(box);
                progress.Tick(() => $"{box.BoxPath} at byte {box.Offset}", () => length > 0 ? (double)box.Offset / length : -1);
            }
            progress.Complete();
        }

        private bool Matches(Box box)
        {
            if (_typePatterns is null) return true;
            foreach (WildcardPattern pattern in _typePatterns)
            {
                if (pattern.IsMatch(box.Type)) return true;
            }
            return false;
        }
    }
}
