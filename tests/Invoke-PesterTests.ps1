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

[pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
    ConvertTo-Json | Set-Content -Path $ResultPath -Encoding utf8
if ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount -gt 0) { exit 1 }
