#Requires -Version 7.2
<#
.SYNOPSIS
    Records what the other ffmpeg builds report, so that the version tests run without them.
.DESCRIPTION
    Installs the peers (package.json: a 6.1-dev ffprobe and FFmpeg 9.0's libavformat in WebAssembly) with npm
    into out/peers, then writes:
      - beside every fixture that has <name>.ffprobe.json (ffprobe 5.1, New-Fixtures.ps1):
          <name>.ffprobe-6.1.json  stdout of: ffprobe -v error -show_packets -show_streams -show_library_versions -of json <file>
          <name>.libav-9.0.json    stdout of: node libav-packets.cjs <file>
        (run from the file's folder, so no path is recorded);
      - corpus-packets.tsv: for every corpus file ffprobe 5.1 reads (MANIFEST.tsv: ok), per version (5.1 from
        ffprobe on PATH, 6.1, 9.0) and per stream with packets: the stream index, the first packet's position,
        the packet count and a digest of the packets' "pts/dts/flags" lines (Get-PacketDigest in Peers.ps1).
.EXAMPLE
    dotnet pwsh tests/peers/Update-PeerRecords.ps1
#>
[CmdletBinding()]
param(
    [string] $Corpus = $(if ($env:MP4TIMING_CORPUS) { $env:MP4TIMING_CORPUS } else { Join-Path $PSScriptRoot '../../../shared/corpus' }),
    [string] $PeerFolder = (Join-Path $PSScriptRoot '../../out/peers'),
    [switch] $SkipCorpus
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Peers.ps1')

$peers = Install-Peer -Folder $PeerFolder
if ($peers.Reason) { throw "The peers cannot run here: $($peers.Reason)." }
$utf8 = [Text.UTF8Encoding]::new($false)

$fixtures = Resolve-Path (Join-Path $PSScriptRoot '../fixtures')
$media = Get-ChildItem $fixtures -Recurse -File | Where-Object {
    $_.Extension -notin '.json', '.md', '.ps1', '.log', '.mpd' -and (Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.ffprobe.json')))
}
foreach ($file in $media) {
    foreach ($version in '6.1', '9.0') {
        $suffix = if ($version -eq '6.1') { '.ffprobe-6.1.json' } else { '.libav-9.0.json' }
        $target = [IO.Path]::ChangeExtension($file.FullName, $null).TrimEnd('.') + $suffix
        [IO.File]::WriteAllText($target, (Invoke-Peer -Peers $peers -Version $version -MediaPath $file.FullName -Raw), $utf8)
    }
    Write-Host "  $([IO.Path]::GetRelativePath($fixtures, $file.FullName))"
}

if ($SkipCorpus) { return }
if (-not (Test-Path (Join-Path $Corpus 'MANIFEST.tsv'))) { throw "No corpus at $Corpus (pass -Corpus or -SkipCorpus)." }
$ffprobe51 = (Get-Command ffprobe -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
$rows = [Collections.Generic.List[string]]::new()
$rows.Add("# ffmpeg packets of the corpus per version, written by Update-PeerRecords.ps1: version, path (under real/), stream index, first packet position, packets, digest of the pts/dts/flags lines")
foreach ($entry in Import-Csv -Delimiter "`t" -Path (Join-Path $Corpus 'MANIFEST.tsv') | Where-Object ffprobe_5_1_packets -eq 'ok') {
    $path = Join-Path $Corpus "real/$($entry.path)"
    $probes = [ordered]@{
        '5.1' = (& $ffprobe51 -v error -show_packets -show_streams -of json "file:$path" 2>$null) -join "`n" | ConvertFrom-Json
        '6.1' = Invoke-Peer -Peers $peers -Version '6.1' -MediaPath $path
        '9.0' = Invoke-Peer -Peers $peers -Version '9.0' -MediaPath $path
    }
    foreach ($version in $probes.Keys) {
        if ($null -eq $probes[$version] -or -not $probes[$version].PSObject.Properties['packets']) { continue }
        foreach ($s in Get-StreamDigest $probes[$version]) {
            $rows.Add("$version`t$($entry.path)`t$($s.Stream)`t$($s.FirstPos)`t$($s.Packets)`t$($s.Digest)")
        }
    }
    Write-Host "  $($entry.path)"
}
[IO.File]::WriteAllLines((Join-Path $PSScriptRoot 'corpus-packets.tsv'), $rows, $utf8)
Write-Host "corpus-packets.tsv: $($rows.Count - 1) streams"
