<#
.SYNOPSIS
    One memory measurement of `Get-Mp4SampleTiming <file> | Measure-Object` in decode order, run by
    Invoke-Benchmark.ps1 in a fresh pwsh process each time; prints one JSON line.
.DESCRIPTION
    WorkingSet: the plain run, then Process.PeakWorkingSet64 of this process (what the OS charged for
                pwsh, .NET, the module and the run together).
    Managed:    the same run while Mp4Timing.TestSupport's ManagedMemoryProbe forces a full collection
                every -IntervalMilliseconds and keeps the largest live managed heap (GC.GetTotalMemory(true)).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $File,
    [ValidateSet('WorkingSet', 'Managed')] [string] $Mode = 'WorkingSet',
    [string] $SupportPath,
    [int] $IntervalMilliseconds = 100
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$probe = $null
if ($Mode -eq 'Managed') {
    Import-Module $SupportPath
    $probe = [Mp4Timing.TestSupport.ManagedMemoryProbe]::Start($IntervalMilliseconds)
}
$watch = [Diagnostics.Stopwatch]::StartNew()
$count = (Get-Mp4SampleTiming -LiteralPath $File | Measure-Object).Count
$watch.Stop()
if ($probe) { $null = $probe.Stop() }
[pscustomobject]@{
    Mode            = $Mode
    Samples         = $count
    Seconds         = $watch.Elapsed.TotalSeconds
    PeakWorkingSet  = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    ManagedBaseline = if ($probe) { $probe.BaselineBytes } else { $null }
    ManagedPeak     = if ($probe) { $probe.PeakBytes } else { $null }
    Readings        = if ($probe) { $probe.Readings } else { $null }
} | ConvertTo-Json -Compress
