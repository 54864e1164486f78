#Requires -Version 7.0
<#
.SYNOPSIS
    Records what ffprobe reports for every corpus file it reads: one line per stream with its packet count.
.DESCRIPTION
    The corpus tests compare the module with a live ffprobe run. This record lets them check that the
    live run reported at least what ffprobe 5.1 reported when the record was made (the same streams
    and as many packets): an ffprobe that prints nothing, or a build that reads less, fails the tests
    instead of giving them nothing to compare. Run it again only after checking a difference by hand.
.EXAMPLE
    dotnet pwsh tests/corpus/Update-CorpusRecord.ps1
#>
[CmdletBinding()]
param(
    [string] $CorpusRoot = (Join-Path $PSScriptRoot '../../../shared/corpus'),
    [string] $OutputPath = (Join-Path $PSScriptRoot 'ffprobe-streams.tsv'),
    [string] $FfprobePath = 'ffprobe'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$version = (& $FfprobePath -version | Select-Object -First 1)
$lines = [Collections.Generic.List[string]]::new()
$lines.Add("# $version; made by tests/corpus/Update-CorpusRecord.ps1 from the files MANIFEST.tsv marks ok")
$lines.Add("path`tstream`tid`tcodec_type`tattached_pic`tpackets")
foreach ($entry in Import-Csv -Delimiter "`t" -Path (Join-Path $CorpusRoot 'MANIFEST.tsv') | Where-Object ffprobe_5_1_packets -eq 'ok') {
    $file = Join-Path $CorpusRoot "real/$($entry.path)"
    # The command the tests run (Invoke-FfprobeJson in tests/TestSetup.ps1): on some damaged files ffprobe 5.1's
    # packets depend on what it is asked to print.
    $json = & $FfprobePath -v error -show_packets -show_streams -of json "file:$file" 2> $null
    if ($LASTEXITCODE -ne 0) { throw "ffprobe failed on $file" }
    $probe = ($json -join "`n") | ConvertFrom-Json
    $counts = @{}
    foreach ($packet in @($probe.packets)) { if ($packet) { $counts[[int]$packet.stream_index] = 1 + [int]$counts[[int]$packet.stream_index] } }
    # A file ffprobe reads without finding a stream still gets a line (stream '-').
    if (-not @($probe.streams | Where-Object { $_ })) { $lines.Add(($entry.path, '-', '', '', 0, 0) -join "`t") }
    foreach ($stream in @($probe.streams | Where-Object { $_ })) {
        $id = if ($stream.PSObject.Properties['id']) { $stream.id } else { '' }
        $attached = if ($stream.PSObject.Properties['disposition']) { $stream.disposition.attached_pic } else { 0 }
        $lines.Add(($entry.path, $stream.index, $id, $stream.codec_type, $attached, [int]$counts[[int]$stream.index]) -join "`t")
    }
}
Set-Content -LiteralPath $OutputPath -Value $lines -Encoding utf8NoBOM
Write-Host "$($lines.Count - 2) streams recorded in $OutputPath"
