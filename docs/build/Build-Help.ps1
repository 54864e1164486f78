<#
.SYNOPSIS
    Turns the PlatyPS markdown in docs/ into the help files of the built module:
    <OutputPath>/en-US/Mp4Timing.dll-Help.xml (MAML, for Get-Help on the cmdlets) and
    <OutputPath>/en-US/about_Mp4Timing.help.txt (Get-Help about_Mp4Timing).
.DESCRIPTION
    With PlatyPS 0.14 installed (Get-Module -ListAvailable platyPS), its New-ExternalHelp does the work.
    Otherwise (or with -NoPlatyPS) the project's converter, MarkdownToMaml.psm1 beside this script, reads
    the same markdown schema and writes the same files. Either way the output depends only on the
    markdown, so two builds of the same pages give the same bytes.

    build.ps1 calls this from its Build and Help tasks, after it has recreated the module folder.
.EXAMPLE
    ./docs/build/Build-Help.ps1 -DocsPath ./docs -OutputPath ./out/Mp4Timing
#>
[CmdletBinding()]
param(
    # The folder with the cmdlet pages (<Verb-Noun>.md) and about topics (about_*.md).
    [Parameter(Mandatory)] [string] $DocsPath,

    # The module folder; the help goes into its culture folder.
    [Parameter(Mandatory)] [string] $OutputPath,

    [string] $Culture = 'en-US',

    # Use the project's converter even when PlatyPS is installed.
    [switch] $NoPlatyPS
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$docs = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$helpFolder = Join-Path $OutputPath $Culture
if (-not (Test-Path $helpFolder)) { New-Item -ItemType Directory -Path $helpFolder | Out-Null }
$helpFolder = (Resolve-Path -LiteralPath $helpFolder).ProviderPath

$pages = @(Get-ChildItem -LiteralPath $docs -Filter '*.md' -File | Sort-Object Name)
if ($pages.Count -eq 0) { throw "No markdown pages in $docs." }

$platyPS = $null
if (-not $NoPlatyPS) {
    $platyPS = Get-Module -ListAvailable -Name platyPS |
        Where-Object { $_.Version.Major -eq 0 -and $_.Version.Minor -eq 14 } |
        Sort-Object Version -Descending | Select-Object -First 1
}

if ($platyPS) {
    Import-Module $platyPS -Force
    $null = New-ExternalHelp -Path $pages.FullName -OutputPath $helpFolder -Force -Encoding ([System.Text.UTF8Encoding]::new($false))
    Write-Verbose "Help built with platyPS $($platyPS.Version) in $helpFolder"
    return
}

Import-Module (Join-Path $PSScriptRoot 'MarkdownToMaml.psm1') -Force
$utf8 = [System.Text.UTF8Encoding]::new($false)
$commands = [System.Collections.Generic.List[object]]::new()
foreach ($page in $pages) {
    $doc = Read-HelpMarkdown -Path $page.FullName
    if ($doc.Kind -eq 'About') {
        [System.IO.File]::WriteAllText((Join-Path $helpFolder "$($doc.Name).help.txt"), (ConvertTo-AboutHelpText -About $doc), $utf8)
        continue
    }
    $commands.Add($doc)
}

# One MAML file per 'external help file' named in the pages (Mp4Timing.dll-Help.xml for all three cmdlets).
foreach ($group in ($commands | Group-Object { $_.Metadata['external help file'] } | Sort-Object Name)) {
    if (-not $group.Name) { throw "$($group.Group[0].Path) names no 'external help file' in its front matter." }
    [System.IO.File]::WriteAllText((Join-Path $helpFolder $group.Name), (ConvertTo-MamlHelp -Command $group.Group), $utf8)
}
Write-Verbose "Help built with MarkdownToMaml.psm1 in $helpFolder"
