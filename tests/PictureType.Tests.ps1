# Get-Mp4SampleTiming -PictureType against ffmpeg's decoders: the frames recorded beside the fixtures
# (<name>.pictures.json, ffprobe -show_frames), and a live ffprobe on the real-world corpus.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $PictureFixtures = @(Get-PictureFixture)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Test-KeyKind($Sample) {
        # The documented key_frame of ffmpeg's decoders, from the kind: an IDR, an IRAP picture, a key frame, an intra VOP or picture.
        $Sample.PictureKind -cmatch '^(IDR|IDR_W_RADL|IDR_N_LP|BLA_W_LP|BLA_W_RADL|BLA_N_LP|CRA_NUT|RSV_IRAP_VCL2[23]|KEY_FRAME|key|I-VOP|I|INTRA)$'
    }

    function Compare-PictureType {
        <#
            Matches decoded frames (stream_index, pkt_pos, pict_type, key_frame) to the samples of the tracks by
            byte offset. Returns per-codec counts and the differences; frames without a sample count as differences.
        #>
        param([string] $Media, [object[]] $Streams, [object[]] $Frames, [hashtable] $Stats, [Collections.Generic.List[string]] $Problems)
        foreach ($stream in $Streams) {
            $streamFrames = @($Frames | Where-Object stream_index -EQ $stream.index)
            if ($streamFrames.Count -eq 0) { continue }
            $trackId = [Convert]::ToUInt32($stream.id.Substring(2), 16)
            $byOffset = @{}
            Get-Mp4SampleTiming -LiteralPath $Media -TrackId $trackId -PictureType -ErrorAction SilentlyContinue |
                ForEach-Object { if (-not $byOffset.ContainsKey([long]$_.Offset)) { $byOffset[[long]$_.Offset] = $_ } }
            $codec = $stream.codec_name
            if (-not $Stats.ContainsKey($codec)) { $Stats[$codec] = [pscustomobject]@{ Frames = 0; TypeEqual = 0; KeyEqual = 0 } }
            $s = $Stats[$codec]
            foreach ($frame in $streamFrames) {
                $s.Frames++
                $sample = $byOffset[[long]$frame.pkt_pos]
                $ours = if ($sample -and $null -ne $sample.PictureType) { $FfmpegChar["$($sample.PictureType)"] } else { '?' }
                if ($ours -ceq $frame.pict_type) { $s.TypeEqual++ }
                elseif ($Problems.Count -lt 20) { $Problems.Add("$Media track $trackId at $($frame.pkt_pos): ours $ours ($($sample.PictureKind)), ffmpeg $($frame.pict_type)") }
                if ($sample -and [bool](Test-KeyKind $sample) -eq ($frame.key_frame -eq 1)) { $s.KeyEqual++ }
                elseif ($Problems.Count -lt 20) { $Problems.Add("$Media track $trackId at $($frame.pkt_pos): kind $($sample.PictureKind), ffmpeg key_frame $($frame.key_frame)") }
            }
        }
    }

    function Format-PictureStats([hashtable] $Stats) {
        ($Stats.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key) $($_.Value.TypeEqual)/$($_.Value.Frames) types, $($_.Value.KeyEqual) key flags" }) -join '; '
    }
}

