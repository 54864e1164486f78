# Dot-sourced by every *.Tests.ps1: imports the built module and names the test data.
# The module comes from $env:MP4TIMING_MODULE (set by build.ps1's Test task) or out/Mp4Timing.
$ModuleRoot = if ($env:MP4TIMING_MODULE) { $env:MP4TIMING_MODULE } else { Join-Path $PSScriptRoot '../out/Mp4Timing' }
Import-Module (Join-Path $ModuleRoot 'Mp4Timing.psd1') -Force -ErrorAction Stop

$Fixtures = Join-Path $PSScriptRoot 'fixtures'
# The shared real-world corpus sits beside the checkout (../shared); tests that need it skip without it.
$CorpusRoot = [IO.Path]::GetFullPath($(if ($env:MP4TIMING_CORPUS) { $env:MP4TIMING_CORPUS } else { Join-Path $PSScriptRoot '../../shared/corpus' }))
$HasCorpus = Test-Path (Join-Path $CorpusRoot 'MANIFEST.tsv')

function Get-CorpusEntry {
    # The corpus manifest: path (relative to real/), bytes, sha256 prefix, and whether ffprobe 5.1 reads it.
    Import-Csv -Delimiter "`t" -Path (Join-Path $CorpusRoot 'MANIFEST.tsv') | ForEach-Object {
        [pscustomobject]@{
            FullName = Join-Path $CorpusRoot "real/$($_.path)"
            Path     = $_.path
            Bytes    = [long] $_.bytes
            Sha256   = $_.sha256
            FfprobeOk = $_.ffprobe_5_1_packets -eq 'ok'
        }
    }
}

# The character ffprobe prints for a picture type (av_get_picture_type_char), by Mp4Timing's PictureType.
$FfmpegChar = @{ I = 'I'; P = 'P'; B = 'B'; S = 'S'; SI = 'i'; SP = 'p'; BI = 'b' }

function Get-PictureFixture {
    # The fixtures whose decoded frames are recorded beside them (<name>.pictures.json, ffprobe -show_frames), as -ForEach
    # cases: @{ Name = the media file's path under tests/fixtures }.
    Get-ChildItem $Fixtures -Recurse -Filter *.pictures.json | ForEach-Object {
        $base = $_.Name.Substring(0, $_.Name.Length - '.pictures.json'.Length)
        Get-ChildItem -LiteralPath $_.DirectoryName -File -Filter "$base.*" | Where-Object Extension -In '.mp4', '.mov', '.m4a', '.3gp' |
            ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($Fixtures, $_.FullName) } }
    }
}

function Read-FfprobeRecord([string] $MediaPath) {
    # The ffprobe -show_packets -show_streams JSON recorded beside a fixture by New-Fixtures.ps1.
    $json = [IO.Path]::ChangeExtension($MediaPath, '.ffprobe.json')
    Get-Content -Raw $json | ConvertFrom-Json
}

$FfprobeCommand = Get-Command ffprobe -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

function Get-SkipReason {
    <#
        Why a test cannot run here, or nothing when it can: a test that needs the corpus or a live ffprobe
        calls `if ($why = Get-SkipReason -Corpus -Ffprobe) { Set-ItResult -Skipped -Because $why; return }`,
        so that every skip says why (build.ps1 lists them).
    #>
    param([switch] $Corpus, [switch] $Ffprobe)
    $reasons = @(
        if ($Corpus -and -not $HasCorpus) { "the shared real-world corpus is not beside the checkout ($CorpusRoot)" }
        if ($Ffprobe -and -not $FfprobeCommand) { 'ffprobe is not on PATH (install ffmpeg 5.1; .ci/run does)' }
    )
    if ($reasons) { $reasons -join '; ' }
}

