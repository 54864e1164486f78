# Dot-sourced by every *.Tests.ps1: imports the built module and names the test data.
# The module comes from $env:MP4TIMING_MODULE (set by build.ps1's Test task) or out/Mp4Timing.
$ModuleRoot = if ($env:MP4TIMING_MODULE) { $env:MP4TIMING_MODULE } else { Join-Path $PSScriptRoot '../out/Mp4Timing' }
Import-Module (Join-Path $ModuleRoot 'Mp4Timing.psd1') -Force -ErrorAction Stop

$Fixtures = Join-Path $PSScriptRoot 'fixtures'
# The shared real-world corpus sits beside the checkout (../shared); tests that need it skip without it.
$CorpusRoot = if ($env:MP4TIMING_CORPUS) { $env:MP4TIMING_CORPUS } else { Join-Path $PSScriptRoot '../../shared/corpus' }
$HasCorpus = Test-Path (Join-Path $CorpusRoot 'MANIFEST.tsv')

function Get-CorpusEntry {
    # The corpus manifest: path (relative to real/), bytes, sha256 prefix, and whether ffprobe 5.1 reads it.
    Import-Csv -Delimiter "`t" -Path (Join-Path $CorpusRoot 'MANIFEST.tsv') | ForEach-Object {
        [pscustomobject]@{
            FullName = Join-Path $CorpusRoot "real/$($_.path)"
            Path     = $_.path
            Bytes    = [long] $_.bytes
            FfprobeOk = $_.ffprobe_5_1_packets -eq 'ok'
        }
    }
}

function Read-FfprobeRecord([string] $MediaPath) {
    # The ffprobe -show_packets -show_streams JSON recorded beside a fixture by New-Fixtures.ps1.
    $json = [IO.Path]::ChangeExtension($MediaPath, '.ffprobe.json')
    Get-Content -Raw $json | ConvertFrom-Json
}
