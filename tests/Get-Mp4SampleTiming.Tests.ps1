BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Fixtures whose every track has at most one edit with media and no negative composition offset:
    # there the ISO timeline is exactly what ffmpeg reports.
    $IsoComparable = @(
        'bframes-editlist.mp4', 'aac-44100.m4a', 'aac-48000.mp4', 'audio-video.mp4', 'bframes-no-editlist.mp4', 'hevc-bframes.mp4',
        'vfr.mp4', 'two-video.mp4', 'quicktime.mov', 'opus.mp4', 'mp3.mp4', 'delayed-audio.mp4', 'cut-midgop.mp4',
        'video-negative-offset.mp4', 'frag-empty-moov.mp4', 'frag-separate-moof.mp4', 'dash/stream0-concat.mp4', 'dash/stream1-concat.mp4'
    ) | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-Mp4SampleTiming' {
    Context 'why ffmpeg says PTS 0 (30 fps, timescale 30, B-frames, one edit with media_time 2)' {
        BeforeAll {
            $editListClip = Join-Path $Fixtures 'bframes-editlist.mp4'
            $samples = @(Get-Mp4SampleTiming $editListClip)
        }

        It 'gives the raw media timeline as stored: DTS 0,1,2,... and first CTS 2 ticks (0.0667 s)' {
            $samples.Count | Should -Be 120
            ($samples | ForEach-Object DecodeTicks) | Should -Be (0..119)
            $samples[0].CompositionTicks | Should -Be 2
            $samples[0].CompositionTime | Should -Be (2 / 30)
            ($samples | Select-Object -First 5 | ForEach-Object CompositionOffset) | Should -Be @(2, 5, 2, 0, 1)
        }

        It 'maps it through the edit list: first PtsTicks 0 and DtsTicks -2, as ffmpeg shows' {
            $samples[0].PtsTicks | Should -Be 0
            $samples[0].DtsTicks | Should -Be -2
            $samples[0].Pts | Should -Be 0
            ($samples | Select-Object -First 5 | ForEach-Object PtsTicks) | Should -Be @(0, 4, 2, 1, 3)
            ($samples | ForEach-Object PtsTicks) | Should -Be ((Read-FfprobeRecord $editListClip).packets | ForEach-Object { [long]$_.pts })
            ($samples | ForEach-Object { $_.PtsTicks - $_.CompositionTicks } | Sort-Object -Unique) | Should -Be -2
        }

        It 'Where Pts -lt 1 gives exactly the 30 frames of the first second' {
            $first = @(Get-Mp4SampleTiming $editListClip | Where-Object Pts -lt 1)
            $first.Count | Should -Be 30
            ($first.PtsTicks | Sort-Object) | Should -Be (0..29)
        }

        It 'reports the contract properties with the stored values' {
            $s = $samples[0]
            $s.Path | Should -Be $editListClip
            $s.TrackId | Should -Be 1
            $s.Handler | Should -Be 'vide'
            $s.Codec | Should -Be 'avc1'
            $s.Sample | Should -Be 1
            $s.Timescale | Should -Be 30
            $s.DurationTicks | Should -Be 1
            $s.IsSync | Should -BeTrue
            $s.IsDiscarded | Should -BeFalse
            $s.SampleDescriptionIndex | Should -Be 1
            $s.Chunk | Should -Be 1
            $s.Fragment | Should -BeNullOrEmpty
            $s.Convention | Should -Be 'Iso'
            ($samples | Where-Object IsSync | ForEach-Object Sample) | Should -Be @(1, 31, 61, 91)
        }

        It 'gives sizes and offsets that tile the mdat and match ffprobe packet positions' {
            $probe = Read-FfprobeRecord $editListClip
            ($samples | ForEach-Object Offset) | Should -Be ($probe.packets | ForEach-Object { [long]$_.pos })
            ($samples | ForEach-Object Size) | Should -Be ($probe.packets | ForEach-Object { [long]$_.size })
        }

        It '-PresentationOrder sorts by Pts and numbers frames like showinfo n' {
            $ordered = @(Get-Mp4SampleTiming $editListClip -PresentationOrder)
            ($ordered | ForEach-Object PtsTicks) | Should -Be (0..119)
            ($ordered | ForEach-Object PresentationIndex) | Should -Be (0..119)
            $log = Get-Content (Join-Path $Fixtures 'bframes-editlist.showinfo.log') | Where-Object { $_ -match 'n:\s*(\d+) pts:\s*(-?\d+) pts_time:\S+\s+pos:\s*(\d+)' }
            $shown = $log | ForEach-Object { $null = $_ -match 'n:\s*(\d+) pts:\s*(-?\d+) pts_time:\S+\s+pos:\s*(\d+)'; "$($Matches[1]):$($Matches[2]):$($Matches[3])" }
            ($ordered | ForEach-Object { "$($_.PresentationIndex):$($_.PtsTicks):$($_.Offset)" }) | Should -Be $shown
        }
    }

    Context 'agreement with ffprobe where ISO and ffmpeg coincide' {
        It '<Name>: every packet pts/dts equals the recorded ffprobe output' -ForEach $IsoComparable {
            $media = Join-Path $Fixtures $Name
            $tracks = @(Get-FfprobeTrack (Read-FfprobeRecord $media))
            $tracks.Count | Should -BeGreaterThan 0
            foreach ($track in $tracks) {
                $samples = @(Get-Mp4SampleTiming $media -TrackId $track.TrackId)
                $track.TimeBase | Should -Be "1/$($samples[0].Timescale)"
                $result = Compare-PacketTiming -Samples $samples -Packets $track.Packets
                $result.Mismatches | Should -BeNullOrEmpty -Because "track $($track.TrackId) of $Name"
                $result.Unmatched | Should -Be 0 -Because 'every packet ffprobe reports is a sample'
                $result.Extra.Count | Should -Be 0 -Because 'every sample is a packet ffprobe reports'
                $result.Matched | Should -Be $track.Packets.Count
                $track.Packets.Count | Should -BeGreaterThan 0
            }
        }

        It '<Name>: agrees with a live ffprobe run too' -ForEach $IsoComparable -Tag LiveFfprobe {
            if ($why = Get-SkipReason -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
            $media = Join-Path $Fixtures $Name
            $recorded = @(Get-FfprobeTrack (Read-FfprobeRecord $media))
            $live = @(Get-FfprobeTrack (Invoke-FfprobeJson $media))
            ($live | ForEach-Object { "track $($_.TrackId): $($_.Packets.Count) packets" }) |
                Should -Be ($recorded | ForEach-Object { "track $($_.TrackId): $($_.Packets.Count) packets" }) -Because 'the live ffprobe must report what the recorded run did'
            foreach ($track in $live) {
                $result = Compare-PacketTiming -Samples @(Get-Mp4SampleTiming $media -TrackId $track.TrackId) -Packets $track.Packets
                $result.Mismatches | Should -BeNullOrEmpty
                $result.Unmatched | Should -Be 0
                $result.Extra.Count | Should -Be 0
                $result.Matched | Should -Be $track.Packets.Count
            }
        }
    }

    Context 'audio priming and discarded samples' {
        It 'marks the AAC priming sample discarded with pts -1024, like ffprobe flag D' {
            $first = Get-Mp4SampleTiming (Join-Path $Fixtures 'aac-44100.m4a') | Select-Object -First 2
            $first[0].IsDiscarded | Should -BeTrue
            $first[0].PtsTicks | Should -Be -1024
            $first[0].Edit | Should -BeNullOrEmpty
            $first[1].IsDiscarded | Should -BeFalse
            $first[1].PtsTicks | Should -Be 0
            $first[1].Edit | Should -Be 1
        }

        It 'marks exactly the packets ffprobe flags D as discarded on a mid-GOP cut' {
            $media = Join-Path $Fixtures 'cut-midgop.mp4'
            $probe = Read-FfprobeRecord $media
            foreach ($track in Get-FfprobeTrack $probe) {
                $byOffset = @{}
                Get-Mp4SampleTiming $media -TrackId $track.TrackId | ForEach-Object { $byOffset[$_.Offset] = $_ }
                foreach ($packet in $track.Packets) {
                    $byOffset[[long]$packet.pos].IsDiscarded | Should -Be ($packet.flags -like '*D*') -Because "packet at $($packet.pos)"
                }
            }
        }
    }

    Context 'fragmented files and segments' {
        It 'reads fragment numbers, and the DASH segments through -InitSegment give the ticks of the concatenated file' {
            $dash = Join-Path $Fixtures 'dash'
            foreach ($stream in 0, 1) {
                $whole = @(Get-Mp4SampleTiming (Join-Path $dash "stream$stream-concat.mp4"))
                $segments = @(Get-ChildItem (Join-Path $dash "chunk-stream$stream-*.m4s") | Sort-Object Name |
                    Get-Mp4SampleTiming -InitSegment (Join-Path $dash "init-stream$stream.m4s"))
                $segments.Count | Should -Be $whole.Count
                ($segments | ForEach-Object { "$($_.Sample) $($_.DecodeTicks) $($_.CompositionTicks) $($_.PtsTicks) $($_.DtsTicks) $($_.IsSync) $($_.Size)" }) |
                    Should -Be ($whole | ForEach-Object { "$($_.Sample) $($_.DecodeTicks) $($_.CompositionTicks) $($_.PtsTicks) $($_.DtsTicks) $($_.IsSync) $($_.Size)" })
                ($segments | ForEach-Object Fragment | Select-Object -Unique).Count | Should -BeGreaterThan 1
            }
        }

        It 'warns when -InitSegment is another stream''s init segment, or the file has its own moov' {
            $dash = Join-Path $Fixtures 'dash'
            # Both streams' tracks are track 1; the audio segment's sidx counts in 1/48000 s, the video init segment's track in 1/15360 s.
            $null = Get-Mp4SampleTiming (Join-Path $dash 'chunk-stream1-00002.m4s') -InitSegment (Join-Path $dash 'init-stream0.m4s') -WarningVariable wrong -WarningAction SilentlyContinue
            $wrong.Count | Should -Be 1
            $wrong[0].Message | Should -Match 'sidx counts track 1''s time in 1/48000 s, but init-stream0\.m4s gives that track a timescale of 15360'
            $null = Get-Mp4SampleTiming (Join-Path $dash 'chunk-stream1-00002.m4s') -InitSegment (Join-Path $dash 'init-stream1.m4s') -WarningVariable right -WarningAction SilentlyContinue
            $right.Count | Should -Be 0
            $samples = @(Get-Mp4SampleTiming (Join-Path $Fixtures 'bframes-editlist.mp4') -InitSegment (Join-Path $dash 'init-stream0.m4s') -WarningVariable whole -WarningAction SilentlyContinue)
            $whole[0].Message | Should -Match 'has its own moov: it is read alone'
            $samples.Count | Should -Be 120
        }

        It 'says a lone media segment needs its init segment' {
            $null = Get-Mp4SampleTiming (Join-Path $Fixtures 'dash/chunk-stream0-00002.m4s') -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'MissingBox,*'
            $errs[0].Exception.Message | Should -Match 'InitSegment'
        }
    }

    Context 'parameters' {
        It 'selects tracks by -TrackId and -Kind' {
            $media = Join-Path $Fixtures 'audio-video.mp4'
            (Get-Mp4SampleTiming $media -Kind Audio | ForEach-Object Handler | Select-Object -Unique) | Should -Be 'soun'
            (Get-Mp4SampleTiming $media -TrackId 1 | ForEach-Object TrackId | Select-Object -Unique) | Should -Be 1
        }

        It 'resolves -Path as Get-Item does: backticks escape wildcard characters; -LiteralPath takes the name as written' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'odd [dir]')
            $clip = Join-Path $folder.FullName 'my clip [v2].mp4'
            Copy-Item -LiteralPath (Join-Path $Fixtures 'bframes-editlist.mp4') -Destination $clip
            $escaped = Join-Path $TestDrive 'odd `[dir`]/my clip `[v2`].mp4'
            (Get-Item $escaped).FullName | Should -Be $clip
            @(Get-Mp4SampleTiming $escaped -ErrorAction Stop).Count | Should -Be 120
            (Get-Mp4SampleTiming $escaped | Select-Object -First 1).Path | Should -Be $clip
            @(Get-Mp4SampleTiming -LiteralPath $clip).Count | Should -Be 120
            @(Get-Item -LiteralPath $clip | Get-Mp4SampleTiming).Count | Should -Be 120
            @(Get-Mp4SampleTiming (Join-Path $TestDrive 'odd `[dir`]/*.mp4')).Count | Should -Be 120
        }

        It 'says when a path is a folder or names nothing, and goes on to the next' {
            $samples = @(Get-Mp4SampleTiming $Fixtures, (Join-Path $TestDrive 'missing.mp4'), (Join-Path $Fixtures 'nothing-*.mp4'), (Join-Path $Fixtures 'bframes-editlist.mp4') -ErrorAction SilentlyContinue -ErrorVariable errs)
            $samples.Count | Should -Be 120
            ($errs | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('PathIsDirectory', 'PathNotFound', 'PathNotFound')
        }

        It 'reports a track that is not there' {
            $null = Get-Mp4SampleTiming (Join-Path $Fixtures 'bframes-editlist.mp4') -TrackId 7 -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'TrackNotFound,*'
        }

        It 'stops reading when Select-Object has enough' {
            # A fragmented file cut inside its third moof: reading on into that fragment fails.
            $fragmented = Join-Path $Fixtures 'frag-empty-moov.mp4'
            $third = @(Get-Mp4Box $fragmented -Type moof)[2]
            $cut = Join-Path $TestDrive 'cut-in-third-moof.mp4'
            [IO.File]::WriteAllBytes($cut, [IO.File]::ReadAllBytes($fragmented)[0..($third.Offset + 20)])
            $all = @(Get-Mp4SampleTiming $cut -ErrorAction SilentlyContinue -ErrorVariable errs)
            $errs.Count | Should -BeGreaterThan 0 -Because 'reading every sample reaches the cut'
            $errs[0].Exception.Offset | Should -Be $third.Offset
            $all.Count | Should -BeGreaterThan 3

            $first = @(Get-Mp4SampleTiming $cut -ErrorVariable firstErrs | Select-Object -First 3)
            $first.Count | Should -Be 3
            $firstErrs.Count | Should -Be 0 -Because 'nothing past the third sample was read'
        }
    }
}

