#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and packages the Mp4Timing module.
.DESCRIPTION
    Build  puts the importable module under out/Mp4Timing (manifest, assemblies, formats, help).
    Test   builds, runs the xunit tests of the core and the Pester tests of the cmdlets (in a fresh
           pwsh process), lists every skipped test with its reason, and ends with the line
           "N passed, N failed, N skipped".
    Demo   builds, then shows on the bundled sample (tests/fixtures/bframes-editlist.mp4: B-frames and an edit list)
           why ffmpeg says PTS 0 where stts+ctts give 0.0667 s.
    Help   turns docs/*.md (PlatyPS markdown) into en-US/Mp4Timing.dll-Help.xml and about_Mp4Timing.help.txt
           (with PlatyPS when installed, else docs/build/Build-Help.ps1); Build runs it too.
    Screenshot  builds, draws the timeline page of the bundled sample (tests/fixtures/bframes-editlist.mp4) and renders it with
           headless Chromium into docs/images/timeline.png, the picture README.md shows (skipped, saying so,
           where Chromium is not installed).
    Bench  measures the module against the pipeline's floor and ffprobe on cached 1-hour files.
    Fuzz   runs the SharpFuzz/AFL++ harness of tests/fuzz for -FuzzMinutes.
    Clean  removes out/ and the bin/obj folders.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Help', 'Screenshot', 'Bench', 'Fuzz', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Fuzz: how long AFL++ runs.
    [ValidateRange(1, 1440)]
    [int] $FuzzMinutes = 10,

    # Bench: a short run on smaller files (for trying the bench itself).
    [switch] $Quick
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Mp4Timing'
$ResultsDir = Join-Path $Out 'TestResults'

function Invoke-Native {
    # Runs a native command and fails the build when it fails.
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-PwshCommand {
    # The pwsh running this script; as a dotnet tool that is 'dotnet pwsh.dll'.
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($exe)
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/Mp4Timing/Mp4Timing.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    $bin = Join-Path $Root "src/Mp4Timing/bin/$Configuration/netstandard2.0"
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $ModuleOut | Out-Null
    Copy-Item (Join-Path $Root 'Mp4Timing.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/Mp4Timing/Mp4Timing.format.ps1xml') $ModuleOut
    foreach ($name in 'Mp4Timing.dll', 'Mp4Timing.Core.dll') {
        Copy-Item (Join-Path $bin $name) $ModuleOut
    }
    Invoke-Help
    Write-Host "Module built in $ModuleOut"
}

function Invoke-Help {
    $script = Join-Path $Root 'docs/build/Build-Help.ps1'
    if (-not (Test-Path $script)) { return }
    & $script -DocsPath (Join-Path $Root 'docs') -OutputPath $ModuleOut
}

function Invoke-Bench {
    Invoke-Build
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $Root 'tests/bench/Invoke-Benchmark.ps1') `
        -ModulePath $ModuleOut -Configuration $Configuration -Quick:$Quick
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed." }
}

function Invoke-Fuzz {
    & (Join-Path $Root 'tests/fuzz/Invoke-Fuzz.ps1') -Minutes $FuzzMinutes
    if ($LASTEXITCODE -ne 0) { throw "Fuzzing found a crash or hang (see tests/fuzz/findings)." }
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/TestSupport/TestSupport.csproj'), '--nologo', '-v', 'quiet')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { throw "Pester 5.7.1 was not found at $manifest after restore." }
    return $manifest
}

function Read-TrxCounts([string] $Path) {
    # Counts from the xunit run's TRX file; skipped tests (outcome NotExecuted) with the reason they give.
    [xml] $trx = Get-Content -Raw $Path
    $counters = $trx.TestRun.ResultSummary.Counters
    $skipped = @($trx.TestRun.Results.UnitTestResult | Where-Object outcome -eq 'NotExecuted' | ForEach-Object {
        $message = $_.SelectSingleNode('*[local-name()="Output"]/*[local-name()="ErrorInfo"]/*[local-name()="Message"]')
        [pscustomobject]@{ Name = $_.testName; Reason = if ($message) { $message.InnerText } else { '' } }
    })
    [pscustomobject]@{ Passed = [int] $counters.passed; Failed = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout; Skipped = $skipped }
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $ResultsDir) { Remove-Item $ResultsDir -Recurse -Force }
    New-Item -ItemType Directory -Path $ResultsDir | Out-Null

    $failures = 0
    $trx = Join-Path $ResultsDir 'core.trx'
    & dotnet test (Join-Path $Root 'tests/Mp4Timing.Core.Tests/Mp4Timing.Core.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal'
    if ($LASTEXITCODE -ne 0) { $failures++ }
    $xunit = if (Test-Path $trx) { Read-TrxCounts $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = @() } }

    $pesterJson = Join-Path $ResultsDir 'pester.json'
    $pwsh = Get-PwshCommand
    $runner = Join-Path $Root 'tests/Invoke-PesterTests.ps1'
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner `
        -PesterManifest (Get-PesterModulePath) -ModulePath $ModuleOut -ResultPath $pesterJson
    if ($LASTEXITCODE -ne 0) { $failures++ }
    $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = @() } }

    $skipped = @($xunit.Skipped) + @($pester.Skipped) | Where-Object { $_ }
    foreach ($test in $skipped) { Write-Host "Skipped: $($test.Name) — $($test.Reason)" }
    Write-Host ("xunit: {0} passed, {1} failed, {2} skipped; Pester: {3} passed, {4} failed, {5} skipped" -f
        $xunit.Passed, $xunit.Failed, @($xunit.Skipped).Count, $pester.Passed, $pester.Failed, @($pester.Skipped).Count)
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    if ($failed -eq 0 -and $failures -gt 0) { $failed = $failures }
    Write-Output "$passed passed, $failed failed, $(@($skipped).Count) skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $Root 'tests/demo/Show-WhyPtsIsZero.ps1') -ModulePath $ModuleOut
    if ($LASTEXITCODE -ne 0) { throw "The demo failed." }
}

function Invoke-Screenshot {
    Invoke-Build
    $chromium = Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $chromium) {
        Write-Warning 'Chromium is not installed (Debian: apt-get install chromium): docs/images/timeline.png is left as it is.'
        return
    }
    $work = Join-Path $Out 'screenshot'
    if (Test-Path $work) { Remove-Item $work -Recurse -Force }
    New-Item -ItemType Directory -Path $work | Out-Null
    # The first second of the bundled sample, where every frame is wide enough to see its type and where it goes.
    $page = Join-Path $work 'bframes-editlist.timeline.html'
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$(Join-Path $ModuleOut 'Mp4Timing.psd1')'; Export-Mp4Timeline -LiteralPath '$(Join-Path $Root 'tests/fixtures/bframes-editlist.mp4')' -Start -0.1 -Duration 1.1 -OutFile '$page' -Force"
    if ($LASTEXITCODE -ne 0) { throw 'Export-Mp4Timeline failed.' }
    $image = Join-Path $Root 'docs/images/timeline.png'
    New-Item -ItemType Directory -Path (Split-Path $image) -Force | Out-Null
    $profileDir = Join-Path $work 'chromium-profile'
    $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', "--user-data-dir=$profileDir", '--hide-scrollbars', "--screenshot=$image", '--window-size=1440,680', "file://$page")
    & $chromium.Source @arguments 2>$null
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $image)) { throw "Chromium did not render $page." }
    Write-Host "Rendered $page into $image"
}

function Invoke-Clean {
    foreach ($dir in @($Out) + (Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj).FullName) {
        if ($dir -and (Test-Path $dir)) { Remove-Item $dir -Recurse -Force }
    }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Help' { Invoke-Build }
        'Screenshot' { Invoke-Screenshot }
        'Bench' { Invoke-Bench }
        'Fuzz' { Invoke-Fuzz }
        'Clean' { Invoke-Clean }
    }
}
