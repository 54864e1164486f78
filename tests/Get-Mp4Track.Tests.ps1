# Get-Mp4Track: the track summary, checked by hand on the fixtures, against the samples Get-Mp4SampleTiming reads,
# and against the tools users compare with: ffprobe -show_streams, MediaInfo (mediainfo --Output=JSON) and
# mp4box.js's codec strings. Where a peer differs, a reason says who is right and why; a difference without a
# reason fails, and so does a comparison that compared nothing.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # The fixtures with a recorded ffprobe output; MediaInfo and mp4box.js are recorded beside the same files.
    $Recorded = @(Get-ChildItem $Fixtures -Recurse -Filter '*.ffprobe.json' | ForEach-Object {
            $base = $_.FullName -replace '\.ffprobe\.json$', ''
            Get-ChildItem -Path "$base.*" -File | Where-Object { $_.Extension -in '.mp4', '.m4a', '.mov', '.m4s', '.3gp' } | Select-Object -First 1
        } | Sort-Object FullName | ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($Fixtures, $_.FullName).Replace('\', '/') } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $RecordedNames = @(Get-ChildItem $Fixtures -Recurse -Filter '*.ffprobe.json' | ForEach-Object {
            $base = $_.FullName -replace '\.ffprobe\.json$', ''
            Get-ChildItem -Path "$base.*" -File | Where-Object { $_.Extension -in '.mp4', '.m4a', '.mov', '.m4s', '.3gp' } | Select-Object -First 1
        } | Sort-Object FullName | ForEach-Object { [IO.Path]::GetRelativePath($Fixtures, $_.FullName).Replace('\', '/') })
    # What the records hold, so that every comparison must reach all of it: the tracks of the recorded ffprobe
    # outputs (cover pictures are not tracks), and the audio tracks whose MediaInfo record gives a channel count.
    $RecordedTracks = @(foreach ($name in $RecordedNames) { Get-FfprobeTrack (Read-FfprobeRecord (Join-Path $Fixtures $name)) })
    $RecordedVideo = @($RecordedTracks | Where-Object CodecType -eq 'video').Count
    $RecordedAudio = @($RecordedTracks | Where-Object CodecType -eq 'audio').Count
    $RecordedChannels = @(foreach ($name in $RecordedNames) {
            $record = Get-Content -Raw ([IO.Path]::ChangeExtension((Join-Path $Fixtures $name), '.mediainfo.json')) | ConvertFrom-Json
            $record.media.track | Where-Object { $_.'@type' -eq 'Audio' -and $_.PSObject.Properties['Channels'] }
        }).Count
    $MediaInfoCommand = Get-Command mediainfo -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $NoFfprobe = 'ffprobe is not on PATH (apt-get install ffmpeg): the recorded outputs beside the fixtures are compared instead'
    $NoMediaInfo = 'mediainfo is not on PATH (apt-get install mediainfo): the outputs recorded beside the fixtures are compared instead'
    $NoCorpus = "the shared corpus is not at $CorpusRoot (set MP4TIMING_CORPUS to its folder)"

    # Differences a file-by-file look explained (corpus paths relative to corpus/real, then #track and the field).
    # Each says who is right and why; the corpus test fails when one of them no longer happens (a stale entry).
    $KnownDifferences = @{
        # ffprobe -show_streams
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_with_fake_auxiliary_tracks.mp4#1 ffprobe Size' =
            'ffprobe is right about the picture: the sample entry says 12x10, the SPS ffprobe decodes says 10x12; Width and Height are the sample entry''s'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_with_fake_auxiliary_tracks_interleaved_with_primary_video_tracks.mp4#1 ffprobe Size' =
            'ffprobe is right about the picture: the sample entry says 12x10, the SPS ffprobe decodes says 10x12; Width and Height are the sample entry''s'
        'eyevinn-mp4ff/cmd/mp4ff-decrypt/testdata/PIFF/wma_piff_scheme/audio_dec.mp4#3 ffprobe CodecTag' =
            'both describe the same entry: its fourcc is "wma " and ffmpeg shows the WAVEFORMATEX format tag inside it (0x0161, Windows Media Audio 2) as a[1][0][0]'
        'eyevinn-mp4ff/cmd/mp4ff-decrypt/testdata/PIFF/wma_piff_scheme/audio_dec.mp4#3 ffprobe SampleRate' =
            'ffprobe is right: the rate is in the entry''s WAVEFORMATEX, which Mp4Timing does not decode (a PIFF-only sample entry)'
        'eyevinn-mp4ff/cmd/mp4ff-decrypt/testdata/PIFF/wma_piff_scheme/audio_dec.mp4#3 ffprobe Channels' =
            'ffprobe is right: the channels are in the entry''s WAVEFORMATEX, which Mp4Timing does not decode (a PIFF-only sample entry)'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_dthd.mp4#1 ffprobe SampleRate' =
            'ffprobe is right: Dolby TrueHD (mlpa) keeps its rate and layout in dmlp and the stream, which Mp4Timing does not decode'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_dthd.mp4#1 ffprobe Channels' =
            'ffprobe is right: Dolby TrueHD (mlpa) keeps its rate and layout in dmlp and the stream, which Mp4Timing does not decode'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/bbb_1ch_8kHz_aac_lc.m4a#1 ffprobe StartTime' =
            'ffprobe is right by definition: it adds the iTunes gapless encoder delay (iTunSMPB, 2048 samples = 0.256 s) to the start time; the ffmpeg model does not read iTunSMPB yet'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_empty_track.mp4#2 ffprobe StartTime' =
            'ffprobe is right by definition: a stream without packets gets the file''s start time (0); the ffmpeg model gives a track without samples none'
        # MediaInfo
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_ac4_protected.mp4#1 MediaInfo SampleRate' =
            'Mp4Timing is right: the sample entry says 48000 Hz and dac4''s fs_index is 1 (48 kHz); MediaInfo 23.04 says 44100'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_ac4_protected.mp4#1 MediaInfo Channels' =
            'MediaInfo is right: AC-4''s channels are in the presentations of dac4, which Mp4Timing does not decode; Channels is the sample entry''s 2'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_mhm1_prefaudiolang.mp4#1 MediaInfo Channels' =
            'MediaInfo is right: this mhm1 track has no mhaC, its layout is only in the MHAS stream, which MediaInfo reads and Mp4Timing does not'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_dthd.mp4#1 MediaInfo SampleRate' =
            'MediaInfo is right: Dolby TrueHD (mlpa) keeps its rate in dmlp and the stream, which Mp4Timing does not decode'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_dthd.mp4#1 MediaInfo Channels' =
            'MediaInfo is right: Dolby TrueHD (mlpa) keeps its layout in dmlp and the stream, which Mp4Timing does not decode'
        'eyevinn-mp4ff/cmd/mp4ff-decrypt/testdata/PIFF/wma_piff_scheme/audio_dec.mp4#3 MediaInfo SampleRate' =
            'MediaInfo is right: the rate is in the entry''s WAVEFORMATEX, which Mp4Timing does not decode (a PIFF-only sample entry)'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_android_slow_motion.mp4#1 MediaInfo FrameRate' =
            'both, for different questions: 7 frames last 0.5253 s, 13.32 fps on average (FrameRate); MediaInfo gives the rate of the 6 frames after the long first one (29281 ticks, its Duration_FirstFrame): 30'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_android_slow_motion.mp4#1 MediaInfo FrameRateMode' =
            'Mp4Timing is right: the first frame lasts 29281 ticks and the others 3000, a variable rate; MediaInfo sets the long first frame aside'
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/h265_with_metadata_track.mp4#3 MediaInfo FrameRate' =
            'Mp4Timing is right about the file: 3 frames last 9006 ticks at 90000, 29.98 fps; MediaInfo rounds to the nominal 29.970 (and says FrameRate_Real 30.000)'
        # mp4box.js
        'androidx-media/libraries/test_data/src/test/assets/media/mp4/sample_vvc.mp4#1 mp4box.js CodecString' =
            'mp4box.js is right: Mp4Timing does not decode vvcC yet, so it names the VVC track by its fourcc alone'
        'eyevinn-mp4ff/cmd/mp4ff-decrypt/testdata/PIFF/wma_piff_scheme/audio.mp4#3 mp4box.js CodecString' =
            'neither gives a codec string a player can use: mp4box.js names the protected entry (enca), Mp4Timing its original format "wma " (WMA has no RFC 6381 form)'
    }

    function New-Tally {
        # Per peer and field: tracks compared, agreeing, and the differences with their reasons (or without one).
        [ordered]@{}
    }

    function Add-Outcome($Tally, [string] $Field, [string] $Where, $Ours, $Theirs, [string] $Reason, [bool] $Agree) {
        if (-not $Tally.Contains($Field)) {
            $Tally[$Field] = [pscustomobject]@{ Compared = 0; Agreed = 0; Explained = [Collections.Generic.List[string]]::new(); Unexplained = [Collections.Generic.List[string]]::new() }
        }
        $entry = $Tally[$Field]
        $entry.Compared++
        if ($Agree) { $entry.Agreed++; return }
        $line = "$Where`: ours '$Ours', theirs '$Theirs'"
        if ($Reason) { $entry.Explained.Add("$line - $Reason") } else { $entry.Unexplained.Add($line) }
    }

    function Resolve-Difference([string] $Key, [string] $Generic) {
        # A file-by-file reason first, then the generic one; records which known entries were used.
        if ($KnownDifferences.ContainsKey($Key)) { [void]$script:UsedKnown.Add($Key); return $KnownDifferences[$Key] }
        return $Generic
    }
    $script:UsedKnown = [Collections.Generic.HashSet[string]]::new()

    function Write-Tally($Tally, [string] $Title) {
        foreach ($field in $Tally.Keys) {
            $t = $Tally[$field]
            Write-Host ("{0} {1}: {2} of {3} tracks agree; {4} differ with a reason, {5} without" -f $Title, $field, $t.Agreed, $t.Compared, $t.Explained.Count, $t.Unexplained.Count)
            $t.Explained | ForEach-Object { Write-Host "    $_" }
            $t.Unexplained | ForEach-Object { Write-Host "    UNEXPLAINED $_" }
        }
    }

    function Get-MoovSampleCount([string] $Path) {
        # stsz/stz2 sample_count of each track of the (first) moov, by track ID: what ffmpeg's nb_frames counts.
        $boxes = @(Get-Mp4Box -LiteralPath $Path -Type tkhd, stsz, stz2 -ErrorAction SilentlyContinue | Where-Object { $_.BoxPath -like '/moov/*' })
        $counts = @{}
        foreach ($tkhd in $boxes | Where-Object Type -eq 'tkhd') {
            $trak = $tkhd.BoxPath -replace '/tkhd$', ''
            $table = $boxes | Where-Object { $_.Type -ne 'tkhd' -and $_.BoxPath.StartsWith("$trak/mdia/minf/stbl/") } | Select-Object -First 1
            $counts[[uint32]$tkhd.TrackId] = if ($table) { [long]$table.SampleCount } else { 0L }
        }
        $counts
    }

    function Compare-Ffprobe($Tracks, $Probe, [string] $Name, [string] $Path, $Tally) {
        # codec_tag_string, width/height, sample_rate, channels, nb_frames and start_time of each stream with a track.
        $moovCounts = $null
        foreach ($stream in $Probe.streams) {
            if (-not $stream.PSObject.Properties['id'] -or -not $stream.id) { continue }
            if ($stream.PSObject.Properties['disposition'] -and $stream.disposition.attached_pic -eq 1) { continue }
            $id = [Convert]::ToUInt32($stream.id.Substring(2), 16)
            $track = $Tracks | Where-Object TrackId -eq $id | Select-Object -First 1
            $where = "$Name#$id"
            if (-not $track) { Add-Outcome $Tally 'Track' $where $null $stream.codec_type '' $false; continue }
            Add-Outcome $Tally 'Track' $where $id $id '' $true
            $p = $stream.PSObject.Properties

            $tag = $stream.codec_tag_string
            $why = if (-not $track.OriginalFormat -and $tag -match '^(\[0\])+$') { 'both say there is no sample description: ffprobe prints the zero tag' }
            Add-Outcome $Tally 'CodecTag' $where $track.OriginalFormat $tag (Resolve-Difference "$where ffprobe CodecTag" $why) ($tag -ceq $track.OriginalFormat)

            if ($stream.codec_type -eq 'video' -and $p['width']) {
                $ours = "$($track.Width)x$($track.Height)"; $theirs = "$($stream.width)x$($stream.height)"
                Add-Outcome $Tally 'Size' $where $ours $theirs (Resolve-Difference "$where ffprobe Size" '') ($ours -eq $theirs)
            }
            if ($stream.codec_type -eq 'audio') {
                # ffprobe prints 0 where it knows no value; Mp4Timing gives none.
                $rate = [double]$stream.sample_rate
                $why = Resolve-Difference "$where ffprobe SampleRate" $(if ($null -eq $track.SampleRate -and $track.OriginalFormat -eq 'iamf') {
                        'ffprobe is right: an IAMF sample entry stores no rate (its codec configuration OBU does, which Mp4Timing does not decode)' })
                Add-Outcome $Tally 'SampleRate' $where $track.SampleRate $rate $why (($rate -eq 0 -and $null -eq $track.SampleRate) -or $rate -eq $track.SampleRate)
                $channels = [int]$stream.channels
                $why = Resolve-Difference "$where ffprobe Channels" $(if ($channels -eq 0 -and $track.OriginalFormat -in 'mha1', 'mhm1', 'mha2', 'mhm2') {
                        "Mp4Timing is right: ffmpeg 5.1 has no MPEG-H 3D Audio decoder and reports 0 channels; mhaC's reference channel layout says $($track.Channels)" })
                Add-Outcome $Tally 'Channels' $where $track.Channels $channels $why (($channels -eq 0 -and $null -eq $track.Channels) -or $channels -eq $track.Channels)
            }

            $frames = if ($p['nb_frames']) { [long]$stream.nb_frames } else { 0L }
            $why = ''
            if ($frames -ne $track.SampleCount) {
                $moovCounts ??= Get-MoovSampleCount $Path
                $inMoov = $moovCounts[$id]
                if ($track.IsFragmented -and $frames -eq $inMoov) { $why = "ffmpeg counts only moov's samples ($inMoov) where fragments follow; the track has $($track.SampleCount) with its fragments" }
                elseif ($track.ReadError -and $frames -eq $inMoov) { $why = "Mp4Timing is right about the file: stsz claims $inMoov samples, the file is cut after $($track.SampleCount) (ReadError says where); ffprobe reports the claim" }
            }
            Add-Outcome $Tally 'FrameCount' $where $track.SampleCount $frames (Resolve-Difference "$where ffprobe FrameCount" $why) ($frames -eq $track.SampleCount)

            $start = if ($p['start_time']) { [double]$stream.start_time } else { $null }
            $ours = $track.FfmpegStartTime
            $same = ($null -eq $start -and $null -eq $ours) -or ($null -ne $start -and $null -ne $ours -and [Math]::Abs($start - $ours) -lt 0.0000015)
            $why = if ($null -eq $start -and $ours -eq 0 -and $stream.codec_type -eq 'data') {
                'ffprobe is right by definition: it leaves start_time unset for a data stream (a codec it does not know, here a TTML or data track); the ffmpeg model gives the first packet''s time'
            }
            Add-Outcome $Tally 'StartTime' $where $ours $start (Resolve-Difference "$where ffprobe StartTime" $why) $same
        }
    }

    function Get-MediaInfoReason($Track, [string] $Field, $Theirs, $MediaInfoTrack) {
        # Reasons that hold for a kind of track rather than one file.
        if ($Track.SampleCount -eq 0 -and $Field -like 'FrameRate*') {
            return 'no samples in this file (an init segment): Mp4Timing gives no rate; MediaInfo takes one from the defaults of the init segment'
        }
        if ($Track.ReadError -and $Field -like 'FrameRate*') { return "the file is cut short after $($Track.SampleCount) samples: Mp4Timing averages those; MediaInfo uses the tables' claims" }
        if ($Field -eq 'FrameRateMode' -and $Track.MediaDurationTicks -eq 0) { return 'Mp4Timing is right: every sample lasts 0 ticks, so there is no rate to call constant or variable' }
        if ($Field -eq 'FrameRate' -and $MediaInfoTrack.PSObject.Properties['FrameCount'] -and $MediaInfoTrack.PSObject.Properties['Duration']) {
            $rounded = [double]$MediaInfoTrack.FrameCount / [double]$MediaInfoTrack.Duration
            if ([Math]::Abs($rounded - [double]$Theirs) -lt 0.0005) {
                return ('Mp4Timing is right: {0} samples last {1} s; MediaInfo divides by the duration rounded to the millisecond ({2} s)' -f $Track.SampleCount, $Track.MediaDuration, $MediaInfoTrack.Duration)
            }
        }
        return ''
    }

    function Compare-MediaInfo($Tracks, $Record, [string] $Name, $Tally) {
        # Frame rate, frame rate mode, width/height, sampling rate and channels of each MediaInfo track with a track ID of ours.
        foreach ($track in $Tracks) {
            $m = $Record.media.track | Where-Object { $_.'@type' -ne 'General' -and $_.PSObject.Properties['ID'] -and $_.ID -eq "$($track.TrackId)" } | Select-Object -First 1
            if (-not $m) { continue }
            $where = "$Name#$($track.TrackId)"
            $p = $m.PSObject.Properties
            if ($p['Width'] -and $p['Height']) {
                $ours = "$($track.Width)x$($track.Height)"; $theirs = "$($m.Width)x$($m.Height)"
                Add-Outcome $Tally 'Size' $where $ours $theirs (Resolve-Difference "$where MediaInfo Size" '') ($ours -eq $theirs)
            }
            if ($p['SamplingRate']) {
                $why = if ($track.OriginalFormat -eq 'Opus' -and $track.SampleRate -eq 48000) {
                    "Mp4Timing is right: Opus always decodes at 48 kHz (RFC 7845, and ffprobe agrees); MediaInfo gives the rate the encoder was fed ($($m.SamplingRate), dOps InputSampleRate)"
                }
                Add-Outcome $Tally 'SampleRate' $where $track.SampleRate $m.SamplingRate (Resolve-Difference "$where MediaInfo SampleRate" $why) ([double]$m.SamplingRate -eq $track.SampleRate)
            }
            if ($p['Channels']) {
                Add-Outcome $Tally 'Channels' $where $track.Channels $m.Channels (Resolve-Difference "$where MediaInfo Channels" '') ([int]$m.Channels -eq $track.Channels)
            }
            if ($m.'@type' -eq 'Video' -and $track.Kind -eq 'Video') {
                if ($p['FrameRate']) {
                    # MediaInfo prints three decimals.
                    $same = $null -ne $track.FrameRate -and [Math]::Abs([Math]::Round($track.FrameRate, 3) - [double]$m.FrameRate) -lt 0.0005
                    $why = Resolve-Difference "$where MediaInfo FrameRate" (Get-MediaInfoReason $track 'FrameRate' $m.FrameRate $m)
                    Add-Outcome $Tally 'FrameRate' $where $track.FrameRate $m.FrameRate $why $same
                }
                if ($p['FrameRate_Mode']) {
                    $theirs = @{ CFR = 'Constant'; VFR = 'Variable' }[$m.FrameRate_Mode]
                    $why = Resolve-Difference "$where MediaInfo FrameRateMode" (Get-MediaInfoReason $track 'FrameRateMode' $m.FrameRate_Mode $m)
                    Add-Outcome $Tally 'FrameRateMode' $where $track.FrameRateMode $m.FrameRate_Mode $why ("$($track.FrameRateMode)" -eq $theirs)
                }
            }
        }
    }

    function Compare-Mp4BoxJs($Tracks, $Entry, [string] $Name, $Tally) {
        foreach ($recorded in $Entry.tracks) {
            $track = $Tracks | Where-Object TrackId -eq $recorded.id | Select-Object -First 1
            $where = "$Name#$($recorded.id)"
            if (-not $track) { Add-Outcome $Tally 'Track' $where $null $recorded.codec '' $false; continue }
            $theirs = $recorded.codec
            $why = if ($track.IsEncrypted -and $theirs -ceq $track.Codec) {
                "Mp4Timing is right: mp4box.js names the protected entry ($theirs); a codec string says what the decoder gets after decryption, the original format's, as DASH manifests write it for CENC content"
            }
            elseif ($theirs -ceq $track.OriginalFormat -and $track.CodecString -like 'mp4v.*') {
                'Mp4Timing is right: RFC 6381 3.3 gives mp4v the objectTypeIndication and, for MPEG-4 Visual (0x20), the profile_and_level_indication; mp4box.js writes the fourcc alone'
            }
            elseif ($theirs -ceq $track.OriginalFormat -and $track.CodecString -match '^mh[am][12]\.0x[0-9A-F]{2}$') {
                'Mp4Timing is right: MPEG-H codec strings carry mhaC''s profile-level (mhm1.0x0D, as DASH-IF and DVB write them); mp4box.js writes the fourcc alone'
            }
            # Hex digits may come in either case (avc1.64001F, avc1.64001f): the same codec string.
            Add-Outcome $Tally 'CodecString' $where $track.CodecString $theirs (Resolve-Difference "$where mp4box.js CodecString" $why) ($theirs -eq $track.CodecString)
        }
    }

    function Assert-Tally($Tally, [string[]] $Fields) {
        foreach ($field in $Fields) {
            $Tally.Contains($field) | Should -BeTrue -Because "the comparison of $field must compare something"
            $Tally[$field].Compared | Should -BeGreaterThan 0 -Because "the comparison of $field must compare something"
        }
        $unexplained = @($Tally.Values | ForEach-Object { $_.Unexplained })
        $unexplained | Should -BeNullOrEmpty -Because 'every difference needs a reason'
    }
}

Describe 'Get-Mp4Track' {
    Context 'the file of the question (timescale 30, B-frames, one edit with media_time 2)' {
        BeforeAll {
            $track = Get-Mp4Track (Join-Path $Fixtures 'bframes-editlist.mp4')
        }

        It 'names the track and its codec as manifests do' {
            $track.TrackId | Should -Be 1
            $track.Kind | Should -Be 'Video'
            $track.Handler | Should -Be 'vide'
            $track.Codec | Should -Be 'avc1'
            # avcC: AVCProfileIndication 100 (High), compatibility 0, level 10 (1.0).
            $track.CodecString | Should -Be 'avc1.64000A'
            ($track.Width, $track.Height, $track.DisplayWidth, $track.DisplayHeight) | Should -Be @(128, 72, 128, 72)
        }

        It 'gives the clocks and the timeline: 120 samples of 1 tick at 30 per second, presented from 0 to 4 s' {
            $track.Timescale | Should -Be 30
            $track.SampleCount | Should -Be 120
            $track.SyncSampleCount | Should -Be 4
            $track.MediaDurationTicks | Should -Be 120
            $track.FrameRate | Should -Be 30
            $track.FrameRateMode | Should -Be 'Constant'
            $track.StartTimeTicks | Should -Be 0
            $track.EndTimeTicks | Should -Be 120
            $track.PresentationDuration | Should -Be 4
            $track.MaxSyncInterval | Should -Be 1
            $track.EditList.Count | Should -Be 1
            $track.EditList[0].MediaTimeTicks | Should -Be 2
            $track.EditList[0].SegmentDurationTicks | Should -Be 4000
            $track.FfmpegStartTime | Should -Be 0
            $track.DelayRelativeToVideo | Should -BeNullOrEmpty
        }

        It 'measures the B-frame reordering: composition offsets 2,5,2,0,1 move sample 2 three places' {
            $track.HasReordering | Should -BeTrue
            $track.ReorderDepth | Should -Be 3
        }
    }

    Context 'delayed-audio.mp4: an empty edit delays the audio' {
        BeforeAll {
            $path = Join-Path $Fixtures 'delayed-audio.mp4'
            $video, $audio = @(Get-Mp4Track $path)
            $mediaInfo = (Get-Content -Raw ([IO.Path]::ChangeExtension($path, '.mediainfo.json')) | ConvertFrom-Json).media.track | Where-Object '@type' -eq 'Audio'
        }

        It 'starts the audio at 0.478 s, 0.478 s after the video, as ffprobe''s start_time says' {
            # elst: 478 ms empty, then media from 0. 478 ms at 48 kHz = 22944 ticks.
            $audio.StartTimeTicks | Should -Be 22944
            $audio.StartTime | Should -Be 0.478
            $audio.DelayRelativeToVideo | Should -Be 0.478
            $audio.FfmpegStartTime | Should -Be 0.478
            $audio.EditList[0].IsEmpty | Should -BeTrue
            $audio.PrimingTicks | Should -Be 0
            $video.StartTime | Should -Be 0
        }

        It 'counts the 189 samples there are (188 of 1024 ticks and one of 512) and ends where they end' {
            $audio.SampleCount | Should -Be 189
            $audio.MediaDurationTicks | Should -Be (188 * 1024 + 512)
            $audio.EndTimeTicks | Should -Be (22944 + 188 * 1024 + 512)
            $audio.PresentationDuration | Should -Be ((188 * 1024 + 512) / 48000)
        }

        It 'is right where MediaInfo 23.04 is not: 4.500 s and 211 frames for 189 samples presented from 0.478 s, no delay' {
            # MediaInfo gives the audio the movie's duration (mvhd 4500 ms) and counts frames over it (4.5 s × 46.875 = 211);
            # its own Source_FrameCount says 189. It reports no Video_Delay; its Source_Delay (478 ms) sits in "extra".
            $mediaInfo.Duration | Should -Be '4.500'
            $mediaInfo.FrameCount | Should -Be '211'
            $mediaInfo.Source_FrameCount | Should -Be '189'
            $mediaInfo.PSObject.Properties['Video_Delay'] | Should -BeNullOrEmpty
            $mediaInfo.PSObject.Properties['Delay'] | Should -BeNullOrEmpty
            $audio.SampleCount | Should -Be ([int]$mediaInfo.Source_FrameCount)
            $audio.SampleCount | Should -Not -Be ([int]$mediaInfo.FrameCount)
            $audio.PresentationDuration | Should -BeLessThan 4.5
        }
    }

    Context 'audio: priming, channels and rates from the codec configuration' {
        It 'aac-44100.m4a: the edit skips the 1024 samples of AAC priming' {
            $track = Get-Mp4Track (Join-Path $Fixtures 'aac-44100.m4a')
            $track.PrimingTicks | Should -Be 1024
            $track.PrimingDuration | Should -Be (1024 / 44100)
            $track.StartTime | Should -Be 0
            $track.FfmpegStartTime | Should -Be 0
            ($track.CodecString, $track.SampleRate, $track.Channels) | Should -Be @('mp4a.40.2', 44100, 1)
        }

        It 'opus.mp4: Opus at 48 kHz with its 312 samples of pre-skip skipped' {
            $track = Get-Mp4Track (Join-Path $Fixtures 'opus.mp4')
            ($track.CodecString, $track.SampleRate, $track.Channels, $track.PrimingTicks) | Should -Be @('Opus', 48000, 1, 312)
        }

        It 'mp3.mp4: MP3 has no decoder configuration; its first frame header says mono' {
            # The ISO sample entry templates channelcount at 2; ffprobe and MediaInfo, which read the frames, say 1.
            $track = Get-Mp4Track (Join-Path $Fixtures 'mp3.mp4')
            ($track.CodecString, $track.SampleRate, $track.Channels) | Should -Be @('mp4a.6B', 44100, 1)
            (Get-Mp4Box (Join-Path $Fixtures 'mp3.mp4') -Type mp4a).ChannelCount | Should -Be 2
        }
    }

    Context 'the samples Get-Mp4SampleTiming reads give the same counts, durations, reordering and peak rate' {
        It '<Name>' -ForEach $Recorded {
            $path = Join-Path $Fixtures $Name
            $tracks = @(Get-Mp4Track -LiteralPath $path -WarningAction SilentlyContinue)
            $tracks.Count | Should -BeGreaterThan 0
            foreach ($track in $tracks) {
                $samples = @(Get-Mp4SampleTiming -LiteralPath $path -TrackId $track.TrackId -WarningAction SilentlyContinue)
                $track.SampleCount | Should -Be $samples.Count -Because "track $($track.TrackId)"
                if ($samples.Count -eq 0) { continue }
                $track.SyncSampleCount | Should -Be @($samples | Where-Object IsSync).Count
                $track.Size | Should -Be ($samples | Measure-Object Size -Sum).Sum
                $track.MediaDurationTicks | Should -Be ($samples | Measure-Object DurationTicks -Sum).Sum
                $track.MinSampleDurationTicks | Should -Be ($samples | Measure-Object DurationTicks -Minimum).Minimum
                $track.MaxSampleDurationTicks | Should -Be ($samples | Measure-Object DurationTicks -Maximum).Maximum
                $track.FragmentCount | Should -Be @($samples | Where-Object Fragment | ForEach-Object Fragment | Select-Object -Unique).Count

                # Reorder depth: each sample's rank by composition time (ties keep decode order) against its place.
                $ranked = @($samples | Sort-Object -Stable CompositionTicks)
                $depth = 0
                for ($rank = 0; $rank -lt $ranked.Count; $rank++) { $depth = [Math]::Max($depth, [Math]::Abs($rank - ($ranked[$rank].Sample - $samples[0].Sample))) }
                $track.ReorderDepth | Should -Be $depth -Because "track $($track.TrackId)"

                # Peak bit rate: every window of one second that starts at a sample.
                $peak = 0L; $end = 0; $sum = 0L
                for ($i = 0; $i -lt $samples.Count; $i++) {
                    while ($end -lt $samples.Count -and $samples[$end].DecodeTicks -lt $samples[$i].DecodeTicks + $track.Timescale) { $sum += $samples[$end].Size; $end++ }
                    $peak = [Math]::Max($peak, $sum)
                    $sum -= $samples[$i].Size
                }
                $track.MaxBitRate | Should -Be ($peak * 8) -Because "track $($track.TrackId)"

                # Start: the earliest presented sample, not before the edit that shows it starts.
                $presented = @($samples | Where-Object { -not $_.IsDiscarded })
                $first = $track.EditList | Where-Object { -not $_.IsEmpty } | Select-Object -First 1
                $editStart = if ($first) { [Math]::Round($first.PresentationStartTicks * $track.Timescale / $track.MovieTimescale) } else { [long]::MinValue }
                $track.StartTimeTicks | Should -Be ([Math]::Max(($presented | Measure-Object PtsTicks -Minimum).Minimum, $editStart)) -Because "track $($track.TrackId)"
            }
        }
    }

    Context 'against ffprobe -show_streams' {
        It 'agrees with the output recorded beside every fixture (codec tag, size, rate, channels, frame count, start time)' {
            $tally = New-Tally
            foreach ($name in $RecordedNames) {
                $path = Join-Path $Fixtures $name
                Compare-Ffprobe @(Get-Mp4Track -LiteralPath $path -WarningAction SilentlyContinue) (Read-FfprobeRecord $path) $name $path $tally
            }
            Write-Tally $tally 'ffprobe (recorded), fixtures'
            Assert-Tally $tally 'Track', 'CodecTag', 'Size', 'SampleRate', 'Channels', 'FrameCount', 'StartTime'
            # Every track of every record was compared.
            $tally['Track'].Compared | Should -Be $RecordedTracks.Count
            $tally['StartTime'].Agreed | Should -Be $RecordedTracks.Count
        }

        It 'agrees with a live ffprobe run on every fixture' {
            if (-not $FfprobeCommand) { Set-ItResult -Skipped -Because $NoFfprobe; return }
            $tally = New-Tally
            foreach ($name in $RecordedNames) {
                $path = Join-Path $Fixtures $name
                $json = & $FfprobeCommand.Source -v error -show_streams -of json "file:$path"
                Compare-Ffprobe @(Get-Mp4Track -LiteralPath $path -WarningAction SilentlyContinue) (($json -join "`n") | ConvertFrom-Json) $name $path $tally
            }
            Write-Tally $tally 'ffprobe (live), fixtures'
            Assert-Tally $tally 'Track', 'CodecTag', 'Size', 'SampleRate', 'Channels', 'FrameCount', 'StartTime'
            $tally['Track'].Compared | Should -Be $RecordedTracks.Count
        }
    }

    Context 'against MediaInfo' {
        It 'agrees with the output recorded beside every fixture (size, rate, channels, frame rate and its mode)' {
            $tally = New-Tally
            foreach ($name in $RecordedNames) {
                $path = Join-Path $Fixtures $name
                $record = Get-Content -Raw ([IO.Path]::ChangeExtension($path, '.mediainfo.json')) | ConvertFrom-Json
                Compare-MediaInfo @(Get-Mp4Track -LiteralPath $path -WarningAction SilentlyContinue) $record $name $tally
            }
            Write-Tally $tally 'MediaInfo (recorded), fixtures'
            Assert-Tally $tally 'Size', 'SampleRate', 'Channels', 'FrameRate', 'FrameRateMode'
            # Every video and audio track of the records (the init segment of dash/ has no channel count there).
            $tally['Size'].Compared | Should -Be $RecordedVideo
            $tally['SampleRate'].Compared | Should -Be $RecordedAudio
            $tally['Channels'].Compared | Should -Be $RecordedChannels
        }

        It 'agrees with a live MediaInfo run on every fixture' {
            if (-not $MediaInfoCommand) { Set-ItResult -Skipped -Because $NoMediaInfo; return }
            $tally = New-Tally
            foreach ($name in $RecordedNames) {
                $path = Join-Path $Fixtures $name
                $record = ((& $MediaInfoCommand.Source --Output=JSON $path) -join "`n") | ConvertFrom-Json
                Compare-MediaInfo @(Get-Mp4Track -LiteralPath $path -WarningAction SilentlyContinue) $record $name $tally
            }
            Write-Tally $tally 'MediaInfo (live), fixtures'
            Assert-Tally $tally 'Size', 'SampleRate', 'Channels', 'FrameRate', 'FrameRateMode'
        }
    }

    Context 'codec strings against mp4box.js' {
        It 'agrees with the codec strings mp4box.js 2.4.1 gave every fixture (recorded)' {
            $record = Get-Content -Raw (Join-Path $Fixtures 'mp4box-codecs.json') | ConvertFrom-Json -AsHashtable
            $record.tool | Should -Be 'mp4box.js 2.4.1'
            $tally = New-Tally
            foreach ($name in $RecordedNames) {
                $entry = $record.files[$name]
                $entry | Should -Not -BeNullOrEmpty -Because "$name is recorded"
                $entry.sha256 | Should -Be ((Get-FileHash (Join-Path $Fixtures $name) -Algorithm SHA256).Hash.Substring(0, 16).ToLowerInvariant()) -Because "the record of $name is of this file"
                Compare-Mp4BoxJs @(Get-Mp4Track -LiteralPath (Join-Path $Fixtures $name) -WarningAction SilentlyContinue) ([pscustomobject]$entry) $name $tally
            }
            Write-Tally $tally 'mp4box.js (recorded), fixtures'
            Assert-Tally $tally 'CodecString'
            $tally['CodecString'].Compared | Should -Be $RecordedTracks.Count
            # mp4box.js writes a bare mp4v for the MPEG-2 and MPEG-4 Part 2 fixtures (explained above); the rest agree.
            $tally['CodecString'].Explained.Count | Should -Be 2
            $tally['CodecString'].Agreed | Should -Be ($RecordedTracks.Count - 2)
        }
    }

    Context 'parameters, pipeline and errors' {
        It 'selects tracks by -TrackId and -Kind' {
            $path = Join-Path $Fixtures 'audio-video.mp4'
            (Get-Mp4Track $path -Kind Audio).TrackId | Should -Be 2
            (Get-Mp4Track $path -TrackId 1).Kind | Should -Be 'Video'
            # The delay is measured against the video even when only the audio is asked for.
            (Get-Mp4Track (Join-Path $Fixtures 'delayed-audio.mp4') -Kind Audio).DelayRelativeToVideo | Should -Be 0.478
        }

        It 'reports a track that is not there and goes on' {
            $tracks = @(Get-Mp4Track (Join-Path $Fixtures 'audio-video.mp4') -TrackId 7, 2 -ErrorAction SilentlyContinue -ErrorVariable errs)
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'TrackNotFound,*'
            $tracks.TrackId | Should -Be 2
        }

        It 'takes files from Get-ChildItem, one object per track' {
            $tracks = @(Get-ChildItem $Fixtures -Filter '*.mp4' | Get-Mp4Track)
            ($tracks.Path | Select-Object -Unique).Count | Should -Be @(Get-ChildItem $Fixtures -Filter '*.mp4').Count
            ($tracks | Where-Object Path -like '*two-video.mp4').Count | Should -Be 2
        }

        It 'reads DASH media segments with -InitSegment: one summary per segment, decode times going on' {
            $dash = Join-Path $Fixtures 'dash'
            $segments = @(Get-ChildItem (Join-Path $dash 'chunk-stream0-*.m4s') | Sort-Object Name | Get-Mp4Track -InitSegment (Join-Path $dash 'init-stream0.m4s'))
            $segments.Count | Should -Be 4
            ($segments | Measure-Object SampleCount -Sum).Sum | Should -Be (Get-Mp4Track (Join-Path $dash 'stream0-concat.mp4')).SampleCount
            $segments | ForEach-Object { $_.FragmentCount | Should -Be 1; $_.IsFragmented | Should -BeTrue; $_.InitSegment | Should -BeLike '*init-stream0.m4s' }
            # tfdt 0, 15360, 30720, 46080 with the edit's media_time 1024 taken off the presentation.
            $segments.StartTimeTicks | Should -Be @(0, 15360, 30720, 46080)
        }

        It 'says a lone media segment needs its init segment' {
            $null = Get-Mp4Track (Join-Path $Fixtures 'dash/chunk-stream0-00002.m4s') -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'MissingBox,*'
            $errs[0].Exception.Message | Should -Match 'InitSegment'
        }

        It 'warns that an init segment read alone has no samples' {
            $track = Get-Mp4Track (Join-Path $Fixtures 'dash/init-stream1.m4s') -WarningVariable warnings -WarningAction SilentlyContinue
            $track.SampleCount | Should -Be 0
            $track.CodecString | Should -Be 'mp4a.40.2'
            $warnings[0].Message | Should -Match '-InitSegment'
        }

        It 'describes a file cut short up to the cut, with an error naming where, and goes on to the next file' {
            $source = [IO.File]::ReadAllBytes((Join-Path $Fixtures 'dash/stream0-concat.mp4'))
            $cut = Join-Path $TestDrive 'cut.mp4'
            [IO.File]::WriteAllBytes($cut, $source[0..($source.Length * 2 / 3)])
            $tracks = @(Get-Mp4Track $cut, (Join-Path $Fixtures 'bframes-editlist.mp4') -ErrorAction SilentlyContinue -ErrorVariable errs)
            $tracks.Count | Should -Be 2
            $errs.Count | Should -Be 1
            $errs[0].Exception | Should -BeOfType ([Mp4Timing.Mp4FormatException])
            $errs[0].TargetObject | Should -Be $cut
            $tracks[0].ReadError | Should -Be $errs[0].Exception.Message
            $tracks[0].SampleCount | Should -BeGreaterThan 0
            $tracks[0].SampleCount | Should -BeLessThan 120
            $tracks[1].SampleCount | Should -Be 120
        }
    }

    Context 'views' {
        It 'shows a table that fits 80 and 120 columns without cutting a value' {
            Push-Location $Fixtures
            try {
                foreach ($width in 80, 120) {
                    $text = Get-ChildItem -Recurse -Include *.mp4, *.m4a, *.mov | Get-Mp4Track | Out-String -Width $width
                    $text | Should -Match 'Track Kind +Codec +Size/Rate +Fps +Duration +Start +Delay'
                    $text | Should -Not -Match '…'
                    @($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
                    $text | Should -Match '2 Audio +mp4a\.40\.2 +48000 Hz 1ch +4\.0213 +0\.478 +\+0\.478'
                }
            }
            finally { Pop-Location }
        }

        It 'shows everything in the list' {
            $text = Get-Mp4Track (Join-Path $Fixtures 'delayed-audio.mp4') -TrackId 2 | Format-List | Out-String -Width 120
            foreach ($label in 'Path', 'TrackId', 'Kind', 'Name', 'Language', 'Codec', 'CodecString', 'Encryption', 'Sound', 'Timescale', 'Samples', 'Size',
                'MediaDuration', 'PresentationDuration', 'StoredDurations', 'BitRate', 'FrameRateMode', 'SampleDuration', 'Reordering', 'MaxSyncInterval',
                'EditList', 'StartTime', 'EndTime', 'FfmpegStartTime', 'DelayRelativeToVideo', 'PrimingDuration') {
                $text | Should -Match "(?m)^$label +:" -Because "the list shows $label"
            }
            $text | Should -Match '0\.478 s: media from 0\.0 s \(0 ticks\) for 4\.022 s'
            $text | Should -Match 'mdhd 193024 ticks, tkhd 4500 movie ticks'
            $text | Should -Not -Match '(?m)^(ClosedGop|GopLength|GopPattern|MaxConsecutiveBFrames) +:' -Because 'audio has no GOP structure'
        }

        It 'shows the GOP structure of video in the list' {
            $text = Get-Mp4Track (Join-Path $Fixtures 'mpeg2-bframes.mp4') -PictureType | Format-List | Out-String -Width 120
            $text | Should -Match '(?m)^ClosedGop +: False \(a sync sample starts an open GOP\)$'
            $text | Should -Match '(?m)^GopLength +: 15 samples$'
            $text | Should -Match '(?m)^GopPattern +: IPBBPBBPBBPBB$'
            $text | Should -Match '(?m)^MaxConsecutiveBFrames +: 2$'
            $plain = Get-Mp4Track (Join-Path $Fixtures 'audio-video.mp4') -Kind Video | Format-List | Out-String -Width 120
            $plain | Should -Match '(?m)^ClosedGop +: True$'
            $plain | Should -Not -Match 'MaxConsecutiveBFrames' -Because 'only -PictureType reads every sample'
        }
    }
}

Describe 'Get-Mp4Track on the real-world corpus' {
    BeforeAll {
        if (-not $HasCorpus) { return }
        $entries = @(Get-CorpusEntry)
        $results = foreach ($entry in $entries) {
            $errs = $null
            $tracks = @(Get-Mp4Track -LiteralPath $entry.FullName -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue)
            [pscustomobject]@{ Entry = $entry; Tracks = $tracks; Errors = @($errs) }
        }
    }

    It 'reads every file or fails with a clean error naming the file' {
        if (-not $HasCorpus) { Set-ItResult -Skipped -Because $NoCorpus; return }
        $unclean = @($results | ForEach-Object { $r = $_; $r.Errors | Where-Object { $_.Exception -isnot [Mp4Timing.Mp4FormatException] } | ForEach-Object { "$($r.Entry.Path): $($_.Exception.GetType()): $($_.Exception.Message)" } })
        $unclean | Should -BeNullOrEmpty
        $withTracks = @($results | Where-Object { $_.Tracks.Count -gt 0 }).Count
        Write-Host "Get-Mp4Track corpus: $withTracks of $($results.Count) files give tracks ($(@($results | ForEach-Object Tracks).Count) tracks)"
        $withTracks | Should -BeGreaterThan 100
    }

    It 'agrees with the codec strings mp4box.js 2.4.1 gave (recorded in tests/records)' {
        if (-not $HasCorpus) { Set-ItResult -Skipped -Because $NoCorpus; return }
        $record = Get-Content -Raw (Join-Path $PSScriptRoot 'records/corpus.mp4box-codecs.json') | ConvertFrom-Json -AsHashtable
        $tally = New-Tally
        foreach ($result in $results) {
            $entry = $record.files[$result.Entry.Path]
            if (-not $entry -or -not $entry.Contains('tracks')) { continue }
            $entry.sha256 | Should -Be $result.Entry.Sha256 -Because "the record of $($result.Entry.Path) is of this corpus file"
            Compare-Mp4BoxJs $result.Tracks ([pscustomobject]$entry) $result.Entry.Path $tally
        }
        Write-Tally $tally 'mp4box.js (recorded), corpus'
        Assert-Tally $tally 'CodecString'
        $tally['CodecString'].Compared | Should -BeGreaterOrEqual 200
        $stale = @($KnownDifferences.Keys | Where-Object { $_ -like '* mp4box.js *' -and -not $script:UsedKnown.Contains($_) })
        $stale | Should -BeNullOrEmpty -Because 'every file-by-file reason must still describe a difference'
    }

    It 'agrees with a live ffprobe run on every file ffprobe reads' {
        if (-not $HasCorpus) { Set-ItResult -Skipped -Because $NoCorpus; return }
        if (-not $FfprobeCommand) { Set-ItResult -Skipped -Because 'ffprobe is not on PATH (apt-get install ffmpeg)'; return }
        $tally = New-Tally
        foreach ($result in $results | Where-Object { $_.Entry.FfprobeOk -and $_.Tracks.Count -gt 0 }) {
            $json = & $FfprobeCommand.Source -v error -show_streams -of json "file:$($result.Entry.FullName)"
            if ($LASTEXITCODE -ne 0) { continue }
            Compare-Ffprobe $result.Tracks (($json -join "`n") | ConvertFrom-Json) $result.Entry.Path $result.Entry.FullName $tally
        }
        Write-Tally $tally 'ffprobe (live), corpus'
        Assert-Tally $tally 'Track', 'CodecTag', 'Size', 'SampleRate', 'Channels', 'FrameCount', 'StartTime'
        $tally['Track'].Compared | Should -BeGreaterOrEqual 200
        $stale = @($KnownDifferences.Keys | Where-Object { $_ -like '* ffprobe *' -and -not $script:UsedKnown.Contains($_) })
        $stale | Should -BeNullOrEmpty -Because 'every file-by-file reason must still describe a difference'
    }

    It 'agrees with a live MediaInfo run on every file with tracks' {
        if (-not $HasCorpus) { Set-ItResult -Skipped -Because $NoCorpus; return }
        if (-not $MediaInfoCommand) { Set-ItResult -Skipped -Because 'mediainfo is not on PATH (apt-get install mediainfo)'; return }
        $tally = New-Tally
        foreach ($result in $results | Where-Object { $_.Tracks.Count -gt 0 }) {
            $json = & $MediaInfoCommand.Source --Output=JSON $result.Entry.FullName
            if ($LASTEXITCODE -ne 0 -or -not $json) { continue }
            Compare-MediaInfo $result.Tracks (($json -join "`n") | ConvertFrom-Json) $result.Entry.Path $tally
        }
        Write-Tally $tally 'MediaInfo (live), corpus'
        Assert-Tally $tally 'Size', 'SampleRate', 'Channels', 'FrameRate', 'FrameRateMode'
        $tally['Size'].Compared | Should -BeGreaterOrEqual 100
        $stale = @($KnownDifferences.Keys | Where-Object { $_ -like '* MediaInfo *' -and -not $script:UsedKnown.Contains($_) })
        $stale | Should -BeNullOrEmpty -Because 'every file-by-file reason must still describe a difference'
    }
}

Describe 'Get-Mp4Track -FfmpegVersion: the start_time of the ffmpeg the user has' {
    BeforeDiscovery {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $Record = @{ '5.1' = '.ffprobe.json'; '6.1' = '.ffprobe-6.1.json' }
        $VersionCases = foreach ($file in Get-ChildItem $Fixtures -Recurse -Include *.mp4, *.m4a, *.mov | Sort-Object FullName) {
            foreach ($version in '5.1', '6.1') {
                $json = [IO.Path]::ChangeExtension($file.FullName, $null).TrimEnd('.') + $Record[$version]
                if (Test-Path $json) { @{ Name = [IO.Path]::GetRelativePath($Fixtures, $file.FullName); Version = $version; Json = $json } }
            }
        }
    }

    BeforeAll {
        . (Join-Path $PSScriptRoot 'peers/Peers.ps1')
        function Compare-StartTime($Tracks, $Probe) {
            # Each stream's start_time (cover pictures are not tracks) against the track's FfmpegStartTime: "1: -0.021333 / 0.000000".
            foreach ($stream in @($Probe.streams) | Where-Object { $_.disposition.attached_pic -eq 0 }) {
                $track = $Tracks | Where-Object TrackId -eq ([Convert]::ToInt32($stream.id, 16))
                if (-not $track) { "stream $($stream.index) (id $($stream.id)): no track"; continue }
                $theirs = if ($stream.PSObject.Properties['start_time']) { $stream.start_time } else { 'none' }
                $ours = if ($null -ne $track.FfmpegStartTime) { $track.FfmpegStartTime.ToString('0.000000', [Globalization.CultureInfo]::InvariantCulture) } else { 'none' }
                # The differences the comparison with ffprobe 5.1 above explains with a reason too.
                $known = ($stream.codec_type -eq 'data' -and $theirs -eq 'none' -and $ours -eq '0.000000') -or   # ffprobe leaves a data stream's start_time unset
                    ($track.SampleCount -eq 0 -and $ours -eq 'none')   # a stream without packets gets the file's start time; the model gives none
                if ($theirs -ne $ours -and -not $known) { "track $($track.TrackId): ffprobe $theirs, FfmpegStartTime $ours" }
            }
        }
    }

    It '<Name>: FfmpegStartTime is the start_time ffprobe <Version> reports' -ForEach $VersionCases {
        $tracks = @(Get-Mp4Track -LiteralPath (Join-Path $Fixtures $Name) -FfmpegVersion $Version)
        $tracks.FfmpegVersion | Sort-Object -Unique | Should -Be $Version
        Compare-StartTime $tracks (Get-Content -Raw $Json | ConvertFrom-Json) | Should -BeNullOrEmpty
    }

    It 'gives a DASH audio stream whose one edit skips 1024 samples the start of each version: -0.021333 in 5.1, 0 in 6.1 and 9.0' {
        # 5.1 and 6.1 as their recorded ffprobe outputs say; 9.0 as FFmpeg 9.0's libavformat (libav.js) gives it: Skip Samples 1024
        # on the first packet, pts -1024, so a format start_time of 0.
        $media = Join-Path $Fixtures 'dash/stream1-concat.mp4'
        foreach ($case in @{ V = '5.1'; S = -1024 / 48000 }, @{ V = '6.1'; S = 0 }, @{ V = '9.0'; S = 0 }) {
            $track = Get-Mp4Track $media -FfmpegVersion $case.V
            $track.FfmpegVersion | Should -Be $case.V
            $track.FfmpegStartTime | Should -Be $case.S -Because "ffmpeg $($case.V)"
        }
        (Get-Mp4Track $media).FfmpegVersion | Should -Be '5.1' -Because '5.1 is the default'
        (Get-Mp4Track $media | Format-List | Out-String -Width 120) | Should -Match '(?m)^FfmpegStartTime +: -0\.021333 \(ffmpeg 5\.1\)$'
    }

    It 'uses the newest modelled version at or below the one given, warns below 5.1, and refuses what is not a version' {
        $media = Join-Path $Fixtures 'dash/stream1-concat.mp4'
        $track = Get-Mp4Track $media -FfmpegVersion 7.1
        $track.FfmpegVersion | Should -Be '6.1'
        $track.FfmpegStartTime | Should -Be 0
        (Get-Mp4Track $media -FfmpegVersion n9.0.2).FfmpegVersion | Should -Be '9.0'
        $old = Get-Mp4Track $media -FfmpegVersion 4.4 -WarningVariable warnings -WarningAction SilentlyContinue
        $old.FfmpegVersion | Should -Be '5.1'
        $warnings | Should -Match 'older than every version the model follows'
        { Get-Mp4Track $media -FfmpegVersion latest -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidFfmpegVersion,Mp4Timing.Commands.GetMp4TrackCommand'
    }

    It 'completes -FfmpegVersion with the modelled versions' {
        $completions = (TabExpansion2 -inputScript 'Get-Mp4Track x.mp4 -FfmpegVersion ' -cursorColumn 'Get-Mp4Track x.mp4 -FfmpegVersion '.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('5.1', '6.1', '9.0')
    }

    It 'on the corpus, gives the start_time the 6.1-dev ffprobe reports, run live (where npm installs it)' {
        if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
        $peers = Install-Peer -Folder (Join-Path $PSScriptRoot '../out/peers')
        if ($peers.Reason) { Set-ItResult -Skipped -Because $peers.Reason; return }
        $problems = [Collections.Generic.List[string]]::new()
        $compared = 0
        foreach ($file in Get-CorpusEntry | Where-Object FfprobeOk) {
            $tracks = @(Get-Mp4Track -LiteralPath $file.FullName -FfmpegVersion 6.1 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            if ($tracks.Count -eq 0) { continue }   # HEIF/AVIF images: no track
            $probe = (& $peers.Ffprobe61 -v quiet -show_streams -of json "file:$($file.FullName)") -join "`n" | ConvertFrom-Json
            Compare-StartTime $tracks $probe | ForEach-Object { $problems.Add("$($file.Path): $_") }
            $compared += $tracks.Count
        }
        Write-Host "Get-Mp4Track -FfmpegVersion 6.1 on the corpus: $compared tracks compared with the 6.1-dev ffprobe's start_time"
        $compared | Should -BeGreaterThan 100
        $problems | Should -BeNullOrEmpty
    }
}
