# Export-Mp4Timeline as users run it: where the page goes, what it refuses to overwrite, -WhatIf, the object -PassThru
# writes, the timing rules' findings (those of Test-Mp4Timing, in the table and on the time axis), -Settings, errors,
# media segments, progress, -Show; and the page in a real browser (headless Chromium), where it is installed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $editListClip = Join-Path $Fixtures 'bframes-editlist.mp4'

    function New-Folder([string] $Name) { New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Name-$([guid]::NewGuid().ToString('N').Substring(0, 8))") }

    # The SVG of a page, parsed (the page is well-formed XML as well as HTML).
    function Read-PageSvg([string] $Page) {
        $settings = [Xml.XmlReaderSettings]::new()
        $settings.DtdProcessing = 'Ignore'
        $reader = [Xml.XmlReader]::Create($Page, $settings)
        try { $document = [xml]::new(); $document.Load($reader) } finally { $reader.Dispose() }
        $namespaces = [Xml.XmlNamespaceManager]::new($document.NameTable)
        $namespaces.AddNamespace('s', 'http://www.w3.org/2000/svg')
        [pscustomobject]@{ Document = $document; Namespaces = $namespaces }
    }

    # What a finding says, field by field, for comparing Export-Mp4Timeline's findings with Test-Mp4Timing's.
    function Format-Finding { process { "$($_.TrackId) $($_.Rule) $($_.Severity) sample $($_.Sample) at $($_.Time) x$($_.Count): $($_.Message) | $($_.Hint)" } }
}

