BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $AllFixtures = @(Get-ChildItem $Fixtures -Recurse -Include *.mp4, *.m4a, *.mov |
        Where-Object { Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.ffprobe.json')) } |
        ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($Fixtures, $_.FullName) } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Format-Flag($Sample) { ($(if ($Sample.IsSync) { 'K' } else { '_' }) + $(if ($Sample.IsDiscarded) { 'D' } else { '_' })) }
}

Describe 'Get-Mp4SampleTiming -Convention Ffmpeg' {
    It '<Name>: every packet''s pts, dts, K and D equal the recorded ffprobe output, in order' -ForEach $AllFixtures {
        $media = Join-Path $Fixtures $Name
        $tracks = @(Get-FfprobeTrack (Read-FfprobeRecord $media))
        $tracks.Count | Should -BeGreaterThan 0
        foreach ($track in $tracks) {
            $ours = @(Get-Mp4SampleTiming $media -TrackId $track.TrackId -Convention Ffmpeg)
            $ours.Count | Should -Be $track.Packets.Count -Because "track $($track.TrackId) of $Name"
            for ($i = 0; $i -lt $ours.Count; $i++) {
                $p = $track.Packets[$i]
                "$($ours[$i].PtsTicks)/$($ours[$i].DtsTicks)/$(Format-Flag $ours[$i])" |
                    Should -Be "$($p.pts)/$($p.dts)/$($p.flags.Substring(0, 2))" -Because "packet $i of track $($track.TrackId) in $Name"
                $ours[$i].Convention | Should -Be 'Ffmpeg'
            }
        }
    }

    It 'keeps the ISO convention as the default: the seed''s first sample is not shifted in DTS by ffmpeg rules' {
        $iso = Get-Mp4SampleTiming (Join-Path $Fixtures 'negative-cts.mp4') | Select-Object -First 1
        $ff = Get-Mp4SampleTiming (Join-Path $Fixtures 'negative-cts.mp4') -Convention Ffmpeg | Select-Object -First 1
        $iso.DtsTicks | Should -Be 0
        $ff.DtsTicks | Should -Be ((Read-FfprobeRecord (Join-Path $Fixtures 'negative-cts.mp4')).packets[0].dts)
        $ff.DtsTicks | Should -BeLessThan 0
        $iso.PtsTicks | Should -Be $ff.PtsTicks
    }
}