function Invoke-FfprobeJson([string] $MediaPath) {
    # A live ffprobe run, packets and streams as JSON. A failing ffprobe fails the test that asked for it.
    $stderr = [IO.Path]::GetTempFileName()
    try {
        $json = & $FfprobeCommand.Source -v error -show_packets -show_streams -of json "file:$MediaPath" 2> $stderr
        if ($LASTEXITCODE -ne 0) {
            throw "ffprobe ($($FfprobeCommand.Source)) failed on $MediaPath with exit code $LASTEXITCODE`: $((Get-Content -Raw $stderr) -replace '\s+$', '')"
        }
        $probe = ($json -join "`n") | ConvertFrom-Json
        if ($null -eq $probe -or -not $probe.PSObject.Properties['streams']) { throw "ffprobe ($($FfprobeCommand.Source)) printed no streams section for $MediaPath" }
        $probe
    }
    finally { Remove-Item -LiteralPath $stderr -ErrorAction SilentlyContinue }
}

function Get-CorpusRecord {
    # What ffprobe 5.1 reported for each corpus file it reads (tests/corpus/ffprobe-streams.tsv), by path.
    Get-Content (Join-Path $PSScriptRoot 'corpus/ffprobe-streams.tsv') | Where-Object { $_ -notmatch '^#' } |
        ConvertFrom-Csv -Delimiter "`t" | Group-Object path -AsHashTable -AsString
}

function Test-ProbeCoversRecord($Probe, [object[]] $Recorded) {
    # What a live ffprobe run lacks of the record (streams, or packets of a stream), as text; nothing when it has it all.
    if (-not $Recorded) { return 'the file is not in tests/corpus/ffprobe-streams.tsv (run tests/corpus/Update-CorpusRecord.ps1)' }
    foreach ($stream in $Recorded | Where-Object stream -ne '-') {
        $index = [int]$stream.stream
        if (-not @($Probe.streams | Where-Object index -eq $index)) { "stream $index ($($stream.codec_type), id $($stream.id)) is missing"; continue }
        $count = @($Probe.packets | Where-Object stream_index -eq $index).Count
        if ($count -lt [int]$stream.packets) { "stream $index has $count packets, $($stream.packets) recorded" }
    }
}

function Get-FfprobeTrack($Probe) {
    # ffprobe's packets grouped by MP4 track ID (a stream's "id" is the track ID in hex).
    foreach ($stream in $Probe.streams) {
        # Attached pictures (cover art) are streams ffmpeg makes from metadata, not tracks.
        if (-not $stream.PSObject.Properties['id'] -or -not $stream.id) { continue }
        if ($stream.PSObject.Properties['disposition'] -and $stream.disposition.attached_pic -eq 1) { continue }
        $trackId = [Convert]::ToUInt32($stream.id.Substring(2), 16)
        $packets = @($Probe.packets | Where-Object stream_index -eq $stream.index)
        [pscustomobject]@{ TrackId = $trackId; TimeBase = $stream.time_base; Packets = $packets; CodecType = $stream.codec_type }
    }
}

function Get-FfprobeAttachedPicture($Probe) {
    # ffprobe's attached-picture streams (cover art ffmpeg makes from moov/udta/meta/ilst/covr: not tracks), with their packets.
    foreach ($stream in $Probe.streams) {
        if (-not ($stream.PSObject.Properties['disposition'] -and $stream.disposition.attached_pic -eq 1)) { continue }
        $packets = @($Probe.packets | Where-Object stream_index -eq $stream.index)
        [pscustomobject]@{ StreamIndex = [int] $stream.index; CodecName = $stream.codec_name; Packets = $packets }
    }
}

function Compare-PacketTiming {
    <#
        Matches ffprobe packets with our samples by byte position and compares pts and dts, both ways:
        Matched (packets equal to a sample), Mismatches (as text), Unmatched (packets we have no sample
        for) and Extra (the samples, one per position, that no packet has).
    #>
    param([object[]] $Samples, [object[]] $Packets)
    $byOffset = @{}
    foreach ($sample in $Samples) { if (-not $byOffset.ContainsKey($sample.Offset)) { $byOffset[$sample.Offset] = $sample } }
    $seen = [Collections.Generic.HashSet[long]]::new()
    $matched = 0
    $mismatches = [Collections.Generic.List[string]]::new()
    $unmatched = 0
    foreach ($packet in $Packets) {
        $sample = $byOffset[[long]$packet.pos]
        if ($null -eq $sample) { $unmatched++; continue }
        $null = $seen.Add($sample.Offset)
        $pts = if ($packet.PSObject.Properties['pts']) { [long]$packet.pts } else { $null }
        $dts = if ($packet.PSObject.Properties['dts']) { [long]$packet.dts } else { $null }
        if ($pts -eq $sample.PtsTicks -and $dts -eq $sample.DtsTicks) { $matched++ }
        else { $mismatches.Add("sample $($sample.Sample) @$($packet.pos): ours pts $($sample.PtsTicks) dts $($sample.DtsTicks), ffprobe pts $pts dts $dts") }
    }
    $extra = @($byOffset.Values | Where-Object { -not $seen.Contains($_.Offset) } | Sort-Object Offset)
    [pscustomobject]@{ Matched = $matched; Mismatches = $mismatches; Unmatched = $unmatched; Extra = $extra }
}