Describe 'The demo (README main command)' {
    It 'prints the decode and presentation orders and answers with the file''s own numbers' {
        $text = & (Join-Path $PSScriptRoot 'demo/Show-WhyPtsIsZero.ps1') -ModulePath $ModuleRoot | Out-String
        $text | Should -Match 'timescale 30 ticks/s, 120 samples'
        $text | Should -Match 'composition time 2 ticks = 0\.0667 s'
        $text | Should -Match 'media_time 2 = 0\.0667 s'
        $text | Should -Match 'shown at PTS 0 and decoded at DTS -2'
        # The samples that show first are the packets ffprobe gives pts 0, 1, 2, 3 (1-based, in decode order).
        $pts = @((Read-FfprobeRecord (Join-Path $Fixtures 'bframes-editlist.mp4')).packets | ForEach-Object { [long]$_.pts })
        $firstShown = 0..3 | ForEach-Object { [array]::IndexOf($pts, [long]$_) + 1 }
        $text | Should -Match "n:0, n:1, n:2, n:3 are samples $($firstShown -join ', ')"
    }
}

Describe 'Progress on long files' {
    BeforeAll {
        $script:long = Join-Path $TestDrive 'long-track.mp4'
        New-LongVideoFile $long 1500000
    }

    It 'shows how many samples of how many are done, never going back, and clears the bar at the end' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Module, $Path) Import-Module $Module; Get-Mp4SampleTiming $Path | Out-Null').
                AddArgument((Join-Path $ModuleRoot 'Mp4Timing.psd1')).AddArgument($long)
            $null = $shell.Invoke()
            $shell.HadErrors | Should -BeFalse
            $records = @($shell.Streams.Progress)
        }
        finally { $shell.Dispose() }

        $records.Count | Should -BeGreaterThan 1
        $updates = @($records | Select-Object -SkipLast 1)
        $updates.RecordType | Sort-Object -Unique | Should -Be 'Processing'
        $records[-1].RecordType | Should -Be 'Completed'
        $updates[0].StatusDescription | Should -Match '^Track 1 \(vide avc1\), 1 of 1: sample (\d+) of 1500000$'
        foreach ($update in $updates) {
            $null = $update.StatusDescription -match 'sample (\d+) of'
            $update.PercentComplete | Should -Be ([math]::Floor(100 * [long]$Matches[1] / 1500000)) -Because $update.StatusDescription
        }
        $percents = $updates.PercentComplete
        ($percents | Sort-Object) -join ',' | Should -Be ($percents -join ',') -Because 'progress never goes back'
    }
}

Describe 'Tracks without samples' {
    It 'warns that an init segment read alone has no samples, and says how to read its segments' {
        $null = Get-Mp4SampleTiming (Join-Path $Fixtures 'dash/init-stream0.m4s') -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match '-InitSegment'
    }
}
