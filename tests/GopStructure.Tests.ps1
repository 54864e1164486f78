# Get-Mp4Track's GOP structure (ClosedGop, GopLength, GopPattern, MaxConsecutiveBFrames): against the picture types
# ffmpeg decoded from every fixture (<name>.pictures.json, ffprobe -show_frames), by hand on the fixtures whose making
# says how their GOPs are built, and on the real-world corpus against the per-sample picture types of
# Get-Mp4SampleTiming -PictureType (which tests/PictureType.Tests.ps1 compares with ffprobe frame by frame).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $PictureFixtures = @(Get-PictureFixture)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Get-GopExpectation {
        <#
            What a track's GOP properties must be, worked out from its samples in decode order (IsSync, Sample) and one
            picture letter per sample: the first GOP from the first sync sample up to the next (64 letters, then '...'),
            the longest run of B pictures, and the most common distance between sync samples (the longer of equally
            common ones; with one sync sample, from it to the end).
        #>
        param([object[]] $Samples, [string[]] $Letters)
        $sync = @(for ($i = 0; $i -lt $Samples.Count; $i++) { if ($Samples[$i].IsSync) { $i } })
        $pattern = $null
        if ($sync.Count -gt 0) {
            $end = if ($sync.Count -gt 1) { $sync[1] } else { $Samples.Count }
            $gop = $Letters[$sync[0]..($end - 1)]
            $pattern = (@($gop | Select-Object -First 64) -join '') + $(if ($gop.Count -gt 64) { '...' })
        }
        # Letters may be '?' (a sample the decoder output no frame for): the longest B run is then between the runs
        # with every '?' read as not B and with every '?' read as B.
        $run = 0; $maxRun = 0; $runOrUnknown = 0; $maxRunOrUnknown = 0
        foreach ($letter in $Letters) {
            $isB = $letter -ceq 'B' -or $letter -ceq 'b'
            $run = if ($isB) { $run + 1 } else { 0 }
            $runOrUnknown = if ($isB -or $letter -eq '?') { $runOrUnknown + 1 } else { 0 }
            $maxRun = [Math]::Max($maxRun, $run)
            $maxRunOrUnknown = [Math]::Max($maxRunOrUnknown, $runOrUnknown)
        }
        $length = $null
        if ($sync.Count -eq 1) { $length = $Samples.Count - $sync[0] }
        elseif ($sync.Count -gt 1) {
            $length = @(for ($k = 1; $k -lt $sync.Count; $k++) { $sync[$k] - $sync[$k - 1] }) | Group-Object |
                Sort-Object @{ Expression = 'Count'; Descending = $true }, @{ Expression = { [long]$_.Name }; Descending = $true } |
                Select-Object -First 1 | ForEach-Object { [long]$_.Name }
        }
        [pscustomobject]@{ Pattern = $pattern; MaxB = $maxRun; MaxBWithUnknown = $maxRunOrUnknown; Length = $length }
    }
}