Describe 'Export-Mp4Timeline' {
    Context 'where the page goes' {
        It 'writes bframes-editlist.timeline.html (the name of the file, then .timeline.html) in the current folder, and nothing to the pipeline' {
            $folder = New-Folder 'here'
            Push-Location $folder
            try { $output = @(Export-Mp4Timeline $editListClip) } finally { Pop-Location }
            $output | Should -BeNullOrEmpty
            $page = Join-Path $folder 'bframes-editlist.timeline.html'
            $page | Should -Exist
            @(Get-ChildItem $folder -Force).Name | Should -Be @('bframes-editlist.timeline.html') -Because 'no temporary file is left beside the page'
            $text = Get-Content -Raw $page
            $text | Should -Match '^<!DOCTYPE html>'
            $text | Should -Match '<title>bframes-editlist\.mp4 - timeline</title>'
            $svg = Read-PageSvg $page
            $svg.Document.SelectNodes('//s:g[@class="track"]', $svg.Namespaces).Count | Should -Be 1
        }

        It 'writes to -OutFile, relative to the current folder' {
            $folder = New-Folder 'out'
            Push-Location $folder
            try { Export-Mp4Timeline -LiteralPath $editListClip -OutFile 'pages/question.html' -ErrorAction SilentlyContinue -ErrorVariable problems } finally { Pop-Location }
            # A folder that does not exist is not made.
            $problems.FullyQualifiedErrorId | Should -Be 'OutFileNotWritten,Mp4Timing.Commands.ExportMp4TimelineCommand'
            New-Item -ItemType Directory -Path (Join-Path $folder 'pages') | Out-Null
            Push-Location $folder
            try { Export-Mp4Timeline -LiteralPath $editListClip -OutFile 'pages/question.html' } finally { Pop-Location }
            Join-Path $folder 'pages/question.html' | Should -Exist
        }

        It 'puts one page per file in a folder given as -OutFile, from piped files' {
            $folder = New-Folder 'pages'
            $pages = Get-ChildItem $Fixtures -Filter '*.mp4' | Where-Object Name -in 'bframes-editlist.mp4', 'audio-video.mp4', 'two-video.mp4' |
                Export-Mp4Timeline -OutFile $folder -PassThru
            @($pages).Count | Should -Be 3
            (Get-ChildItem $folder).Name | Sort-Object | Should -Be @('audio-video.timeline.html', 'bframes-editlist.timeline.html', 'two-video.timeline.html')
            ($pages | Where-Object { $_.Path -like '*two-video.mp4' }).Tracks.TrackId | Should -Be @(1, 2)
        }

        It 'refuses to write two files to the same -OutFile page' {
            $page = Join-Path (New-Folder 'one') 'page.html'
            Export-Mp4Timeline (Join-Path $Fixtures 'bframes-editlist.mp4'), (Join-Path $Fixtures 'vfr.mp4') -OutFile $page -Force -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.FullyQualifiedErrorId | Should -Be 'OutFileUsedTwice,Mp4Timing.Commands.ExportMp4TimelineCommand'
            Get-Content -Raw $page | Should -Match 'Timeline of bframes-editlist\.mp4'
        }
    }

    Context 'overwriting, -Force, -WhatIf' {
        It 'does not replace a page that is there without -Force, and says so' {
            $folder = New-Folder 'keep'
            $page = Join-Path $folder 'bframes-editlist.timeline.html'
            Set-Content -Path $page -Value 'kept'
            Export-Mp4Timeline $editListClip -OutFile $folder -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -Be 'OutFileExists,Mp4Timing.Commands.ExportMp4TimelineCommand'
            $problems[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $problems[0].TargetObject | Should -Be $page
            "$problems" | Should -Match '-Force'
            Get-Content -Raw $page | Should -Be "kept$([Environment]::NewLine)"

            Export-Mp4Timeline $editListClip -OutFile $folder -Force
            Get-Content -Raw $page | Should -Match 'Timeline of bframes-editlist\.mp4'
            @(Get-ChildItem $folder -Force).Count | Should -Be 1
        }

        It 'writes nothing with -WhatIf, even with -Force, and says what it would do' {
            $folder = New-Folder 'whatif'
            Export-Mp4Timeline $editListClip -OutFile $folder -WhatIf
            Get-ChildItem $folder | Should -BeNullOrEmpty
            Set-Content -Path (Join-Path $folder 'bframes-editlist.timeline.html') -Value 'kept'
            Export-Mp4Timeline $editListClip -OutFile $folder -WhatIf -Force
            Get-Content -Raw (Join-Path $folder 'bframes-editlist.timeline.html') | Should -Be "kept$([Environment]::NewLine)"

            $run = Invoke-FreshPwsh "Import-Module '$(Join-Path $ModuleRoot 'Mp4Timing.psd1')'; Export-Mp4Timeline '$editListClip' -OutFile '$folder' -Force -WhatIf"
            $run.ExitCode | Should -Be 0
            $run.Text | Should -Match ([regex]::Escape("What if: Performing the operation `"Write the timeline page of '$editListClip'`" on target `"$(Join-Path $folder 'bframes-editlist.timeline.html')`""))
        }

        It 'asks with -Confirm and writes only when told yes' {
            $folder = New-Folder 'confirm'
            Export-Mp4Timeline $editListClip -OutFile $folder -Confirm:$false
            Join-Path $folder 'bframes-editlist.timeline.html' | Should -Exist
            (Get-Command Export-Mp4Timeline).Parameters.Keys | Should -Contain 'WhatIf'
            (Get-Command Export-Mp4Timeline).Parameters.Keys | Should -Contain 'Confirm'
        }
    }

    Context 'what -PassThru writes' {
        It 'writes the file, the page, its tracks as Get-Mp4Track gives them, the window and the findings' {
            $folder = New-Folder 'passthru'
            $export = Export-Mp4Timeline (Join-Path $Fixtures 'delayed-audio.mp4') -OutFile $folder -PassThru
            $export.PSObject.TypeNames[0] | Should -Be 'Mp4Timing.TimelineExport'
            $export.Path | Should -Be (Join-Path $Fixtures 'delayed-audio.mp4')
            $export.OutFile | Should -Be (Join-Path $folder 'delayed-audio.timeline.html')
            $export.Size | Should -Be (Get-Item $export.OutFile).Length
            $tracks = @(Get-Mp4Track (Join-Path $Fixtures 'delayed-audio.mp4'))
            $export.Tracks.TrackId | Should -Be $tracks.TrackId
            $export.Tracks.CodecString | Should -Be $tracks.CodecString
            $export.Tracks[1].StartTime | Should -Be 0.478
            # The audio, delayed by an empty edit of 478 ms, starts too late and ends 0.5 s after the video.
            $export.Findings.Rule | Should -Be @('AvStartOffset', 'DurationMismatch')
            $export.Findings.TrackId | Should -Be @(2, 2)
            # The window: from the first sample's decode time (-1024/15360 s) to the end of the audio's edit (0.478 + 4.022 s).
            $export.Start | Should -Be (-1024 / 15360)
            $export.Start + $export.Duration | Should -BeGreaterOrEqual 4.5
            $export.Samples | Should -Be (120 + 189)
            $export.IsAggregated | Should -BeFalse
        }

        It 'has a table view that shows the page on one line at 120 columns and wraps it, whole, at 80' {
            $export = Export-Mp4Timeline $editListClip -OutFile (New-Folder 'view') -PassThru
            $lines = @(($export | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines[0] | Should -Match '^File\s+Tracks\s+Findings\s+Start\s+Duration\s+Page$'
            $lines[2] | Should -Match '^bframes-editlist\.mp4\s+1\s+0\s+-0\.0667\s+4\.0667\s+bframes-editlist\.timeline\.html$'

            $narrow = @(($export | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
            $narrow | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
            $narrow -join '' | Should -Not -Match '…'
            $narrow[2] | Should -Match '^bframes-editlist\.mp4\s+1\s+0\s+-0\.0667\s+4\.0667\s+bframes-editlist'
            # The page column's pieces, one under the other, make the name whole again.
            $column = $narrow[0].IndexOf('Page')
            -join ($narrow | Select-Object -Skip 2 | ForEach-Object { $_.Substring([Math]::Min($column, $_.Length)).Trim() }) | Should -Be 'bframes-editlist.timeline.html'
        }

        It 'counts the findings in the table view''s Findings column' {
            $export = Export-Mp4Timeline (Join-Path $Fixtures 'delayed-audio.mp4'), (Join-Path $Fixtures 'cut-midgop.mp4') -OutFile (New-Folder 'view-findings') -PassThru
            $lines = @(($export | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines[2] | Should -Match '^delayed-audio\.mp4\s+2\s+2\s'
            $lines[3] | Should -Match '^cut-midgop\.mp4\s+2\s+1\s'
        }

        It 'zooms with -Start and -Duration' {
            $export = Export-Mp4Timeline $editListClip -OutFile (New-Folder 'zoom') -Start 0.5 -Duration 1 -PassThru
            $export.Start | Should -Be 0.5
            $export.Duration | Should -Be 1
            # Decoded or shown within 0.5 s to 1.5 s (ticks 15 to 45 of 30 per second): ffprobe's packets say which.
            $packets = (Read-FfprobeRecord $editListClip).packets
            $expected = @($packets | Where-Object { ($_.dts -lt 45 -and $_.dts + 1 -gt 15) -or ($_.pts -lt 45 -and $_.pts + 1 -gt 15) }).Count
            $export.Samples | Should -Be $expected
            $svg = Read-PageSvg $export.OutFile
            $svg.Document.SelectNodes('//s:g[@class="presentation"]/s:rect', $svg.Namespaces).Count | Should -Be 30
        }

        It 'draws only the tracks -TrackId and -Kind select' {
            $export = Export-Mp4Timeline (Join-Path $Fixtures 'audio-video.mp4') -Kind Audio -OutFile (New-Folder 'kind') -PassThru
            $export.Tracks.TrackId | Should -Be 2
            $svg = Read-PageSvg $export.OutFile
            @($svg.Document.SelectNodes('//s:g[@class="track"]', $svg.Namespaces) | ForEach-Object { $_.GetAttribute('id') }) | Should -Be @('track-2')
        }
    }

    Context 'the timing rules'' findings' {
        It 'shows what Test-Mp4Timing finds in <File>: <Expected>' -ForEach @(
            @{ File = 'cut-midgop.mp4'; Expected = @('1 StartsOnNonSyncSample') }
            @{ File = 'delayed-audio.mp4'; Expected = @('2 AvStartOffset', '2 DurationMismatch') }
            @{ File = 'frag-empty-moov.mp4'; Expected = @('1 VideoStartDelay', '2 AvStartOffset', '2 AudioPrimingNotSignalled') }
            @{ File = 'negative-cts.mp4'; Expected = @('1 PtsBeforeDts') }
            @{ File = 'vfr.mp4'; Expected = @('1 VariableFrameRate') }
        ) {
            # What each fixture is known to have (tests/Test-Mp4Timing.Tests.ps1 says why), as Test-Mp4Timing writes it.
            $path = Join-Path $Fixtures $File
            $tested = @(Test-Mp4Timing $path)
            @($tested | ForEach-Object { "$($_.TrackId) $($_.Rule)" }) | Should -Be $Expected

            $export = Export-Mp4Timeline $path -OutFile (New-Folder 'findings') -PassThru
            @($export.Findings | Format-Finding) | Should -Be @($tested | Format-Finding)
            $export.Findings.Path | Sort-Object -Unique | Should -Be $path

            # The table: one row per finding, with its numbers and words.
            $svg = Read-PageSvg $export.OutFile
            $rows = @($svg.Document.SelectNodes('//table[@class="findings"]/tbody/tr'))
            $rows.Count | Should -Be $tested.Count
            $invariant = [cultureinfo]::InvariantCulture
            for ($i = 0; $i -lt $tested.Count; $i++) {
                $finding = $tested[$i]
                $cells = @($rows[$i].SelectNodes('td') | ForEach-Object InnerText)
                $cells[0..3] + $cells[5..7] | Should -Be @($finding.Severity, "$($finding.TrackId)", $finding.Rule, "$($finding.Sample)",
                    $finding.Count.ToString('N0', $invariant), $finding.Message, $finding.Hint)
                if ($null -eq $finding.Time) { $cells[4] | Should -Be '' }
                else { [double]($cells[4] -replace ' s$') | Should -Be ([math]::Round($finding.Time, 4)) }
            }

            # The markers: one in each track's findings row, at the x of the finding's time on the page's axis
            # (x = left + (t - start) × width / (end - start)), its title naming the rule and saying the message.
            $plot = $svg.Document.SelectSingleNode('//s:svg', $svg.Namespaces)
            $start = [double]::Parse($plot.GetAttribute('data-start'), $invariant)
            $end = [double]::Parse($plot.GetAttribute('data-end'), $invariant)
            $left = [double]$plot.GetAttribute('data-left')
            $width = [double]$plot.GetAttribute('data-width')
            foreach ($finding in $tested) {
                $markers = @($svg.Document.SelectNodes("//s:g[@id='track-$($finding.TrackId)']//s:g[@class='findings']/s:path[@data-rule='$($finding.Rule)']", $svg.Namespaces))
                $markers.Count | Should -Be 1 -Because "$($finding.Rule) of track $($finding.TrackId) is marked once"
                $title = $markers[0].SelectSingleNode('s:title', $svg.Namespaces).InnerText
                $title | Should -BeLike "$($finding.Severity) $($finding.Rule) (track $($finding.TrackId))*"
                $title.Contains(": $($finding.Message)") | Should -BeTrue -Because $title
                $x = [double]::Parse(($markers[0].GetAttribute('d') -replace '^M([-0-9.]+) .*$', '$1'), $invariant)
                $expected = if ($null -eq $finding.Time) { $left + 5 } else { $left + ($finding.Time - $start) * $width / ($end - $start) }
                $x | Should -BeGreaterOrEqual ($expected - 0.005)
                $x | Should -BeLessOrEqual ($expected + 0.005)
            }
        }

        It 'has no findings and no findings section for a clean file (bframes-editlist.mp4)' {
            Test-Mp4Timing $editListClip | Should -BeNullOrEmpty
            $export = Export-Mp4Timeline $editListClip -OutFile (New-Folder 'clean') -PassThru
            @($export.Findings).Count | Should -Be 0
            $text = Get-Content -Raw $export.OutFile
            $text | Should -Not -Match '<h2>Findings</h2>'
            $text | Should -Not -Match 'class="findings"'
            $text | Should -Not -Match 'class="finding '
        }

        It 'shows the findings of the tracks drawn, as Test-Mp4Timing -TrackId gives them' {
            $delayed = Join-Path $Fixtures 'delayed-audio.mp4'
            # The audio's findings compare it with the video, which is read (not drawn) for them.
            $audio = Export-Mp4Timeline $delayed -TrackId 2 -OutFile (New-Folder 'audio') -PassThru
            @($audio.Findings | Format-Finding) | Should -Be @(Test-Mp4Timing $delayed -TrackId 2 | Format-Finding)
            $audio.Findings.Rule | Should -Be @('AvStartOffset', 'DurationMismatch')
            $video = Export-Mp4Timeline $delayed -Kind Video -OutFile (New-Folder 'video') -PassThru
            @($video.Findings).Count | Should -Be 0
            Get-Content -Raw $video.OutFile | Should -Not -Match '<h2>Findings</h2>'
        }

        It 'takes -Settings as Test-Mp4Timing does: a hashtable, or a .psd1 file by path' {
            $delayed = Join-Path $Fixtures 'delayed-audio.mp4'
            $lenient = @{ Rules = @{ AvStartOffset = @{ AudioLagMs = 500 }; DurationMismatch = @{ MaximumMs = 600 } } }
            $export = Export-Mp4Timeline $delayed -Settings $lenient -OutFile (New-Folder 'lenient') -PassThru
            @($export.Findings).Count | Should -Be 0
            Get-Content -Raw $export.OutFile | Should -Not -Match '<h2>Findings</h2>'

            $file = Join-Path $TestDrive 'Delivery.psd1'
            Set-Content -Path $file -Value "@{`n    ExcludeRules = @('DurationMismatch')`n    Rules = @{ AvStartOffset = @{ AudioLagMs = 400 } }`n}"
            $export = Export-Mp4Timeline $delayed -Settings $file -OutFile (New-Folder 'delivery') -PassThru
            $export.Findings.Rule | Should -Be 'AvStartOffset'
            @($export.Findings | Format-Finding) | Should -Be @(Test-Mp4Timing $delayed -Settings $file | Format-Finding)
            $export.Findings.Message | Should -Match 'more than the 400 ms audio may lag by'

            # FfmpegDiffersFromIso is off by default; the settings can turn it on.
            $cut = Join-Path $Fixtures 'cut-23.976fps.mp4'
            $on = @{ Rules = @{ FfmpegDiffersFromIso = @{ Enable = $true } } }
            $export = Export-Mp4Timeline $cut -Settings $on -OutFile (New-Folder 'ffmpeg') -PassThru
            $export.Findings.Rule | Should -Contain 'FfmpegDiffersFromIso'
            @($export.Findings | Format-Finding) | Should -Be @(Test-Mp4Timing $cut -Settings $on | Format-Finding)
        }

        It 'stops before writing any page when the settings are wrong: <What>' -ForEach @(
            @{ What = 'an unknown setting'; Settings = @{ Rules = @{ AvStartOffset = @{ LeadMs = 40 } } }; ErrorId = 'InvalidTimingRules'; Expect = "AvStartOffset has no setting 'LeadMs'" }
            @{ What = 'a missing file'; Settings = 'no-such-settings.psd1'; ErrorId = 'SettingsNotFound'; Expect = 'no-such-settings.psd1' }
            @{ What = 'neither a hashtable nor a file'; Settings = 42; ErrorId = 'InvalidTimingSettings'; Expect = '-Settings takes a hashtable or the path of a .psd1 file' }
        ) {
            $folder = New-Folder 'bad-settings'
            $thrown = { Export-Mp4Timeline $editListClip -Settings $Settings -OutFile $folder -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be "$ErrorId,Mp4Timing.Commands.ExportMp4TimelineCommand"
            $thrown.Exception.Message | Should -BeLike "*$Expect*"
            Get-ChildItem $folder | Should -BeNullOrEmpty
        }

        It 'completes -Settings with .psd1 files and documents it' {
            $folder = New-Folder 'complete'
            Set-Content -Path (Join-Path $folder 'Delivery.psd1') -Value '@{ }'
            Push-Location $folder
            try {
                $line = 'Export-Mp4Timeline x.mp4 -Settings Deli'
                (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @((Join-Path '.' 'Delivery.psd1'))
            }
            finally { Pop-Location }
            (Get-Help Export-Mp4Timeline -Parameter Settings).Description.Text | Should -Match 'Test-Mp4Timing'
        }
    }

    Context 'errors and unusual input' {
        It 'refuses a duration that is not positive' {
            { Export-Mp4Timeline $editListClip -Duration 0 -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Mp4Timing.Commands.ExportMp4TimelineCommand'
        }

        It 'reports a file that is not MP4, writes no page for it, and goes on to the next' {
            $folder = New-Folder 'bad'
            $notMp4 = Join-Path $folder 'notes.mp4'
            Set-Content -Path $notMp4 -Value ('not a movie ' * 20)
            $out = New-Folder 'bad-out'
            $pages = Export-Mp4Timeline $notMp4, $editListClip -OutFile $out -PassThru -ErrorVariable problems -ErrorAction SilentlyContinue
            @($problems).Count | Should -Be 1
            $problems[0].TargetObject | Should -Be $notMp4
            @($pages).Count | Should -Be 1
            (Get-ChildItem $out -Force).Name | Should -Be @('bframes-editlist.timeline.html')
        }

        It 'says so when no track matches, and writes nothing' {
            $folder = New-Folder 'none'
            Export-Mp4Timeline $editListClip -Kind Audio -OutFile $folder -WarningVariable warnings -WarningAction SilentlyContinue
            "$warnings" | Should -Match 'no track to draw matches -TrackId and -Kind'
            Get-ChildItem $folder | Should -BeNullOrEmpty
        }

        It 'draws media segments with their init segment, each page where its segment lies on the timeline' {
            $dash = Join-Path $Fixtures 'dash'
            $out = New-Folder 'dash'
            $pages = @(Get-ChildItem $dash -Filter 'chunk-stream0-*.m4s' | Sort-Object Name |
                Export-Mp4Timeline -InitSegment (Join-Path $dash 'init-stream0.m4s') -OutFile $out -PassThru)
            $pages.Count | Should -Be 4
            $pages.InitSegment | Sort-Object -Unique | Should -Be (Join-Path $dash 'init-stream0.m4s')
            # One second a segment, 30 samples each: decode times go on from one segment to the next (the edit takes 1024/15360 s off).
            $pages.Samples | Should -Be @(30, 30, 30, 30)
            for ($i = 0; $i -lt 4; $i++) { $pages[$i].Start | Should -BeGreaterOrEqual ($i - 1024 / 15360 - 1e-9) }
            $pages[3].Start | Should -BeLessThan 3
            foreach ($page in $pages) { $page.Findings | Should -BeNullOrEmpty }
        }

        It 'shows the gap where a media segment is left out, on the page of the segment after it, as Test-Mp4Timing finds it' {
            $dash = Join-Path $Fixtures 'dash'
            $init = Join-Path $dash 'init-stream0.m4s'
            $segments = (Join-Path $dash 'chunk-stream0-00001.m4s'), (Join-Path $dash 'chunk-stream0-00003.m4s')
            $pages = @($segments | Export-Mp4Timeline -InitSegment $init -OutFile (New-Folder 'dash-gap') -PassThru)
            $pages.Count | Should -Be 2
            $pages[0].Findings | Should -BeNullOrEmpty
            $pages[1].Findings.Rule | Should -Be 'FragmentTimeJump'
            @($pages[1].Findings | Format-Finding) | Should -Be @($segments | Test-Mp4Timing -InitSegment $init | Format-Finding)
            # Segment 3 is read where the stream leaves it (its tfdt says 2 s), and its samples numbered on from segment 1's 30.
            $pages[1].Findings.Sample | Should -Be 31
            $pages[1].Start | Should -BeGreaterOrEqual (2 - 1024 / 15360 - 1e-9)
            $pages[1].Samples | Should -Be 30
        }

        It 'reports the damage of a file cut short once, and shows what Test-Mp4Timing finds in it' {
            # frag-separate-moof.mp4 keeps its first half second in moov, its data in the mdat after it: cut in that mdat.
            $source = Join-Path $Fixtures 'frag-separate-moof.mp4'
            $mdat = Get-Mp4Box $source -Type mdat | Select-Object -First 1
            $length = [int]($mdat.Offset + $mdat.Size / 2)
            $cut = Join-Path $TestDrive 'cut-short.mp4'
            [IO.File]::WriteAllBytes($cut, [IO.File]::ReadAllBytes($source)[0..($length - 1)])
            $null = Test-Mp4Timing $cut -Settings @{ ExcludeRules = 'SampleDataMissing' } -ErrorVariable cutErrors -ErrorAction SilentlyContinue
            $cutErrors.Count | Should -Be 2 -Because 'the data of both tracks is cut'

            foreach ($settings in @{}, @{ ExcludeRules = 'SampleDataMissing' }) {
                # With SampleDataMissing the cut is a finding of the rules; without it, an error of their pass: either way the
                # page's own reading meets it too, and says so once.
                $export = Export-Mp4Timeline $cut -Settings $settings -OutFile (New-Folder 'cut') -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
                $export | Should -Not -BeNullOrEmpty
                @($errs.Exception.Message | Sort-Object -Unique).Count | Should -Be $errs.Count -Because ($errs -join "`n")
                @($errs | Where-Object FullyQualifiedErrorId -like 'TruncatedBox,*' | ForEach-Object { $_.Exception.Message }) |
                    Should -Be @($cutErrors.Exception.Message)
                @($export.Findings | Format-Finding) | Should -Be @(Test-Mp4Timing $cut -Settings $settings -ErrorAction SilentlyContinue | Format-Finding)
            }
            $export = Export-Mp4Timeline $cut -OutFile (New-Folder 'cut-default') -PassThru -ErrorAction SilentlyContinue
            ($export.Findings | Where-Object Rule -eq 'SampleDataMissing').TrackId | Should -Be @(1, 2)
        }
    }

    Context 'progress' {
        It 'shows one bar: the timing rules'' pass over each track, then the page''s steps, and clears it at the end' {
            $long = Join-Path $TestDrive 'long-track.mp4'
            New-LongVideoFile $long 1500000
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript('param($Module, $Path, $Out) Import-Module $Module; Export-Mp4Timeline $Path -OutFile $Out').
                    AddArgument((Join-Path $ModuleRoot 'Mp4Timing.psd1')).AddArgument($long).AddArgument((New-Folder 'progress'))
                $null = $shell.Invoke()
                $shell.Streams.Error | Should -BeNullOrEmpty
                $records = @($shell.Streams.Progress)
            }
            finally { $shell.Dispose() }

            # Export-Mp4Timeline takes well over the half second before which nothing is shown; its rules pass
            # (1.5 million samples, half a second here) shows when it lasts longer than that.
            $records.Count | Should -BeGreaterThan 1
            $records.ActivityId | Sort-Object -Unique | Should -Be 1
            $records[-1].RecordType | Should -Be 'Completed'
            $updates = @($records | Select-Object -SkipLast 1)
            $updates.RecordType | Sort-Object -Unique | Should -Be 'Processing'
            $rules = @($updates | Where-Object StatusDescription -like 'Timing rules*')
            foreach ($update in $rules) {
                $update.StatusDescription -match '^Timing rules, track 1 \(vide avc1\): sample (\d+) of 1500000$' | Should -BeTrue -Because $update.StatusDescription
                $update.PercentComplete | Should -Be ([math]::Floor(100 * [long]$Matches[1] / 1500000))
            }
            # The rules pass comes first; the page's steps follow.
            @($updates | Select-Object -First $rules.Count) | Should -Be $rules
            $updates.Count | Should -BeGreaterThan $rules.Count
        }
    }

    Context '-Show' {
        It 'opens the page with the system''s handler for HTML files (xdg-open here)' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because 'the handler is checked through a stand-in xdg-open, which .NET calls on Linux'; return }
            $bin = New-Folder 'bin'
            $log = Join-Path $bin 'opened.txt'
            Set-Content -Path (Join-Path $bin 'xdg-open') -Value "#!/bin/sh`nprintf '%s\n' `"`$1`" >> '$log'"
            chmod +x (Join-Path $bin 'xdg-open')
            $out = New-Folder 'show'
            $run = Invoke-FreshPwsh @"
`$env:PATH = '$bin' + [IO.Path]::PathSeparator + `$env:PATH
Import-Module '$(Join-Path $ModuleRoot 'Mp4Timing.psd1')'
Export-Mp4Timeline '$editListClip' -OutFile '$out' -Show
Start-Sleep -Milliseconds 500
"@
            $run.ExitCode | Should -Be 0 -Because $run.Text
            Get-Content $log | Should -Be (Join-Path $out 'bframes-editlist.timeline.html')
        }
    }
}

Describe 'The timeline page in a browser' {
    BeforeAll {
        $chromium = Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        $why = if (-not $chromium) { 'Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)' }
        if ($chromium) {
            # PngImage (tests/TestSupport) reads the screenshots' pixels.
            $project = Join-Path $PSScriptRoot 'TestSupport/TestSupport.csproj'
            $build = & dotnet build $project -c Release --nologo -v quiet -clp:ErrorsOnly 2>&1
            if ($LASTEXITCODE -ne 0) { throw "tests/TestSupport did not build: $build" }
            Add-Type -Path (Join-Path $PSScriptRoot 'TestSupport/bin/Release/netstandard2.0/Mp4Timing.TestSupport.dll')
        }

        function Invoke-Chromium([string[]] $Arguments) {
            # Headless, offline, a fresh profile each time; stderr (the page's console among Chromium's own logging) is kept.
            $profileDir = New-Item -ItemType Directory -Path (Join-Path $TestDrive "profile-$([guid]::NewGuid().ToString('N'))")
            $stderr = Join-Path $TestDrive "chromium-$([guid]::NewGuid().ToString('N')).log"
            $all = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--no-first-run', "--user-data-dir=$($profileDir.FullName)", '--hide-scrollbars', '--enable-logging=stderr', '--v=0') + $Arguments
            $stdout = & $chromium.Source @all 2> $stderr
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Out = ($stdout -join "`n"); Log = @(Get-Content $stderr) }
        }

        # What the page itself logs: console messages (errors included) and failed loads, not Chromium's own start-up noise.
        function Get-PageComplaint($Run) { @($Run.Log | Where-Object { $_ -match ':CONSOLE[:(]|Uncaught|net::ERR_|Failed to load|Refused to' }) }
    }

    It 'reads a screenshot''s pixels exactly (the check the next tests rely on)' {
        if ($why) { Set-ItResult -Skipped -Because $why; return }
        $page = Join-Path $TestDrive 'known.html'
        Set-Content -Path $page -Value '<!DOCTYPE html><html><body style="margin:0;background:#ffffff"><div style="width:100px;height:50px;background:#d62728"></div></body></html>'
        $png = Join-Path $TestDrive 'known.png'
        $run = Invoke-Chromium @("--screenshot=$png", '--window-size=400,300', "file://$page")
        $run.ExitCode | Should -Be 0
        $image = [Mp4Timing.TestSupport.PngImage]::Read($png)
        $image.Width | Should -Be 400
        $image.Height | Should -Be 300
        $image.Count('#d62728') | Should -Be 5000
        $image.Count('#ffffff') | Should -Be (400 * 300 - 5000)
        $image[99, 49] | Should -Be 0xd62728
        $image[100, 49] | Should -Be 0xffffff
    }

    It 'catches what a page logs (the check the next tests rely on)' {
        if ($why) { Set-ItResult -Skipped -Because $why; return }
        $page = Join-Path $TestDrive 'noisy.html'
        Set-Content -Path $page -Value '<!DOCTYPE html><html><body><p>x</p><script>console.error("boom"); notDefined();</script></body></html>'
        $run = Invoke-Chromium @("--screenshot=$(Join-Path $TestDrive 'noisy.png')", '--window-size=400,300', "file://$page")
        (Get-PageComplaint $run) -join "`n" | Should -Match 'boom'
        (Get-PageComplaint $run) -join "`n" | Should -Match 'Uncaught ReferenceError'
    }

    # The window is as tall as the page's tracks need: frag-empty-moov.mp4's three findings, long messages and fixes in the
    # table above the picture, push its sound track 300 px further down.
    It 'renders the page of <File> with its colours, and the page logs nothing' -ForEach @(
        @{ File = 'bframes-editlist.mp4'; Colours = @('#d62728', '#1f77b4', '#2ca02c'); Height = 1000 }
        @{ File = 'cut-midgop.mp4'; Colours = @('#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#cfcfcf'); Height = 1000 }
        @{ File = 'delayed-audio.mp4'; Colours = @('#d62728', '#2ca02c', '#9467bd'); Height = 1000 }
        @{ File = 'frag-empty-moov.mp4'; Colours = @('#1f77b4', '#9467bd'); Height = 1300 }
        @{ File = 'hevc-bframes.mp4'; Colours = @('#d62728', '#2ca02c'); Height = 1000 }
    ) {
        if ($why) { Set-ItResult -Skipped -Because $why; return }
        $export = Export-Mp4Timeline (Join-Path $Fixtures $File) -OutFile (New-Folder 'browser') -PassThru
        $png = [IO.Path]::ChangeExtension($export.OutFile, '.png')
        $run = Invoke-Chromium @("--screenshot=$png", "--window-size=1440,$Height", "file://$($export.OutFile)")
        $run.ExitCode | Should -Be 0 -Because ($run.Log -join "`n")
        Get-PageComplaint $run | Should -BeNullOrEmpty

        $image = [Mp4Timing.TestSupport.PngImage]::Read($png)
        $image.Width | Should -Be 1440
        $image.DistinctColours() | Should -BeGreaterThan 50 -Because 'a blank or failed page has a handful of colours'
        $white = $image.Count('#ffffff')
        $white / ($image.Width * $image.Height) | Should -BeLessThan 0.9
        # The marks: I, P and B pictures, sound, ffmpeg's D grey, each in the colour of the key (the insides of rectangles are exact),
        # on more pixels than the key's 12 x 12 swatch of that colour.
        foreach ($colour in $Colours) { $image.Count($colour) | Should -BeGreaterThan 400 -Because "the page's marks show $colour" }
    }

    It 'keeps every mark of the page in the browser''s document' {
        if ($why) { Set-ItResult -Skipped -Because $why; return }
        $export = Export-Mp4Timeline (Join-Path $Fixtures 'cut-midgop.mp4') -OutFile (New-Folder 'dom') -PassThru
        $run = Invoke-Chromium @('--dump-dom', "file://$($export.OutFile)")
        $run.ExitCode | Should -Be 0
        Get-PageComplaint $run | Should -BeNullOrEmpty
        $file = Get-Content -Raw $export.OutFile
        foreach ($element in '<rect', '<title', '<path', '<line', '<text') {
            ([regex]::Matches($run.Out, $element)).Count | Should -Be ([regex]::Matches($file, $element)).Count -Because "$element elements are parsed as written"
        }
        $run.Out | Should -Match '<svg xmlns="http://www.w3.org/2000/svg"'
    }
}

Describe 'The page of the ffmpeg the user has (-FfmpegVersion)' {
    BeforeDiscovery {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $FixturePages = foreach ($file in Get-ChildItem $Fixtures -Recurse -Include *.mp4, *.m4a, *.mov | Sort-Object FullName) {
            foreach ($version in '5.1', '6.1', '9.0') { @{ Name = [IO.Path]::GetRelativePath($Fixtures, $file.FullName); Version = $version } }
        }
    }

    BeforeAll {
        $Record = @{ '5.1' = '.ffprobe.json'; '6.1' = '.ffprobe-6.1.json' }

        function Export-Page([string] $MediaPath, [string] $Version) {
            $page = Join-Path $TestDrive "$([IO.Path]::GetFileNameWithoutExtension($MediaPath))-$Version-$([guid]::NewGuid().ToString('N').Substring(0, 6)).html"
            $export = Export-Mp4Timeline -LiteralPath $MediaPath -OutFile $page -FfmpegVersion $Version -PassThru -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            [pscustomobject]@{ Export = $export; Page = $page }
        }

        function Get-PageFfmpegView([string] $Page) {
            # From the decode row of each track: ffmpeg's K and D flags of each sample in its index ("1 3 KD": track 1,
            # sample 3), and the start_time mark of each track.
            $svg = Read-PageSvg $Page
            $flags = [Collections.Generic.List[string]]::new()
            $starts = @{}
            foreach ($track in $svg.Document.SelectNodes('//s:g[@class="track"]', $svg.Namespaces)) {
                $id = $track.GetAttribute('data-track')
                foreach ($title in $track.SelectNodes('.//s:g[@class="decode"]/s:rect/s:title', $svg.Namespaces)) {
                    if ($title.InnerText -match '^sample (\d+)\b.*; ffmpeg: (?:the same pts and dts|pts -?\d+, dts -?\d+), flags ([K_][D_])') { $flags.Add("$id $($Matches[1]) $($Matches[2])") }
                }
                $mark = $track.SelectSingleNode('.//s:line[@class="ff"]/s:title', $svg.Namespaces)
                if ($mark -and $mark.InnerText -match '^ffmpeg start_time: (-?[\d.]+) s: .*\(model of ffmpeg (\d+\.\d+)''s demuxer\)$') {
                    $starts[[int] $id] = [pscustomobject]@{ Seconds = [double] $Matches[1]; Version = $Matches[2] }
                }
            }
            [pscustomobject]@{ Flags = @($flags | Sort-Object -Unique); Starts = $starts; Text = Get-Content -Raw $Page }
        }

        function Get-SampleTimingFlags([string] $MediaPath, [string] $Version) {
            @(Get-Mp4SampleTiming -LiteralPath $MediaPath -Convention Ffmpeg -FfmpegVersion $Version -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                    Where-Object { $_ -is [Mp4Timing.SampleTiming] } |
                    ForEach-Object { "$($_.TrackId) $($_.Sample) $(if ($_.IsSync) { 'K' } else { '_' })$(if ($_.IsDiscarded) { 'D' } else { '_' })" } | Sort-Object -Unique)
        }
    }

    It '<Name>, -FfmpegVersion <Version>: the flags and start_time marks are those Get-Mp4SampleTiming and Get-Mp4Track give for that version, and its ffprobe''s start_time' -ForEach $FixturePages {
        $media = Join-Path $Fixtures $Name
        $written = Export-Page $media $Version
        $written.Export.FfmpegVersion | Should -Be $Version
        $view = Get-PageFfmpegView $written.Page
        $view.Text | Should -Match "as ffmpeg $([regex]::Escape($Version))'s MP4 demuxer gives them\)"
        $view.Flags | Should -Be (Get-SampleTimingFlags $media $Version)
        $tracks = @(Get-Mp4Track -LiteralPath $media -FfmpegVersion $Version -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        @($written.Export.Tracks.FfmpegStartTime) | Should -Be @($tracks.FfmpegStartTime) -Because 'the page''s track summaries come from the rules'' pass, with the same version'
        @($written.Export.Tracks.FfmpegVersion | Sort-Object -Unique) | Should -Be $Version
        foreach ($track in $tracks | Where-Object { $null -ne $_.FfmpegStartTime }) {
            $view.Starts[[int] $track.TrackId].Version | Should -Be $Version
            [Math]::Abs($view.Starts[[int] $track.TrackId].Seconds - $track.FfmpegStartTime) | Should -BeLessOrEqual 0.00005 -Because 'the page writes seconds to 4 places'
        }
        $json = if ($Record[$Version]) { [IO.Path]::ChangeExtension($media, $null).TrimEnd('.') + $Record[$Version] }
        if ($json -and (Test-Path $json)) {
            foreach ($stream in (Get-Content -Raw $json | ConvertFrom-Json).streams | Where-Object { $_.disposition.attached_pic -eq 0 -and $_.PSObject.Properties['start_time'] }) {
                [Math]::Abs($view.Starts[[Convert]::ToInt32($stream.id, 16)].Seconds - [double] $stream.start_time) | Should -BeLessOrEqual 0.00005 -Because "ffprobe $Version's start_time of stream $($stream.index) is $($stream.start_time)"
            }
        }
    }

    It 'shows a DASH audio stream starting where each version puts it: -0.0213 s in 5.1, 0 in 6.1 and 9.0 (the edit''s 1024 samples of priming)' {
        $media = Join-Path $Fixtures 'dash/stream1-concat.mp4'
        $starts = foreach ($version in '5.1', '6.1', '9.0') { (Get-PageFfmpegView (Export-Page $media $version).Page).Starts[1].Seconds }
        $starts | Should -Be @(-0.0213, 0, 0)
    }

    It 'shows the 6.1 model for -FfmpegVersion 7.1, and says 7.1 was asked for' {
        $written = Export-Page (Join-Path $Fixtures 'dash/stream1-concat.mp4') '7.1'
        $written.Export.FfmpegVersion | Should -Be '6.1'
        $written.Export.Tracks[0].FfmpegVersion | Should -Be '6.1'
        $written.Export.Tracks[0].FfmpegStartTime | Should -Be 0
        $view = Get-PageFfmpegView $written.Page
        $view.Starts[1].Version | Should -Be '6.1'
        $view.Text | Should -Match "as ffmpeg 6\.1's MP4 demuxer gives them; -FfmpegVersion asked for ffmpeg 7\.1, which the model does not follow itself: 6\.1 is the newest modelled version at or below it\)"
    }

    It 'refuses a version that is not one, before writing any page' {
        $page = Join-Path $TestDrive 'not-a-version.html'
        { Export-Mp4Timeline $editListClip -OutFile $page -FfmpegVersion latest -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidFfmpegVersion,Mp4Timing.Commands.ExportMp4TimelineCommand'
        $page | Should -Not -Exist
    }

    It 'on the corpus files where the versions'' packets differ (tests/peers/corpus-packets.tsv), shows each version''s flags as Get-Mp4SampleTiming does' {
        if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
        $records = Join-Path $PSScriptRoot 'peers/corpus-packets.tsv'
        $rows = @(Get-Content $records | Where-Object { $_ -and -not $_.StartsWith('#') } | ConvertFrom-Csv -Delimiter "`t" -Header Version, Path, Stream, FirstPos, Packets, Digest)
        # A stream whose packets all three versions show, with digests that differ (image items of HEIF files are not tracks).
        $differing = @($rows | Group-Object Path, FirstPos | Where-Object { $_.Count -eq 3 -and @($_.Group.Digest | Sort-Object -Unique).Count -gt 1 } |
                ForEach-Object { $_.Group[0].Path } | Sort-Object -Unique)
        $differing.Count | Should -BeGreaterThan 0 -Because 'the records show versions that differ'
        $compared = 0
        foreach ($path in $differing) {
            $media = Join-Path $CorpusRoot "real/$path"
            $seen = foreach ($version in '5.1', '6.1', '9.0') {
                $view = Get-PageFfmpegView (Export-Page $media $version).Page
                $view.Flags | Should -Be (Get-SampleTimingFlags $media $version) -Because "$path, ffmpeg $version"
                $compared++
                $view.Flags -join ';'
            }
            @($seen | Sort-Object -Unique).Count | Should -BeGreaterThan 1 -Because "the pages of $path show what differs between the versions"
        }
        Write-Host "The pages of $($differing.Count) corpus files show each version's flags: $($differing -join ', ')"
    }
}
