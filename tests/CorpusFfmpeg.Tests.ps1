# The ffmpeg model over the shared real-world corpus, against a live ffprobe (skipped, with the reason, without either).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'The ffmpeg model on the real-world corpus' -Tag LiveFfprobe {
    It 'predicts pts, dts, K and D of every packet of every track' {
        if ($why = Get-SkipReason -Corpus -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
        $record = Get-CorpusRecord
        $files = 0; $tracks = 0; $exact = 0; $items = 0; $packets = 0; $pictures = 0
        $problems = [Collections.Generic.List[string]]::new()
        foreach ($entry in Get-CorpusEntry | Where-Object FfprobeOk) {
            $files++
            try { $probe = Invoke-FfprobeJson $entry.FullName }
            catch { $problems.Add("$($entry.Path): $_"); continue }
            foreach ($lack in Test-ProbeCoversRecord $probe $record[$entry.Path]) { $problems.Add("$($entry.Path): live ffprobe: $lack") }
            $topLevel = @(Get-Mp4Box -LiteralPath $entry.FullName -ErrorAction SilentlyContinue | Where-Object Depth -eq 0).Type
            # Cover art: ffmpeg's attached-picture streams (not tracks), one packet each without timestamps.
            $covers = @(Get-FfprobeAttachedPicture $probe)
            if ($covers.Count -gt 0 -and 'moov' -in $topLevel) {
                $ourCovers = @(Get-Mp4SampleTiming -LiteralPath $entry.FullName -Convention Ffmpeg -TrackId 0 -ErrorAction SilentlyContinue)
                $theirs = ($covers | ForEach-Object { "$($_.StreamIndex):$($_.Packets.Count):$($_.Packets[0].pos):$($_.Packets[0].size):$($_.Packets[0].flags.Substring(0, 2))" }) -join ' '
                $mine = ($ourCovers | ForEach-Object { "$($_.StreamIndex):1:$($_.Offset):$($_.Size):K_" }) -join ' '
                if ($theirs -ne $mine) { $problems.Add("$($entry.Path) attached pictures: ours $mine, ffprobe $theirs") } else { $pictures += $covers.Count }
            }
            foreach ($track in Get-FfprobeTrack $probe) {
                if ($track.Packets.Count -eq 0) { continue }
                if ('moov' -notin $topLevel) {
                    # HEIF/AVIF still images (and one moov misplaced inside meta): ffmpeg shows an item, not a track.
                    $items++
                    continue
                }
                $tracks++
                $packets += $track.Packets.Count
                $ours = @(Get-Mp4SampleTiming -LiteralPath $entry.FullName -TrackId $track.TrackId -Convention Ffmpeg -ErrorAction SilentlyContinue)
                $first = $null
                for ($i = 0; $i -lt [Math]::Max($ours.Count, $track.Packets.Count) -and -not $first; $i++) {
                    $p = $track.Packets[$i]; $o = $ours[$i]
                    if ($null -eq $p -or $null -eq $o) { $first = "packet $i`: ours $($ours.Count) packets, ffprobe $($track.Packets.Count)"; break }
                    $flags = ($(if ($o.IsSync) { 'K' } else { '_' }) + $(if ($o.IsDiscarded) { 'D' } else { '_' }))
                    $pts = if ($p.PSObject.Properties['pts']) { $p.pts } else { 'N/A' }
                    $dts = if ($p.PSObject.Properties['dts']) { $p.dts } else { 'N/A' }
                    if ("$($o.PtsTicks)/$($o.DtsTicks)/$flags" -ne "$pts/$dts/$($p.flags.Substring(0, 2))") {
                        $first = "packet $i (sample $($o.Sample)): ours $($o.PtsTicks)/$($o.DtsTicks)/$flags, ffprobe $pts/$dts/$($p.flags)"
                    }
                }
                if ($first) { $problems.Add("$($entry.Path) track $($track.TrackId): $first") } else { $exact++ }
            }
        }
        Write-Host "ffmpeg model corpus: $exact of $tracks tracks exact on every packet ($packets packets, $files files), $pictures attached picture(s) exact ($items image-item streams without a moov track not counted)"
        $problems | ForEach-Object { Write-Host "  PROBLEM $_" }
        $problems | Should -BeNullOrEmpty
        $files | Should -BeGreaterThan 0 -Because 'MANIFEST.tsv marks the files ffprobe reads'
        $tracks | Should -BeGreaterThan 0
        $exact | Should -Be $tracks
    }
}
