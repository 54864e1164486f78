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

$FfprobeCommand = Get-Command ffprobe -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

function Invoke-FfprobeJson([string] $MediaPath) {
    # A live ffprobe run, packets and streams as JSON (only where ffprobe is installed).
    $json = & $FfprobeCommand.Source -v error -show_packets -show_streams -of json "file:$MediaPath"
    if ($LASTEXITCODE -ne 0) { return $null }
    ($json -join "`n") | ConvertFrom-Json
}

function Get-FfprobeTrack($Probe) {
    # ffprobe's packets grouped by MP4 track ID (a stream's "id" is the track ID in hex).
    foreach ($stream in $Probe.streams) {
        # Attached pictures (cover art) are streams ffmpeg makes from metadata, not tracks.
        if (-not $stream.PSObject.Properties['id'] -or -not $stream.id) { continue }
        if ($stream.PSObject.Properties['disposition'] -and $stream.disposition.attached_pic -eq 1) { continue }
        $trackId = [Convert]::ToUInt32($stream.id.Substring(2), 16)
        $packets = @($Probe.packets | Where-Object stream_index -eq $stream.index)
        [pscustomobject]@{ TrackId = $trackId; TimeBase = $stream.time_base; Packets = $packets; CodecType = $stream.codec_type }
    }
}

function Get-FfprobeAttachedPicture($Probe) {
    # ffprobe's attached-picture streams (cover art ffmpeg makes from moov/udta/meta/ilst/covr: not tracks), with their packets.
    foreach ($stream in $Probe.streams) {
        if (-not ($stream.PSObject.Properties['disposition'] -and $stream.disposition.attached_pic -eq 1)) { continue }
        $packets = @($Probe.packets | Where-Object stream_index -eq $stream.index)
        [pscustomobject]@{ StreamIndex = [int] $stream.index; CodecName = $stream.codec_name; Packets = $packets }
    }
}

function Compare-PacketTiming {
    <#
        Matches ffprobe packets with our samples by byte position and compares pts and dts.
        Returns Matched, the mismatches as text, and the packets we have no sample for.
    #>
    param([object[]] $Samples, [object[]] $Packets)
    $byOffset = @{}
    foreach ($sample in $Samples) { if (-not $byOffset.ContainsKey($sample.Offset)) { $byOffset[$sample.Offset] = $sample } }
    $matched = 0
    $mismatches = [Collections.Generic.List[string]]::new()
    $unmatched = 0
    foreach ($packet in $Packets) {
        $sample = $byOffset[[long]$packet.pos]
        if ($null -eq $sample) { $unmatched++; continue }
        $pts = if ($packet.PSObject.Properties['pts']) { [long]$packet.pts } else { $null }
        $dts = if ($packet.PSObject.Properties['dts']) { [long]$packet.dts } else { $null }
        if ($pts -eq $sample.PtsTicks -and $dts -eq $sample.DtsTicks) { $matched++ }
        else { $mismatches.Add("sample $($sample.Sample) @$($packet.pos): ours pts $($sample.PtsTicks) dts $($sample.DtsTicks), ffprobe pts $pts dts $dts") }
    }
    [pscustomobject]@{ Matched = $matched; Mismatches = $mismatches; Unmatched = $unmatched }
}