Describe 'Get-Mp4Track GOP structure' {
    Context 'against the picture types ffmpeg decoded (recorded beside every fixture with video)' {
        It '<Name>: GopPattern, MaxConsecutiveBFrames and GopLength' -ForEach $PictureFixtures {
            $media = Join-Path $Fixtures $Name
            $recorded = @((Get-Content ([IO.Path]::ChangeExtension($media, '.pictures.json')) -Raw | ConvertFrom-Json).frames)
            $streams = @((Read-FfprobeRecord $media).streams | Where-Object codec_type -EQ 'video')
            $compared = 0
            foreach ($stream in $streams) {
                $frames = @($recorded | Where-Object stream_index -EQ $stream.index)
                if ($frames.Count -eq 0) { continue }
                $trackId = [Convert]::ToUInt32($stream.id.Substring(2), 16)
                $byOffset = @{}
                foreach ($frame in $frames) { $byOffset[[long]$frame.pkt_pos] = $frame.pict_type }
                $samples = @(Get-Mp4SampleTiming -LiteralPath $media -TrackId $trackId)
                $letters = @($samples | ForEach-Object { if ($byOffset.ContainsKey([long]$_.Offset)) { $byOffset[[long]$_.Offset] } else { '?' } })
                $expected = Get-GopExpectation $samples $letters

                $track = Get-Mp4Track -LiteralPath $media -TrackId $trackId -PictureType
                # The decoder outputs no frame for samples before the edit list's start (cut-midgop, video-negative-offset):
                # their letters are '?' here and match any picture type.
                $like = [WildcardPattern]::Escape($expected.Pattern) -replace '`\?', '?'
                $track.GopPattern | Should -BeLikeExactly $like -Because "track $trackId's first GOP as ffprobe decodes it"
                @($expected.Pattern.ToCharArray() | Where-Object { $_ -ne '?' }).Count | Should -BeGreaterThan 0 -Because 'ffprobe decoded pictures of the first GOP'
                $track.MaxConsecutiveBFrames | Should -BeGreaterOrEqual $expected.MaxB -Because "track $trackId"
                $track.MaxConsecutiveBFrames | Should -BeLessOrEqual $expected.MaxBWithUnknown -Because "track $trackId"
                $track.GopLength | Should -Be $expected.Length -Because "track $trackId"
                (Get-Mp4Track -LiteralPath $media -TrackId $trackId).MaxConsecutiveBFrames | Should -BeNullOrEmpty -Because 'only -PictureType reads every sample'
                $compared += $frames.Count
            }
            $compared | Should -BeGreaterThan 0 -Because 'a comparison that compared nothing proves nothing'
        }
    }

    Context 'by hand, from how the fixtures are made (tests/fixtures/README.md)' {
        It '<File>: ClosedGop <Closed>, GopLength <Length> (<Why>)' -ForEach @(
            @{ File = 'bframes-editlist.mp4'; Closed = $true; Length = 30; Why = 'x264 keyint=30 with closed GOPs: every sync sample is an IDR' }
            @{ File = 'hevc-bframes.mp4'; Closed = $true; Length = 30; Why = 'x265 open-gop=0: every sync sample is an IDR_W_RADL' }
            @{ File = 'h264-iframes-refs1.mp4'; Closed = $true; Length = 180; Why = 'stss lists only the IDR; the two I pictures that are not IDR are not sync samples' }
            @{ File = 'h264-slices-i-first.mp4'; Closed = $false; Length = 90; Why = 'stss lists the IDR and two I pictures that are not IDR (ffmpeg flagged them key when it muxed the raw stream)' }
            @{ File = 'mpeg2-bframes.mp4'; Closed = $false; Length = 15; Why = '-g 15 -bf 2: after the first GOP, closed_gop is 0 and two B pictures shown before each I follow it' }
            @{ File = 'mpeg4-bframes.mp4'; Closed = $false; Length = 15; Why = 'no GOV header; two B-VOPs shown before each I-VOP after the first follow it' }
            @{ File = 'av1-altref.mp4'; Closed = $true; Length = 30; Why = '-g 30: two KEY_FRAMEs' }
            @{ File = 'vp9-superframes.mp4'; Closed = $true; Length = 30; Why = '-g 30: two key frames' }
            @{ File = 'h263.3gp'; Closed = $true; Length = 10; Why = '-g 10, no B pictures: nothing shown before an I picture follows it' }
            @{ File = 'cut-23.976fps.mp4'; Closed = $true; Length = 48; Why = 'the copy starts on the IDR at 2 s; its 48 samples hold no other sync sample' }
        ) {
            $media = Join-Path $Fixtures $File
            $track = Get-Mp4Track -LiteralPath $media -Kind Video | Select-Object -First 1
            $track.ClosedGop | Should -Be $Closed
            $track.GopLength | Should -Be $Length
        }

        It 'sees the open GOPs of the MPEG fixtures in ffprobe''s packets too: pictures after the second key packet are shown before it' {
            foreach ($file in 'mpeg2-bframes.mp4', 'mpeg4-bframes.mp4') {
                $packets = @((Read-FfprobeRecord (Join-Path $Fixtures $file)).packets)
                $keys = @(for ($i = 0; $i -lt $packets.Count; $i++) { if ($packets[$i].flags -like 'K*') { $i } })
                $keys.Count | Should -BeGreaterThan 1
                [long]$packets[$keys[1] + 1].pts | Should -BeLessThan ([long]$packets[$keys[1]].pts) -Because "$file's second GOP is open"
            }
        }

        It 'gives audio no GOP structure, and reads the first video track alone as the reference of DelayRelativeToVideo' {
            $audio = Get-Mp4Track (Join-Path $Fixtures 'audio-video.mp4') -Kind Audio
            foreach ($name in 'GopLength', 'ClosedGop', 'GopPattern', 'MaxConsecutiveBFrames') { $audio.$name | Should -BeNullOrEmpty -Because "audio has no $name" }
            $audio.DelayRelativeToVideo | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Get-Mp4Track GOP structure of open GOPs encoded here' {
    BeforeAll {
        # Neither the fixtures nor the corpus hold an HEVC CRA picture: encode open and closed GOPs with x265 and x264.
        $ffmpeg = Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        $encoders = if ($ffmpeg) { (& $ffmpeg.Source -hide_banner -encoders 2>$null) -join "`n" } else { '' }
        $noEncoder = if (-not $ffmpeg) { 'ffmpeg is not on PATH (install ffmpeg 5.1; .ci/run does)' }
        elseif ($encoders -notmatch 'libx265' -or $encoders -notmatch 'libx264') { 'this ffmpeg has no libx264 or libx265 encoder' }

        # 3 s at 30 fps in GOPs of 30 with 3 B-frames, open or closed; fragmented at each key frame when asked.
        function New-Encode([string] $Encoder, [int] $Open, [switch] $Fragmented) {
            $media = Join-Path $TestDrive "$Encoder-open-$Open$(if ($Fragmented) { '-frag' }).mp4"
            $params = if ($Encoder -eq 'libx265') { "bframes=3:b-adapt=0:keyint=30:min-keyint=30:scenecut=0:open-gop=$($Open):info=0:pools=none:frame-threads=1:log-level=error" }
            else { "bframes=3:b-pyramid=normal:b-adapt=0:keyint=30:min-keyint=30:scenecut=0:open-gop=$Open" }
            $paramName = if ($Encoder -eq 'libx265') { '-x265-params' } else { '-x264-params' }
            $layout = if ($Fragmented) { @('-movflags', 'frag_keyframe+empty_moov+default_base_moof') } else { @() }
            & $ffmpeg.Source -hide_banner -loglevel error -nostdin -y -f lavfi -i 'testsrc2=size=128x72:rate=30:duration=3' -threads 1 -c:v $Encoder -preset ultrafast $paramName $params @layout $media
            $LASTEXITCODE | Should -Be 0
            $media
        }
    }

    It '<Encoder> open-gop=<Open>: ClosedGop <Closed>, the sync samples after the first are <Kind>' -ForEach @(
        @{ Encoder = 'libx265'; Open = 1; Closed = $false; Kind = 'CRA_NUT' }
        @{ Encoder = 'libx265'; Open = 0; Closed = $true; Kind = 'IDR_W_RADL|IDR_N_LP' }
        @{ Encoder = 'libx264'; Open = 1; Closed = $false; Kind = 'non-IDR' }
        @{ Encoder = 'libx264'; Open = 0; Closed = $true; Kind = 'IDR' }
    ) {
        if ($noEncoder) { Set-ItResult -Skipped -Because $noEncoder; return }
        $media = New-Encode $Encoder $Open

        $track = Get-Mp4Track -LiteralPath $media
        $samples = @(Get-Mp4SampleTiming -LiteralPath $media -PictureType)
        $track.ClosedGop | Should -Be $Closed
        $track.GopLength | Should -Be 30
        $track.MaxConsecutiveBFrames | Should -BeNullOrEmpty
        (Get-Mp4Track -LiteralPath $media -PictureType).MaxConsecutiveBFrames | Should -Be 3
        # After the first, every sync sample is of the kind the encoder was asked for; with open GOPs a picture
        # after it in decode order is shown before it, and is a RASL picture in HEVC.
        $later = @($samples | Where-Object IsSync | Select-Object -Skip 1)
        $later.Count | Should -Be 2
        foreach ($sync in $later) {
            $sync.PictureKind | Should -MatchExactly "^($Kind)$"
            $next = $samples[$sync.Sample]
            if ($Open) { $next.CompositionTicks | Should -BeLessThan $sync.CompositionTicks }
            if ($Open -and $Encoder -eq 'libx265') { $next.PictureKind | Should -Match '^RASL_' }
        }
        # The track starts on an IDR: a player entering it at the start decodes every picture.
        Test-Mp4Timing -LiteralPath $media -Rule OpenGopStart, SyncSampleNotIntra | Should -BeNullOrEmpty
    }

    It '<Encoder> open-gop=<Open> in fragments at each key frame: OpenGopStart <Findings>' -ForEach @(
        @{ Encoder = 'libx265'; Open = 1; Findings = 'names the fragments that start on a CRA'; Kind = 'CRA_NUT' }
        @{ Encoder = 'libx264'; Open = 1; Findings = 'names the fragments that start on an I picture that is not IDR'; Kind = 'non-IDR' }
        @{ Encoder = 'libx265'; Open = 0; Findings = 'finds nothing' }
        @{ Encoder = 'libx264'; Open = 0; Findings = 'finds nothing' }
    ) {
        if ($noEncoder) { Set-ItResult -Skipped -Because $noEncoder; return }
        $media = New-Encode $Encoder $Open -Fragmented
        $findings = @(Test-Mp4Timing -LiteralPath $media -Rule OpenGopStart, SyncSampleNotIntra)
        if (-not $Open) { $findings | Should -BeNullOrEmpty; return }

        # Fragments 2 and 3 start on the sync samples after the first, the open GOPs' I pictures, each followed in decode
        # order by pictures shown before it (what a player that joins at the fragment cannot decode).
        $samples = @(Get-Mp4SampleTiming -LiteralPath $media -PictureType)
        $starts = @($samples | Group-Object { $_.Fragment } | ForEach-Object { $_.Group[0] } | Select-Object -Skip 1)
        $starts.Sample | Should -Be @($samples | Where-Object IsSync | Select-Object -Skip 1).Sample
        $starts.Count | Should -Be 2
        foreach ($start in $starts) {
            $start.PictureKind | Should -MatchExactly "^($Kind)$"
            $samples[$start.Sample].PtsTicks | Should -BeLessThan $start.PtsTicks
        }
        $findings | Should -HaveCount 1
        $finding = $findings[0]
        $finding.Rule | Should -Be 'OpenGopStart'
        $finding.Severity | Should -Be 'Warning'
        $finding.Sample | Should -Be $starts[0].Sample
        $finding.Count | Should -Be 2
        $finding.Time | Should -Be $starts[0].Pts
        $finding.Message | Should -BeLike "fragment $($starts[0].Fragment) starts on sample $($starts[0].Sample) *($Kind), which does not start a closed GOP*; 2 fragments start so in all"
    }
}

Describe 'Get-Mp4Track GOP structure on the real-world corpus' {
    It 'agrees with the picture type of every sample: first GOP, B-frame runs, GOP length, and closed GOPs where the pictures alone decide' {
        if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
        # Sync samples that start a closed GOP whatever follows, and those that never do (PictureKind as -PictureType gives it).
        $closedKinds = 'IDR', 'IDR_W_RADL', 'IDR_N_LP', 'BLA_W_LP', 'BLA_W_RADL', 'BLA_N_LP', 'KEY_FRAME', 'key'
        $openKinds = 'non-IDR', 'INTRA_ONLY_FRAME', 'intra-only'
        $problems = [Collections.Generic.List[string]]::new()
        $figures = @{ Tracks = 0; Closed = 0; Open = 0; Unknown = 0; ClosedChecked = 0; OpenChecked = 0; Lengths = [Collections.Generic.List[long]]::new() }
        $codecs = @{}
        foreach ($entry in Get-CorpusEntry) {
            $tracks = @(Get-Mp4Track -LiteralPath $entry.FullName -Kind Video -PictureType -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                    Where-Object { $_.SampleCount -gt 0 -and -not $_.ReadError })
            foreach ($track in $tracks) {
                $samples = @(Get-Mp4SampleTiming -LiteralPath $entry.FullName -TrackId $track.TrackId -PictureType -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                        Group-Object Sample | ForEach-Object { $_.Group[0] })
                if ($samples.Count -ne $track.SampleCount) { $problems.Add("$($entry.Path) #$($track.TrackId): $($samples.Count) samples read, Get-Mp4Track counts $($track.SampleCount)"); continue }
                $figures.Tracks++
                $codecs[$track.Codec] = 1 + [int]$codecs[$track.Codec]
                $letters = @($samples | ForEach-Object { if ($null -ne $_.PictureType) { $FfmpegChar["$($_.PictureType)"] } else { '?' } })
                $expected = Get-GopExpectation $samples $letters
                $where = "$($entry.Path) #$($track.TrackId) ($($track.CodecString))"
                if ($track.GopLength -ne $expected.Length) { $problems.Add("$where GopLength $($track.GopLength), expected $($expected.Length)") }
                if ($null -ne $track.GopLength) {
                    $figures.Lengths.Add($track.GopLength)
                    if ($track.GopLength -lt 1 -or $track.GopLength -gt $track.SampleCount) { $problems.Add("$where GopLength $($track.GopLength) of $($track.SampleCount) samples") }
                }
                if ($null -eq $track.GopPattern) {
                    if (@($samples | Where-Object PictureKind).Count -gt 0) { $problems.Add("$where has picture types but no GopPattern") }
                    $figures.Unknown++
                    continue
                }
                if ($track.GopPattern -cne $expected.Pattern) { $problems.Add("$where GopPattern $($track.GopPattern), expected $($expected.Pattern)") }
                if ($track.MaxConsecutiveBFrames -ne $expected.MaxB) { $problems.Add("$where MaxConsecutiveBFrames $($track.MaxConsecutiveBFrames), expected $($expected.MaxB)") }

                $syncKinds = @($samples | Where-Object IsSync | ForEach-Object { "$($_.PictureKind)" })
                switch ($track.ClosedGop) {
                    $true { $figures.Closed++ }
                    $false { $figures.Open++ }
                    default { $figures.Unknown++ }
                }
                $notIntra = @($samples | Where-Object { $_.IsSync -and $null -ne $_.PictureType -and $_.PictureType -notin 'I', 'SI' })
                if ($syncKinds.Count -gt 0 -and @($syncKinds | Where-Object { $_ -cnotin $closedKinds }).Count -eq 0) {
                    $figures.ClosedChecked++
                    if ($track.ClosedGop -ne $true) { $problems.Add("$where every sync sample is $(($syncKinds | Select-Object -Unique) -join '/'), ClosedGop $($track.ClosedGop)") }
                }
                elseif (@($syncKinds | Where-Object { $_ -cin $openKinds }).Count -gt 0 -or $notIntra.Count -gt 0) {
                    $figures.OpenChecked++
                    if ($track.ClosedGop -ne $false) { $problems.Add("$where a sync sample is $(($syncKinds | Where-Object { $_ -cin $openKinds } | Select-Object -First 1)) or not intra, ClosedGop $($track.ClosedGop)") }
                }
            }
        }
        $lengths = $figures.Lengths | Group-Object | Sort-Object Count -Descending | Select-Object -First 6 | ForEach-Object { "$($_.Name) ($($_.Count))" }
        Write-Host ("GOP structure on the corpus: {0} video tracks ({1}); ClosedGop true {2}, false {3}, unknown {4}; decided by the sync pictures alone and checked: {5} closed, {6} open; most common GopLength: {7}" -f
            $figures.Tracks, (($codecs.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '),
            $figures.Closed, $figures.Open, $figures.Unknown, $figures.ClosedChecked, $figures.OpenChecked, ($lengths -join ', '))
        $problems | Select-Object -First 20 | ForEach-Object { Write-Host "  DIFFERS $_" }
        $problems | Should -BeNullOrEmpty
        $figures.Tracks | Should -BeGreaterThan 50 -Because 'a comparison that compared nothing proves nothing'
        $figures.ClosedChecked | Should -BeGreaterThan 0
    }
}
