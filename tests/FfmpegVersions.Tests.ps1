# The ffmpeg model of each modelled version (-FfmpegVersion 5.1, 6.1, 9.0) against what that version reports:
# the recorded outputs beside the fixtures, the recorded digests of the corpus (tests/peers/corpus-packets.tsv),
# and live runs of the peers where npm can install them (tests/peers/Peers.ps1).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $Record = @{ '5.1' = '.ffprobe.json'; '6.1' = '.ffprobe-6.1.json'; '9.0' = '.libav-9.0.json' }
    $FixtureCases = foreach ($file in Get-ChildItem $Fixtures -Recurse -Include *.mp4, *.m4a, *.mov | Sort-Object FullName) {
        foreach ($version in '5.1', '6.1', '9.0') {
            $json = [IO.Path]::ChangeExtension($file.FullName, $null).TrimEnd('.') + $Record[$version]
            if (Test-Path $json) { @{ Name = [IO.Path]::GetRelativePath($Fixtures, $file.FullName); Version = $version; Json = $json } }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot 'peers/Peers.ps1')
    $CorpusRecords = Join-Path $PSScriptRoot 'peers/corpus-packets.tsv'

    function Get-ModelStream([string] $MediaPath, [string] $Version) {
        # The model's packets of one version per stream (a track, or an attached picture), with the position of
        # the first packet, which is how streams are paired: the 9.0 records name no track IDs.
        $packets = @(Get-Mp4SampleTiming -LiteralPath $MediaPath -Convention Ffmpeg -FfmpegVersion $Version -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        foreach ($group in $packets | Group-Object { if ($_.PSObject.Properties['IsAttachedPicture']) { "picture $($_.StreamIndex)" } else { "track $($_.TrackId)" } }) {
            $lines = @($group.Group | ForEach-Object {
                    $pts = if ($null -eq $_.PtsTicks) { 'N/A' } else { $_.PtsTicks }
                    $dts = if ($null -eq $_.DtsTicks) { 'N/A' } else { $_.DtsTicks }
                    "$pts/$dts/$(if ($_.IsSync) { 'K' } else { '_' })$(if ($_.IsDiscarded) { 'D' } else { '_' })"
                })
            [pscustomobject]@{ Name = $group.Name; FirstPos = [long] $group.Group[0].Offset; Lines = $lines; Digest = Get-PacketDigest $lines }
        }
    }

    function Compare-WithRecord([string] $MediaPath, [string] $Version, $Probe) {
        # Every stream the record shows with packets must be a predicted one with the same packets, and the other way round.
        $ours = @(Get-ModelStream $MediaPath $Version)
        $problems = [Collections.Generic.List[string]]::new()
        $paired = @{}
        foreach ($group in @($Probe.packets) | Group-Object stream_index) {
            $theirs = @($group.Group | ForEach-Object { ConvertTo-PacketLine $_ })
            $mine = $ours | Where-Object FirstPos -eq ([long] $group.Group[0].pos) | Select-Object -First 1
            if (-not $mine) { $problems.Add("stream $($group.Name): ffmpeg $Version shows $($theirs.Count) packets the model does not predict"); continue }
            $paired[$mine.Name] = $true
            for ($i = 0; $i -lt [Math]::Max($theirs.Count, $mine.Lines.Count); $i++) {
                if ($theirs[$i] -ne $mine.Lines[$i]) { $problems.Add("stream $($group.Name) ($($mine.Name)) packet ${i}: model $($mine.Lines[$i]), ffmpeg $Version $($theirs[$i])"); break }
            }
        }
        foreach ($mine in $ours | Where-Object { -not $paired[$_.Name] }) { $problems.Add("$($mine.Name): the model predicts $($mine.Lines.Count) packets ffmpeg $Version does not show") }
        , $problems
    }
}

Describe 'The ffmpeg model of each version' {
    Context 'on the fixtures, against the recorded output of that version' {
        It '<Name>: -FfmpegVersion <Version> predicts every packet of every stream' -ForEach $FixtureCases {
            $media = Join-Path $Fixtures $Name
            $problems = Compare-WithRecord $media $Version (Get-Content -Raw $Json | ConvertFrom-Json)
            $problems | Should -BeNullOrEmpty
        }

        It 'reads the version from a saved ffprobe output that has library_versions, and says so' {
            $media = Join-Path $Fixtures 'seed.mp4'
            $summary = Compare-FfmpegPts $media -FfprobeOutput ([IO.Path]::ChangeExtension($media, '.ffprobe-6.1.json')) -Summary
            $summary.FfmpegVersion | Should -Be '6.1'
            $summary.Libavformat | Should -Be '60.10.100'
            $summary.Explanation | Should -Match 'model of ffmpeg 6\.1: ffprobe''s libavformat 60\.10\.100 is ffmpeg 6\.1'
            $summary.Mismatched | Should -Be 0
            # The 5.1 records carry no library_versions: the default model; -Verbose says the version is not known.
            $plain = @(Compare-FfmpegPts $media -FfprobeOutput ([IO.Path]::ChangeExtension($media, '.ffprobe.json')) -Summary -Verbose 4>&1)
            $summary = $plain | Where-Object { $_ -is [Mp4Timing.PtsComparisonSummary] }
            $summary.FfmpegVersion | Should -Be '5.1'
            $summary.Libavformat | Should -BeNullOrEmpty
            ($plain | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" |
                Should -Match 'version of the ffmpeg that wrote this output is not known \(5\.1 unless -FfmpegVersion says otherwise\)'
        }
    }

    Context 'on the real-world corpus, against the recorded digests of each version' {
        It 'predicts every packet of every stream the model knows, for 5.1, 6.1 and 9.0' {
            # A skip says why (a Context -Skip gives no reason, which the test run counts as a failure).
            if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
            $records = @(Get-Content $CorpusRecords | Where-Object { $_ -and -not $_.StartsWith('#') } | ConvertFrom-Csv -Delimiter "`t" -Header Version, Path, Stream, FirstPos, Packets, Digest)
            $problems = [Collections.Generic.List[string]]::new()
            $report = [ordered]@{}
            foreach ($version in '5.1', '6.1', '9.0') {
                $exact = 0; $streams = 0; $items = 0; $split = 0; $splitFiles = @{}
                foreach ($file in $records | Where-Object Version -eq $version | Group-Object Path) {
                    $media = Join-Path $CorpusRoot "real/$($file.Name)"
                    $topLevel = @(Get-Mp4Box -LiteralPath $media -ErrorAction SilentlyContinue | Where-Object Depth -eq 0).Type
                    if ('moov' -notin $topLevel) { $items += $file.Count; continue }   # HEIF/AVIF images without tracks
                    $hasItems = @(Get-Mp4Box -LiteralPath $media -Type iinf -ErrorAction SilentlyContinue).Count -gt 0
                    $ours = @(Get-ModelStream $media $version)
                    $paired = @{}
                    # Streams are paired by the position of their first packet, and among streams that start at the
                    # same place (an image item over a track's first sample), by their packets.
                    $rows = @($file.Group | Sort-Object { [int] $_.Stream })
                    foreach ($row in $rows) {
                        $candidates = @($ours | Where-Object FirstPos -eq ([long] $row.FirstPos))
                        $mine = $candidates | Where-Object { $_.Digest -eq $row.Digest -and $_.Lines.Count -eq [int] $row.Packets } | Select-Object -First 1
                        if ($mine -and $paired[$mine.Name]) { $split++; $splitFiles[$file.Name] = $true; continue }   # a further stream with the same packets (IAMF in 9.0)
                        $twin = @($file.Group | Where-Object { $_.Stream -ne $row.Stream -and $_.FirstPos -eq $row.FirstPos -and ($candidates.Digest -contains $_.Digest) })
                        if (-not $mine -and $hasItems -and ($candidates.Count -eq 0 -or ([int] $row.Packets -eq 1 -and $twin.Count -gt 0))) { $items++; continue }   # an image item
                        $streams++
                        if ($mine) { $exact++; $paired[$mine.Name] = $true }
                        else { $problems.Add("ffmpeg $version, $($file.Name) stream $($row.Stream): $(if ($candidates) { "$($candidates[0].Name): model $($candidates[0].Lines.Count) packets, digest $($candidates[0].Digest); ffmpeg $($row.Packets), $($row.Digest)" } else { 'no predicted stream starts at its first packet' })") }
                    }
                    foreach ($mine in $ours | Where-Object { -not $paired[$_.Name] -and -not ($file.Group.FirstPos -contains [string] $_.FirstPos) }) {
                        $problems.Add("ffmpeg $version, $($file.Name): the model's $($mine.Name) ($($mine.Lines.Count) packets) is not in ffmpeg's output")
                    }
                }
                if ($splitFiles.Count) { Write-Host "ffmpeg $version splits an IAMF track into several streams with the track's timing: $($splitFiles.Keys -join ', ')" }
                $report[$version] = "$exact of $streams streams exact ($items image-item streams not modelled$(if ($split) { "; $split more streams split from an IAMF track, with its packets' timing" }))"
            }
            foreach ($version in $report.Keys) { Write-Host "ffmpeg $version on the corpus: $($report[$version])" }
            $problems | ForEach-Object { Write-Host "  MISMATCH $_" }
            $problems | Should -BeNullOrEmpty
        }
    }

    Context 'against live runs of the peers (installed with npm into out/peers)' {
        BeforeAll {
            $peers = Install-Peer -Folder (Join-Path $PSScriptRoot '../out/peers')
        }

        It 'the recorded outputs beside the fixtures are what the peers print now, and the model predicts them' {
            if ($peers.Reason) { Set-ItResult -Skipped -Because $peers.Reason; return }
            $compared = 0
            $cases = foreach ($file in Get-ChildItem $Fixtures -Recurse -Include *.mp4, *.m4a, *.mov | Sort-Object FullName) {
                foreach ($version in '6.1', '9.0') {
                    $suffix = if ($version -eq '6.1') { '.ffprobe-6.1.json' } else { '.libav-9.0.json' }
                    $json = [IO.Path]::ChangeExtension($file.FullName, $null).TrimEnd('.') + $suffix
                    if (Test-Path $json) { [pscustomobject]@{ Name = [IO.Path]::GetRelativePath($Fixtures, $file.FullName); Version = $version; Json = $json } }
                }
            }
            foreach ($case in $cases) {
                $live = Invoke-Peer -Peers $peers -Version $case.Version -MediaPath (Join-Path $Fixtures $case.Name)
                $recorded = Get-Content -Raw $case.Json | ConvertFrom-Json
                @($live.packets | ForEach-Object { "$($_.stream_index) $($_.pos) $(ConvertTo-PacketLine $_)" }) |
                    Should -Be @($recorded.packets | ForEach-Object { "$($_.stream_index) $($_.pos) $(ConvertTo-PacketLine $_)" }) -Because "$($case.Name) ($($case.Version))"
                Compare-WithRecord (Join-Path $Fixtures $case.Name) $case.Version $live | Should -BeNullOrEmpty
                $compared++
            }
            $compared | Should -BeGreaterThan 0 -Because 'a live comparison that compared nothing proves nothing'
        }

        It 'Compare-FfmpegPts running the 6.1-dev ffprobe uses the 6.1 model and says so' {
            if ($peers.Reason) { Set-ItResult -Skipped -Because $peers.Reason; return }
            $verbose = @(Compare-FfmpegPts (Join-Path $Fixtures 'cut-midgop.mp4') -FfprobePath $peers.Ffprobe61 -Summary -Verbose 4>&1)
            $summaries = @($verbose | Where-Object { $_ -is [Mp4Timing.PtsComparisonSummary] })
            $summaries.Count | Should -Be 2
            $summaries | ForEach-Object { $_.FfmpegVersion | Should -Be '6.1'; $_.Mismatched | Should -Be 0 }
            ($verbose | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Contain "$(Join-Path $Fixtures 'cut-midgop.mp4'): Compared with the model of ffmpeg 6.1: ffprobe's libavformat 60.10.100 is ffmpeg 6.1."
        }
    }
}

Describe 'Choosing the ffmpeg version' {
    It 'uses the newest modelled version at or below the one given' {
        $media = Join-Path $Fixtures 'seed.mp4'
        $json = [IO.Path]::ChangeExtension($media, '.ffprobe-6.1.json')
        (Compare-FfmpegPts $media -FfprobeOutput $json -FfmpegVersion 7.1 -Summary).FfmpegVersion | Should -Be '6.1'
        (Compare-FfmpegPts $media -FfprobeOutput $json -FfmpegVersion 8 -Summary).FfmpegVersion | Should -Be '6.1'
        (Compare-FfmpegPts $media -FfprobeOutput $json -FfmpegVersion 9.0 -Summary).FfmpegVersion | Should -Be '9.0'
        (Compare-FfmpegPts $media -FfprobeOutput $json -FfmpegVersion 5.1.9-0+deb12u1 -Summary).FfmpegVersion | Should -Be '5.1'
    }

    It 'warns that a version older than 5.1 is read with the 5.1 model' {
        $null = Get-Mp4SampleTiming (Join-Path $Fixtures 'seed.mp4') -Convention Ffmpeg -FfmpegVersion 4.4 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'older than every version the model follows'
    }

    It 'refuses a version that is not one, and -FfmpegVersion without -Convention Ffmpeg' {
        { Get-Mp4SampleTiming (Join-Path $Fixtures 'seed.mp4') -Convention Ffmpeg -FfmpegVersion latest -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidFfmpegVersion,Mp4Timing.Commands.GetMp4SampleTimingCommand'
        { Get-Mp4SampleTiming (Join-Path $Fixtures 'seed.mp4') -FfmpegVersion 6.1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'FfmpegVersionWithoutFfmpegConvention,Mp4Timing.Commands.GetMp4SampleTimingCommand'
    }

    It 'says in the summary when the ffmpeg that reported is a version the model does not follow, and a difference may come from it' {
        # A 7.1 ffprobe's output: the 6.1 record with its libavformat made 61.7.100, and one packet changed.
        $media = Join-Path $Fixtures 'seed.mp4'
        $text = (Get-Content -Raw ([IO.Path]::ChangeExtension($media, '.ffprobe-6.1.json'))) -replace '"minor": 10,', '"minor": 7,' -replace '"major": 60,', '"major": 61,'
        $probe = $text | ConvertFrom-Json
        $probe.packets[3].pts = 99
        $saved = Join-Path $TestDrive 'seed.ffprobe-7.1.json'
        $probe | ConvertTo-Json -Depth 6 | Set-Content $saved
        $summary = Compare-FfmpegPts $media -FfprobeOutput $saved -Summary
        $summary.Libavformat | Should -Be '61.7.100'
        $summary.FfmpegVersion | Should -Be '6.1'
        $summary.Mismatched | Should -Be 1
        $summary.Explanation | Should -Match 'ffmpeg 7\.1 is not a version the model follows .* a difference may come from ffmpeg 7\.1 rather than from the file'
        (Compare-FfmpegPts $media -FfprobeOutput $saved | Where-Object { -not $_.Match }).Reason | Should -Match 'ffmpeg 7\.1 is not modelled: compared with 6\.1'
    }
}
