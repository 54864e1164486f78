#Requires -Version 7.2
<#
.SYNOPSIS
    Fuzzes the MP4 readers of Mp4Timing.Core with AFL++ and SharpFuzz for a fixed time.
.DESCRIPTION
    1. Checks for afl-fuzz (installs Debian's afl++ when running as root with apt-get, else stops with a message).
    2. Restores the local dotnet tools (SharpFuzz.CommandLine, pinned in .config/dotnet-tools.json).
    3. Publishes tests/fuzz/Mp4Timing.Fuzz in Release to tests/fuzz/out/harness and instruments its copy of
       Mp4Timing.Core.dll with sharpfuzz (the build output under src/ is left alone).
    4. Seeds tests/fuzz/out/seeds: hand-built files, copies of tests/fixtures/**/*.mp4|m4a|mov|m4s with their
       mdat payloads cut away, the fixtures themselves when under -MaxSeedKB, and tests/fuzz/regressions/*.
    5. Runs one afl-fuzz instance for -Minutes (afl-fuzz -V), with tests/fuzz/mp4.dict; an input that runs
       longer than -TimeoutMs is a hang.
    6. Reports executions, crashes and hangs from fuzzer_stats, copies crash and hang inputs to
       tests/fuzz/findings/<time>/ and exits 1 when there were any (0 when clean, 2 when it could not run).
    Triage a finding: dotnet run --project tests/fuzz/Mp4Timing.Fuzz -c Release -- --run tests/fuzz/findings
.EXAMPLE
    dotnet pwsh tests/fuzz/Invoke-Fuzz.ps1 -Minutes 30
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Fuzz -FuzzMinutes 30
#>
[CmdletBinding()]
param(
    # How long afl-fuzz runs.
    [ValidateRange(1, 1440)]
    [int] $Minutes = 10,

    # An input that runs longer than this (milliseconds) is recorded as a hang.
    [ValidateRange(100, 60000)]
    [int] $TimeoutMs = 5000,

    # Fixtures up to this size are also seeded unchanged (all of them are seeded without their mdat payloads).
    [ValidateRange(0, 10240)]
    [int] $MaxSeedKB = 16,

    # Go on from the previous run's queue (tests/fuzz/out/afl) instead of starting from the seeds.
    [switch] $Resume
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$FuzzRoot = $PSScriptRoot
$Root = (Resolve-Path (Join-Path $FuzzRoot '../..')).Path
$Project = Join-Path $FuzzRoot 'Mp4Timing.Fuzz/Mp4Timing.Fuzz.csproj'
$Work = Join-Path $FuzzRoot 'out'
$Harness = Join-Path $Work 'harness'
$Seeds = Join-Path $Work 'seeds'
$AflOut = Join-Path $Work 'afl'
$Findings = Join-Path $FuzzRoot 'findings'
$Regressions = Join-Path $FuzzRoot 'regressions'
$Dictionary = Join-Path $FuzzRoot 'mp4.dict'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Assert-AflFuzz {
    if (Get-Command afl-fuzz -ErrorAction SilentlyContinue) { return }
    $isRoot = $IsLinux -and ((& id -u) -eq '0')
    if ($isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host 'afl-fuzz was not found: installing Debian''s afl++ package...'
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get update -qq | Out-Null
        & apt-get install -y -qq afl++ | Out-Null
    }
    if (-not (Get-Command afl-fuzz -ErrorAction SilentlyContinue)) {
        Write-Error ('afl-fuzz (AFL++) was not found on PATH. Install it first, e.g. "sudo apt-get install afl++" on Debian/Ubuntu, ' +
            'or build it from source; fuzzing needs Linux or macOS.') -ErrorAction Continue
        exit 2
    }
}

function Read-FuzzerStats([string] $Path) {
    $stats = @{}
    if (-not (Test-Path $Path)) { return $stats }
    foreach ($line in Get-Content $Path) {
        if ($line -match '^\s*(\S+)\s*:\s*(.*?)\s*$') { $stats[$Matches[1]] = $Matches[2] }
    }
    return $stats
}

function Get-Stat([hashtable] $Stats, [string[]] $Names) {
    # AFL++ 4 names first (saved_crashes), then the older ones (unique_crashes).
    foreach ($name in $Names) { if ($Stats.ContainsKey($name)) { return [long] $Stats[$name] } }
    return 0
}

Assert-AflFuzz
$aflVersion = (& afl-fuzz -h 2>&1 | Select-String -Pattern 'afl-fuzz\+*\s*[0-9.]+\w*' | Select-Object -First 1)
Write-Host "Using $(if ($aflVersion) { $aflVersion.Matches[0].Value } else { 'afl-fuzz' }) ($((Get-Command afl-fuzz).Source))"

Push-Location $Root
try {
    Invoke-Native dotnet @('tool', 'restore')

    # Publish to a fresh folder, then instrument that copy: instrumenting twice fails, and the build
    # output under src/ must stay uninstrumented for the tests and the module.
    if (Test-Path $Harness) { Remove-Item $Harness -Recurse -Force }
    Invoke-Native dotnet @('publish', $Project, '-c', 'Release', '-o', $Harness, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    $core = Join-Path $Harness 'Mp4Timing.Core.dll'
    Write-Host "Instrumenting $core"
    Invoke-Native dotnet @('tool', 'run', 'sharpfuzz', $core)
    $harnessDll = Join-Path $Harness 'Mp4Timing.Fuzz.dll'

    if (-not $Resume -or -not (Test-Path (Join-Path $AflOut 'default/queue'))) {
        $Resume = $false
        if (Test-Path $Seeds) { Remove-Item $Seeds -Recurse -Force }
        New-Item -ItemType Directory -Path $Seeds | Out-Null
        Invoke-Native dotnet @($harnessDll, '--handmade', $Seeds) | Out-Null
        $fixtures = @(Get-ChildItem (Join-Path $Root 'tests/fixtures') -Recurse -File -Include *.mp4, *.m4a, *.mov, *.m4s | Sort-Object FullName)
        if ($fixtures.Count -gt 0) {
            Invoke-Native dotnet (@($harnessDll, '--strip-mdat', $Seeds) + $fixtures.FullName) | Out-Null
        }
        foreach ($file in $fixtures | Where-Object Length -LE ($MaxSeedKB * 1KB)) {
            Copy-Item $file.FullName (Join-Path $Seeds $file.Name)
        }
        if (Test-Path $Regressions) {
            foreach ($file in Get-ChildItem $Regressions -File | Where-Object Name -NE 'README.md') {
                Copy-Item $file.FullName (Join-Path $Seeds "regression-$($file.Name)")
            }
        }
        # Identical seeds only slow the start.
        Get-ChildItem $Seeds -File | Group-Object { (Get-FileHash $_.FullName -Algorithm SHA256).Hash } |
            ForEach-Object { $_.Group | Select-Object -Skip 1 | Remove-Item }
        $seedFiles = @(Get-ChildItem $Seeds -File)
        Write-Host ("Seeded {0} files ({1:N0} bytes) in {2}" -f $seedFiles.Count, ($seedFiles | Measure-Object Length -Sum).Sum, $Seeds)
        if (Test-Path $AflOut) { Remove-Item $AflOut -Recurse -Force }
    }

    # The harness is managed code: afl-fuzz cannot see instrumentation in the dotnet binary, the fork
    # server speaks the classic protocol, and this machine's kernel settings are not ours to change.
    $env:AFL_SKIP_BIN_CHECK = '1'
    $env:AFL_SKIP_CPUFREQ = '1'
    $env:AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES = '1'
    $env:AFL_NO_AFFINITY = '1'
    $env:AFL_NO_UI = '1'
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

    # On -Resume afl-fuzz carries run_time and execs_done on from the previous run: report this run's share too.
    $before = Read-FuzzerStats (Join-Path $AflOut 'default/fuzzer_stats')
    $seconds = $Minutes * 60
    $inputDir = if ($Resume) { '-' } else { $Seeds }
    $arguments = @('-i', $inputDir, '-o', $AflOut, '-t', "$TimeoutMs", '-m', 'none', '-V', "$seconds", '-x', $Dictionary, '--', 'dotnet', $harnessDll)
    Write-Host "afl-fuzz $($arguments -join ' ')   (for $Minutes min; log in $Work/afl-fuzz.log)"
    $log = Join-Path $Work 'afl-fuzz.log'
    & afl-fuzz @arguments *> $log
    $aflExit = $LASTEXITCODE

    $stats = Read-FuzzerStats (Join-Path $AflOut 'default/fuzzer_stats')
    if ($stats.Count -eq 0) {
        Get-Content $log -Tail 40 | Write-Host
        Write-Error "afl-fuzz did not run (exit code $aflExit); its output is above and in $log." -ErrorAction Continue
        exit 2
    }
    $execs = Get-Stat $stats @('execs_done')
    $runTime = Get-Stat $stats @('run_time')
    $crashes = Get-Stat $stats @('saved_crashes', 'unique_crashes')
    $hangs = Get-Stat $stats @('saved_hangs', 'unique_hangs')
    $paths = Get-Stat $stats @('corpus_count', 'paths_total')
    $speed = if ($stats.ContainsKey('execs_per_sec')) { $stats['execs_per_sec'] } else { '?' }
    $coverage = if ($stats.ContainsKey('bitmap_cvg')) { $stats['bitmap_cvg'] } else { '?' }

    $copied = 0
    if ($crashes + $hangs -gt 0) {
        $target = Join-Path $Findings (Get-Date -Format 'yyyyMMdd-HHmmss')
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        foreach ($kind in @{ Folder = 'crashes'; Prefix = 'crash' }, @{ Folder = 'hangs'; Prefix = 'hang' }) {
            foreach ($file in Get-ChildItem (Join-Path $AflOut "default/$($kind.Folder)") -File -Filter 'id*' -ErrorAction SilentlyContinue) {
                $name = "$($kind.Prefix)-" + ($file.Name -replace '[^A-Za-z0-9_.-]', '_')
                Copy-Item $file.FullName (Join-Path $target $name)
                $copied++
            }
        }
        Write-Host "Copied $copied findings to $target"
        Write-Host "Triage: dotnet run --project tests/fuzz/Mp4Timing.Fuzz -c Release -- --run $target"
    }

    if ($Resume -and $before.Count -gt 0) {
        Write-Host ("This run: {0} s, {1:N0} executions; the queue's totals follow." -f
            ($runTime - (Get-Stat $before @('run_time'))), ($execs - (Get-Stat $before @('execs_done'))))
    }
    Write-Host ("Fuzzed {0} s: {1:N0} executions ({2}/s), {3} corpus entries, coverage {4}; crashes: {5}, hangs: {6}" -f
        $runTime, $execs, $speed, $paths, $coverage, $crashes, $hangs)
    if ($crashes + $hangs -gt 0) { exit 1 }
    exit 0
}
finally {
    Pop-Location
}
