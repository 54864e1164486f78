# Sample timing over the shared real-world corpus, against a live ffprobe (skipped, with the reason, without either).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # ffmpeg regroups raw PCM samples into packets of many samples, so its packets are not samples.
    $Pcm = @('ipcm', 'fpcm', 'lpcm', 'sowt', 'twos', 'in24', 'in32', 'fl32', 'fl64', 'raw ')

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

Describe 'Sample timing on the real-world corpus' -Tag LiveFfprobe {
    It 'equals ffprobe on every packet of every track with at most one media edit and no negative offsets' {
        if ($why = Get-SkipReason -Corpus -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
        $record = Get-CorpusRecord
        $checked = 0; $agreeing = 0; $files = 0
        $problems = [Collections.Generic.List[string]]::new()
        $excluded = [Collections.Generic.List[string]]::new()
        $notes = [Collections.Generic.List[string]]::new()
        foreach ($entry in Get-CorpusEntry | Where-Object FfprobeOk) {
            $files++
            try { $probe = Invoke-FfprobeJson $entry.FullName }
            catch { $problems.Add("$($entry.Path): $_"); continue }
            foreach ($lack in Test-ProbeCoversRecord $probe $record[$entry.Path]) { $problems.Add("$($entry.Path): live ffprobe: $lack") }
            # Where ffprobe stopped reading (it stops early on some encrypted fragmented files).
            $lastRead = (@($probe.packets) | Where-Object { $_ -and $_.PSObject.Properties['pos'] } | ForEach-Object { [long]$_.pos } | Measure-Object -Maximum).Maximum
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
                # Samples ffprobe has no packet for are right only where ffmpeg does not output them: samples no
                # edit shows at the end of the track (ffmpeg drops them; ISO marks them discarded), and samples
                # after the point where ffprobe stopped reading the file.
                $lastShown = ($samples | Where-Object { -not $_.IsDiscarded } | Measure-Object Sample -Maximum).Maximum
                $dropped = @($result.Extra | Where-Object { $_.IsDiscarded -and $_.Sample -gt $lastShown })
                $unread = @($result.Extra | Where-Object { $_ -notin $dropped -and $_.Offset -gt $lastRead })
                $extra = @($result.Extra | Where-Object { $_ -notin $dropped -and $_ -notin $unread })
                if ($dropped) { $notes.Add("$($entry.Path) track $($track.TrackId): $($dropped.Count) sample(s) from sample $($dropped[0].Sample) on come after the last edit: ISO marks them discarded, ffmpeg drops them") }
                if ($unread) { $notes.Add("$($entry.Path) track $($track.TrackId): $($unread.Count) sample(s) from sample $($unread[0].Sample) on lie after byte $lastRead, where ffprobe stopped reading") }
                if ($result.Mismatches.Count -eq 0 -and $result.Unmatched -eq 0 -and $extra.Count -eq 0 -and $result.Matched -eq $track.Packets.Count) { $agreeing++ }
                else { $problems.Add("$($entry.Path) track $($track.TrackId): $($result.Matched) of $($track.Packets.Count) packets match, $($result.Mismatches.Count) mismatches, $($result.Unmatched) packets without a sample, $($extra.Count) samples without a packet; first: $($result.Mismatches | Select-Object -First 1)") }
            }
        }
        Write-Host "Get-Mp4SampleTiming corpus: $agreeing of $checked tracks agree with ffprobe on every packet ($files files; $($excluded.Count) not comparable with the ISO timeline)"
        $excluded | ForEach-Object { Write-Host "  excluded: $_" }
        $notes | ForEach-Object { Write-Host "  compared, but: $_" }
        $problems | ForEach-Object { Write-Host "  PROBLEM $_" }
        $problems | Should -BeNullOrEmpty
        $files | Should -BeGreaterThan 0 -Because 'MANIFEST.tsv marks the files ffprobe reads'
        $checked | Should -BeGreaterThan 0
        $agreeing | Should -Be $checked
    }
}