Describe 'Cover art: the attached-picture streams ffmpeg makes from moov/udta/meta/ilst/covr' {
    BeforeAll {
        $media = Join-Path $Fixtures 'cover-art.m4a'
        $probe = Read-FfprobeRecord $media
        $recorded = @(Get-FfprobeAttachedPicture $probe)
    }

    It 'predicts every attached-picture stream ffprobe shows: its index, codec, and one packet with no pts or dts, K, at its position and size' {
        $recorded.Count | Should -Be 2
        $pictures = @(Get-Mp4SampleTiming $media -Convention Ffmpeg | Where-Object { $_ -is [Mp4Timing.FfmpegAttachedPicture] })
        $pictures.Count | Should -Be $recorded.Count
        for ($i = 0; $i -lt $pictures.Count; $i++) {
            $p = $recorded[$i].Packets
            $p.Count | Should -Be 1
            $pictures[$i].StreamIndex | Should -Be $recorded[$i].StreamIndex
            $pictures[$i].Codec | Should -Be $recorded[$i].CodecName
            $pictures[$i].TrackId | Should -Be 0
            $pictures[$i].Offset | Should -Be ([long] $p[0].pos)
            $pictures[$i].Size | Should -Be ([long] $p[0].size)
            $p[0].PSObject.Properties['pts'] | Should -BeNullOrEmpty
            $p[0].PSObject.Properties['dts'] | Should -BeNullOrEmpty
            $pictures[$i].PtsTicks | Should -BeNullOrEmpty
            $pictures[$i].DtsTicks | Should -BeNullOrEmpty
            (Format-Flag $pictures[$i]) | Should -Be $p[0].flags.Substring(0, 2)
        }
    }

    It 'writes them before the packets of the tracks, as ffprobe prints them' {
        $all = @(Get-Mp4SampleTiming $media -Convention Ffmpeg)
        $all.Count | Should -Be $probe.packets.Count
        @($all | Select-Object -First 2 | Where-Object { $_ -is [Mp4Timing.FfmpegAttachedPicture] }).Count | Should -Be 2
        ($all | ForEach-Object Offset) | Should -Be ($probe.packets | ForEach-Object { [long] $_.pos })
    }

    It 'gives them with -TrackId 0 or -Kind Video, not with a track''s ID, -Kind Audio or the ISO convention' {
        @(Get-Mp4SampleTiming $media -Convention Ffmpeg -TrackId 0).Count | Should -Be 2
        @(Get-Mp4SampleTiming $media -Convention Ffmpeg -Kind Video).Count | Should -Be 2
        @(Get-Mp4SampleTiming $media -Convention Ffmpeg -TrackId 1 | Where-Object { $_ -is [Mp4Timing.FfmpegAttachedPicture] }).Count | Should -Be 0
        @(Get-Mp4SampleTiming $media -Convention Ffmpeg -Kind Audio | Where-Object { $_ -is [Mp4Timing.FfmpegAttachedPicture] }).Count | Should -Be 0
        @(Get-Mp4SampleTiming $media | Where-Object { $_.PSObject.Properties['IsAttachedPicture'] }).Count | Should -Be 0
    }

    It 'Compare-FfmpegPts matches each picture and says it is not a track' {
        $summaries = @(Compare-FfmpegPts $media -FfprobeOutput ([IO.Path]::ChangeExtension($media, '.ffprobe.json')) -Summary | Where-Object IsAttachedPicture)
        $summaries.Count | Should -Be 2
        foreach ($s in $summaries) {
            $s.TrackId | Should -Be 0
            $s.Matched | Should -Be 1
            $s.Mismatched | Should -Be 0
            $s.Explanation | Should -Match 'not a track'
            $s.Explanation | Should -Match 'covr'
        }
        ($summaries | ForEach-Object StreamIndex) | Should -Be ($recorded | ForEach-Object StreamIndex)
    }

    It 'Compare-FfmpegPts says when ffmpeg shows a picture the model does not predict' {
        # The recorded output of a file with covers, compared with the same audio without them.
        $rows = @(Compare-FfmpegPts (Join-Path $Fixtures 'aac-48000.mp4') -FfprobeOutput ([IO.Path]::ChangeExtension($media, '.ffprobe.json')) | Where-Object IsAttachedPicture)
        $rows.Count | Should -Be 2
        $rows | ForEach-Object { $_.Match | Should -BeFalse; $_.Reason | Should -Match 'does not predict' }
    }

    It 'agrees with a live ffprobe run' -Tag LiveFfprobe {
        if ($why = Get-SkipReason -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
        $summaries = @(Compare-FfmpegPts $media -Summary)
        $summaries.Count | Should -Be 3
        $summaries | ForEach-Object { $_.Mismatched | Should -Be 0 -Because $_.FirstMismatch }
    }
}

Describe 'Compare-FfmpegPts' {
    Context 'with saved ffprobe output' {
        It '<Name>: 0 mismatches against the recorded ffprobe packets' -ForEach $AllFixtures {
            $media = Join-Path $Fixtures $Name
            $summaries = @(Compare-FfmpegPts $media -FfprobeOutput ([IO.Path]::ChangeExtension($media, '.ffprobe.json')) -Summary)
            $probe = Read-FfprobeRecord $media
            $summaries.Count | Should -Be (@(Get-FfprobeTrack $probe).Count + @(Get-FfprobeAttachedPicture $probe).Count)
            foreach ($s in $summaries) {
                $s.Mismatched | Should -Be 0 -Because $s.FirstMismatch
                $s.Matched | Should -Be $s.Samples
                $s.Explanation | Should -Not -BeNullOrEmpty
            }
        }

        It 'gives one row per packet with the ISO time, the prediction, ffmpeg''s value and a reason' {
            $rows = @(Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -FfprobeOutput (Join-Path $Fixtures 'seed.ffprobe.json'))
            $rows.Count | Should -Be 120
            $rows[0] | Should -BeOfType ([Mp4Timing.PtsComparison])
            $rows[0].Sample | Should -Be 1
            $rows[0].CompositionTicks | Should -Be 2
            $rows[0].PtsTicks | Should -Be 0
            $rows[0].PredictedDtsTicks | Should -Be -2
            $rows[0].FfmpegDtsTicks | Should -Be -2
            $rows[0].Match | Should -BeTrue
            $rows[0].Reason | Should -Match 'edit list shift of -2 ticks'
        }

        It 'explains the priming sample of AAC' {
            $row = Compare-FfmpegPts (Join-Path $Fixtures 'aac-44100.m4a') -FfprobeOutput (Join-Path $Fixtures 'aac-44100.ffprobe.json') | Select-Object -First 1
            $row.FfmpegFlags | Should -Be 'KD'
            $row.Reason | Should -Match 'priming sample discarded'
        }

        It 'explains the DTS shift for negative composition offsets' {
            $summary = Compare-FfmpegPts (Join-Path $Fixtures 'negative-cts.mp4') -FfprobeOutput (Join-Path $Fixtures 'negative-cts.ffprobe.json') -Summary
            $shift = -(Read-FfprobeRecord (Join-Path $Fixtures 'negative-cts.mp4')).packets[0].dts
            $summary.Explanation | Should -Match "lowers every DTS by $shift"
            (Compare-FfmpegPts (Join-Path $Fixtures 'negative-cts.mp4') -FfprobeOutput (Join-Path $Fixtures 'negative-cts.ffprobe.json') | Select-Object -First 1).Reason |
                Should -Match "DTS shifted by $shift for negative offsets|DTS shifted by $shift for negative composition offsets"
        }

        It 'compares frames from saved ffprobe -show_frames output (no streams section) in presentation order' {
            $rows = @(Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -FfprobeOutput (Join-Path $Fixtures 'seed.frames.json'))
            $rows.Count | Should -Be 120
            @($rows | Where-Object { -not $_.Match }).Count | Should -Be 0
            ($rows | ForEach-Object PresentationIndex) | Should -Be (0..119)
            $rows[1].Reason | Should -Match 'listed in presentation order'
        }
    }

    Context 'with the seed''s showinfo log' {
        It 'matches every frame and names the edit list' {
            $summary = Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ShowInfoLog (Join-Path $Fixtures 'seed.showinfo.log') -Summary
            $frames = @(Get-Content (Join-Path $Fixtures 'seed.showinfo.log') | Where-Object { $_ -match 'n:\s*\d+ pts:' }).Count
            $summary.Source | Should -Be 'ShowInfo'
            $summary.Samples | Should -Be $frames
            $summary.Matched | Should -Be $frames
            $summary.Mismatched | Should -Be 0
            $summary.EditShiftTicks | Should -Be -2
            $summary.FirstCompositionTime | Should -Be (2 / 30)
            $summary.FirstFfmpegPts | Should -Be 0
            $summary.Explanation | Should -Match "the edit list's media_time 2 \(0\.06667 s\) is subtracted: 2 - 2 = 0; so ffmpeg's PTS for it is 0"
            $summary.Explanation | Should -Match 'presentation order'
        }
    }

    Context 'with a showinfo log: which track, which frames' {
        BeforeAll {
            function Get-LogFrames([string] $Log, [string] $Filter) { @(Get-Content $Log | Where-Object { $_ -match "\[Parsed_$($Filter)_\d+ .*\bn:\s*\d+ pts:" }).Count }
        }

        It 'compares the track the log''s stream mapping decodes, though another has the larger picture' {
            # Track 1 is 160x120 and marked default, track 2 is 640x480: ffmpeg decoded track 1 (Stream #0:0 -> #0:0).
            $log = Join-Path $Fixtures 'default-small-video.showinfo.log'
            $summaries = @(Compare-FfmpegPts (Join-Path $Fixtures 'default-small-video.mp4') -ShowInfoLog $log -Summary)
            $summaries.Count | Should -Be 1
            $summaries[0].TrackId | Should -Be 1
            $summaries[0].Samples | Should -Be (Get-LogFrames $log 'showinfo')
            $summaries[0].Matched | Should -Be 50
            $summaries[0].TrackChoice | Should -Be 'the log''s stream mapping decodes input stream #0:0, track 1'
            $summaries[0].Explanation | Should -Match 'showinfo frames are track 1''s'
        }

        It 'without stream mapping lines, compares the stream ffmpeg chooses by default, and says so' {
            # The same frames pasted alone: ffmpeg 5.1 picks the largest picture, the default-disposition (enabled) track first.
            $pasted = Join-Path $TestDrive 'pasted.log'
            Get-Content (Join-Path $Fixtures 'default-small-video.showinfo.log') | Where-Object { $_ -match 'n:\s*\d+ pts:' } | Set-Content $pasted
            $summary = Compare-FfmpegPts (Join-Path $Fixtures 'default-small-video.mp4') -ShowInfoLog $pasted -Summary
            $summary.TrackId | Should -Be 1
            $summary.Matched | Should -Be 50
            $summary.TrackChoice | Should -Match 'no Stream mapping lines.*default choice: track 1 \(160x120, enabled'
        }

        It 'compares showinfo lines with the video track and ashowinfo lines with the audio track' {
            $log = Join-Path $Fixtures 'cut-23.976fps.showinfo.log'
            $summaries = @(Compare-FfmpegPts (Join-Path $Fixtures 'cut-23.976fps.mp4') -ShowInfoLog $log -Summary)
            ($summaries | ForEach-Object { "$($_.TrackId) $($_.Handler) $($_.Samples)" }) |
                Should -Be @("1 vide $(Get-LogFrames $log 'showinfo')", "2 soun $(Get-LogFrames $log 'ashowinfo')")
            $summaries | ForEach-Object { $_.Mismatched | Should -Be 0 -Because $_.FirstMismatch }
            $summaries[1].Explanation | Should -Match 'ashowinfo frames are track 2''s: the log''s stream mapping decodes input stream #0:1'
        }

        It 'says a log without frame lines is not a showinfo log, and that ffmpeg writes them to standard error' {
            # The usual mistake: 'ffmpeg ... > log.txt' leaves the filters' lines on the screen and the file empty.
            $empty = Join-Path $TestDrive 'stdout.log'
            Set-Content $empty -Value ''
            { Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ShowInfoLog $empty -ErrorAction Stop } | Should -Throw -ErrorId 'NoShowInfoLines,*'
            try { Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ShowInfoLog $empty -ErrorAction Stop } catch { $_.Exception.Message | Should -Match '2> showinfo\.log' }
        }
    }

    Context 'the story of each number' {
        It '<Name>: the explanation''s arithmetic adds up to the first PTS ffmpeg shows' -ForEach $AllFixtures {
            $media = Join-Path $Fixtures $Name
            $probe = Read-FfprobeRecord $media
            foreach ($summary in @(Compare-FfmpegPts $media -FfprobeOutput ([IO.Path]::ChangeExtension($media, '.ffprobe.json')) -Summary | Where-Object { -not $_.IsAttachedPicture })) {
                $track = Get-Mp4Track $media -TrackId $summary.TrackId
                $applied = $track.EditList.Count -gt 0 -and -not $track.IsFragmented -and @($track.EditList | Where-Object MediaTimeTicks -ge 0).Count -gt 0
                $told = $summary.Explanation -match 'The first (frame|sample) ffmpeg shows is sample (\d+): stts\+ctts give (-?\d+) \([^)]*\); (.*?); so ffmpeg''s PTS for it is (-?\d+)'
                $told | Should -Be $applied -Because "ffmpeg applies the edit list of track $($summary.TrackId) of $Name, and the explanation says how: $($summary.Explanation)"
                if (-not $told) { continue }
                $value = [long]$Matches[3]; $steps = $Matches[4]; $pts = [long]$Matches[5]
                # Every step is 'a - b = c' or '+ b = c' or '- b = c' on the running value: check each with a calculator.
                foreach ($step in [regex]::Matches($steps, '(?:(-?\d+) )?([-+]) (\d+) = (-?\d+)')) {
                    if ($step.Groups[1].Success) { [long]$step.Groups[1].Value | Should -Be $value -Because "each step starts from the last: $steps" }
                    $value = if ($step.Groups[2].Value -eq '-') { $value - [long]$step.Groups[3].Value } else { $value + [long]$step.Groups[3].Value }
                    [long]$step.Groups[4].Value | Should -Be $value -Because $steps
                }
                $value | Should -Be $pts
                # ... and it is the first PTS ffprobe printed for a packet it shows (no D flag).
                $stream = ($probe.streams | Where-Object { $_.PSObject.Properties['id'] -and $_.id -and [Convert]::ToUInt32($_.id.Substring(2), 16) -eq $summary.TrackId }).index
                $shown = @($probe.packets | Where-Object { $_.stream_index -eq $stream -and $_.flags -notlike '*D*' -and $_.PSObject.Properties['pts'] } | ForEach-Object { [long]$_.pts })
                ($shown | Measure-Object -Minimum).Minimum | Should -Be $pts -Because "track $($summary.TrackId) of $Name"
            }
        }

        It 'gives FirstPts as the PTS of the first sample shown, which a cut starts a little before 0' {
            # The edit starts inside sample 9 (its composition time 9009 at 24000/s, media_time 9154): ISO shows it from -145 ticks.
            $summary = Compare-FfmpegPts (Join-Path $Fixtures 'cut-23.976fps.mp4') -FfprobeOutput (Join-Path $Fixtures 'cut-23.976fps.ffprobe.json') -Summary -TrackId 1
            $summary.FirstShownSample | Should -Be 9
            $summary.FirstPts | Should -Be ((9009 - 9154) / 24000)
            $summary.FirstCompositionTime | Should -Be (9009 / 24000)
        }

        It 'compares each frame''s type: and iskey: with the picture the sample''s headers give' {
            $log = Join-Path $Fixtures 'seed.showinfo.log'
            $lines = @(Get-Content $log | Where-Object { $_ -match 'n:\s*\d+ pts:' })
            $types = @($lines | ForEach-Object { if ($_ -match '\btype:(\w)') { $Matches[1] } })
            $keys = @($lines | Where-Object { $_ -match 'iskey:1' }).Count
            $types.Count | Should -Be 120
            $rows = @(Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ShowInfoLog $log)
            ($rows | ForEach-Object { "$($_.FfmpegPictureType)" }) | Should -Be $types
            ($rows | ForEach-Object { "$($_.PictureType)" }) | Should -Be $types
            @($rows | Where-Object FfmpegFlags -EQ 'K_').Count | Should -Be $keys
            @($rows | Where-Object PredictedFlags -EQ 'K_').Count | Should -Be $keys

            # The same log with one frame's type changed: that frame, and only it, differs, and says why.
            $doctored = Join-Path $TestDrive 'doctored.log'
            $changed = $false
            Get-Content $log | ForEach-Object { if (-not $changed -and $_ -match 'n:\s*5 pts:') { $changed = $true; $_ -replace 'type:\w', 'type:P' } else { $_ } } | Set-Content $doctored
            $rows = @(Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ShowInfoLog $doctored)
            $bad = @($rows | Where-Object { -not $_.Match })
            $bad.Count | Should -Be 1
            $bad[0].Index | Should -Be 5
            $bad[0].Reason | Should -Match "picture type $($types[5]) vs P"
        }

        It 'compares pict_type and key_frame of saved -show_frames output' {
            $frames = Join-Path $Fixtures 'seed.frames.json'
            $summary = Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -FfprobeOutput $frames -Summary
            $summary.Source | Should -Be 'Frames'
            $summary.Mismatched | Should -Be 0 -Because $summary.FirstMismatch
            $summary.Explanation | Should -Match 'picture types ffmpeg printed \(120 frames\)'

            $json = Get-Content $frames -Raw | ConvertFrom-Json
            $json.frames[0].key_frame = 0
            $doctored = Join-Path $TestDrive 'doctored.frames.json'
            $json | ConvertTo-Json -Depth 8 | Set-Content $doctored
            $rows = @(Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -FfprobeOutput $doctored)
            $bad = @($rows | Where-Object { -not $_.Match })
            $bad.Count | Should -Be 1
            $bad[0].Reason | Should -Match 'key K_ vs __'
        }

        It 'reads a log pasted with a space before each colon' {
            $spaced = Join-Path $TestDrive 'spaced.log'
            Get-Content (Join-Path $Fixtures 'seed.showinfo.log') | ForEach-Object { $_ -replace '(\w):', '$1 :' } | Set-Content $spaced
            (Get-Content $spaced | Select-String 'n :').Count | Should -BeGreaterThan 0
            $summary = Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ShowInfoLog $spaced -Summary
            $summary.Mismatched | Should -Be 0
            $summary.Matched | Should -Be 120
        }
    }

    Context 'running ffprobe' -Tag LiveFfprobe {
        It 'runs ffprobe and matches every packet of <Name>' -ForEach @(@{ Name = 'seed.mp4' }, @{ Name = 'cut-midgop.mp4' }, @{ Name = 'frag-separate-moof.mp4' }) {
            if ($why = Get-SkipReason -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
            $media = Join-Path $Fixtures $Name
            $recorded = @(Get-FfprobeTrack (Read-FfprobeRecord $media))
            $summaries = @(Compare-FfmpegPts $media -Summary)
            ($summaries | ForEach-Object { "track $($_.TrackId): $($_.Matched) matched" }) |
                Should -Be ($recorded | ForEach-Object { "track $($_.TrackId): $($_.Packets.Count) matched" }) -Because 'every packet of the recorded run is compared and matched'
            $summaries | ForEach-Object { $_.Mismatched | Should -Be 0 -Because $_.FirstMismatch }
        }

        It 'compares DASH media segments with their init segment (ffprobe reads a copy of the two joined)' {
            if ($why = Get-SkipReason -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
            $dash = Join-Path $Fixtures 'dash'
            $segments = @(Get-ChildItem (Join-Path $dash 'chunk-stream0-*.m4s') | Sort-Object Name)
            $summaries = @($segments | Compare-FfmpegPts -InitSegment (Join-Path $dash 'init-stream0.m4s') -Summary)
            $summaries.Count | Should -Be $segments.Count
            ($summaries | Measure-Object Matched -Sum).Sum | Should -Be @(Get-FfprobeTrack (Read-FfprobeRecord (Join-Path $dash 'stream0-concat.mp4')))[0].Packets.Count
            $summaries | ForEach-Object { $_.Mismatched | Should -Be 0 -Because $_.FirstMismatch }
            @(Get-ChildItem ([IO.Path]::GetTempPath()) -Filter "mp4timing-$PID-*.mp4").Count | Should -Be 0 -Because 'the joined copies are deleted'
        }

        It 'predicts the decoded audio frames of <Name> in the corpus (<Why>)' -ForEach @(
            @{ Name = 'sample_shorter_audio.mp4'; Why = 'libfaac: the decoder drops 1024 samples' }
            @{ Name = 'sample_empty_track.mp4'; Why = 'libfaac, and a first packet stts says lasts 3226 ticks: still one 1024-sample frame' }
            @{ Name = 'bbb_1ch_8kHz_aac_lc.m4a'; Why = 'an iTunSMPB gapless entry: 2048 samples skipped' }
            @{ Name = 'sample.audio.mp4'; Why = 'Opus without an edit list: the decoder drops dOps''s pre-skip' }
        ) {
            if ($why = Get-SkipReason -Corpus -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
            $file = @(Get-CorpusEntry | Where-Object { $_.FfprobeOk -and (Split-Path -Leaf $_.Path) -eq $Name })[0].FullName
            $summaries = @(Compare-FfmpegPts -LiteralPath $file -Frames -Kind Audio -Summary)
            $summaries.Count | Should -BeGreaterThan 0
            foreach ($summary in $summaries) {
                $summary.Samples | Should -BeGreaterThan 0
                $summary.Mismatched | Should -Be 0 -Because $summary.FirstMismatch
            }
        }

        It 'compares decoded frames with -Frames' {
            if ($why = Get-SkipReason -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
            $media = Join-Path $Fixtures 'audio-video.mp4'
            $summaries = @(Compare-FfmpegPts $media -Frames -Summary)
            ($summaries | ForEach-Object TrackId) | Should -Be @(Get-FfprobeTrack (Read-FfprobeRecord $media) | ForEach-Object TrackId)
            $summaries.Source | Sort-Object -Unique | Should -Be 'Frames'
            $summaries | ForEach-Object {
                $_.Matched | Should -BeGreaterThan 0 -Because "ffprobe decodes the frames of track $($_.TrackId)"
                $_.Mismatched | Should -Be 0 -Because $_.FirstMismatch
            }
        }

        It 'reads files whose names look like protocols or options, or hold spaces, quotes and non-ASCII' {
            if ($why = Get-SkipReason -Ffprobe) { Set-ItResult -Skipped -Because $why; return }
            $seed = Join-Path $Fixtures 'seed.mp4'
            $names = 'concat:a|b.mp4', 'http:x.mp4', '-i.mp4', 'subfile,,start,0,end,100,,:x.mp4', 'with space.mp4', "quo'te`"d.mp4", 'ünïcødé 字.mp4'
            foreach ($name in $names) {
                $copy = Join-Path $TestDrive $name
                Copy-Item -LiteralPath $seed -Destination $copy
                $summary = Compare-FfmpegPts -LiteralPath $copy -Summary -ErrorAction Stop
                $summary.Matched | Should -Be 120 -Because $name
                $summary.Path | Should -Be $copy
            }
        }
    }

    Context 'ffprobe failures' {
        BeforeAll {
            $fake = Join-Path $TestDrive 'fake-ffprobe'
            $argsFile = Join-Path $TestDrive 'args.txt'
            $noShell = if ($IsWindows) { 'the fake ffprobe is a POSIX shell script' }
        }

        It 'passes each argument separately, the input as a file: URL, with no shell' {
            if ($noShell) { Set-ItResult -Skipped -Because $noShell; return }
            Set-Content -Path $fake -Value "#!/bin/sh`nfor a in `"`$@`"; do printf '%s\n' `"`$a`"; done > '$argsFile'`necho '{}'"
            chmod +x $fake
            $odd = Join-Path $TestDrive 'a b;$(touch pwned)|c.mp4'
            Copy-Item -LiteralPath (Join-Path $Fixtures 'seed.mp4') -Destination $odd
            $null = Compare-FfmpegPts -LiteralPath $odd -FfprobePath $fake -Summary
            $received = Get-Content $argsFile
            $received[-1] | Should -Be "file:$odd"
            $received[-2] | Should -Be '-i'
            $received | Should -Contain '-show_packets'
            Test-Path (Join-Path $TestDrive 'pwned') | Should -BeFalse
            Test-Path 'pwned' | Should -BeFalse
        }

        It 'stops an ffprobe that hangs after -TimeoutSec and says so' {
            if ($noShell) { Set-ItResult -Skipped -Because $noShell; return }
            Set-Content -Path $fake -Value "#!/bin/sh`nexec sleep 60"
            chmod +x $fake
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -FfprobePath $fake -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable errs
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'FfprobeFailed,*'
            $errs[0].Exception.Message | Should -Match 'did not finish within 1 s'
        }

        It 'puts ffprobe''s stderr into the error when it fails' {
            if ($noShell) { Set-ItResult -Skipped -Because $noShell; return }
            Set-Content -Path $fake -Value "#!/bin/sh`necho 'Invalid data found when processing input' >&2`nexit 1"
            chmod +x $fake
            $null = Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -FfprobePath $fake -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].Exception.Message | Should -Match 'exit code 1'
            $errs[0].Exception.Message | Should -Match 'Invalid data found when processing input'
        }

        It 'says how to install ffprobe when it is not on PATH' {
            $saved = $env:PATH
            try {
                $env:PATH = (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty-path') -Force).FullName
                { Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ErrorAction Stop } | Should -Throw -ErrorId 'FfprobeNotFound,*'
                try { Compare-FfmpegPts (Join-Path $Fixtures 'seed.mp4') -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'install ffmpeg' ; $_.Exception.Message | Should -Match '-FfprobeOutput' }
            }
            finally { $env:PATH = $saved }
        }
    }
}
