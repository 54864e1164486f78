#Requires -Version 7.0
<#
.SYNOPSIS
    Records what the peers Get-Mp4Track is compared with say about the fixtures and the corpus, so that the
    tests run where those tools are not installed.
.DESCRIPTION
    Writes:
      tests/fixtures/<name>.mediainfo.json   `mediainfo --Output=JSON <name>` (MediaInfo 23.04, Debian), run from the
                                             fixture's folder so that no absolute path is recorded; the file dates
                                             (File_Modified_Date*, which change with every checkout) are left out.
      tests/fixtures/mp4box-codecs.json      the codec string mp4box.js gives each track of each fixture
      tests/records/corpus.mp4box-codecs.json  the same for every file of the shared corpus (../shared/corpus/real)
    The fixtures recorded are those with a recorded ffprobe output (<name>.ffprobe.json).
    mp4box.js (npm package mp4box 2.4.1) is read from -Mp4BoxPackage: install it outside the repository, e.g.
    `cd /tmp/tools && npm install mp4box@2.4.1`, then pass /tmp/tools/node_modules/mp4box.
.EXAMPLE
    dotnet pwsh tests/records/Save-PeerRecords.ps1 -Mp4BoxPackage /tmp/tools/node_modules/mp4box
#>
[CmdletBinding()]
param(
    # The mp4box npm package folder (holding package.json and dist/).
    [Parameter(Mandatory)] [string] $Mp4BoxPackage,
    [string] $CorpusPath = (Join-Path $PSScriptRoot '../../../shared/corpus'),
    [switch] $SkipMediaInfo,
    [switch] $SkipCorpus
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$fixtures = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures')).ProviderPath
$script = Join-Path $PSScriptRoot 'mp4box-codecs.mjs'
$package = (Resolve-Path $Mp4BoxPackage).ProviderPath
$version = (Get-Content -Raw (Join-Path $package 'package.json') | ConvertFrom-Json).version
if ($version -ne '2.4.1') { Write-Warning "mp4box.js $version is not the 2.4.1 the tests were written against." }

$media = @(Get-ChildItem $fixtures -Recurse -Filter '*.ffprobe.json' | ForEach-Object {
        $base = $_.FullName -replace '\.ffprobe\.json$', ''
        Get-ChildItem -Path "$base.*" -File | Where-Object { $_.Extension -in '.mp4', '.m4a', '.mov', '.m4s', '.3gp' } | Select-Object -First 1
    } | Sort-Object FullName)
Write-Host "$($media.Count) fixtures with a recorded ffprobe output"

if (-not $SkipMediaInfo) {
    $mediainfo = Get-Command mediainfo -CommandType Application -ErrorAction Stop | Select-Object -First 1
    foreach ($file in $media) {
        Push-Location $file.DirectoryName
        try {
            $json = & $mediainfo.Source --Output=JSON $file.Name
            if ($LASTEXITCODE -ne 0) { throw "mediainfo failed on $($file.FullName)" }
        }
        finally {
            Pop-Location
        }
        $record = ($json -join "`n") | ConvertFrom-Json -AsHashtable
        foreach ($track in $record.media.track) {
            foreach ($key in @($track.Keys | Where-Object { $_ -like 'File_Modified_Date*' })) { $track.Remove($key) }
        }
        $target = [IO.Path]::ChangeExtension($file.FullName, '.mediainfo.json')
        ($record | ConvertTo-Json -Depth 10) + "`n" | Set-Content -LiteralPath $target -Encoding utf8NoBOM -NoNewline
    }
    Write-Host "MediaInfo ($((& $mediainfo.Source --Version) -join ' ')) recorded beside $($media.Count) fixtures"
}

& node $script $package $fixtures (Join-Path $fixtures 'mp4box-codecs.json') @($media.FullName)
if ($LASTEXITCODE -ne 0) { throw 'The mp4box.js record of the fixtures failed.' }

if (-not $SkipCorpus) {
    $real = Join-Path $CorpusPath 'real'
    if (-not (Test-Path $real)) { throw "No corpus at $real (pass -CorpusPath, or -SkipCorpus)." }
    $files = @(Get-ChildItem $real -Recurse -File | Sort-Object FullName)
    & node $script $package $real (Join-Path $PSScriptRoot 'corpus.mp4box-codecs.json') @($files.FullName)
    if ($LASTEXITCODE -ne 0) { throw 'The mp4box.js record of the corpus failed.' }
}
