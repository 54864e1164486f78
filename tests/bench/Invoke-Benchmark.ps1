#Requires -Version 7.2
<#
.SYNOPSIS
    Measures Mp4Timing at scale: the module against the pipeline's floor and ffprobe, memory on a
    10-hour file, the core alone (BenchmarkDotNet) and batch throughput. Run by build.ps1 -Task Bench.
.DESCRIPTION
    Test files are made with ffmpeg once and cached under out/bench-cache (reused when present; delete
    the folder to remake them):
      av-60m.mp4       1 hour, 64x36 testsrc at 60 fps, H.264 with 3 B-frames (b-pyramid, keyint 240),
                       plus mono AAC at 48 kHz: 216,000 video + ~168,800 audio samples
      av-60m-frag.mp4  the same streams copied into fragments (frag_keyframe+empty_moov+default_base_moof)
      av-600m*.mp4     10 hours: the 1-hour file concatenated 10 times (concat demuxer, stream copy),
                       and its fragmented copy; used for memory only: Get-Mp4Track, Test-Mp4Timing, and the peak working set
                       of a fresh pwsh per mode (plain, -PresentationOrder, -Convention Ffmpeg) beside ffprobe's own peak
      batch-1m/        copies of a 1-minute file of the same kind, for files per second
      hd-1m.mp4        1 minute of 1280x720 testsrc2 at 60 fps, H.264 at 6 Mbit/s (3,600 samples of ~12 KB): what
                       reading picture headers costs when samples are as large as in real files (Get-Mp4Track)
    -Quick uses 5-minute files (50 minutes for the "10x" memory case), 20 batch copies, fewer runs
    and BenchmarkDotNet's Dry job.

    Every time is the best of several runs in this process after one warm-up run (memory and the
    fresh-process measurements excepted). The table is printed and written to out/bench/bench-<date>.md;
    the raw numbers go beside it as bench-<date>.json.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [switch] $Quick,
    # Timed runs per measurement (slow ones get at most 3); default 5, or 3 with -Quick.
    [ValidateRange(1, 50)] [int] $Runs = 0,
    # Skip the BenchmarkDotNet part (for trying the rest of the script).
    [switch] $SkipCore
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$ModulePath = (Resolve-Path $ModulePath).Path
$CacheDir = Join-Path $Root 'out/bench-cache'
$ResultDir = Join-Path $Root 'out/bench'
$null = New-Item -ItemType Directory -Force -Path $CacheDir, $ResultDir
$Invariant = [Globalization.CultureInfo]::InvariantCulture

function Get-LoadAverage {
    # The 1-minute load average: on a shared machine, other work running beside the bench shows here.
    $text = Get-Content /proc/loadavg -ErrorAction SilentlyContinue
    if ($text) { return ($text -split ' ')[0] } else { return '?' }
}
$LoadAtStart = Get-LoadAverage

$Minutes = if ($Quick) { 5 } else { 60 }
$LongFactor = 10
$BatchCopies = if ($Quick) { 20 } else { 100 }
if ($Runs -eq 0) { $Runs = if ($Quick) { 3 } else { 5 } }
$SlowRuns = [Math]::Min($Runs, 3)
$Cores = [Environment]::ProcessorCount
$ThreadCounts = @(1, 2, $Cores, (2 * $Cores)) | Sort-Object -Unique

#region helpers

function Get-PwshCommand {
    # The pwsh running this script; as a dotnet tool that is 'dotnet pwsh.dll'.
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($exe)
}

function Invoke-Native([string] $FilePath, [string[]] $ArgumentList) {
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Ffmpeg([string[]] $ArgumentList) {
    Invoke-Native ffmpeg (@('-hide_banner', '-loglevel', 'error', '-nostdin', '-y') + $ArgumentList)
}

function Get-CachedFile([string] $Name, [scriptblock] $Create) {
    # Made under a partial name and renamed when complete, so an interrupted run leaves nothing to reuse.
    $path = Join-Path $CacheDir $Name
    if (Test-Path -LiteralPath $path) { return $path }
    $partial = Join-Path $CacheDir "partial-$Name"
    Write-Host "Creating $path ..."
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Create $partial
    Move-Item -LiteralPath $partial -Destination $path -Force
    Write-Host ("  done in {0:N0} s" -f $watch.Elapsed.TotalSeconds)
    return $path
}

function New-TestClip([string] $Path, [int] $Seconds) {
    # Tiny frames encode at thousands of frames per second; the sample tables are what matter here.
    Invoke-Ffmpeg @(
        '-f', 'lavfi', '-i', "testsrc=size=64x36:rate=60:duration=$Seconds",
        '-f', 'lavfi', '-i', "sine=frequency=440:sample_rate=48000:duration=$Seconds",
        '-map', '0:v', '-map', '1:a',
        '-c:v', 'libx264', '-preset', 'ultrafast', '-x264-params', 'bframes=3:b-pyramid=normal:keyint=240',
        '-b:v', '16k', '-pix_fmt', 'yuv420p',
        '-c:a', 'aac', '-b:a', '16k', '-ac', '1',
        '-shortest', $Path)
}

function New-HdClip([string] $Path, [int] $Seconds) {
    # Samples of a real file's size: reading their headers costs one read each, where the tiny clips batch hundreds.
    Invoke-Ffmpeg @(
        '-f', 'lavfi', '-i', "testsrc2=size=1280x720:rate=60:duration=$Seconds",
        '-c:v', 'libx264', '-preset', 'ultrafast', '-x264-params', 'bframes=3:b-pyramid=normal:keyint=120',
        '-b:v', '6M', '-pix_fmt', 'yuv420p', $Path)
}

function New-Fragmented([string] $Source, [string] $Path) {
    Invoke-Ffmpeg @('-i', $Source, '-map', '0', '-c', 'copy', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', $Path)
}

function New-Concatenated([string] $Source, [int] $Times, [string] $Path) {
    $list = Join-Path $CacheDir 'concat-list.txt'
    $line = "file '" + ($Source -replace "'", "'\''") + "'"
    Set-Content -LiteralPath $list -Value (@($line) * $Times) -Encoding utf8NoBOM
    try {
        Invoke-Ffmpeg @('-f', 'concat', '-safe', '0', '-i', $list, '-map', '0', '-c', 'copy', $Path)
    }
    finally {
        Remove-Item -LiteralPath $list -ErrorAction SilentlyContinue
    }
}

function Measure-Best {
    # Best (and median) wall time in ms of $Script over $Count runs after one warm-up run; a full
    # collection before each run so that one run's garbage is not charged to the next.
    param([scriptblock] $Script, [object[]] $ArgumentList = @(), [int] $Count = $Runs, [switch] $NoWarmup)
    $result = $null
    if (-not $NoWarmup) { $result = & $Script @ArgumentList }
    $times = foreach ($i in 1..$Count) {
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = & $Script @ArgumentList
        $watch.Stop()
        $watch.Elapsed.TotalMilliseconds
    }
    $sorted = @($times | Sort-Object)
    [pscustomobject]@{
        Best   = $sorted[0]
        Median = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
        Runs   = $sorted
        Result = $result
    }
}

function Invoke-FreshPwsh([string[]] $ArgumentList) {
    $pwsh = Get-PwshCommand
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "pwsh $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE." }
    return ($output | Select-Object -Last 1 | ConvertFrom-Json)
}

function Measure-ProcessPeak([string] $FilePath, [string[]] $ArgumentList) {
    # Peak resident memory of a program run to its end: the largest VmHWM (Linux) or PeakWorkingSet64 seen while
    # polling every 20 ms, and its wall time.
    $start = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $ArgumentList) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    $drain = $process.StandardOutput.BaseStream.CopyToAsync([IO.Stream]::Null)
    $peak = 0L
    while (-not $process.HasExited) {
        $status = "/proc/$($process.Id)/status"
        $value = if (Test-Path $status) {
            $line = Get-Content $status -ErrorAction SilentlyContinue | Where-Object { $_ -like 'VmHWM:*' }
            if ($line) { [long](($line -split '\s+')[1]) * 1024 } else { 0 }
        }
        else { try { $process.Refresh(); $process.PeakWorkingSet64 } catch { 0 } }
        if ($value -gt $peak) { $peak = $value }
        Start-Sleep -Milliseconds 20
    }
    $drain.Wait()
    $process.WaitForExit()
    [pscustomobject]@{ PeakWorkingSet = $peak; Seconds = $watch.Elapsed.TotalSeconds; ExitCode = $process.ExitCode }
}

