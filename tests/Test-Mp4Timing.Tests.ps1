# Test-Mp4Timing and Get-Mp4TimingRule: the findings on the fixtures (each one named and explained, the numbers of the
# messages checked against the ffprobe output recorded beside the fixtures or against the boxes), media segments piped in
# order and out of order, choosing rules, settings files, -Quiet, errors, completion, views, and every corpus file.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # Every finding the fixtures give, by file, track and rule, and why the file has it. The fixtures not named are clean.
    $ExpectedFindings = [ordered]@{
        'bframes-no-editlist.mp4#1 VideoStartDelay'     = 'written with -use_editlist 0: its first frame, composed after two B-frames, shows at 66.7 ms'
        'cut-23.976fps.mp4#1 StartsOnNonSyncSample'     = 'a stream copy cut at 2.3 s: its edit starts after the key frame at 0 s, which it hides'
        'cut-midgop.mp4#1 StartsOnNonSyncSample'        = 'a stream copy cut at 1.5 s: its edit starts between the key frames of 1 s and 2 s'
        'delayed-audio.mp4#2 AvStartOffset'             = 'an empty edit of 478 ms delays the audio (-itsoffset 0.5)'
        'delayed-audio.mp4#2 DurationMismatch'          = 'so the audio also ends 0.5 s after the 4 s of video'
        'frag-empty-moov.mp4#1 VideoStartDelay'         = 'the fragmented muxer writes no edit list: the first frame, composed after two B-frames, shows at 66.7 ms'
        'frag-empty-moov.mp4#2 AvStartOffset'           = 'the video has B-frames and no edit list: its first frame shows at 66.7 ms, the audio at 0'
        'frag-empty-moov.mp4#2 AudioPrimingNotSignalled' = 'the fragmented muxer writes no edit list and no roll group: the AAC priming is played (Information)'
        'frag-separate-moof.mp4#1 VideoStartDelay'      = 'the fragmented muxer writes no edit list: the first frame, composed after two B-frames, shows at 66.7 ms'
        'frag-separate-moof.mp4#2 AvStartOffset'        = 'the video has B-frames and no edit list: its first frame shows at 66.7 ms, the audio at 0'
        'negative-cts.mp4#1 PtsBeforeDts'               = 'written with -movflags negative_cts_offsets: its B-frames have negative composition offsets'
        'vfr.mp4#1 VariableFrameRate'                   = 'frames of 1/30, 1/15, then 1/60 s (Information)'
        'video-negative-offset.mp4#1 StartsOnNonSyncSample' = 'video copied with -itsoffset -0.3: the edit starts 0.3 s into the first group of pictures'
        'video-negative-offset.mp4#2 DurationMismatch'  = 'the audio lasts 4 s, the video, moved 0.3 s earlier, 3.7 s'
    }
    $Media = @(Get-ChildItem $Fixtures -Recurse -File | Where-Object { $_.Extension -in '.mp4', '.m4a', '.mov', '.3gp' } | Sort-Object FullName)
    function Get-Key($Finding) { "$([IO.Path]::GetRelativePath($Fixtures, $Finding.Path).Replace('\', '/'))#$($Finding.TrackId) $($Finding.Rule)" }
    $Dash = Join-Path $Fixtures 'dash'
}

