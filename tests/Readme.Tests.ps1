# Every PowerShell block of README.md runs, as a reader would paste it, on a copy of the fixtures: the
# paths it names (a share, a drive) stand for that copy, and the names of its example files for fixtures.
BeforeDiscovery {
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../README.md')
    $heading = 'README'
    $Blocks = [Collections.Generic.List[hashtable]]::new()
    $code = $null
    foreach ($line in $readme -split "\r?\n") {
        if ($null -ne $code) {
            if ($line -eq '```') { $Blocks.Add(@{ Name = "$heading, block $($Blocks.Count + 1)"; Code = ($code -join "`n") }); $code = $null }
            else { $code += $line }
        }
        elseif ($line -match '^#+\s+(.+)$') { $heading = $Matches[1] }
        elseif ($line -eq '```powershell') { $code = @() }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $pester = (Get-Module Pester).Path -replace '\.psm1$', '.psd1'

    # What the blocks name, and what stands for it here.
    $Substitutions = [ordered]@{
        'clip\.mp4 -ShowInfoLog showinfo\.log'                    = 'cut-23.976fps.mp4 -ShowInfoLog cut-23.976fps.showinfo.log'
        '(?<![\w.])showinfo\.log'                                = 'bframes-editlist.showinfo.log'
        '\bclip\.mp4'                                            = 'audio-video.mp4'
        'seg-\*\.m4s'                                            = 'dash/chunk-stream0-*.m4s'
        '\binit\.mp4'                                            = 'dash/init-stream0.m4s'
        '\\\\nas\\deliveries|D:\\deliveries|D:\\library|E:\\out' = '$Deliveries'
        # Remoting needs other hosts: the script block runs here instead.
        'Invoke-Command -ComputerName [\w, ]+ -ScriptBlock'     = 'Invoke-Command -ScriptBlock'
    }
    # The Pester tests a block defines that must fail on the fixtures, and why: the others must pass.
    $ExpectedFailures = @{
        # Stream copies cut between key frames: the edit list hides the key frame their first frame needs.
        'Delivery *cut-23.976fps.mp4.passes StartsOnNonSyncSample'         = 'cut at 2.3 s, after the key frame at 0 s'
        'Delivery *cut-midgop.mp4.passes StartsOnNonSyncSample'            = 'cut at 1.5 s, between the key frames of 1 s and 2 s'
        'Delivery *video-negative-offset.mp4.passes StartsOnNonSyncSample' = 'its video, copied with -itsoffset -0.3, starts 0.3 s into a group of pictures'
        # So its video, moved 0.3 s earlier, ends 0.3 s before its audio.
        'Delivery *video-negative-offset.mp4.passes DurationMismatch'      = 'the audio lasts 4 s, the video 3.7 s'
        # These fixtures show their first video frame at 1024/15360 s (B-frame delay, no edit list to remove it).
        'Delivery *bframes-no-editlist.mp4.passes VideoStartDelay'  = 'its first frame shows at 66.7 ms'
        'Delivery *frag-empty-moov.mp4.passes VideoStartDelay'      = 'its first frame shows at 66.7 ms'
        'Delivery *frag-separate-moof.mp4.passes VideoStartDelay'   = 'its first frame shows at 66.7 ms'
        # So their audio, which starts at 0, leads the video by 66.7 ms.
        'Delivery *frag-empty-moov.mp4.passes AvStartOffset'        = 'audio leads the video by 66.7 ms'
        'Delivery *frag-separate-moof.mp4.passes AvStartOffset'     = 'audio leads the video by 66.7 ms'
        # An empty edit of 478 ms delays its audio, which so ends 0.5 s after the video.
        'Delivery *delayed-audio.mp4.passes AvStartOffset'          = 'its audio starts 478 ms after the video'
        'Delivery *delayed-audio.mp4.passes DurationMismatch'       = 'its audio ends 0.5 s after the video'
        # Written with -movflags negative_cts_offsets: B-frames are shown before they are decoded.
        'Delivery *negative-cts.mp4.passes PtsBeforeDts'            = 'negative composition offsets'
    }
    # Blocks that cannot run in a test, and why.
    $NotRun = @{
        'build\.ps1'                  = 'it builds the module, as this test run just did'
        'Register-PSResourceRepository' = 'it installs into the user''s modules; Module.Tests.ps1 publishes, saves and imports through PSResourceGet in a test folder'
    }
}

Describe 'README' {
    It '<Name> runs on the fixtures' -ForEach $Blocks {
        foreach ($pattern in $NotRun.Keys) {
            if ($Code -match $pattern) { Set-ItResult -Skipped -Because $NotRun[$pattern]; return }
        }
        if ($Code -match 'Compare-FfmpegPts' -and $Code -notmatch '-(ShowInfoLog|FfprobeOutput)\b' -and ($why = Get-SkipReason -Ffprobe)) {
            Set-ItResult -Skipped -Because $why; return
        }
        $work = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        Copy-Item -Path $Fixtures -Destination $work -Recurse
        # The deliveries: the fixtures with video.
        $deliveries = New-Item -ItemType Directory -Path (Join-Path $work 'deliveries')
        Get-ChildItem $work -Filter *.mp4 | Where-Object { Get-Mp4SampleTiming $_.FullName -Kind Video | Select-Object -First 1 } | Copy-Item -Destination $deliveries

        $text = $Code
        foreach ($pattern in $Substitutions.Keys) { $text = $text -replace $pattern, $Substitutions[$pattern] }
        $resultPath = Join-Path $work 'result.json'
        $run = if ($text -match '(?m)^\s*Describe\b') {
            Set-Content -Path (Join-Path $work 'Readme.Tests.ps1') -Value "`$Deliveries = '$($deliveries.FullName)'`n$text"
            Invoke-FreshPwsh @"
`$env:PSModulePath = '$(Split-Path $ModuleRoot)' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module '$pester'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$(Join-Path $work 'Readme.Tests.ps1')'
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'None'
`$run = Invoke-Pester -Configuration `$configuration
[pscustomobject]@{ Passed = `$run.PassedCount; Failed = @(`$run.Failed | ForEach-Object ExpandedPath) } |
    ConvertTo-Json | Set-Content '$resultPath'
"@
        }
        else {
            Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$(Split-Path $ModuleRoot)' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module Mp4Timing
Set-Location '$work'
`$Deliveries = '$($deliveries.FullName)'
`$output = & {
$text
} | Out-String
[pscustomobject]@{ Output = `$output } | ConvertTo-Json | Set-Content '$resultPath'
"@
        }
        $run.ExitCode | Should -Be 0 -Because "the block ran as:`n$text`n$($run.Text)"
        $run.Text | Should -Not -Match 'Exception|Error' -Because 'the block writes no error'
        $result = Get-Content -Raw $resultPath | ConvertFrom-Json
        if ($result.PSObject.Properties['Passed']) {
            $unexpected = @($result.Failed | Where-Object { $name = $_; -not ($ExpectedFailures.Keys | Where-Object { $name -like $_ }) })
            $unexpected | Should -BeNullOrEmpty
            foreach ($pattern in $ExpectedFailures.Keys) {
                @($result.Failed | Where-Object { $_ -like $pattern }).Count | Should -Be 1 -Because "$pattern must fail: $($ExpectedFailures[$pattern])"
            }
            $result.Passed | Should -BeGreaterThan 0
        }
        else {
            $result.Output | Should -Not -BeNullOrEmpty -Because 'every block shows something'
        }
    }
}
