using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Mp4Timing;

namespace Mp4Timing.Commands
{
    /// <summary>
    /// The shared part of the Mp4Timing cmdlets: -Path (wildcards) and -LiteralPath (alias PSPath, bound
    /// from piped FileInfo objects), resolution to file-system paths, and error records that name the
    /// file and let the pipeline go on to the next one.
    /// </summary>
    public abstract class Mp4CmdletBase : PSCmdlet
    {
        /// <summary>Parameter set of -Path.</summary>
        protected const string PathSet = "Path";

        /// <summary>Parameter set of -LiteralPath.</summary>
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>Files to read; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files to read, taken literally (no wildcards); binds from the PSPath of piped files.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Resolves the bound paths and processes each file; errors for one file do not stop the next.</summary>
        protected override void ProcessRecord()
        {
            foreach (string file in ResolveFiles())
            {
                try
                {
                    ProcessFile(file);
                }
                catch (Mp4FormatException error)
                {
                    WriteFormatError(error, file);
                }
                catch (IOException error)
                {
                    WriteError(new ErrorRecord(error, "FileReadError", ErrorCategory.ReadError, file));
                }
                catch (UnauthorizedAccessException error)
                {
                    WriteError(new ErrorRecord(error, "FileAccessDenied", ErrorCategory.PermissionDenied, file));
                }
            }
        }

        /// <summary>Reads one resolved file-system path.</summary>
        protected abstract void ProcessFile(string path);

        /// <summary>
        /// Reads an -FfmpegVersion argument (6.1, 7, 7.1.2, n6.1...); a text without a version is a terminating error.
        /// Says which modelled version stands in for it when the model does not follow that version itself.
        /// </summary>
        protected Version? ParseFfmpegVersion(string? text)
        {
            if (text is null) return null;
            Version? version = Ffmpeg.FfmpegVersions.Parse(text);
            if (version is null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{text}' is not an ffmpeg version: give one like 5.1, 6.1 or 7.1."),
                    "InvalidFfmpegVersion", ErrorCategory.InvalidArgument, text));
            }
            Version modelled = Ffmpeg.FfmpegVersions.Resolve(version!);
            if (version! < Ffmpeg.FfmpegVersions.Modelled[0])
            {
                WriteWarning($"ffmpeg {version} is older than every version the model follows; the model of ffmpeg {Ffmpeg.FfmpegVersions.Name(modelled)} is used, and ffmpeg {version} may differ from it.");
            }
            else if (!Ffmpeg.FfmpegVersions.IsModelled(version!))
            {
                WriteVerbose($"ffmpeg {version} is not a version the model follows itself: the model of ffmpeg {Ffmpeg.FfmpegVersions.Name(modelled)}, the newest at or below it, is used.");
            }
            return version;
        }

        /// <summary>Writes a non-terminating InvalidData error for damage in <paramref name="path"/>.</summary>
        protected void WriteFormatError(Mp4FormatException error, string path)
        {
            WriteError(new ErrorRecord(error, error.ErrorId, ErrorCategory.InvalidData, path)
            {
                ErrorDetails = new ErrorDetails(error.Message),
            });
        }

        /// <summary>The file-system paths named by -Path or -LiteralPath; missing items are reported as ObjectNotFound errors.</summary>
        protected IEnumerable<string> ResolveFiles()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (string given in literal ? LiteralPath : Path)
            {
                foreach (string file in Resolve(given, literal))
                {
                    yield return file;
                }
            }
        }

        /// <summary>
        /// -LiteralPath names one file as written; -Path is resolved as PowerShell's own cmdlets resolve it:
        /// wildcards expand, and a backtick escapes a wildcard character (<c>'clip `[v2`].mp4'</c>).
        /// </summary>
        private IEnumerable<string> Resolve(string given, bool literal)
        {
            var files = new List<string>();
            try
            {
                if (literal)
                {
                    string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out ProviderInfo provider, out _);
                    if (!IsFileSystem(provider, given)) return files;
                    if (Directory.Exists(path))
                    {
                        WriteError(new ErrorRecord(new IOException($"'{path}' is a directory, not a file."), "PathIsDirectory", ErrorCategory.InvalidArgument, given));
                    }
                    else if (!File.Exists(path))
                    {
                        WriteError(new ErrorRecord(new ItemNotFoundException($"Cannot find path '{path}' because it does not exist."), "PathNotFound", ErrorCategory.ObjectNotFound, given));
                    }
                    else
                    {
                        files.Add(path);
                    }
                    return files;
                }

                bool wildcard = WildcardPattern.ContainsWildcardCharacters(given);
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(given, out ProviderInfo wildcardProvider);
                if (!IsFileSystem(wildcardProvider, given)) return files;
                foreach (string path in resolved)
                {
                    if (File.Exists(path))
                    {
                        files.Add(path);
                    }
                    else if (!wildcard && Directory.Exists(path))
                    {
                        WriteError(new ErrorRecord(new IOException($"'{path}' is a directory, not a file."), "PathIsDirectory", ErrorCategory.InvalidArgument, given));
                    }
                }
                if (files.Count == 0 && wildcard)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No file matches '{given}'."), "PathNotFound", ErrorCategory.ObjectNotFound, given));
                }
            }
            catch (ItemNotFoundException error)
            {
                WriteError(new ErrorRecord(error, "PathNotFound", ErrorCategory.ObjectNotFound, given));
            }
            catch (System.Management.Automation.DriveNotFoundException error)
            {
                WriteError(new ErrorRecord(error, "DriveNotFound", ErrorCategory.ObjectNotFound, given));
            }
            catch (ProviderNotFoundException error)
            {
                WriteError(new ErrorRecord(error, "ProviderNotFound", ErrorCategory.ObjectNotFound, given));
            }
            return files;
        }

        private bool IsFileSystem(ProviderInfo provider, string given)
        {
            if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return true;
            WriteError(new ErrorRecord(new ArgumentException($"'{given}' is not a file-system path (provider {provider.Name})."), "NotFileSystemPath", ErrorCategory.InvalidArgument, given));
            return false;
        }
    }
}