function Get-PwshCommand {
    # This pwsh, as a command line ('dotnet pwsh.dll' when it runs as a dotnet tool).
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($exe)
}

function Invoke-FreshPwsh([string] $Script) {
    # Runs a script in a new pwsh process; returns its exit code and its output as one string.
    $pwsh = @(Get-PwshCommand)
    $file = Join-Path ([IO.Path]::GetTempPath()) "mp4timing-test-$PID-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -Path $file -Value $Script -Encoding utf8
    try {
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | Out-String) }
    }
    finally {
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

function New-LongVideoFile([string] $Path, [int] $Count = 1500000) {
    # One video track of $Count one-byte samples at 30 ticks/s, one tick apart, all in one chunk at offset 0 (no stss):
    # tables a few hundred bytes long over a sparse file of $Count bytes, and enough samples to take a cmdlet past the
    # half second before which no progress is shown.
    function ConvertTo-BigEndian([uint32[]] $Values) { [byte[]] ($Values | ForEach-Object { [BitConverter]::GetBytes($_)[3..0] }) }
    function New-Box([string] $Type, [byte[]] $Payload = @()) { [byte[]] ((ConvertTo-BigEndian (8 + $Payload.Length)) + [Text.Encoding]::ASCII.GetBytes($Type) + $Payload) }
    $entry = New-Box avc1 ([byte[]]::new(6) + [byte[]](0, 1) + [byte[]]::new(70))
    $stbl = New-Box stbl ((New-Box stsd ((ConvertTo-BigEndian 0, 1) + $entry)) + (New-Box stts (ConvertTo-BigEndian 0, 1, $Count, 1)) +
        (New-Box stsc (ConvertTo-BigEndian 0, 1, 1, $Count, 1)) + (New-Box stsz (ConvertTo-BigEndian 0, 1, $Count)) + (New-Box stco (ConvertTo-BigEndian 0, 1, 0)))
    $minf = New-Box minf ((New-Box dinf (New-Box dref ((ConvertTo-BigEndian 0, 1) + (New-Box 'url ' (ConvertTo-BigEndian 1))))) + $stbl)
    $hdlr = New-Box hdlr ((ConvertTo-BigEndian 0, 0) + [Text.Encoding]::ASCII.GetBytes('vide') + [byte[]]::new(13))
    $trak = New-Box trak ((New-Box tkhd ((ConvertTo-BigEndian 3, 0, 0, 1, 0, $Count) + [byte[]]::new(60))) +
        (New-Box mdia ((New-Box mdhd (ConvertTo-BigEndian 0, 0, 0, 30, $Count, 0)) + $hdlr + $minf)))
    $moov = New-Box moov ((New-Box mvhd ((ConvertTo-BigEndian 0, 0, 0, 30, $Count) + [byte[]]::new(80))) + $trak)
    $head = (New-Box ftyp ([Text.Encoding]::ASCII.GetBytes('isom') + (ConvertTo-BigEndian 0))) + $moov +
        (ConvertTo-BigEndian (8 + $Count)) + [Text.Encoding]::ASCII.GetBytes('mdat')
    $stream = [IO.File]::Create($Path)
    try { $stream.Write($head, 0, $head.Length); $stream.SetLength($head.Length + $Count) } finally { $stream.Dispose() }
}