$Chromium = Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

function Measure-Render([string] $Page) {
    # Wall time of headless Chromium taking a screenshot of the page (best of $SlowRuns, a fresh profile each run), and of a
    # blank page the same way: the difference is what the page itself costs to parse, lay out and paint. Null without Chromium.
    if (-not $Chromium) { return $null }
    $blankPage = Join-Path $ResultDir 'blank.html'
    Set-Content -LiteralPath $blankPage -Value '<!DOCTYPE html><html><body><p>blank</p></body></html>' -Encoding utf8NoBOM
    $time = {
        param($target)
        $profileDir = Join-Path $ResultDir "chromium-profile-$([guid]::NewGuid().ToString('N'))"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $Chromium.Source --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run `
            "--user-data-dir=$profileDir" --hide-scrollbars "--screenshot=$([IO.Path]::ChangeExtension($target, '.png'))" --window-size=1440,1000 "file://$target" 2>$null | Out-Null
        $watch.Stop()
        if ($LASTEXITCODE -ne 0) { throw "Chromium failed on $target" }
        Remove-Item -LiteralPath $profileDir -Recurse -Force -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalMilliseconds
    }
    $pageTimes = @(1..$SlowRuns | ForEach-Object { & $time $Page } | Sort-Object)
    $blankTimes = @(1..$SlowRuns | ForEach-Object { & $time $blankPage } | Sort-Object)
    [pscustomobject]@{ Best = $pageTimes[0]; Blank = $blankTimes[0]; Page = [Math]::Max(0, $pageTimes[0] - $blankTimes[0]); Runs = $pageTimes }
}

function Format-Ms([double] $Ms) {
    if ($Ms -ge 1000) { return ($Ms / 1000).ToString('0.00', $Invariant) + ' s' }
    if ($Ms -ge 10) { return $Ms.ToString('0', $Invariant) + ' ms' }
    return $Ms.ToString('0.0', $Invariant) + ' ms'
}

function Format-Rate([double] $PerSecond, [string] $Unit = 'samples/s') {
    if ($PerSecond -ge 1e6) { return ($PerSecond / 1e6).ToString('0.00', $Invariant) + " M $Unit" }
    if ($PerSecond -ge 1e3) { return ($PerSecond / 1e3).ToString('0', $Invariant) + " k $Unit" }
    return $PerSecond.ToString('0.0', $Invariant) + " $Unit"
}

function Format-MB([double] $Bytes) { ($Bytes / 1MB).ToString('0.0', $Invariant) + ' MB' }

function Format-Ratio([double] $Value) { $Value.ToString('0.00', $Invariant) + '×' }

function Test-Target([double] $Value, [string] $Op, [double] $Limit) {
    switch ($Op) { '<=' { $Value -le $Limit } '>=' { $Value -ge $Limit } }
}

$Rows = [Collections.Generic.List[object]]::new()
function Add-Row {
    # One table line. -Met: one bool per measured column (null when the row has no target).
    param([string] $Measure, [string] $Progressive, [string] $Fragmented = '', [string] $Target = '', [object[]] $Met = $null)
    $verdict = if ($null -eq $Met -or $Met.Count -eq 0) { '' }
    elseif (@($Met | Where-Object { -not $_ }).Count -eq 0) { 'met' }
    else { 'MISSED' }
    $Rows.Add([pscustomobject]@{ Measure = $Measure; Progressive = $Progressive; Fragmented = $Fragmented; Target = $Target; Met = $verdict })
}

function Format-Mark([bool] $Met) { if ($Met) { '' } else { ' ✗' } }

#endregion

#region files

$ffmpegVersion = (& ffmpeg -hide_banner -version | Select-Object -First 1)
$span = "$($Minutes)m"
$longSpan = "$($Minutes * $LongFactor)m"
$progressive = Get-CachedFile "av-$span.mp4" { param($p) New-TestClip $p ($Minutes * 60) }
$fragmented = Get-CachedFile "av-$span-frag.mp4" { param($p) New-Fragmented $progressive $p }
$longProgressive = Get-CachedFile "av-$longSpan.mp4" { param($p) New-Concatenated $progressive $LongFactor $p }
$longFragmented = Get-CachedFile "av-$longSpan-frag.mp4" { param($p) New-Fragmented $longProgressive $p }
$clip = Get-CachedFile 'clip-1m.mp4' { param($p) New-TestClip $p 60 }
$hdClip = Get-CachedFile 'hd-1m.mp4' { param($p) New-HdClip $p 60 }
$batchDir = Join-Path $CacheDir 'batch-1m'
$null = New-Item -ItemType Directory -Force -Path $batchDir
foreach ($i in 1..$BatchCopies) {
    $copy = Join-Path $batchDir ('clip-{0:D3}.mp4' -f $i)
    if (-not (Test-Path -LiteralPath $copy)) { Copy-Item -LiteralPath $clip -Destination $copy }
}
$batchFiles = @(1..$BatchCopies | ForEach-Object { Join-Path $batchDir ('clip-{0:D3}.mp4' -f $_) })
$Files = [ordered]@{ Progressive = $progressive; Fragmented = $fragmented }

#endregion

#region test support and core benchmark builds

Write-Host 'Building tests/TestSupport (Write-BenchObject, ManagedMemoryProbe) ...'
$supportProject = Join-Path $Root 'tests/TestSupport/TestSupport.csproj'
Invoke-Native dotnet @('build', $supportProject, '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
$supportDll = Join-Path $Root "tests/TestSupport/bin/$Configuration/netstandard2.0/Mp4Timing.TestSupport.dll"

Import-Module (Join-Path $ModulePath 'Mp4Timing.psd1')
# After the module, so that its reference to Mp4Timing.Core binds to the module's copy.
Import-Module $supportDll

#endregion

$Results = [ordered]@{}
$samplesOf = @{}

#region pipeline timings

foreach ($layout in $Files.Keys) {
    $file = $Files[$layout]
    Write-Host "[$layout] $file"
    $r = [ordered]@{}

    $r.Plain = Measure-Best { param($f) Get-Mp4SampleTiming -LiteralPath $f | Measure-Object } @($file)
    $samplesOf[$layout] = $r.Plain.Result.Count
    Write-Host ("  Get-Mp4SampleTiming | Measure-Object: {0} ({1} samples)" -f (Format-Ms $r.Plain.Best), $samplesOf[$layout])

    $null = Write-BenchObject -Path $file -Count 0   # reads and caches the objects, untimed
    $r.Floor = Measure-Best { param($f) Write-BenchObject -Path $f | Measure-Object } @($file)
    if ($r.Floor.Result.Count -ne $samplesOf[$layout]) { throw "Write-BenchObject wrote $($r.Floor.Result.Count) objects, expected $($samplesOf[$layout])." }
    Write-Host ("  floor (Write-BenchObject | Measure-Object): {0}" -f (Format-Ms $r.Floor.Best))

    $r.Ffprobe = Measure-Best -Count $SlowRuns {
        param($f)
        ffprobe -v error -show_packets -of csv $f > $null
        if ($LASTEXITCODE -ne 0) { throw "ffprobe failed on $f" }
    } @($file)
    Write-Host ("  ffprobe -show_packets -of csv > `$null: {0}" -f (Format-Ms $r.Ffprobe.Best))

    $r.FfprobeOwn = Measure-Best -Count $SlowRuns {
        param($f)
        ffprobe -v error -show_packets -of csv -o /dev/null $f
        if ($LASTEXITCODE -ne 0) { throw "ffprobe failed on $f" }
    } @($file)
    Write-Host ("  ffprobe -show_packets -of csv -o /dev/null: {0}" -f (Format-Ms $r.FfprobeOwn.Best))

    $r.First10 = Measure-Best { param($f) Get-Mp4SampleTiming -LiteralPath $f | Select-Object -First 10 } @($file)
    Write-Host ("  first 10: {0}" -f (Format-Ms $r.First10.Best))

    $r.Presentation = Measure-Best -Count $SlowRuns { param($f) Get-Mp4SampleTiming -LiteralPath $f -PresentationOrder | Measure-Object } @($file)
    Write-Host ("  -PresentationOrder: {0}" -f (Format-Ms $r.Presentation.Best))

    $r.Ffmpeg = Measure-Best -Count $SlowRuns { param($f) Get-Mp4SampleTiming -LiteralPath $f -Convention Ffmpeg | Measure-Object } @($file)
    Write-Host ("  -Convention Ffmpeg: {0} ({1} packets)" -f (Format-Ms $r.Ffmpeg.Best), $r.Ffmpeg.Result.Count)

    # Get-Mp4Track over all tracks, warm: the summaries alone, then with ffprobe's start time read (which builds the ffmpeg model).
    $r.Track = Measure-Best { param($f) Get-Mp4Track -LiteralPath $f | Measure-Object } @($file)
    if (($r.Track.Result.Count) -lt 2) { throw "Get-Mp4Track gave $($r.Track.Result.Count) tracks for $file, expected video and audio." }
    Write-Host ("  Get-Mp4Track | Measure-Object (all tracks): {0}" -f (Format-Ms $r.Track.Best))
    $r.TrackFfmpeg = Measure-Best -Count $SlowRuns { param($f) Get-Mp4Track -LiteralPath $f | ForEach-Object FfmpegStartTime } @($file)
    Write-Host ("  Get-Mp4Track | ForEach-Object FfmpegStartTime: {0}" -f (Format-Ms $r.TrackFfmpeg.Best))
    # Get-Mp4Track reads the headers of the sync samples and the first GOP; -PictureType those of every video sample.
    $r.TrackPictures = Measure-Best -Count $SlowRuns { param($f) Get-Mp4Track -LiteralPath $f -PictureType | Measure-Object } @($file)
    Write-Host ("  Get-Mp4Track -PictureType: {0}" -f (Format-Ms $r.TrackPictures.Best))
    # Test-Mp4Timing: the default rules in one pass over each track; then every rule, FfmpegDiffersFromIso's model of ffmpeg's index included.
    $r.Test = Measure-Best { param($f) Test-Mp4Timing -LiteralPath $f | Measure-Object } @($file)
    if ($r.Test.Result.Count -ne 0) { throw "Test-Mp4Timing found $($r.Test.Result.Count) things wrong with $file, which passes every rule." }
    Write-Host ("  Test-Mp4Timing | Measure-Object: {0}" -f (Format-Ms $r.Test.Best))
    $r.TestAll = Measure-Best -Count $SlowRuns { param($f) Test-Mp4Timing -LiteralPath $f -Rule * | Measure-Object } @($file)
    Write-Host ("  Test-Mp4Timing -Rule * (with the ffmpeg model): {0}" -f (Format-Ms $r.TestAll.Best))
    # -PictureType reads the first bytes of every video sample (batched with the samples after it in the file).
    $r.PictureType = Measure-Best -Count $SlowRuns { param($f) Get-Mp4SampleTiming -LiteralPath $f -PictureType | Measure-Object } @($file)
    Write-Host ("  -PictureType: {0}" -f (Format-Ms $r.PictureType.Best))

    $r.Box = Measure-Best { param($f) Get-Mp4Box -LiteralPath $f | Measure-Object } @($file)
    Write-Host ("  Get-Mp4Box | Measure-Object: {0} ({1} boxes)" -f (Format-Ms $r.Box.Best), $r.Box.Result.Count)

    # The timeline page of the whole file (per pixel column), and headless Chromium rendering it.
    $page = Join-Path $ResultDir "timeline-$layout.html"
    $r.Timeline = Measure-Best -Count $SlowRuns { param($f, $o) Export-Mp4Timeline -LiteralPath $f -OutFile $o -Force -PassThru } @($file, $page)
    $r.TimelineSize = $r.Timeline.Result.Size
    if (-not $r.Timeline.Result.IsAggregated) { throw "The timeline page of $file drew every sample of a 1-hour file." }
    Write-Host ("  Export-Mp4Timeline: {0}, page {1}" -f (Format-Ms $r.Timeline.Best), (Format-MB $r.TimelineSize))
    $r.Render = Measure-Render $page
    if ($r.Render) { Write-Host ("  Chromium --screenshot: {0} (a blank page: {1})" -f (Format-Ms $r.Render.Best), (Format-Ms $r.Render.Blank)) }

    $Results[$layout] = $r
    # Drop the floor's cached objects so that they do not weigh on the next measurements.
    [Mp4Timing.TestSupport.WriteBenchObjectCommand]::ClearCache()
}

Write-Host "[pipeline] HD clip ($hdClip)"
$hd = [ordered]@{
    Track    = Measure-Best { param($f) Get-Mp4Track -LiteralPath $f | Measure-Object } @($hdClip)
    Pictures = Measure-Best { param($f) Get-Mp4Track -LiteralPath $f -PictureType | Measure-Object } @($hdClip)
}
$hdSamples = (Get-Mp4Track -LiteralPath $hdClip -Kind Video).SampleCount
Write-Host ("  Get-Mp4Track: {0}, -PictureType: {1} ({2:N0} video samples)" -f (Format-Ms $hd.Track.Best), (Format-Ms $hd.Pictures.Best), $hdSamples)

#endregion

#region memory (fresh processes)

$memoryScript = Join-Path $PSScriptRoot 'Measure-FreshRun.ps1'
$manifest = Join-Path $ModulePath 'Mp4Timing.psd1'
$editListClip = Join-Path $Root 'tests/fixtures/bframes-editlist.mp4'
$coldFirst = [ordered]@{}
foreach ($layout in $Files.Keys) {
    # Best of a few fresh processes: the first run of the module's code, JIT compilation included.
    $cold = @(1..$SlowRuns | ForEach-Object { Invoke-FreshPwsh @('-File', $memoryScript, '-ModulePath', $manifest, '-File', $Files[$layout], '-Mode', 'FirstTen') })
    $coldFirst[$layout] = $cold | Sort-Object Seconds | Select-Object -First 1
    Write-Host ("[cold] {0}: Import-Module {1}, first pipeline (Get-Item) {2}, first 10 {3}" -f $layout, (Format-Ms ($coldFirst[$layout].ImportSeconds * 1000)),
        (Format-Ms ($coldFirst[$layout].BaselineSeconds * 1000)), (Format-Ms ($coldFirst[$layout].Seconds * 1000)))
}
# Peak memory per mode on the 10x files, beside ffprobe's own on the same file (it holds the same index as
# -Convention Ffmpeg does).
$modes = [ordered]@{}
foreach ($name in 'LongProgressive', 'LongFragmented') {
    $file = if ($name -eq 'LongProgressive') { $longProgressive } else { $longFragmented }
    $modes[$name] = [ordered]@{}
    foreach ($pipeline in 'Plain', 'PresentationOrder', 'Ffmpeg') {
        $run = Invoke-FreshPwsh @('-File', $memoryScript, '-ModulePath', $manifest, '-File', $file, '-Mode', 'WorkingSet', '-Pipeline', $pipeline)
        $modes[$name][$pipeline] = $run
        Write-Host ("[memory] {0} {1}: peak working set {2}, {3}" -f $name, $pipeline, (Format-MB $run.PeakWorkingSet), (Format-Ms ($run.Seconds * 1000)))
    }
    $probe = Measure-ProcessPeak ffprobe @('-v', 'error', '-show_packets', '-of', 'csv', '-o', '/dev/null', $file)
    if ($probe.ExitCode -ne 0) { throw "ffprobe failed on $file" }
    $modes[$name]['Ffprobe'] = $probe
    Write-Host ("[memory] {0} ffprobe -show_packets: peak {1}, {2}" -f $name, (Format-MB $probe.PeakWorkingSet), (Format-Ms ($probe.Seconds * 1000)))
}

$memory = [ordered]@{}
$memoryFiles = [ordered]@{
    SmallClip         = $editListClip
    Progressive       = $progressive
    Fragmented        = $fragmented
    LongProgressive   = $longProgressive
    LongFragmented    = $longFragmented
}
foreach ($name in $memoryFiles.Keys) {
    Write-Host "[memory] $name"
    $ws = Invoke-FreshPwsh @('-File', $memoryScript, '-ModulePath', $manifest, '-File', $memoryFiles[$name], '-Mode', 'WorkingSet')
    $managed = Invoke-FreshPwsh @('-File', $memoryScript, '-ModulePath', $manifest, '-File', $memoryFiles[$name], '-Mode', 'Managed', '-SupportPath', $supportDll)
    $memory[$name] = [pscustomobject]@{
        Samples         = $ws.Samples
        Seconds         = $ws.Seconds
        PeakWorkingSet  = $ws.PeakWorkingSet
        ManagedBaseline = $managed.ManagedBaseline
        ManagedPeak     = $managed.ManagedPeak
        Readings        = $managed.Readings
    }
    Write-Host ("  {0} samples in {1}; peak working set {2}; live managed {3} -> peak {4} ({5} readings)" -f $ws.Samples,
        (Format-Ms ($ws.Seconds * 1000)), (Format-MB $ws.PeakWorkingSet), (Format-MB $managed.ManagedBaseline), (Format-MB $managed.ManagedPeak), $managed.Readings)
}
# Get-Mp4Track and Test-Mp4Timing on the 1-hour and 10-hour files: the live managed heap must not grow with the number of samples.
$trackMemory = [ordered]@{}
$testMemory = [ordered]@{}
foreach ($name in 'Progressive', 'Fragmented', 'LongProgressive', 'LongFragmented') {
    $managed = Invoke-FreshPwsh @('-File', $memoryScript, '-ModulePath', $manifest, '-File', $memoryFiles[$name], '-Mode', 'Managed', '-SupportPath', $supportDll, '-Command', 'Track')
    $trackMemory[$name] = $managed
    Write-Host ("[memory] Get-Mp4Track {0}: {1} samples; live managed {2} -> peak {3} ({4} readings)" -f $name, $managed.Samples,
        (Format-MB $managed.ManagedBaseline), (Format-MB $managed.ManagedPeak), $managed.Readings)
    $managed = Invoke-FreshPwsh @('-File', $memoryScript, '-ModulePath', $manifest, '-File', $memoryFiles[$name], '-Mode', 'Managed', '-SupportPath', $supportDll, '-Command', 'Test')
    $testMemory[$name] = $managed
    Write-Host ("[memory] Test-Mp4Timing {0}: {1} findings in {2}; live managed {3} -> peak {4} ({5} readings)" -f $name, $managed.Samples,
        (Format-Ms ($managed.Seconds * 1000)), (Format-MB $managed.ManagedBaseline), (Format-MB $managed.ManagedPeak), $managed.Readings)
}

#endregion

#region core (BenchmarkDotNet)

$core = @()
if (-not $SkipCore) {
    Write-Host 'Building and running tests/bench/Mp4Timing.Bench (BenchmarkDotNet) ...'
    $benchProject = Join-Path $PSScriptRoot 'Mp4Timing.Bench/Mp4Timing.Bench.csproj'
    Invoke-Native dotnet @('build', $benchProject, '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    $benchDll = Join-Path $PSScriptRoot "Mp4Timing.Bench/bin/$Configuration/net10.0/Mp4Timing.Bench.dll"
    $coreCsv = Join-Path $ResultDir 'core.csv'
    $coreLog = Join-Path $ResultDir 'core.log'
    $benchArgs = @($benchDll, $progressive, $fragmented, $coreCsv)
    if ($Quick) { $benchArgs += '--dry' }
    if ($Configuration -eq 'Debug') { $benchArgs += '--allow-debug' }
    & dotnet @benchArgs *> $coreLog
    if ($LASTEXITCODE -ne 0) { throw "The BenchmarkDotNet run failed (exit code $LASTEXITCODE); see $coreLog." }
    $core = @(Import-Csv -LiteralPath $coreCsv)
    # The summary table BenchmarkDotNet printed, for the record.
    Get-Content -LiteralPath $coreLog | Where-Object { $_ -match '^\|' } | ForEach-Object { Write-Host $_ }
}

#endregion

#region batch

Write-Host "[batch] $BatchCopies copies of a 1-minute file; threads: $($ThreadCounts -join ', ')"
$batchSamples = (Get-Mp4SampleTiming -LiteralPath $batchFiles[0] | Measure-Object).Count * $BatchCopies
# Runspaces of -Parallel and thread jobs load the module by name, as an installed module is.
$env:PSModulePath = (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
$batch = [ordered]@{}
$batch['Sequential'] = Measure-Best -Count $SlowRuns { param($files) $files | Get-Mp4SampleTiming | Measure-Object } (, $batchFiles)
if ($batch['Sequential'].Result.Count -ne $batchSamples) { throw "The batch read $($batch['Sequential'].Result.Count) samples, expected $batchSamples." }
foreach ($threads in $ThreadCounts) {
    $batch["Parallel$threads"] = Measure-Best -Count $SlowRuns {
        param($files, $t)
        $files | ForEach-Object -ThrottleLimit $t -Parallel { (Get-Mp4SampleTiming -LiteralPath $_ | Measure-Object).Count } |
            Measure-Object -Sum
    } @((, $batchFiles) + $threads)
    if ($batch["Parallel$threads"].Result.Sum -ne $batchSamples) { throw "ForEach-Object -Parallel read $($batch["Parallel$threads"].Result.Sum) samples, expected $batchSamples." }
    $batch["ThreadJob$threads"] = Measure-Best -Count $SlowRuns {
        param($files, $t)
        $jobs = for ($j = 0; $j -lt $t; $j++) {
            $share = @(for ($k = $j; $k -lt $files.Count; $k += $t) { $files[$k] })
            Start-ThreadJob -ThrottleLimit $t -ArgumentList (, $share) -ScriptBlock {
                param($paths)
                ($paths | Get-Mp4SampleTiming | Measure-Object).Count
            }
        }
        $jobs | Receive-Job -Wait -AutoRemoveJob | Measure-Object -Sum
    } @((, $batchFiles) + $threads)
    if ($batch["ThreadJob$threads"].Result.Sum -ne $batchSamples) { throw "Start-ThreadJob read $($batch["ThreadJob$threads"].Result.Sum) samples, expected $batchSamples." }
    Write-Host ("  {0} thread(s): -Parallel {1}, ThreadJob {2}" -f $threads, (Format-Ms $batch["Parallel$threads"].Best), (Format-Ms $batch["ThreadJob$threads"].Best))
}

#endregion

#region robustness and help build (times the tests only guard)

Write-Host '[robustness] fuzzing regressions and review findings through the fuzzing harness'
$benchDll = Join-Path $PSScriptRoot "Mp4Timing.Bench/bin/$Configuration/net10.0/Mp4Timing.Bench.dll"
Invoke-Native dotnet @('build', (Join-Path $PSScriptRoot 'Mp4Timing.Bench/Mp4Timing.Bench.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
$robustness = @(& dotnet $benchDll --robustness (Join-Path $Root 'tests/fuzz/regressions') $Runs | ConvertFrom-Csv)
if ($LASTEXITCODE -ne 0 -or $robustness.Count -eq 0) { throw 'The robustness timings failed.' }
$robustness | ForEach-Object { Write-Host ("  {0} ({1:N0} bytes): {2}" -f $_.Input, [long]$_.Bytes, (Format-Ms ([double]$_.BestMs))) }

Write-Host '[help] docs -> MAML with the project''s own converter'
$helpOut = Join-Path $ResultDir 'help-build'
$helpScript = Join-Path $Root 'docs/build/Build-Help.ps1'
$helpBuild = Measure-Best { param($s, $o) & $s -DocsPath (Join-Path $Root 'docs') -OutputPath $o -NoPlatyPS } @($helpScript, $helpOut)
Remove-Item -LiteralPath $helpOut -Recurse -Force -ErrorAction SilentlyContinue
Write-Host ("  Build-Help.ps1 -NoPlatyPS: {0}" -f (Format-Ms $helpBuild.Best))

#endregion

#region table

$P = $Results['Progressive']; $F = $Results['Fragmented']
function Get-Rate($Layout, $Ms) { $samplesOf[$Layout] / ($Ms / 1000) }
function Format-Timing($Layout, $Entry) { '{0} ({1})' -f (Format-Ms $Entry.Best), (Format-Rate (Get-Rate $Layout $Entry.Best)) }

Add-Row 'Samples (video + audio)' ('{0:N0}' -f $samplesOf.Progressive) ('{0:N0}' -f $samplesOf.Fragmented)
Add-Row '`Get-Mp4SampleTiming f | Measure-Object`' (Format-Timing Progressive $P.Plain) (Format-Timing Fragmented $F.Plain)
Add-Row 'Floor: `Write-BenchObject` (same objects, pre-built) `| Measure-Object`' (Format-Timing Progressive $P.Floor) (Format-Timing Fragmented $F.Floor)
$ratios = @($P, $F | ForEach-Object { $_.Plain.Best / $_.Floor.Best })
$met = @($ratios | ForEach-Object { Test-Target $_ '<=' 1.5 })
Add-Row 'module / floor' ((Format-Ratio $ratios[0]) + (Format-Mark $met[0])) ((Format-Ratio $ratios[1]) + (Format-Mark $met[1])) '≤ 1.5×' $met
Add-Row '`ffprobe -v error -show_packets -of csv f > $null`' (Format-Timing Progressive $P.Ffprobe) (Format-Timing Fragmented $F.Ffprobe)
$ratios = @($P, $F | ForEach-Object { $_.Ffprobe.Best / $_.Plain.Best })
$met = @($ratios | ForEach-Object { Test-Target $_ '>=' 5 })
Add-Row 'ffprobe / module' ((Format-Ratio $ratios[0]) + (Format-Mark $met[0])) ((Format-Ratio $ratios[1]) + (Format-Mark $met[1])) '≥ 5×' $met
Add-Row '(ffprobe alone: `-o /dev/null`, no PowerShell pipe)' (Format-Timing Progressive $P.FfprobeOwn) (Format-Timing Fragmented $F.FfprobeOwn)
$ratios = @($P, $F | ForEach-Object { $_.FfprobeOwn.Best / $_.Plain.Best })
Add-Row '(ffprobe alone / module)' (Format-Ratio $ratios[0]) (Format-Ratio $ratios[1])
$met = @($P, $F | ForEach-Object { Test-Target $_.First10.Best '<=' 50 })
Add-Row 'First 10: `Get-Mp4SampleTiming f | Select-Object -First 10`' ((Format-Ms $P.First10.Best) + (Format-Mark $met[0])) ((Format-Ms $F.First10.Best) + (Format-Mark $met[1])) '≤ 50 ms' $met
Add-Row ('First 10 in a fresh pwsh (cold: JIT included), after a first `Get-Item | Select-Object -First 10` ({0})' -f (Format-Ms ($coldFirst.Progressive.BaselineSeconds * 1000))) `
    (Format-Ms ($coldFirst.Progressive.Seconds * 1000)) (Format-Ms ($coldFirst.Fragmented.Seconds * 1000))
Add-Row 'Import-Module in a fresh pwsh' (Format-Ms ($coldFirst.Progressive.ImportSeconds * 1000)) (Format-Ms ($coldFirst.Fragmented.ImportSeconds * 1000))
foreach ($option in @(@('Presentation', '`-PresentationOrder`'), @('Ffmpeg', '`-Convention Ffmpeg`'))) {
    $key = $option[0]
    $ratios = @($P, $F | ForEach-Object { $_[$key].Best / $_.Plain.Best })
    $met = @($ratios | ForEach-Object { Test-Target $_ '<=' 2 })
    Add-Row ("$($option[1]) ``| Measure-Object``") (Format-Timing Progressive $P[$key]) (Format-Timing Fragmented $F[$key])
    Add-Row "$($option[1]) / plain" ((Format-Ratio $ratios[0]) + (Format-Mark $met[0])) ((Format-Ratio $ratios[1]) + (Format-Mark $met[1])) '≤ 2×' $met
}
$met = @($P, $F | ForEach-Object { Test-Target $_.Track.Best '<=' 100 })
Add-Row '`Get-Mp4Track f | Measure-Object` (every track, warm)' ((Format-Ms $P.Track.Best) + (Format-Mark $met[0])) ((Format-Ms $F.Track.Best) + (Format-Mark $met[1])) '≤ 100 ms' $met
Add-Row '`Get-Mp4Track f | ForEach-Object FfmpegStartTime` (builds the ffmpeg model)' (Format-Ms $P.TrackFfmpeg.Best) (Format-Ms $F.TrackFfmpeg.Best)
Add-Row '`Get-Mp4Track f -PictureType` (every video sample''s headers, for MaxConsecutiveBFrames)' (Format-Ms $P.TrackPictures.Best) (Format-Ms $F.TrackPictures.Best)
Add-Row ('`Get-Mp4Track` / `-PictureType` on 1 minute of 720p60 at 6 Mbit/s ({0:N0} samples of ~12 KB)' -f $hdSamples) `
    ('{0} / {1}' -f (Format-Ms $hd.Track.Best), (Format-Ms $hd.Pictures.Best))
Add-Row '`Test-Mp4Timing f | Measure-Object` (default rules, one pass per track)' (Format-Timing Progressive $P.Test) (Format-Timing Fragmented $F.Test)
$ratios = @($P, $F | ForEach-Object { $_.Test.Best / $_.Plain.Best })
$met = @($ratios | ForEach-Object { Test-Target $_ '<=' 1 })
Add-Row '`Test-Mp4Timing` / plain `Get-Mp4SampleTiming`' ((Format-Ratio $ratios[0]) + (Format-Mark $met[0])) ((Format-Ratio $ratios[1]) + (Format-Mark $met[1])) '≤ 1×' $met
Add-Row '`Test-Mp4Timing -Rule *` (every rule: FfmpegDiffersFromIso builds the ffmpeg model)' (Format-Ms $P.TestAll.Best) (Format-Ms $F.TestAll.Best)
$ratios = @($P, $F | ForEach-Object { $_.PictureType.Best / $_.Plain.Best })
$met = @($ratios | ForEach-Object { Test-Target $_ '<=' 3 })
Add-Row '`-PictureType | Measure-Object` (reads every video sample''s headers)' (Format-Timing Progressive $P.PictureType) (Format-Timing Fragmented $F.PictureType)
Add-Row '`-PictureType` / plain' ((Format-Ratio $ratios[0]) + (Format-Mark $met[0])) ((Format-Ratio $ratios[1]) + (Format-Mark $met[1])) '≤ 3×' $met
$met = @($P, $F | ForEach-Object { Test-Target $_.Timeline.Best '<=' 2000 })
Add-Row '`Export-Mp4Timeline f` (the whole file, drawn per pixel column)' ((Format-Ms $P.Timeline.Best) + (Format-Mark $met[0])) ((Format-Ms $F.Timeline.Best) + (Format-Mark $met[1])) '≤ 2 s' $met
$met = @($P, $F | ForEach-Object { Test-Target ($_.TimelineSize / 1MB) '<=' 3 })
Add-Row 'Its page' ((Format-MB $P.TimelineSize) + (Format-Mark $met[0])) ((Format-MB $F.TimelineSize) + (Format-Mark $met[1])) '≤ 3 MB' $met
if ($P.Render -and $F.Render) {
    $met = @($P, $F | ForEach-Object { Test-Target $_.Render.Page '<=' 2000 })
    Add-Row 'Headless Chromium renders the page: screenshot time minus a blank page''s (the screenshot''s whole time)' `
        ('{0} ({1}){2}' -f (Format-Ms $P.Render.Page), (Format-Ms $P.Render.Best), (Format-Mark $met[0])) ('{0} ({1}){2}' -f (Format-Ms $F.Render.Page), (Format-Ms $F.Render.Best), (Format-Mark $met[1])) '≤ 2 s' $met
}
else {
    Add-Row 'Headless Chromium renders the page' 'not measured: Chromium is not installed' 'not measured'
}
Add-Row '`Get-Mp4Box f | Measure-Object`' ('{0} ({1:N0} boxes)' -f (Format-Ms $P.Box.Best), $P.Box.Result.Count) ('{0} ({1:N0} boxes)' -f (Format-Ms $F.Box.Best), $F.Box.Result.Count)

$smallWs = $memory.SmallClip.PeakWorkingSet
Add-Row ('Peak working set, fresh pwsh (with tiny bframes-editlist.mp4 instead: {0})' -f (Format-MB $smallWs)) `
    ('{0}' -f (Format-MB $memory.Progressive.PeakWorkingSet)) ('{0}' -f (Format-MB $memory.Fragmented.PeakWorkingSet))
Add-Row ("Peak working set, {0}× longer file ({1:N0} samples)" -f $LongFactor, $memory.LongProgressive.Samples) `
    (Format-MB $memory.LongProgressive.PeakWorkingSet) (Format-MB $memory.LongFragmented.PeakWorkingSet)
$LP = $modes.LongProgressive; $LF = $modes.LongFragmented
foreach ($pipeline in 'Plain', 'PresentationOrder', 'Ffmpeg') {
    $label = switch ($pipeline) { 'Plain' { '`Get-Mp4SampleTiming f | Measure-Object`' } 'PresentationOrder' { '`-PresentationOrder`' } 'Ffmpeg' { '`-Convention Ffmpeg`' } }
    if ($pipeline -eq 'Ffmpeg') {
        $met = @($LP, $LF | ForEach-Object { $_.Ffmpeg.PeakWorkingSet -le $_.Ffprobe.PeakWorkingSet })
        Add-Row ("Peak working set, {0}× file: {1}" -f $LongFactor, $label) ((Format-MB $LP[$pipeline].PeakWorkingSet) + (Format-Mark $met[0])) `
            ((Format-MB $LF[$pipeline].PeakWorkingSet) + (Format-Mark $met[1])) '≤ ffprobe' $met
    }
    else {
        Add-Row ("Peak working set, {0}× file: {1}" -f $LongFactor, $label) (Format-MB $LP[$pipeline].PeakWorkingSet) (Format-MB $LF[$pipeline].PeakWorkingSet)
    }
}
Add-Row ("Peak working set, {0}× file: ``ffprobe -show_packets -of csv -o /dev/null``" -f $LongFactor) (Format-MB $LP.Ffprobe.PeakWorkingSet) (Format-MB $LF.Ffprobe.PeakWorkingSet)
Add-Row ("Time of the {0}× file, fresh process: plain / -PresentationOrder / -Convention Ffmpeg / ffprobe" -f $LongFactor) `
    (($LP.Plain.Seconds, $LP.PresentationOrder.Seconds, $LP.Ffmpeg.Seconds, $LP.Ffprobe.Seconds | ForEach-Object { Format-Ms ($_ * 1000) }) -join ' / ') `
    (($LF.Plain.Seconds, $LF.PresentationOrder.Seconds, $LF.Ffmpeg.Seconds, $LF.Ffprobe.Seconds | ForEach-Object { Format-Ms ($_ * 1000) }) -join ' / ')
Add-Row ('Live managed heap, peak during the run (before the run: {0})' -f (Format-MB $memory.Progressive.ManagedBaseline)) `
    (Format-MB $memory.Progressive.ManagedPeak) (Format-MB $memory.Fragmented.ManagedPeak)
$met = @($memory.LongProgressive, $memory.LongFragmented | ForEach-Object { Test-Target ($_.ManagedPeak / 1MB) '<=' 64 })
Add-Row ("Live managed heap, peak, {0}× longer file" -f $LongFactor) ((Format-MB $memory.LongProgressive.ManagedPeak) + (Format-Mark $met[0])) `
    ((Format-MB $memory.LongFragmented.ManagedPeak) + (Format-Mark $met[1])) '≤ 64 MB' $met
Add-Row 'Get-Mp4Track: live managed heap, peak' (Format-MB $trackMemory.Progressive.ManagedPeak) (Format-MB $trackMemory.Fragmented.ManagedPeak)
$met = @($trackMemory.LongProgressive, $trackMemory.LongFragmented | ForEach-Object { Test-Target ($_.ManagedPeak / 1MB) '<=' 64 })
Add-Row ("Get-Mp4Track: live managed heap, peak, {0}× longer file ({1:N0} samples)" -f $LongFactor, $trackMemory.LongProgressive.Samples) `
    ((Format-MB $trackMemory.LongProgressive.ManagedPeak) + (Format-Mark $met[0])) ((Format-MB $trackMemory.LongFragmented.ManagedPeak) + (Format-Mark $met[1])) '≤ 64 MB, flat' $met
Add-Row 'Test-Mp4Timing: live managed heap, peak' (Format-MB $testMemory.Progressive.ManagedPeak) (Format-MB $testMemory.Fragmented.ManagedPeak)
$met = @($testMemory.LongProgressive, $testMemory.LongFragmented | ForEach-Object { Test-Target ($_.ManagedPeak / 1MB) '<=' 64 })
Add-Row ("Test-Mp4Timing: live managed heap, peak, {0}× longer file" -f $LongFactor) `
    ((Format-MB $testMemory.LongProgressive.ManagedPeak) + (Format-Mark $met[0])) ((Format-MB $testMemory.LongFragmented.ManagedPeak) + (Format-Mark $met[1])) '≤ 64 MB, flat' $met
Add-Row ("Time of the {0}× longer file, fresh process" -f $LongFactor) (Format-Ms ($memory.LongProgressive.Seconds * 1000)) (Format-Ms ($memory.LongFragmented.Seconds * 1000))

foreach ($method in 'RawSamples', 'TimelineMapping', 'TrackSummaries', 'SampleTimings', 'PresentationOrderSort', 'FfmpegTimings') {
    $cells = @('progressive', 'fragmented' | ForEach-Object {
        $layout = $_
        @($core | Where-Object { $_.Method -eq $method -and $_.Layout -eq $layout }) | Select-Object -First 1
    })
    if (@($cells | Where-Object { $_ }).Count -eq 0) { continue }
    $label = switch ($method) {
        'RawSamples' { 'Core: table expansion (raw samples, no objects)' }
        'TimelineMapping' { 'Core: expansion + edit-list mapping (no objects)' }
        'TrackSummaries' { 'Core: track summaries (`TrackAnalysis.Analyze`, no per-sample objects)' }
        'SampleTimings' { 'Core: `ReadSampleTimings` (SampleTiming objects)' }
        'PresentationOrderSort' { 'Core: presentation order (sorted objects)' }
        'FfmpegTimings' { 'Core: ffmpeg model (open + model + objects)' }
    }
    $text = @($cells | ForEach-Object {
        if (-not $_) { '' } else { '{0}, {1:N0} B/sample' -f (Format-Rate ([double] $_.SamplesPerSecond)), ([double] $_.AllocatedBytesPerOp / [double] $_.SamplesPerOp) }
    })
    if ($method -eq 'RawSamples') {
        $met = @($cells | ForEach-Object { Test-Target ([double] $_.SamplesPerSecond) '>=' 20e6 })
        Add-Row $label ($text[0] + (Format-Mark $met[0])) ($text[1] + (Format-Mark $met[1])) '≥ 20 M samples/s' $met
    }
    else {
        Add-Row $label $text[0] $text[1]
    }
}

$slowest = $robustness | Sort-Object { [double]$_.BestMs } -Descending | Select-Object -First 1
$met = @(Test-Target ([double]$slowest.BestMs) '<=' 1000)
Add-Row ("Slowest of {0} hostile inputs (fuzzing regressions, review findings): {1}" -f $robustness.Count, $slowest.Input) `
    ((Format-Ms ([double]$slowest.BestMs)) + (Format-Mark $met[0])) '' '≤ 1 s' $met
$met = @(Test-Target $helpBuild.Best '<=' 2000)
Add-Row 'Help build: docs/*.md to MAML and about text, own converter' ((Format-Ms $helpBuild.Best) + (Format-Mark $met[0])) '' '≤ 2 s' $met

$perFile = $batchSamples / $BatchCopies
Add-Row ("Batch, {0} files of 1 min ({1:N0} samples each): one pipeline, 1 thread" -f $BatchCopies, $perFile) `
    (Format-Rate ($BatchCopies / ($batch.Sequential.Best / 1000)) 'files/s')
foreach ($threads in $ThreadCounts) {
    Add-Row ("Batch: ``ForEach-Object -Parallel -ThrottleLimit {0}``" -f $threads) (Format-Rate ($BatchCopies / ($batch["Parallel$threads"].Best / 1000)) 'files/s')
    Add-Row ("Batch: ``Start-ThreadJob``, {0} job(s)" -f $threads) (Format-Rate ($BatchCopies / ($batch["ThreadJob$threads"].Best / 1000)) 'files/s')
}

$date = Get-Date -Format 'yyyy-MM-dd'
$commit = (& git -C $Root rev-parse --short HEAD 2>$null)
$dirty = if (& git -C $Root status --porcelain --untracked-files=no 2>$null) { ' (with uncommitted changes)' } else { '' }
$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$memoryTotal = (Get-Content /proc/meminfo -ErrorAction SilentlyContinue | Select-Object -First 1) -replace '^MemTotal:\s*', ''
$fileSizes = '{0} ({1}), {2} ({3})' -f (Split-Path -Leaf $progressive), (Format-MB (Get-Item $progressive).Length), (Split-Path -Leaf $fragmented), (Format-MB (Get-Item $fragmented).Length)

$lines = [Collections.Generic.List[string]]::new()
$lines.Add("# Mp4Timing benchmark, $date$(if ($Quick) { ' (-Quick)' })")
$lines.Add('')
$lines.Add("Commit $commit$dirty, $Configuration; PowerShell $($PSVersionTable.PSVersion) on .NET $([Environment]::Version); $([Runtime.InteropServices.RuntimeInformation]::OSDescription); $cpu, $Cores cores, $memoryTotal; $ffmpegVersion. Load average (1 min) at start $LoadAtStart, at end $(Get-LoadAverage).")
$lines.Add("Files: $fileSizes — $Minutes min of 64x36 H.264 at 60 fps (3 B-frames, b-pyramid, keyint 240) + 48 kHz AAC. Times: best of $Runs runs ($SlowRuns for ffprobe, -PresentationOrder, -Convention Ffmpeg and batch) after a warm-up run, in one pwsh process.")
$lines.Add('')
$lines.Add('| Measure | Progressive | Fragmented | Target | Met |')
$lines.Add('|---|---|---|---|---|')
foreach ($row in $Rows) {
    # A | inside a cell (even in a code span) ends the cell in GitHub's tables: escape it.
    $cells = @($row.Measure, $row.Progressive, $row.Fragmented, $row.Target, $row.Met | ForEach-Object { $_ -replace '\|', '\|' })
    $lines.Add('| ' + ($cells -join ' | ') + ' |')
}
$lines.Add('')
$lines.Add("✗ marks a value that misses its target. The floor is what PowerShell itself charges: the same number of SampleTiming objects, built beforehand, written by a compiled cmdlet into the same ``Measure-Object``. Memory: peak working set is Process.PeakWorkingSet64 of a fresh pwsh doing only the plain run; the live managed heap is sampled every 100 ms by a timer thread forcing a full collection (GC.GetTotalMemory(true)) during a separate run. The ${LongFactor}× file is the $Minutes-minute file concatenated $LongFactor times with ffmpeg's concat demuxer (stream copy) and its fragmented copy. Core rows: BenchmarkDotNet 0.15.8, $(if ($Quick) { 'Dry' } else { 'ShortRun' }) job, in process, samples/s from the median of its iterations. Batch: $BatchCopies copies of a 1-minute file; runspaces load the module by name from PSModulePath.")
$lines.Add('')
$lines.Add('Targets: module/floor ≤ 1.5, ffprobe/module ≥ 5, first 10 ≤ 50 ms, -PresentationOrder and -Convention Ffmpeg ≤ 2× plain, -PictureType ≤ 3× plain, Get-Mp4Track ≤ 100 ms for every track of the 1-hour file, Test-Mp4Timing no slower than plain Get-Mp4SampleTiming, live managed heap ≤ 64 MB on a 10-hour file (Get-Mp4SampleTiming, Get-Mp4Track and Test-Mp4Timing), -Convention Ffmpeg peak working set ≤ ffprobe''s on the 10-hour file, core ≥ 20 M samples/s, each hostile input ≤ 1 s (the fuzzer calls 5 s a hang), help build ≤ 2 s, Export-Mp4Timeline ≤ 2 s for a page ≤ 3 MB that headless Chromium renders in ≤ 2 s.')

$markdown = $lines -join "`n"
$reportPath = Join-Path $ResultDir "bench-$date$(if ($Quick) { '-quick' }).md"
Set-Content -LiteralPath $reportPath -Value $markdown -Encoding utf8NoBOM
$raw = [ordered]@{
    Date = $date; Commit = "$commit$dirty"; Quick = [bool] $Quick; Runs = $Runs; Samples = $samplesOf
    Pipeline = $Results; HdClip = $hd; ColdFirstTen = $coldFirst; Memory = $memory; MemoryPerMode = $modes; TrackMemory = $trackMemory; TestMemory = $testMemory; Core = $core; Batch = $batch; Robustness = $robustness; HelpBuild = $helpBuild
}
# Results (measured objects) are dropped from the JSON; only times are kept.
foreach ($layout in $Results.Keys) { foreach ($entry in $Results[$layout].Values) { if ($entry -and $entry.PSObject.Properties['Result']) { $entry.PSObject.Properties.Remove('Result') } } }
foreach ($entry in @($batch.Values) + @($hd.Values) + $helpBuild) { $entry.PSObject.Properties.Remove('Result') }
$raw | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath ([IO.Path]::ChangeExtension($reportPath, '.json')) -Encoding utf8NoBOM

Write-Host ''
Write-Output $markdown
Write-Host ''
Write-Host "Written to $reportPath"
exit 0

#endregion