Describe 'Get-Mp4SampleTiming -PictureType' {
    BeforeAll {
        # The figures per codec over all fixtures, printed when the fixtures are done.
        $FixtureStats = @{}
    }

    AfterAll {
        if ($FixtureStats.Count) { Write-Host "PictureType vs ffprobe pict_type on the fixtures: $(Format-PictureStats $FixtureStats)" }
    }

    It '<Name>: PictureType equals the pict_type ffmpeg decoded, frame by frame' -ForEach $PictureFixtures {
        $media = Join-Path $Fixtures $Name
        $recorded = Get-Content ([IO.Path]::ChangeExtension($media, '.pictures.json')) -Raw | ConvertFrom-Json
        $streams = @((Read-FfprobeRecord $media).streams | Where-Object codec_type -EQ 'video')
        $stats = @{}
        $problems = [Collections.Generic.List[string]]::new()
        Compare-PictureType -Media $media -Streams $streams -Frames @($recorded.frames) -Stats $stats -Problems $problems
        foreach ($codec in $stats.Keys) {
            if (-not $FixtureStats.ContainsKey($codec)) { $FixtureStats[$codec] = [pscustomobject]@{ Frames = 0; TypeEqual = 0; KeyEqual = 0 } }
            $FixtureStats[$codec].Frames += $stats[$codec].Frames
            $FixtureStats[$codec].TypeEqual += $stats[$codec].TypeEqual
            $FixtureStats[$codec].KeyEqual += $stats[$codec].KeyEqual
        }
        $problems | Should -BeNullOrEmpty
        $compared = ($stats.Values | Measure-Object Frames -Sum).Sum
        $compared | Should -BeGreaterThan 0 -Because 'a comparison that compared nothing proves nothing'
        $compared | Should -Be @($recorded.frames).Count
    }

    It 'has the decoded frames recorded beside every fixture with video packets' {
        $missing = Get-ChildItem $Fixtures -Recurse -Filter *.ffprobe.json | Where-Object {
            $probe = Get-Content $_.FullName -Raw | ConvertFrom-Json
            # Cover pictures (attached_pic) are video streams of one still picture, not video.
            $video = @($probe.streams | Where-Object { $_.codec_type -eq 'video' -and -not ($_.PSObject.Properties['disposition'] -and $_.disposition.attached_pic) } | ForEach-Object index)
            @($probe.packets | Where-Object { $_.stream_index -in $video }).Count -gt 0 -and
                -not (Test-Path ($_.FullName -replace '\.ffprobe\.json$', '.pictures.json'))
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'types the non-IDR I pictures of Constrained Baseline streams, which ffmpeg flags K only with one reference frame' {
        foreach ($refs in 1, 2) {
            $media = Join-Path $Fixtures "h264-iframes-refs$refs.mp4"
            $iso = @(Get-Mp4SampleTiming $media -PictureType)
            $ffmpeg = @(Get-Mp4SampleTiming $media -Convention Ffmpeg)
            $intra = @($iso | Where-Object { $_.PictureType -eq 'I' -and $_.PictureKind -eq 'non-IDR' })
            $intra.Count | Should -Be 2
            $intra | ForEach-Object { $_.IsSync | Should -BeFalse -Because 'stss lists sample 1 only' }
            $keys = @($intra | ForEach-Object { $ffmpeg[$_.Sample - 1].IsSync })
            $keys | Should -Be @(($refs -eq 1), ($refs -eq 1))
        }
    }

    It 'takes the first slice''s type when the slices of a picture differ' {
        $iFirst = @(Get-Mp4SampleTiming (Join-Path $Fixtures 'h264-slices-i-first.mp4') -PictureType)
        $pFirst = @(Get-Mp4SampleTiming (Join-Path $Fixtures 'h264-slices-p-first.mp4') -PictureType)
        $changed = @(0..($iFirst.Count - 1) | Where-Object { $iFirst[$_].PictureType -ne $pFirst[$_].PictureType })
        $changed.Count | Should -Be 1
        $iFirst[$changed[0]].PictureType | Should -Be 'I'
        $pFirst[$changed[0]].PictureType | Should -Be 'P'
    }

    It 'leaves audio samples, and every sample without the switch, without a picture type' {
        $media = Join-Path $Fixtures 'audio-video.mp4'
        $audio = @(Get-Mp4SampleTiming $media -Kind Audio -PictureType)
        $audio.Count | Should -BeGreaterThan 0
        $audio | Where-Object { $null -ne $_.PictureType -or $null -ne $_.PictureKind } | Should -BeNullOrEmpty
        Get-Mp4SampleTiming $media -Kind Video | Where-Object { $null -ne $_.PictureType } | Should -BeNullOrEmpty
    }

    It 'gives the same picture types with -Convention Ffmpeg and -PresentationOrder' {
        $media = Join-Path $Fixtures 'bframes-editlist.mp4'
        $decode = @(Get-Mp4SampleTiming $media -PictureType | ForEach-Object { "$($_.Sample)$($_.PictureType)" })
        $ffmpeg = @(Get-Mp4SampleTiming $media -PictureType -Convention Ffmpeg | ForEach-Object { "$($_.Sample)$($_.PictureType)" })
        $ordered = @(Get-Mp4SampleTiming $media -PictureType -PresentationOrder | Sort-Object Sample | ForEach-Object { "$($_.Sample)$($_.PictureType)" })
        $ffmpeg | Should -Be $decode
        $ordered | Should -Be $decode
    }
}

Describe 'PictureType on the real-world corpus' {
    BeforeAll {
        $skipReason = if (-not $HasCorpus) { "the corpus is not at $CorpusRoot" } elseif ($null -eq $FfprobeCommand) { 'ffprobe is not installed' } else { $null }
    }

    It 'equals the pict_type ffprobe decodes on every frame of every video track' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        # Decoding is the cost: tracks of more than 10 gigapixels (width x height x samples) are left to a full
        # run (MP4TIMING_FULL_CORPUS=1); the corpus holds the same AV1 stream at 180p, which is compared.
        $budget = if ($env:MP4TIMING_FULL_CORPUS -eq '1') { [double]::MaxValue } else { 1e10 }
        $stats = @{}
        $problems = [Collections.Generic.List[string]]::new()
        $skipped = [Collections.Generic.List[string]]::new()
        foreach ($entry in Get-CorpusEntry | Where-Object FfprobeOk) {
            $top = @(Get-Mp4Box -LiteralPath $entry.FullName -ErrorAction SilentlyContinue | Where-Object Depth -EQ 0).Type
            if ('moov' -notin $top) { continue }
            $json = & $FfprobeCommand.Source -v fatal -select_streams v -show_streams -of json "file:$($entry.FullName)"
            $streams = @((($json -join "`n") | ConvertFrom-Json).streams | Where-Object {
                    $_.PSObject.Properties['id'] -and $_.id -and -not ($_.PSObject.Properties['disposition'] -and $_.disposition.attached_pic -eq 1) })
            $decode = @(foreach ($stream in $streams) {
                    $trackId = [Convert]::ToUInt32($stream.id.Substring(2), 16)
                    $samples = @(Get-Mp4SampleTiming -LiteralPath $entry.FullName -TrackId $trackId -ErrorAction SilentlyContinue).Count
                    $pixels = [double]$stream.width * [double]$stream.height * $samples
                    if ($pixels -gt $budget) { $skipped.Add("$($entry.Path) track $trackId"); continue }
                    $stream
                })
            if ($decode.Count -eq 0) { continue }
            # -v fatal: damaged and encrypted samples make the decoder log on every frame; the frames are what count.
            $json = & $FfprobeCommand.Source -v fatal -select_streams v -show_frames -show_entries 'frame=stream_index,pkt_pos,pict_type,key_frame' -of json "file:$($entry.FullName)"
            $decoded = @((($json -join "`n") | ConvertFrom-Json).frames)
            Compare-PictureType -Media $entry.FullName -Streams $decode -Frames $decoded -Stats $stats -Problems $problems
        }
        Write-Host "PictureType vs ffprobe pict_type on the corpus: $(Format-PictureStats $stats)"
        if ($skipped.Count) { Write-Host "  not decoded in this run (over 10 gigapixels; MP4TIMING_FULL_CORPUS=1 decodes them): $($skipped -join ', ')" }
        $problems | ForEach-Object { Write-Host "  DIFFERS $_" }
        $problems | Should -BeNullOrEmpty
        ($stats.Values | Measure-Object Frames -Sum).Sum | Should -BeGreaterThan 0 -Because 'a comparison that compared nothing proves nothing'
        $stats.Keys | Should -Contain 'h264'
        $stats.Keys | Should -Contain 'hevc'
        $stats.Keys | Should -Contain 'av1'
    }

    It 'reads every file with -PictureType or fails cleanly' {
        if (-not $HasCorpus) { Set-ItResult -Skipped -Because "the corpus is not at $CorpusRoot"; return }
        $unclean = [Collections.Generic.List[string]]::new()
        foreach ($entry in Get-CorpusEntry) {
            $errs = $null
            $null = Get-Mp4SampleTiming -LiteralPath $entry.FullName -PictureType -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue
            foreach ($err in $errs) {
                if ($err.Exception -isnot [Mp4Timing.Mp4FormatException] -and $err.FullyQualifiedErrorId -notmatch 'TrackNotFound') {
                    $unclean.Add("$($entry.Path): $($err.Exception.GetType().Name): $($err.Exception.Message)")
                }
            }
        }
        $unclean | Should -BeNullOrEmpty
    }
}
