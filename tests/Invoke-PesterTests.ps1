<#
.SYNOPSIS
    Runs the Pester tests against a built module, in this (fresh) pwsh process, and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module $PesterManifest -Force
$env:MP4TIMING_MODULE = (Resolve-Path $ModulePath).Path

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$result = Invoke-Pester -Configuration $config

# Every skip must say why: Set-ItResult -Skipped -Because '...' (see Get-SkipReason in TestSetup.ps1).
$skipped = @($result.Skipped | ForEach-Object {
    $reason = @($_.ErrorRecord | ForEach-Object { $_.Exception.Message -replace '^is skipped, because ', '' }) -join '; '
    [pscustomobject]@{ Name = $_.ExpandedPath; Reason = $reason }
})
$unexplained = @($skipped | Where-Object { -not $_.Reason })
foreach ($test in $unexplained) { Write-Host "Skipped without a reason (use Set-ItResult -Skipped -Because): $($test.Name)" -ForegroundColor Red }
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + $unexplained.Count

[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = @($skipped | Where-Object Reason) } |
    ConvertTo-Json -Depth 3 | Set-Content -Path $ResultPath -Encoding utf8
if ($failed -gt 0) { exit 1 }
