BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Get-TopLevelBox([string] $Path) {
        # An independent walk of the top-level headers, straight from the bytes.
        $bytes = [IO.File]::ReadAllBytes($Path)
        $offset = 0L
        while ($offset + 8 -le $bytes.Length) {
            $size = [long]([uint32]$bytes[$offset] -shl 24 -bor [uint32]$bytes[$offset + 1] -shl 16 -bor [uint32]$bytes[$offset + 2] -shl 8 -bor $bytes[$offset + 3])
            $type = [Text.Encoding]::ASCII.GetString($bytes, $offset + 4, 4)
            if ($size -eq 0) { $size = $bytes.Length - $offset }
            [pscustomobject]@{ Type = $type; Offset = $offset; Size = $size }
            $offset += $size
        }
    }
}

Describe 'Get-Mp4Box' {
    Context 'the bundled sample (B-frames, an edit list)' {
        BeforeAll {
            $editListClip = Join-Path $Fixtures 'bframes-editlist.mp4'
            $boxes = Get-Mp4Box $editListClip
        }

        It 'lists the top-level boxes at the offsets and sizes the bytes give' {
            $expected = Get-TopLevelBox $editListClip
            $top = $boxes | Where-Object Depth -eq 0
            ($top | ForEach-Object { "$($_.Type)@$($_.Offset)+$($_.Size)" }) |
                Should -Be ($expected | ForEach-Object { "$($_.Type)@$($_.Offset)+$($_.Size)" })
        }

        It 'decodes the edit list that makes ffmpeg say PTS 0: media_time 2 at timescale 30' {
            $elst = Get-Mp4Box $editListClip -Type elst
            $elst.BoxPath | Should -Be '/moov/trak/edts/elst'
            $elst.Entries.Count | Should -Be 1
            $elst.Entries[0].MediaTime | Should -Be 2
            $elst.Entries[0].MediaRate | Should -Be 1
            (Get-Mp4Box $editListClip -Type mdhd).Timescale | Should -Be 30
        }

        It 'decodes stts and ctts as stored: 120 samples of 1 tick, offsets 2,5,2,0,1' {
            $stts = Get-Mp4Box $editListClip -Type stts
            $stts.Entries[0].SampleCount | Should -Be 120
            $stts.Entries[0].Value | Should -Be 1
            $ctts = Get-Mp4Box $editListClip -Type ctts
            $ctts.Version | Should -Be 0
            ($ctts.Entries | Select-Object -First 5 | ForEach-Object Value) | Should -Be @(2, 5, 2, 0, 1)
        }

        It 'gives every box a path, type, offset, size and header size inside its parent' {
            foreach ($box in $boxes) {
                $box.Path | Should -Be $editListClip
                $box.BoxPath | Should -Match "/$([regex]::Escape($box.Type))(\[\d+\])?$"
                $box.HeaderSize | Should -BeIn 8, 16, 24, 32
                $box.Size | Should -BeGreaterOrEqual $box.HeaderSize
            }
            $stbl = $boxes | Where-Object Type -eq 'stbl'
            foreach ($child in $boxes | Where-Object { $_.BoxPath -like '/moov/trak/mdia/minf/stbl/*' -and $_.Depth -eq 5 }) {
                $child.Offset | Should -BeGreaterOrEqual ($stbl.Offset + $stbl.HeaderSize)
                ($child.Offset + $child.Size) | Should -BeLessOrEqual ($stbl.Offset + $stbl.Size)
            }
        }

        It 'returns typed objects with full-box version and flags' {
            $tkhd = Get-Mp4Box $editListClip -Type tkhd
            $tkhd | Should -BeOfType ([Mp4Timing.Boxes.TrackHeaderBox])
            $tkhd | Should -BeOfType ([Mp4Timing.Box])
            $tkhd.TrackId | Should -Be 1
            ($tkhd.Flags -band 1) | Should -Be 1
        }
    }

    Context 'parameters and the pipeline' {
        It 'filters by type with wildcards' {
            $types = Get-Mp4Box (Join-Path $Fixtures 'bframes-editlist.mp4') -Type 'st*' | ForEach-Object Type
            $types | Should -Be @('stbl', 'stsd', 'stts', 'stss', 'stsc', 'stsz', 'stco')
        }

        It 'expands wildcards in -Path' {
            # aac-44100.m4a and aac-48000.mp4 (not the peers' records beside them, aac-*.mediainfo.json).
            $ftyps = Get-Mp4Box (Join-Path $Fixtures 'aac-*.m[p4]?') -Type ftyp
            @($ftyps).Count | Should -Be 2
        }

        It 'takes files from Get-ChildItem through the pipeline' {
            $files = Get-ChildItem $Fixtures -Filter *.mp4
            $ftyps = $files | Get-Mp4Box -Type ftyp
            @($ftyps).Count | Should -Be $files.Count
            ($ftyps.Path | Sort-Object) | Should -Be ($files.FullName | Sort-Object)
        }

        It 'reads a literal path with wildcard characters in its name' {
            $odd = Join-Path $TestDrive 'clip [1].mp4'
            Copy-Item -LiteralPath (Join-Path $Fixtures 'bframes-editlist.mp4') -Destination $odd
            $box = Get-Mp4Box -LiteralPath $odd -Type mvhd
            $box.Timescale | Should -Be 1000
        }
    }

    Context 'errors' {
        It 'reports a missing file as ObjectNotFound and goes on to the next file' {
            $boxes = Get-Mp4Box (Join-Path $TestDrive 'missing.mp4'), (Join-Path $Fixtures 'bframes-editlist.mp4') -Type ftyp -ErrorAction SilentlyContinue -ErrorVariable errs
            @($boxes).Count | Should -Be 1
            $errs.Count | Should -Be 1
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }

        It 'reports a file that is not MP4 as InvalidData with the core exception' {
            $text = Join-Path $TestDrive 'notes.mp4'
            Set-Content -Path $text -Value 'This is not a movie at all, just text.'
            $null = Get-Mp4Box $text -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs.Count | Should -Be 1
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'NotMp4,*'
            $errs[0].Exception | Should -BeOfType ([Mp4Timing.Mp4FormatException])
            $errs[0].Exception.FilePath | Should -Be $text
            $errs[0].Exception.Offset | Should -Be 0
        }

        It 'emits the boxes before the damage of a cut file, then an error naming the box and offset' {
            $cut = Join-Path $TestDrive 'cut.mp4'
            $bytes = [IO.File]::ReadAllBytes((Join-Path $Fixtures 'bframes-editlist.mp4'))
            $moov = Get-Mp4Box (Join-Path $Fixtures 'bframes-editlist.mp4') -Type moov
            [IO.File]::WriteAllBytes($cut, $bytes[0..($moov.Offset + 300)])
            $boxes = Get-Mp4Box $cut -ErrorAction SilentlyContinue -ErrorVariable errs
            $boxes.Type | Should -Contain 'mdat'
            $boxes.Type | Should -Contain 'mvhd'
            $errs.Count | Should -BeGreaterThan 0
            $errs[0].Exception.Message | Should -Match 'cut\.mp4'
            $errs[0].Exception.Message | Should -Match 'at byte \d+'
        }

        It 'reports an empty file' {
            $empty = Join-Path $TestDrive 'empty.mp4'
            New-Item -ItemType File -Path $empty | Out-Null
            $null = Get-Mp4Box $empty -ErrorAction SilentlyContinue -ErrorVariable errs
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'EmptyFile,*'
        }
    }
}