Describe 'Test-Mp4Timing' {
    Context 'the fixtures' {
        BeforeAll {
            $all = @($Media | Test-Mp4Timing -ErrorAction Stop)
        }

        It 'finds on every fixture exactly what it is known to have, each once' {
            $Media.Count | Should -BeGreaterThan 30
            @($all | ForEach-Object { Get-Key $_ }) | Should -Be @($ExpectedFindings.Keys | Sort-Object { $_.Split('#')[0] } -Stable)
        }

        It 'writes nothing at Warning or above for the clean fixtures' {
            $unclean = @($all | Where-Object Severity -ne 'Information' | ForEach-Object Path | Sort-Object -Unique)
            $clean = @($Media | Where-Object FullName -notin $unclean)
            $clean.Count | Should -BeGreaterThan 20
            foreach ($file in $clean) { Test-Mp4Timing -LiteralPath $file.FullName -Severity Error, Warning | Should -BeNullOrEmpty -Because $file.Name }
        }

        It 'gives the audio delay of delayed-audio.mp4 from its empty edit of 478 ms' {
            $finding = $all | Where-Object { (Get-Key $_) -eq 'delayed-audio.mp4#2 AvStartOffset' }
            $elst = (Get-Mp4Box (Join-Path $Fixtures 'delayed-audio.mp4') -Type elst)[1].Entries
            $elst[0].MediaTime | Should -Be -1
            $elst[0].SegmentDuration | Should -Be 478
            $finding.Severity | Should -Be 'Warning'
            $finding.Time | Should -Be 0.478
            $finding.Sample | Should -BeNullOrEmpty
            $finding.Message | Should -Be 'track 2 (audio) starts at 0.478 s, 478 ms after track 1 (video), which starts at 0.0 s: more than the 60 ms audio may lag by; an empty edit of 0.478 s delays the audio'
            $finding.Hint | Should -Match 'EBU R37'
        }

        It 'starts cut-midgop.mp4''s video at the sample ffmpeg shows first, before which ffmpeg discards the hidden ones (D)' {
            $finding = $all | Where-Object { (Get-Key $_) -eq 'cut-midgop.mp4#1 StartsOnNonSyncSample' }
            $packets = @((Read-FfprobeRecord (Join-Path $Fixtures 'cut-midgop.mp4')).packets | Where-Object stream_index -eq 0)
            $first = 0
            while ($packets[$first].flags -match 'D') { $first++ }
            $nextKey = $first + 1
            while ($packets[$nextKey].flags -notmatch 'K') { $nextKey++ }
            $shownBeforeKey = @($packets[$first..($nextKey - 1)] | Where-Object flags -notmatch 'D').Count
            $first | Should -BeGreaterThan 0
            $finding.Sample | Should -Be ($first + 1)
            $finding.Time | Should -Be ([double]$packets[$first].pts / 15360)
            $finding.Count | Should -Be $shownBeforeKey
            $finding.Message | Should -Be ("the first presented sample, $($first + 1) (at 0.03333 s), is not a sync sample: decoding starts at sync sample 1, $first samples before it, " +
                "which the edit list hides (a cut between key frames); $shownBeforeKey presented samples come before the next sync sample")
        }

        It 'counts the negative composition offsets of negative-cts.mp4 as ctts gives them' {
            $finding = $all | Where-Object { (Get-Key $_) -eq 'negative-cts.mp4#1 PtsBeforeDts' }
            $samples = @(Get-Mp4SampleTiming (Join-Path $Fixtures 'negative-cts.mp4'))
            $negative = @($samples | Where-Object CompositionOffset -lt 0)
            $finding.Count | Should -Be $negative.Count
            $finding.Sample | Should -Be $negative[0].Sample
            $finding.Message | Should -Match "the lowest offset is -1,024 ticks \(0\.06667 s\)$"
            # ffprobe shows what the hint says: ffmpeg lowers every dts by 1024.
            (Read-FfprobeRecord (Join-Path $Fixtures 'negative-cts.mp4')).packets[0].dts | Should -Be -1024
            $finding.Hint | Should -Match 'lower every decode time by 1,024 ticks'
        }

        It 'explains every expected finding' {
            foreach ($key in $ExpectedFindings.Keys) { $ExpectedFindings[$key] | Should -Match '\w{4,}.* \w{4,}' -Because $key }
        }
    }

    Context 'media segments piped with their init segment' {
        It 'finds nothing in the DASH segments read in order' {
            Get-ChildItem $Dash -Filter 'chunk-stream0-*.m4s' | Sort-Object Name | Test-Mp4Timing -InitSegment (Join-Path $Dash 'init-stream0.m4s') | Should -BeNullOrEmpty
            Get-ChildItem $Dash -Filter 'chunk-stream1-*.m4s' | Sort-Object Name | Test-Mp4Timing -InitSegment (Join-Path $Dash 'init-stream1.m4s') | Should -BeNullOrEmpty
        }

        It 'finds the gap where a segment is left out, from the tfdt of the next' {
            $one = Join-Path $Dash 'chunk-stream0-00001.m4s'
            $three = Join-Path $Dash 'chunk-stream0-00003.m4s'
            $init = Join-Path $Dash 'init-stream0.m4s'
            # Where segment 1 ends: its tfdt and durations; where segment 3 starts: its tfdt.
            $end = (Get-Mp4Box $one -Type tfdt).BaseMediaDecodeTime + (Get-Mp4SampleTiming $one -InitSegment $init | Measure-Object DurationTicks -Sum).Sum
            $start = (Get-Mp4Box $three -Type tfdt).BaseMediaDecodeTime
            $samples = @(Get-Mp4SampleTiming $one -InitSegment $init).Count
            $end | Should -Be 15360
            $start | Should -Be 30720

            $finding = $one, $three | Test-Mp4Timing -InitSegment $init

            $finding.Rule | Should -Be 'FragmentTimeJump'
            $finding.Path | Should -Be $three
            $finding.Sample | Should -Be ($samples + 1)
            $finding.Message | Should -Be "fragment 3 (from sample $($samples + 1)) starts at 2.0 s by its tfdt, where the fragment before ended at 1.0 s: a gap of 1.0 s (15,360 ticks)"
        }

        It 'finds decode times that go back where segments come out of order' {
            $findings = @((Join-Path $Dash 'chunk-stream0-00002.m4s'), (Join-Path $Dash 'chunk-stream0-00001.m4s') | Test-Mp4Timing -InitSegment (Join-Path $Dash 'init-stream0.m4s'))
            ($findings.Rule | Sort-Object) | Should -Be @('DtsNotIncreasing', 'FragmentTimeJump')
            ($findings | Where-Object Rule -eq 'DtsNotIncreasing').Message | Should -Be 'sample 31 decodes at 0.0 s, not after sample 30 (1.96667 s): the tfdt of its fragment (sequence number 1) goes back to 0.0 s'
            ($findings | Where-Object Rule -eq 'FragmentTimeJump').Message | Should -Be 'fragment 1 (from sample 31) starts at 0.0 s by its tfdt, where the fragment before ended at 2.0 s: an overlap of 2.0 s (30,720 ticks)'
        }
    }

    Context 'choosing the rules and their settings' {
        BeforeAll {
            $delayed = Join-Path $Fixtures 'delayed-audio.mp4'
        }

        It 'runs the rules -Rule names (wildcards too), leaves out those -ExcludeRule names, keeps the severities of -Severity' {
            (Test-Mp4Timing $delayed -Rule 'Av*').Rule | Should -Be 'AvStartOffset'
            (Test-Mp4Timing $delayed -ExcludeRule AvStartOffset).Rule | Should -Be 'DurationMismatch'
            Test-Mp4Timing $delayed -Severity Error | Should -BeNullOrEmpty
            (Test-Mp4Timing (Join-Path $Fixtures 'vfr.mp4') -Severity Information).Rule | Should -Be 'VariableFrameRate'
        }

        It 'runs FfmpegDiffersFromIso only when asked, and says what ffprobe shows' {
            $cut = Join-Path $Fixtures 'cut-23.976fps.mp4'
            Test-Mp4Timing $cut | Where-Object Rule -eq 'FfmpegDiffersFromIso' | Should -BeNullOrEmpty
            $finding = Test-Mp4Timing $cut -Rule FfmpegDiffersFromIso
            # ffprobe's first shown video packet is at pts 0; the ISO edit list shows a frame from -145 ticks (it straddles the edit's start).
            $shown = @((Read-FfprobeRecord $cut).packets | Where-Object { $_.stream_index -eq 0 -and $_.flags -notmatch 'D' } | Sort-Object { [long]$_.pts })
            $shown[0].pts | Should -Be 0
            ($samples = Get-Mp4SampleTiming $cut -TrackId 1 | Where-Object { -not $_.IsDiscarded } | Sort-Object PtsTicks | Select-Object -First 1).PtsTicks | Should -Be -145
            $finding.TrackId | Should -Be 1
            $finding.Message | Should -Match '^ffmpeg 5\.1 presents track 1 \(video\) otherwise than the ISO edit list: its first frame is presented at 0\.0 s \(sample \d+\), where the ISO edit list presents sample \d+ first, at -0\.00604 s'
            $finding.Message | Should -Match 'ffmpeg moved the video by'
            $settings = @{ Rules = @{ FfmpegDiffersFromIso = @{ Enable = $true; FfmpegVersion = '9.0' } } }
            (Test-Mp4Timing $cut -Settings $settings | Where-Object Rule -eq 'FfmpegDiffersFromIso').Message | Should -Match '^ffmpeg 9\.0 presents'
        }

        It 'takes the settings as a hashtable' {
            Test-Mp4Timing $delayed -Settings @{ Rules = @{ AvStartOffset = @{ AudioLagMs = 500 }; DurationMismatch = @{ MaximumMs = 600 } } } | Should -BeNullOrEmpty
            (Test-Mp4Timing $delayed -Settings @{ ExcludeRules = 'DurationMismatch' }).Rule | Should -Be 'AvStartOffset'
        }

        It 'reads a .psd1 settings file as data, by path or as a file object' {
            $file = Join-Path $TestDrive 'Delivery.psd1'
            Set-Content -Path $file -Value "@{`n    ExcludeRules = @('DurationMismatch')`n    Rules = @{ AvStartOffset = @{ AudioLeadMs = 40; AudioLagMs = 500 } }`n}"
            Test-Mp4Timing $delayed -Settings $file | Should -BeNullOrEmpty
            Test-Mp4Timing $delayed -Settings (Get-Item $file) | Should -BeNullOrEmpty
            Push-Location $TestDrive
            try { Test-Mp4Timing $delayed -Settings ./Delivery.psd1 | Should -BeNullOrEmpty }
            finally { Pop-Location }
        }

        It 'stops with an error that names the mistake: <What>' -ForEach @(
            @{ What = 'an unknown rule'; Arguments = @{ Rule = 'AvStart' }; Expect = "-Rule names 'AvStart', which is not a timing rule" }
            @{ What = 'an unknown setting'; Arguments = @{ Settings = @{ Rules = @{ AvStartOffset = @{ LeadMs = 40 } } } }; Expect = "AvStartOffset has no setting 'LeadMs'. Its settings are Enable, AudioLeadMs, AudioLagMs" }
            @{ What = 'a value of the wrong kind'; Arguments = @{ Settings = @{ Rules = @{ DurationMismatch = @{ MaximumMs = 'long' } } } }; Expect = "Rules.DurationMismatch.MaximumMs must be a number, not 'long'" }
            @{ What = 'an unknown key'; Arguments = @{ Settings = @{ Rule = 'AvStartOffset' } }; Expect = "'Rule' is not a settings key" }
            @{ What = 'settings that are neither a hashtable nor a file'; Arguments = @{ Settings = 42 }; Expect = '-Settings takes a hashtable or the path of a .psd1 file, not a Int32' }
        ) {
            { Test-Mp4Timing $delayed @Arguments -ErrorAction Stop } | Should -Throw -ExpectedMessage "*$Expect*"
        }

        It 'refuses a settings file that is not data: <What>' -ForEach @(
            @{ What = 'a command in it'; Text = '@{ Rules = @{ AvStartOffset = @{ AudioLeadMs = (Get-Random) } } }'; Expect = 'must hold constant values only' }
            @{ What = 'two statements'; Text = "`$x = 1`n@{ }"; Expect = 'must hold one hashtable' }
            @{ What = 'a syntax error'; Text = '@{ Rules = @{ '; Expect = 'is not valid PowerShell data' }
        ) {
            $file = Join-Path $TestDrive "bad-$([guid]::NewGuid().ToString('N')).psd1"
            Set-Content -Path $file -Value $Text
            $thrown = { Test-Mp4Timing $delayed -Settings $file -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape($Expect))
            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidTimingSettings,*'
        }

        It 'runs every rule with each number setting at its largest value on every fixture, and refuses a larger one' {
            # A billion seconds, milliseconds, ticks or samples: "never" for every threshold, without leaving the rules' arithmetic.
            $rules = @{}
            foreach ($rule in Get-Mp4TimingRule) {
                $numbers = @{}
                foreach ($setting in $rule.Settings | Where-Object Type -eq 'Double') { $numbers[$setting.Name] = 1e9 }
                if ($numbers.Count) { $rules[$rule.Name] = $numbers }
            }
            $rules.Count | Should -BeGreaterThan 5
            $findings = @($Media | Test-Mp4Timing -Rule * -Settings @{ Rules = $rules } -ErrorAction Stop)
            # Only the rules without a threshold find anything.
            $findings.Count | Should -BeGreaterThan 0
            $findings | Where-Object { $rules.ContainsKey($_.Rule) } | Should -BeNullOrEmpty
            { Test-Mp4Timing $Media[0].FullName -Settings @{ Rules = @{ LongSyncInterval = @{ MaximumSeconds = 1e30 } } } -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*MaximumSeconds must be a number from 0 to 1,000,000,000, not 1E+30.'
        }

        It 'says a settings file is missing' {
            { Test-Mp4Timing $delayed -Settings (Join-Path $TestDrive 'none.psd1') -ErrorAction Stop } | Should -Throw -ErrorId 'SettingsNotFound,*'
        }
    }

    Context '-Quiet' {
        It 'writes one Boolean per file: $false for the files with a finding at Warning or above' {
            $warned = @($ExpectedFindings.Keys | Where-Object { $_ -notmatch 'VariableFrameRate|AudioPrimingNotSignalled' } | ForEach-Object { $_.Split('#')[0] } | Sort-Object -Unique)
            $answers = @($Media | Test-Mp4Timing -Quiet)
            $answers.Count | Should -Be $Media.Count
            $answers | Should -BeOfType ([bool])
            for ($i = 0; $i -lt $Media.Count; $i++) {
                $name = [IO.Path]::GetRelativePath($Fixtures, $Media[$i].FullName).Replace('\', '/')
                $answers[$i] | Should -Be ($name -notin $warned) -Because $name
            }
        }

        It 'answers $false for a file it cannot read, with the error, and goes on' {
            $notMp4 = Join-Path $TestDrive 'notes.mp4'
            Set-Content -Path $notMp4 -Value 'not a movie'
            $answers = @(Test-Mp4Timing $notMp4, (Join-Path $Fixtures 'bframes-editlist.mp4') -Quiet -ErrorAction SilentlyContinue -ErrorVariable errs)
            $answers | Should -Be @($false, $true)
            $errs.Count | Should -Be 1
            $errs[0].TargetObject | Should -Be $notMp4
        }
    }

    Context 'files, tracks and errors' {
        It 'takes files from Get-ChildItem and goes on after one it cannot read' {
            $notMp4 = Join-Path $TestDrive 'broken.mp4'
            Set-Content -Path $notMp4 -Value 'not a movie'
            $findings = @((Get-Item $notMp4), (Get-Item (Join-Path $Fixtures 'delayed-audio.mp4')) | Test-Mp4Timing -ErrorAction SilentlyContinue -ErrorVariable errs)
            $findings.Count | Should -Be 2
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'NotMp4,*'
            Test-Mp4Timing (Join-Path $TestDrive 'missing.mp4') -ErrorAction SilentlyContinue -ErrorVariable missing
            $missing[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        }

        It 'checks only the tracks -TrackId and -Kind choose, and still compares the audio with the video it leaves out' {
            $delayed = Join-Path $Fixtures 'delayed-audio.mp4'
            (Test-Mp4Timing $delayed -TrackId 2).Rule | Should -Be @('AvStartOffset', 'DurationMismatch')
            (Test-Mp4Timing $delayed -Kind Audio).Rule | Should -Be @('AvStartOffset', 'DurationMismatch')
            Test-Mp4Timing $delayed -TrackId 1 | Should -BeNullOrEmpty
        }

        It 'says how much of a file cut short has no data, from where' {
            # frag-separate-moof.mp4 keeps its first half second in moov, its data in the mdat after it: cut in that mdat.
            $source = Join-Path $Fixtures 'frag-separate-moof.mp4'
            $mdat = Get-Mp4Box $source -Type mdat | Select-Object -First 1
            $length = [int]($mdat.Offset + $mdat.Size / 2)
            $cut = Join-Path $TestDrive 'cut.mp4'
            [IO.File]::WriteAllBytes($cut, [IO.File]::ReadAllBytes($source)[0..($length - 1)])
            # From the whole file: the video samples in moov whose data ends past the cut.
            $missing = @(Get-Mp4SampleTiming $source -TrackId 1 | Where-Object { $null -eq $_.Fragment -and $_.Offset + $_.Size -gt $length })
            $missing.Count | Should -BeGreaterThan 0

            $findings = @(Test-Mp4Timing $cut -Rule SampleDataMissing -ErrorAction SilentlyContinue -ErrorVariable errs)

            # The cut is a finding, not an error.
            $errs | Should -BeNullOrEmpty
            $findings.TrackId | Should -Be @(1, 2)
            $finding = $findings[0]
            $finding.Severity | Should -Be 'Error'
            $finding.Sample | Should -Be $missing[0].Sample
            $finding.Count | Should -Be $missing.Count
            $finding.Time | Should -Be $missing[0].Pts
            $invariant = [cultureinfo]::InvariantCulture
            $finding.Message | Should -Be ("the data of $($missing.Count) samples lies past the end of the file ($($length.ToString('#,0', $invariant)) bytes), " +
                "from sample $($missing[0].Sample) (at $($missing[0].Pts.ToString('0.0####', $invariant)) s, byte $($missing[0].Offset.ToString('#,0', $invariant))): the file is cut short")
            Test-Mp4Timing $cut -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
            # Without SampleDataMissing the cut is an error of the file, as Get-Mp4SampleTiming reports it.
            Test-Mp4Timing $cut -Rule DtsNotIncreasing -ErrorAction SilentlyContinue -ErrorVariable cutErrors | Should -BeNullOrEmpty
            $cutErrors.Count | Should -Be 2
            $cutErrors[0].FullyQualifiedErrorId | Should -BeLike 'TruncatedBox,*'
            $cutErrors[0].Exception.Message | Should -Match "sample $($missing[0].Sample + 1) of track 1 starts at byte \d+, past the end of the file"
        }
    }

    Context 'sync samples and the pictures they are' {
        It 'names a sample stss lists that is not intra: bframes-editlist.mp4 with its third stss entry moved on by one' {
            # stss lists 1, 31, 61, 91: entry 3 (4 bytes each after version, flags and entry_count) becomes 62, a P or B picture.
            $source = Join-Path $Fixtures 'bframes-editlist.mp4'
            $stss = Get-Mp4Box $source -Type stss
            $stss.SampleNumbers | Should -Be 1, 31, 61, 91
            $bytes = [IO.File]::ReadAllBytes($source)
            $at = $stss.EntriesOffset + 2 * 4
            $bytes[$at + 3] | Should -Be 61
            $bytes[$at + 3] = 62
            $copy = Join-Path $TestDrive 'sync-on-62.mp4'
            [IO.File]::WriteAllBytes($copy, $bytes)
            # Sample 62 by its byte position in ffprobe's records of the original: its picture type as ffmpeg decoded it, its pts.
            $offset = (Get-Mp4SampleTiming $source | Where-Object Sample -eq 62).Offset
            $picture = (Get-Content (Join-Path $Fixtures 'bframes-editlist.pictures.json') -Raw | ConvertFrom-Json).frames | Where-Object pkt_pos -eq "$offset"
            $packet = (Get-Content (Join-Path $Fixtures 'bframes-editlist.ffprobe.json') -Raw | ConvertFrom-Json).packets | Where-Object pos -eq "$offset"
            $picture.pict_type | Should -BeIn 'P', 'B'

            $findings = @(Test-Mp4Timing $copy)

            $findings.Rule | Should -Be 'SyncSampleNotIntra'
            $finding = $findings[0]
            $finding.Severity | Should -Be 'Error'
            $finding.Sample | Should -Be 62
            $finding.Count | Should -Be 1
            $timescale = [int](((Get-Content (Join-Path $Fixtures 'bframes-editlist.ffprobe.json') -Raw | ConvertFrom-Json).streams[0].time_base -split '/')[1])
            $finding.Time | Should -Be ([long]$packet.pts / $timescale)
            $shown = ([long]$packet.pts / $timescale).ToString('0.0####', [cultureinfo]::InvariantCulture)
            $finding.Message | Should -Be "stss lists sample 62 (shown at $shown s) as a sync sample, but it is a $($picture.pict_type) picture (non-IDR), which needs pictures before it"
            Test-Mp4Timing $copy -Quiet | Should -BeFalse
        }
    }

    Context 'completion, views and objects' {
        It 'completes rule names for -Rule and -ExcludeRule, with the rule''s severity and description' {
            $line = "Test-Mp4Timing x.mp4 -Rule Dts"
            $matches = (TabExpansion2 $line $line.Length).CompletionMatches
            $matches.CompletionText | Should -Be @('DtsNotIncreasing')
            $matches[0].ToolTip | Should -BeLike 'Error: A sample decodes no later*'
            $line = "Test-Mp4Timing x.mp4 -ExcludeRule Ff"
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('FfmpegDiffersFromIso')
            $line = 'Get-Mp4TimingRule -Name *Sync'
            (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('StartsOnNonSyncSample', 'SyncSampleNotIntra', 'MissingSyncSampleTable', 'LongSyncInterval')
        }

        It 'shows each finding as a heading and its words wrapped within 80 columns, at 80 and at 120' {
            foreach ($width in 80, 120) {
                $text = Test-Mp4Timing (Join-Path $Fixtures 'delayed-audio.mp4'), (Join-Path $Fixtures 'cut-midgop.mp4') | Out-String -Width $width
                @($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
                $text | Should -Match '(?m)^Warning     AvStartOffset \(track 2, 0\.478 s\)\r?$'
                $text | Should -Match '(?m)^  track 2 \(audio\) starts at 0\.478 s, 478 ms after track 1 \(video\), which\r?$'
                $text | Should -Match '(?m)^  Fix: Start both tracks together'
                $text | Should -Match '(?m)^Warning     StartsOnNonSyncSample \(track 1, sample 14, 0\.0333 s, 15 in all\)\r?$'
                $text | Should -Match 'File: .*cut-midgop\.mp4'
            }
        }

        It 'keeps every value through Export-Clixml and ConvertTo-Json' {
            $findings = Test-Mp4Timing (Join-Path $Fixtures 'delayed-audio.mp4')
            $file = Join-Path $TestDrive 'findings.xml'
            $findings | Export-Clixml $file
            $back = Import-Clixml $file
            foreach ($name in 'Path', 'TrackId', 'Rule', 'Severity', 'Sample', 'Time', 'Count', 'Message', 'Hint') {
                ($back | ForEach-Object { "$($_.$name)" }) | Should -Be ($findings | ForEach-Object { "$($_.$name)" }) -Because $name
            }
            ($findings | ConvertTo-Json | ConvertFrom-Json)[0].Severity | Should -Be 'Warning'
        }
    }
}

Describe 'Get-Mp4TimingRule' {
    It 'lists the 21 rules with their severities, whether they run by default, and their settings' {
        $rules = @(Get-Mp4TimingRule)
        $rules.Name | Should -Be @('DtsNotIncreasing', 'FragmentTimeJump', 'DuplicatePts', 'PresentationGap', 'PtsBeforeDts', 'StartsOnNonSyncSample',
            'OpenGopStart', 'SyncSampleNotIntra', 'VideoStartDelay',
            'MissingSyncSampleTable', 'LongSyncInterval', 'AvStartOffset', 'DurationMismatch', 'HeaderDurationMismatch', 'EditOutsideMedia',
            'VariableFrameRate', 'TimescaleRounding', 'ZeroDurationSample', 'AudioPrimingNotSignalled', 'SampleDataMissing', 'FfmpegDiffersFromIso')
        @($rules | Where-Object { -not $_.Enabled }).Name | Should -Be 'FfmpegDiffersFromIso'
        $av = $rules | Where-Object Name -eq 'AvStartOffset'
        $av.Severity | Should -Be 'Warning'
        ($av.Settings | ForEach-Object { "$($_.Name)=$($_.DefaultValue)" }) | Should -Be @('AudioLeadMs=40', 'AudioLagMs=60')
    }

    It 'chooses by name (wildcards) and severity, and says when no rule matches' {
        (Get-Mp4TimingRule -Name *Pts*).Name | Should -Be @('DuplicatePts', 'PtsBeforeDts')
        (Get-Mp4TimingRule -Severity Error).Name | Should -Be @('DtsNotIncreasing', 'DuplicatePts', 'SyncSampleNotIntra', 'EditOutsideMedia', 'SampleDataMissing')
        ('LongSyncInterval' | Get-Mp4TimingRule).Settings.DefaultValue | Should -Be 10
        Get-Mp4TimingRule -Name NoSuchRule -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RuleNotFound,*'
        # Patterns as Test-Mp4Timing -Rule reads them (* and ?), each rule once.
        (Get-Mp4TimingRule -Name *Pts*, Duplicate*).Name | Should -Be @('DuplicatePts', 'PtsBeforeDts')
        (Get-Mp4TimingRule -Name 'Dts?otIncreasing').Name | Should -Be 'DtsNotIncreasing'
        Get-Mp4TimingRule -Name '[DP]*' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        { Test-Mp4Timing (Join-Path $Fixtures 'bframes-editlist.mp4') -Rule '[DP]*' -ErrorAction Stop } | Should -Throw
    }

    It 'names every rule that Test-Mp4Timing found on the fixtures' {
        $names = (Get-Mp4TimingRule).Name
        foreach ($key in $ExpectedFindings.Keys) { $key.Split(' ')[1] | Should -BeIn $names }
    }

    It 'shows each rule with its description and settings wrapped within 80 columns' {
        $text = Get-Mp4TimingRule | Out-String -Width 120
        @($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Match '(?m)^FfmpegDiffersFromIso \(Warning, off by default\)\r?$'
        $text | Should -Match '(?m)^  Settings: AudioLeadMs = 40, AudioLagMs = 60\r?$'
    }
}

Describe 'Test-Mp4Timing on the real-world corpus' {
    BeforeAll {
        # Every Error the rules find in the corpus, by file, track and rule, with the defect of the file that it is.
        $KnownErrors = @{
            'mozilla-mp4parse-rust/mp4parse/tests/test_case_1185230.mp4#1 SampleDataMissing' = 'a fuzzing case of 3,250 bytes (ftyp, free and moov twice, no mdat): its chunk offsets run to byte 9,837'
            'mozilla-mp4parse-rust/mp4parse/tests/test_case_1185230.mp4#2 SampleDataMissing' = 'a fuzzing case of 3,250 bytes (ftyp, free and moov twice, no mdat): its chunk offsets run to byte 9,837'
            'mozilla-mp4parse-rust/mp4parse_capi/tests/bipbop_nonfragment_header.mp4#1 SampleDataMissing' = 'only the header of a movie (ftyp and moov, 8,745 bytes, no mdat): its chunk offsets run to byte 283,526'
            'mozilla-mp4parse-rust/mp4parse_capi/tests/bipbop_nonfragment_header.mp4#2 SampleDataMissing' = 'only the header of a movie (ftyp and moov, 8,745 bytes, no mdat): its chunk offsets run to byte 283,526'
            'mozilla-mp4parse-rust/mp4parse_capi/tests/zero_empty_stsc.mp4#1 SampleDataMissing' = 'only the header of a movie, kept to test stsc (ftyp and moov, 48,618 bytes, no mdat): its chunk offsets run to byte 8,822,130'
            'mozilla-mp4parse-rust/mp4parse_capi/tests/zero_empty_stsc.mp4#2 SampleDataMissing' = 'only the header of a movie, kept to test stsc (ftyp and moov, 48,618 bytes, no mdat): its chunk offsets run to byte 8,822,130'
            'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_with_fake_auxiliary_tracks.mp4#1 DtsNotIncreasing' = 'its video track''s stts is 5 samples of delta 0: all five decode at 0'
            'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_with_fake_auxiliary_tracks.mp4#1 DuplicatePts' = 'its video track''s stts is 5 samples of delta 0 (no ctts): all five are shown at 0'
            'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_with_fake_auxiliary_tracks_interleaved_with_primary_video_tracks.mp4#1 DtsNotIncreasing' = 'its video track''s stts is 5 samples of delta 0: all five decode at 0'
            'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_with_fake_auxiliary_tracks_interleaved_with_primary_video_tracks.mp4#1 DuplicatePts' = 'its video track''s stts is 5 samples of delta 0 (no ctts): all five are shown at 0'
        }
        $results = @()
        if (Get-SkipReason -Corpus) { return }
        $real = Join-Path $CorpusRoot 'real'
        $results = foreach ($entry in Get-CorpusEntry) {
            $errs = $null
            $findings = @(Test-Mp4Timing -LiteralPath $entry.FullName -Rule * -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue)
            [pscustomobject]@{ Entry = $entry; Findings = $findings; Errors = @($errs) }
        }
    }

    It 'runs every rule on every file, or fails with a clean error naming the file' {
        if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
        $results.Count | Should -Be @(Get-CorpusEntry).Count
        $unclean = @($results | ForEach-Object { $r = $_; $r.Errors | Where-Object { $_.Exception -isnot [Mp4Timing.Mp4FormatException] } | ForEach-Object { "$($r.Entry.Path): $($_.Exception.Message)" } })
        $unclean | Should -BeNullOrEmpty
        $read = @($results | Where-Object { -not ($_.Errors | Where-Object { $_.Exception.Kind -in 'NotMp4', 'MissingBox', 'EmptyFile' }) })
        $read.Count | Should -BeGreaterThan 140
        # The findings per rule, for the record.
        $all = @($results | ForEach-Object Findings)
        foreach ($group in $all | Group-Object Rule | Sort-Object Count -Descending) {
            Write-Host ("  {0,-25} {1,-11} {2,3} findings in {3,3} files" -f $group.Name, $group.Group[0].Severity, $group.Count, @($group.Group.Path | Sort-Object -Unique).Count)
        }
        $all.Count | Should -BeGreaterThan 0
    }

    It 'finds no Error but the real defects named here' {
        if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
        $real = Join-Path $CorpusRoot 'real'
        $errors = @($results | ForEach-Object Findings | Where-Object Severity -eq 'Error' | ForEach-Object {
                "$([IO.Path]::GetRelativePath($real, $_.Path).Replace('\', '/'))#$($_.TrackId) $($_.Rule)" } | Sort-Object)
        $errors | Should -Be @($KnownErrors.Keys | Sort-Object)
    }
}
