# Runs the cmdlets over every file of the shared real-world corpus (skipped where it is absent).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    $StandardContainers = [Collections.Generic.HashSet[string]]::new([string[]]@(
        'moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf', 'mfra', 'udta'))

    function Get-IndependentBox([byte[]] $Bytes) {
        # A second, deliberately simple walk: top level and the standard containers only.
        $pending = [Collections.Generic.Stack[object]]::new()
        $pending.Push(@(0L, [long]$Bytes.Length))
        while ($pending.Count -gt 0) {
            $start, $end = $pending.Pop()
            $offset = $start
            while ($offset + 8 -le $end) {
                $size = [long]([uint32]$Bytes[$offset] -shl 24 -bor [uint32]$Bytes[$offset + 1] -shl 16 -bor [uint32]$Bytes[$offset + 2] -shl 8 -bor $Bytes[$offset + 3])
                $code = [uint32]$Bytes[$offset + 4] -shl 24 -bor [uint32]$Bytes[$offset + 5] -shl 16 -bor [uint32]$Bytes[$offset + 6] -shl 8 -bor $Bytes[$offset + 7]
                $type = -join ($Bytes[($offset + 4)..($offset + 7)] | ForEach-Object { [char]$_ })
                # Types whose bytes are not printable (controls, DEL, 0x80-0x9F) are shown as hex.
                $printable = -not ($Bytes[($offset + 4)..($offset + 7)] | Where-Object { $_ -lt 0x20 -or $_ -eq 0x7F -or ($_ -ge 0x80 -and $_ -lt 0xA0) })
                $shown = if ($printable) { $type } else { '0x{0:X8}' -f $code }
                $header = 8
                if ($size -eq 1) {
                    if ($offset + 16 -gt $end) { break }
                    $size = 0L
                    for ($i = 8; $i -lt 16; $i++) { $size = $size * 256 + $Bytes[$offset + $i] }
                    $header = 16
                }
                elseif ($size -eq 0) { $size = $end - $offset }
                if ($size -lt $header -or $offset + $size -gt $end) { break }
                "$offset|$shown|$size"
                if ($StandardContainers.Contains($type)) { $pending.Push(@(($offset + $header), ($offset + $size))) }
                $offset += $size
            }
        }
    }

    function Test-InStandardContainer([string] $BoxPath) {
        $parts = $BoxPath.Trim('/').Split('/')
        for ($i = 0; $i -lt $parts.Count - 1; $i++) {
            if (-not $StandardContainers.Contains(($parts[$i] -replace '\[\d+\]$', ''))) { return $false }
        }
        return $true
    }
}

Describe 'The real-world corpus' {
    It 'Get-Mp4Box reads every file or fails cleanly, and agrees with an independent walk' {
        if ($why = Get-SkipReason -Corpus) { Set-ItResult -Skipped -Because $why; return }
        $agree = 0; $files = 0; $failed = 0
        $problems = [Collections.Generic.List[string]]::new()
        foreach ($entry in Get-CorpusEntry) {
            $files++
            $errs = $null
            $boxes = @(Get-Mp4Box -LiteralPath $entry.FullName -ErrorAction SilentlyContinue -ErrorVariable errs)
            foreach ($err in $errs) {
                if ($err.Exception -isnot [Mp4Timing.Mp4FormatException]) { $problems.Add("$($entry.Path): unclean error $($err.Exception.GetType()): $($err.Exception.Message)") }
            }
            if ($errs.Count -gt 0) { $failed++ }

            $ours = [Collections.Generic.HashSet[string]]::new()
            foreach ($box in $boxes) {
                if (Test-InStandardContainer $box.BoxPath) { [void]$ours.Add("$($box.Offset)|$($box.Type)|$($box.Size)") }
            }
            $theirs = [Collections.Generic.HashSet[string]]::new([string[]]@(Get-IndependentBox ([IO.File]::ReadAllBytes($entry.FullName))))
            if ($errs.Count -eq 0) {
                if ($ours.SetEquals($theirs)) { $agree++ } else { $problems.Add("$($entry.Path): box lists differ") }
            }
            else {
                # Damaged files: every box reported before the damage must be one the bytes really hold.
                $extra = @($ours | Where-Object { -not $theirs.Contains($_) -and [long]($_.Split('|')[0]) + [long]($_.Split('|')[2]) -ne $entry.Bytes })
                if ($extra.Count -eq 0) { $agree++ } else { $problems.Add("$($entry.Path): boxes the bytes do not hold: $($extra -join ', ')") }
            }
        }
        Write-Host "Get-Mp4Box corpus: $agree of $files files agree with the independent walk ($failed reported damage)"
        $problems | Should -BeNullOrEmpty
        $files | Should -BeGreaterThan 0
        $agree | Should -Be $files
    }
}
