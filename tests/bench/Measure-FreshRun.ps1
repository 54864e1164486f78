<#
.SYNOPSIS
    One measurement of Get-Mp4SampleTiming (or, with -Command Track, Get-Mp4Track; with -Command Test, Test-Mp4Timing) in a fresh pwsh process,
    run by Invoke-Benchmark.ps1 (a new process each time); prints one JSON line.
.DESCRIPTION
    WorkingSet: `Get-Mp4SampleTiming <file> | Measure-Object` (with -PresentationOrder or -Convention Ffmpeg
                as -Pipeline says; or `Get-Mp4Track <file> | Measure-Object` with -Command Track, or
                `Test-Mp4Timing <file> | Measure-Object` with -Command Test), then
                Process.PeakWorkingSet64 of this process (what the OS charged for pwsh, .NET, the module and the run together).
    Managed:    the same run while Mp4Timing.TestSupport's ManagedMemoryProbe forces a full collection
                every -IntervalMilliseconds and keeps the largest live managed heap (GC.GetTotalMemory(true)).
    FirstTen:   cold start: Import-Module, `Get-Item <file> | Select-Object -First 10` (the first pipeline of
                the process), then `Get-Mp4SampleTiming <file> | Select-Object -First 10`, each timed
                (nothing of the module is compiled yet).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $File,
    [ValidateSet('WorkingSet', 'Managed', 'FirstTen')] [string] $Mode = 'WorkingSet',
    [ValidateSet('Plain', 'PresentationOrder', 'Ffmpeg')] [string] $Pipeline = 'Plain',
    [string] $SupportPath,
    [int] $IntervalMilliseconds = 100,
    # SampleTiming: Get-Mp4SampleTiming; Track: Get-Mp4Track (all tracks; Samples is then the sum of their SampleCount);
    # Test: Test-Mp4Timing with its default rules (Samples is then the number of findings).
    [ValidateSet('SampleTiming', 'Track', 'Test')] [string] $Command = 'SampleTiming'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$importWatch = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath
$importWatch.Stop()
if ($Mode -eq 'FirstTen') {
    # The same pipeline shape through a built-in cmdlet first: what any first pipeline costs in a new process.
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = @(Get-Item -LiteralPath $File | Select-Object -First 10)
    $baseline = $watch.Elapsed.TotalSeconds
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $first = @(Get-Mp4SampleTiming -LiteralPath $File | Select-Object -First 10)
    $watch.Stop()
    [pscustomobject]@{ Mode = $Mode; Samples = $first.Count; ImportSeconds = $importWatch.Elapsed.TotalSeconds; BaselineSeconds = $baseline; Seconds = $watch.Elapsed.TotalSeconds } |
        ConvertTo-Json -Compress
    return
}
$probe = $null
if ($Mode -eq 'Managed') {
    Import-Module $SupportPath
    $probe = [Mp4Timing.TestSupport.ManagedMemoryProbe]::Start($IntervalMilliseconds)
}
$options = switch ($Pipeline) {
    'PresentationOrder' { @{ PresentationOrder = $true } }
    'Ffmpeg' { @{ Convention = 'Ffmpeg' } }
    default { @{} }
}
$watch = [Diagnostics.Stopwatch]::StartNew()
$count = switch ($Command) {
    'Track' { (Get-Mp4Track -LiteralPath $File | Measure-Object SampleCount -Sum).Sum }
    'Test' { (Test-Mp4Timing -LiteralPath $File | Measure-Object).Count }
    default { (Get-Mp4SampleTiming -LiteralPath $File @options | Measure-Object).Count }
}
$watch.Stop()
if ($probe) { $null = $probe.Stop() }
[pscustomobject]@{
    Mode            = $Mode
    Pipeline        = $Pipeline
    Samples         = $count
    Seconds         = $watch.Elapsed.TotalSeconds
    PeakWorkingSet  = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    ManagedBaseline = if ($probe) { $probe.BaselineBytes } else { $null }
    ManagedPeak     = if ($probe) { $probe.PeakBytes } else { $null }
    Readings        = if ($probe) { $probe.Readings } else { $null }
} | ConvertTo-Json -Compress
