<#
.SYNOPSIS
    Runs the examples of the pages in docs/ (cmdlet pages and the about topic) on a copy of the test fixtures, the way a reader would
    type them, and reports for each whether it ran without error and whether its output equals the
    ```Output block shown under it.
.DESCRIPTION
    Each example's ```powershell blocks run in one runspace whose current folder is a fresh copy of
    tests/fixtures (so examples that write files leave the repository alone). An example that defines
    Pester tests (a Describe block) is saved as a .Tests.ps1 file there and run with Invoke-Pester; it
    passes when Pester reports no failed test. An example is skipped when it calls ffmpeg, or runs ffprobe
    through Compare-FfmpegPts, and that program is not on PATH.

    Output is compared line by line, trailing blanks ignored, after formatting with Out-String -Width 100
    and replacing the copy's folder with the folder the pages show (/src/Mp4Timing/tests/fixtures).

    Tests/Help.Tests.ps1 runs this in a child pwsh and reads the JSON it writes; run it by hand with -Show
    to see what each example prints.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs'),
    [string] $FixturesPath = (Join-Path $PSScriptRoot 'fixtures'),
    [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) "mp4timing-help-examples-$PID"),
    [string] $PesterManifest,
    [string] $ResultPath,
    [string] $Command = '*',
    [switch] $Show
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ShownFolder = '/src/Mp4Timing/tests/fixtures'
$Width = 100
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$FixturesPath = (Resolve-Path -LiteralPath $FixturesPath).ProviderPath

Import-Module (Join-Path $ModulePath 'Mp4Timing.psd1') -Force
# As installed: the module's folder sits in a folder of PSModulePath, so 'Import-Module Mp4Timing' works.
$env:PSModulePath = (Split-Path $ModulePath -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module (Join-Path $DocsPath 'build/MarkdownToMaml.psm1') -Force
if ($PesterManifest) { Import-Module $PesterManifest -Force }
$PSStyle.OutputRendering = 'PlainText'
# The pages show output as formatted with the invariant culture (a '.' before decimals).
[System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::InvariantCulture

if (Test-Path $WorkPath) { Remove-Item $WorkPath -Recurse -Force }
New-Item -ItemType Directory -Path $WorkPath | Out-Null
Copy-Item -Path (Join-Path $FixturesPath '*') -Destination $WorkPath -Recurse
$WorkPath = (Resolve-Path $WorkPath).ProviderPath

$hasFfmpeg = $null -ne (Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue)
$hasFfprobe = $null -ne (Get-Command ffprobe -CommandType Application -ErrorAction SilentlyContinue)

function Get-Lines([string] $Text) {
    $lines = @(($Text -replace "`r", '') -split "`n" | ForEach-Object { $_.TrimEnd() })
    $first = 0
    while ($first -lt $lines.Count -and $lines[$first] -eq '') { $first++ }
    $last = $lines.Count - 1
    while ($last -ge $first -and $lines[$last] -eq '') { $last-- }
    if ($last -lt $first) { return , @() }
    return , @($lines[$first..$last])
}

$results = foreach ($page in (Get-ChildItem $DocsPath -Filter '*.md' -File | Where-Object { $_.BaseName -like $Command } | Sort-Object Name)) {
    $doc = Read-HelpMarkdown $page.FullName
    foreach ($example in (Get-HelpMarkdownExample $doc)) {
        $number = $example.Number
        $code = (@($example.Code | Where-Object { $_.Language -in 'powershell', 'PowerShell', 'ps1', '' }) | ForEach-Object Text) -join "`n"
        $shown = @($example.Code | Where-Object { $_.Language -eq 'Output' } | ForEach-Object Text) -join "`n"
        $result = [ordered]@{
            Command = $doc.Name; Number = $number; Title = $example.Title
            Ran = $false; Skipped = $null; Error = $null; HasOutput = [bool]$shown; OutputMatches = $null; Output = $null
        }
        $needsFfmpeg = $code -match '(?m)(^|[|;(]\s*)ffmpeg\b'
        $needsFfprobe = $code -match 'Compare-FfmpegPts' -and $code -notmatch '-(FfprobeOutput|ShowInfoLog)\b'
        if ($needsFfmpeg -and -not $hasFfmpeg) { $result.Skipped = 'ffmpeg is not on PATH' }
        elseif ($needsFfprobe -and -not $hasFfprobe) { $result.Skipped = 'ffprobe is not on PATH' }
        elseif ($code -match '(?m)^\s*Describe\b' -and -not (Get-Command Invoke-Pester -ErrorAction SilentlyContinue)) { $result.Skipped = 'Pester is not loaded' }
        if ($result.Skipped) { [pscustomobject]$result; continue }

        Push-Location $WorkPath
        try {
            if ($code -match '(?m)^\s*Describe\b') {
                $testFile = Join-Path $WorkPath "$($doc.Name)-Example$number.Tests.ps1"
                Set-Content -Path $testFile -Value $code -Encoding utf8
                $configuration = New-PesterConfiguration
                $configuration.Run.Path = $testFile
                $configuration.Run.PassThru = $true
                $configuration.Output.Verbosity = 'None'
                $run = Invoke-Pester -Configuration $configuration
                $result.Output = "Tests Passed: $($run.PassedCount), Failed: $($run.FailedCount)"
                if ($run.FailedCount -gt 0 -or $run.PassedCount -eq 0 -or $run.Result -ne 'Passed') {
                    $result.Error = "Pester: $($run.PassedCount) passed, $($run.FailedCount) failed: " +
                        (($run.Failed | ForEach-Object { "$($_.ExpandedPath): $(@($_.ErrorRecord | ForEach-Object { $_.Exception.Message }) -join ' ')" }) -join '; ')
                }
            }
            else {
                $Error.Clear()
                $output = & ([scriptblock]::Create($code)) 2>&1
                $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                $text = ($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | Out-String -Width $Width)
                $result.Output = $text.Replace($WorkPath, $ShownFolder)
                if ($errors.Count) { $result.Error = ($errors | ForEach-Object { $_.ToString() }) -join '; ' }
            }
            $result.Ran = $true
        }
        catch {
            $result.Error = $_.ToString()
        }
        finally {
            Pop-Location
        }
        if ($shown -and $result.Ran -and $null -ne $result.Output) {
            $result.OutputMatches = ((Get-Lines $shown) -join "`n") -ceq ((Get-Lines $result.Output) -join "`n")
        }
        [pscustomobject]$result
    }
}

if ($Show) {
    foreach ($r in $results) {
        Write-Host ("==== {0} example {1}: {2}  ran={3} skipped={4} error={5} outputMatches={6}" -f $r.Command, $r.Number, $r.Title, $r.Ran, $r.Skipped, $r.Error, $r.OutputMatches)
        if ($r.Output) { Write-Host ((Get-Lines $r.Output) -join "`n") }
    }
}
if ($ResultPath) { ConvertTo-Json -InputObject @($results) -Depth 4 | Set-Content -Path $ResultPath -Encoding utf8 }
Remove-Item $WorkPath -Recurse -Force -ErrorAction SilentlyContinue
if (-not $ResultPath -and -not $Show) { $results }
