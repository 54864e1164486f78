# Sample timing over the shared real-world corpus, against a live ffprobe (skipped without either).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $canRun = $HasCorpus -and $null -ne $FfprobeCommand
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # ffmpeg regroups raw PCM samples into packets of many samples, so its packets are not samples.
    $Pcm = @('ipcm', 'lpcm', 'sowt', 'twos', 'in24', 'in32', 'fl32', 'fl64', 'raw ')

    function Get-IsoExclusion($Samples, $Track, $Boxes) {
        # Why a track's ISO timeline is not what ffmpeg reports, or nothing when it should be.
        $mediaEdits = @($Samples | Where-Object Edit | ForEach-Object Edit | Select-Object -Unique).Count
        $negative = @($Samples | Where-Object CompositionOffset -lt 0).Count
        if ($mediaEdits -gt 1) { return "$mediaEdits edits with media" }
        if ($negative -gt 0) { return "$negative negative composition offsets" }
        if ($Samples[0].Codec -in $Pcm) { return "PCM ($($Samples[0].Codec)): ffmpeg regroups samples into packets" }
        if ($Track.TimeBase -ne "1/$($Samples[0].Timescale)") { return "ffmpeg uses time base $($Track.TimeBase) for mdhd timescale $($Samples[0].Timescale)" }
        if ('mvhd' -notin $Boxes.Type) { return 'no mvhd: ffmpeg has no movie timescale and does not apply the edit list' }
    }
}

Describe 'Sample timing on the real-world corpus' -Skip:(-not $canRun) {
    It 'equals ffprobe on every packet of every track with at most one media edit and no negative offsets' {
        $checked = 0; $agreeing = 0; $files = 0
        $problems = [Collections.Generic.List[string]]::new()
        $excluded = [Collections.Generic.List[string]]::new()
        foreach ($entry in Get-CorpusEntry | Where-Object FfprobeOk) {
            $probe = Invoke-FfprobeJson $entry.FullName
            if ($null -eq $probe) { continue }
            $files++
            $boxes = @(Get-Mp4Box -LiteralPath $entry.FullName -ErrorAction SilentlyContinue)
            if ('moov' -notin ($boxes | Where-Object Depth -eq 0).Type) {
                $excluded.Add("$($entry.Path): no top-level moov (an image file, whose primary item ffmpeg shows as a stream, or a moov misplaced inside another box)")
                continue
            }
            foreach ($track in Get-FfprobeTrack $probe) {
                if ($track.Packets.Count -eq 0) { continue }
                $errs = $null
                $samples = @(Get-Mp4SampleTiming -LiteralPath $entry.FullName -TrackId $track.TrackId -ErrorAction SilentlyContinue -ErrorVariable errs)
                if ($samples.Count -eq 0) { $problems.Add("$($entry.Path) track $($track.TrackId): no samples ($($errs | Select-Object -First 1))"); continue }
                $why = Get-IsoExclusion $samples $track $boxes
                if ($why) { $excluded.Add("$($entry.Path) track $($track.TrackId): $why"); continue }
                $checked++
                $result = Compare-PacketTiming -Samples $samples -Packets $track.Packets
                if ($result.Mismatches.Count -eq 0 -and $result.Unmatched -eq 0) { $agreeing++ }
                else { $problems.Add("$($entry.Path) track $($track.TrackId): $($result.Mismatches.Count) mismatches, $($result.Unmatched) unmatched; first: $($result.Mismatches | Select-Object -First 1)") }
            }
        }
        Write-Host "Get-Mp4SampleTiming corpus: $agreeing of $checked tracks agree with ffprobe on every packet ($files files; $($excluded.Count) not comparable with the ISO timeline)"
        $excluded | ForEach-Object { Write-Host "  excluded: $_" }
        $problems | ForEach-Object { Write-Host "  MISMATCH $_" }
        $problems | Should -BeNullOrEmpty
        $agreeing | Should -Be $checked
    }
}
