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
    CmdletsToExport      = @('Get-Mp4Box', 'Get-Mp4SampleTiming', 'Get-Mp4Track', 'Compare-FfmpegPts')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('mp4', 'iso-bmff', 'quicktime', 'ffmpeg', 'ffprobe', 'video', 'timestamps', 'pts', 'dts', 'edit-list', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://example.invalid/Mp4Timing'
            ReleaseNotes = '0.1.0: Get-Mp4Box (the box tree) and Get-Mp4SampleTiming (ISO decode, composition and presentation times of every sample).'
        }
    }
}
