<#
.SYNOPSIS
    Answers why ffmpeg says PTS 0 on the bundled sample tests/fixtures/bframes-editlist.mp4 (or another file):
    why stts + ctts give 0.0667 s for the first sample while ffmpeg says PTS 0, and why the order differs.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Mp4Timing'),
    [string] $Path = (Join-Path $PSScriptRoot '../fixtures/bframes-editlist.mp4'),
    [int] $Rows = 12
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'Mp4Timing.psd1') -Force

$Path = (Resolve-Path -LiteralPath $Path).Path
$trackId = (Get-Mp4SampleTiming $Path -Kind Video | Select-Object -First 1).TrackId
$samples = @(Get-Mp4SampleTiming $Path -TrackId $trackId)
$ordered = @(Get-Mp4SampleTiming $Path -TrackId $trackId -PresentationOrder | Where-Object { $null -ne $_.PresentationIndex })
$first = $samples[0]
$trak = (Get-Mp4Box $Path -Type tkhd | Where-Object TrackId -eq $trackId).BoxPath -replace '/tkhd$', ''
$elst = Get-Mp4Box $Path -Type elst | Where-Object { $_.BoxPath -like "$trak/*" }
$ts = $first.Timescale
function Format-Seconds([double] $Value) { $Value.ToString('0.0000', [Globalization.CultureInfo]::InvariantCulture) }

Write-Output "File: $Path  (track $($first.TrackId), $($first.Codec), timescale $ts ticks/s, $($samples.Count) samples)"
Write-Output ''
Write-Output ('{0,-52}   {1}' -f 'DECODE ORDER (as stored: stts + ctts, then edit list)', 'PRESENTATION ORDER (showinfo)')
Write-Output ('{0,6} {1,10} {2,15} {3,8} {4,8}   {5,4} {6,8} {7,6}' -f 'Sample', 'DecodeTime', 'CompositionTime', 'Pts', 'Dts', 'n', 'Pts', 'Sample')
for ($i = 0; $i -lt [Math]::Min($Rows, $samples.Count); $i++) {
    $d = $samples[$i]; $p = $ordered[$i]
    Write-Output ('{0,6} {1,10} {2,15} {3,8} {4,8}   {5,4} {6,8} {7,6}' -f $d.Sample, (Format-Seconds $d.DecodeTime), (Format-Seconds $d.CompositionTime),
        (Format-Seconds $d.Pts), (Format-Seconds $d.Dts), $i, (Format-Seconds $p.Pts), $p.Sample)
}
Write-Output ''

$shift = $first.PtsTicks - $first.CompositionTicks
if ($elst) {
    $edit = $elst.Entries | Where-Object { -not $_.IsEmpty } | Select-Object -First 1
    $mediaTime = $edit.MediaTime
    Write-Output ("1. stts + ctts put sample 1 at composition time {0} ticks = {1} s on the media timeline (decode time {2}, composition offset {3})." -f `
            $first.CompositionTicks, (Format-Seconds $first.CompositionTime), $first.DecodeTicks, $first.CompositionOffset)
    Write-Output ("2. The edit list ({0}: media_time {1} = {2} s) says the presentation starts at media time {1}, so {1} ticks are subtracted:" -f `
            $elst.BoxPath, $mediaTime, (Format-Seconds ($mediaTime / $ts)))
    Write-Output ("   sample 1 is shown at PTS {0} and decoded at DTS {1} ({2} s) - the numbers ffmpeg/ffprobe report." -f `
            $first.PtsTicks, $first.DtsTicks, (Format-Seconds $first.Dts))
}
else {
    Write-Output "1. This track has no edit list: presentation times are the composition times (shift $shift ticks)."
}
$firstShown = $ordered | Select-Object -First 4 | ForEach-Object Sample
Write-Output ("3. Samples are stored in decode order (PTS {0}, ...); showinfo prints decoded frames in presentation order," -f `
        (($samples | Select-Object -First 6 | ForEach-Object PtsTicks) -join ', '))
Write-Output ("   so its frames n:0, n:1, n:2, n:3 are samples {0}. Both views are right; they are different timelines and orders." -f ($firstShown -join ', '))
