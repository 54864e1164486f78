#Requires -Version 7.2
<#
.SYNOPSIS
    Rewrites the Output block of each help example whose output changed to what it prints now.
.DESCRIPTION
    For the examples of docs/*.md that run without error (tests/Invoke-HelpExamples.ps1) but print something else
    than their ```Output block shows, replaces that block with what they print now, and lists them. Use it when a
    change is meant to change output (a new fixture in a folder listing, a new column), then read `git diff docs`:
    every changed line must be one the change explains. Help.Tests.ps1 fails until the pages show what runs.
.EXAMPLE
    dotnet pwsh ./build.ps1; dotnet pwsh tests/Update-HelpExampleOutput.ps1; git diff docs
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Mp4Timing'),
    [string] $Command = '*'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$pester = Get-ChildItem (Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages/pester') -Filter Pester.psd1 -Recurse | Select-Object -First 1
$results = & (Join-Path $PSScriptRoot 'Invoke-HelpExamples.ps1') -ModulePath $ModulePath -PesterManifest $pester.FullName -Command $Command
foreach ($example in $results | Where-Object { -not $_.Error -and $_.OutputMatches -eq $false }) {
    $page = Join-Path $PSScriptRoot "../docs/$($example.Command).md"
    $lines = [Collections.Generic.List[string]](Get-Content -LiteralPath $page)
    $inExample = $false; $start = -1; $end = -1
    for ($i = 0; $i -lt $lines.Count -and $start -lt 0; $i++) {
        if ($lines[$i] -match '^### Example (\d+)') { $inExample = [int]$Matches[1] -eq $example.Number }
        elseif ($inExample -and $lines[$i] -eq '```Output') {
            $start = $i + 1
            for ($end = $start; $end -lt $lines.Count -and $lines[$end] -ne '```'; $end++) { }
        }
    }
    if ($start -lt 0) { Write-Warning "$page example $($example.Number) has no Output block"; continue }
    $output = [Collections.Generic.List[string]]@($example.Output -split "`r?`n" | ForEach-Object TrimEnd)
    while ($output.Count -and $output[0] -eq '') { $output.RemoveAt(0) }
    while ($output.Count -and $output[$output.Count - 1] -eq '') { $output.RemoveAt($output.Count - 1) }
    $lines.RemoveRange($start, $end - $start)
    $lines.InsertRange($start, $output)
    Set-Content -LiteralPath $page -Value $lines -Encoding utf8NoBOM
    Write-Host "Updated $($example.Command) example $($example.Number): $($example.Title)"
}
