# The test suite itself: the tests that compare with a live ffprobe must not pass when ffprobe gives
# them nothing to compare (an incompatible or broken build first on PATH).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Invoke-LiveFfprobeTests([string] $FakeFolder) {
        # The tests tagged LiveFfprobe, in a fresh pwsh whose PATH finds the fake ffprobe first.
        $resultPath = Join-Path $TestDrive "live-$([Guid]::NewGuid().ToString('N')).json"
        $pester = (Get-Module Pester).Path -replace '\.psm1$', '.psd1'
        $script = @"
`$env:PATH = '$FakeFolder' + [IO.Path]::PathSeparator + `$env:PATH
`$env:MP4TIMING_MODULE = '$ModuleRoot'
Import-Module '$pester'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$PSScriptRoot'
`$configuration.Run.PassThru = `$true
`$configuration.Filter.Tag = 'LiveFfprobe'
`$configuration.Output.Verbosity = 'None'
`$run = Invoke-Pester -Configuration `$configuration
[pscustomobject]@{
    Passed = @(`$run.Passed | ForEach-Object ExpandedPath)
    Failed = @(`$run.Failed | ForEach-Object ExpandedPath)
    Skipped = @(`$run.Skipped | ForEach-Object { "`$(`$_.ExpandedPath): `$(`$_.ErrorRecord.Exception.Message)" })
} | ConvertTo-Json | Set-Content -Path '$resultPath'
"@
        $run = Invoke-FreshPwsh $script
        if (-not (Test-Path $resultPath)) { throw "The child Pester run wrote no result (exit code $($run.ExitCode)): $($run.Text)" }
        Get-Content -Raw $resultPath | ConvertFrom-Json
    }

    $versionLine = 'ffprobe version 5.1.9-0+deb12u1 Copyright (c) 2007-2026 the FFmpeg developers'
    $libavformat = 'libavformat    59. 27.100 / 59. 27.100'
}

Describe 'Tests that compare with a live ffprobe' {
    It 'fail, or skip with a reason, when ffprobe <Case>' -ForEach @(
        @{ Case = 'answers -version but prints no streams'; Body = "echo '{`"packets`": [], `"streams`": []}'" }
        @{ Case = 'answers -version but exits with an error'; Body = "echo 'Invalid data found when processing input' >&2`nexit 1" }
    ) {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'the fake ffprobe is a POSIX shell script'; return }
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([Guid]::NewGuid().ToString('N')))
        $fake = Join-Path $folder 'ffprobe'
        Set-Content -Path $fake -Value "#!/bin/sh`nif [ `"`$1`" = -version ]; then echo '$versionLine'; echo '$libavformat'; exit 0; fi`n$Body"
        chmod +x $fake

        $run = Invoke-LiveFfprobeTests $folder.FullName
        $run.Passed | Should -BeNullOrEmpty -Because 'a test that compared nothing must not pass'
        @($run.Failed).Count | Should -BeGreaterThan 0
        foreach ($skip in @($run.Skipped)) { $skip | Should -Match 'corpus' -Because 'only the corpus may be missing here' }
    }
}
