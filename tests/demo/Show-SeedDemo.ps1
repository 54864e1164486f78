<#
.SYNOPSIS
    The seed question on the bundled sample: the box tree of tests/fixtures/seed.mp4.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Mp4Timing'))
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'Mp4Timing.psd1') -Force
$seed = Join-Path $PSScriptRoot '../fixtures/seed.mp4'
Get-Mp4Box $seed | Format-Table -AutoSize | Out-String -Width 160
