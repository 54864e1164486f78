@{
    RootModule           = 'Mp4Timing.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f6c1e-7d43-4a35-9f2e-0e6f1d8a9c21'
    Author               = 'Mp4Timing contributors'
    CompanyName          = 'Mp4Timing contributors'
    Copyright            = '(c) Mp4Timing contributors. MIT License.'
    Description          = 'Exact decode, composition and presentation times of every sample of MP4 / QuickTime files (stts, ctts, edit lists, fragments), and why ffmpeg reports what it reports.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    RequiredAssemblies   = @('Mp4Timing.Core.dll')
    FormatsToProcess     = @('Mp4Timing.format.ps1xml')
    CmdletsToExport      = @('Get-Mp4Box', 'Get-Mp4SampleTiming', 'Get-Mp4Track', 'Compare-FfmpegPts', 'Test-Mp4Timing', 'Get-Mp4TimingRule', 'Export-Mp4Timeline')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('mp4', 'iso-bmff', 'quicktime', 'ffmpeg', 'ffprobe', 'video', 'timestamps', 'pts', 'dts', 'edit-list', 'validation', 'qa', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = '0.1.0: Get-Mp4Box (the box tree with decoded fields); Get-Mp4SampleTiming (decode, composition and presentation time of every sample: stts, ctts, edit lists, fragments and lone DASH/CMAF segments; -PresentationOrder in the order showinfo prints; -Convention Ffmpeg with the packets, key and discard flags ffprobe reports, for ffmpeg 5.1, 6.1 and 9.0 with -FfmpegVersion, cover pictures included; -PictureType with I, P and B as ffmpeg''s decoders report them); Get-Mp4Track (one summary per track: codec string, counts, rates, GOP structure, edit list, start times and the delay of audio to video); Compare-FfmpegPts (ffmpeg''s timestamps from a live ffprobe run, a saved ffprobe JSON or a showinfo log, against the model of the ffprobe''s own version, with a reason for every number); Test-Mp4Timing and Get-Mp4TimingRule (21 named timing rules a delivery must pass, one finding per rule and track in plain words, -Quiet, settings files as PSScriptAnalyzer''s); Export-Mp4Timeline (a self-contained page per file: decode and presentation order, the edit list, picture types, bitrate and the rules'' findings on one time axis). Help in about_Mp4Timing, about_Mp4TimingRules and Get-Help.'
        }
    }
}
