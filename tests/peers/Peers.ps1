# Dot-sourced by Update-PeerRecords.ps1 and the tests: the other ffmpeg builds the model is checked against,
# and the compact form their packets are recorded in.
#   6.1: @ffprobe-installer/linux-x64 5.2.0, a static ffprobe N-66595-gc2b38619c0 (libavformat 60.10.100, 2023,
#        between 6.0 and 6.1; the model calls it 6.1). Linux x64 only.
#   9.0: @libav.js/variant-webcodecs 6.10.9, FFmpeg 9.0's libraries (libavformat 63.1.100) in WebAssembly, run
#        with node through libav-packets.cjs.

$PeerVersions = [ordered]@{
    '6.1' = 'the 6.1-dev ffprobe of @ffprobe-installer/linux-x64 5.2.0 (libavformat 60.10.100)'
    '9.0' = 'FFmpeg 9.0''s libavformat 63.1.100 (@libav.js/variant-webcodecs 6.10.9, WebAssembly under node)'
}

function Install-Peer {
    <#
        Installs the peers with npm into $Folder (out/peers) unless they are there already. Returns an object
        with Ffprobe61 and Libav (module folder) and Node, or a Reason why they cannot be used here.
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    $node = Get-Command node -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $npm = Get-Command npm -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $node -or -not $npm) { return [pscustomobject]@{ Reason = 'node and npm are not installed' } }
    if (-not ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64')) {
        return [pscustomobject]@{ Reason = 'the 6.1-dev ffprobe package is for Linux x64 only' }
    }
    $ffprobe = Join-Path $Folder 'node_modules/@ffprobe-installer/linux-x64/ffprobe'
    $libav = Join-Path $Folder 'node_modules/@libav.js/variant-webcodecs'
    if (-not ((Test-Path $ffprobe) -and (Test-Path $libav))) {
        $null = New-Item -ItemType Directory -Force -Path $Folder
        Copy-Item -LiteralPath (Join-Path $PSScriptRoot 'package.json') -Destination (Join-Path $Folder 'package.json') -Force
        $log = & $npm.Source install --prefix $Folder --no-audit --no-fund --loglevel=error 2>&1
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $ffprobe) -or -not (Test-Path $libav)) {
            return [pscustomobject]@{ Reason = "npm could not install the peers (offline?): $(($log | Select-Object -Last 3) -join ' ')" }
        }
    }
    if (-not $IsWindows) { & chmod u+x $ffprobe }
    [pscustomobject]@{ Reason = $null; Ffprobe61 = $ffprobe; Libav = $libav; Node = $node.Source }
}

function Invoke-Peer {
    <# One peer's packets and streams for one file, as parsed JSON ($null when it fails). -Raw gives the JSON text. #>
    param([Parameter(Mandatory)] $Peers, [Parameter(Mandatory)] [ValidateSet('6.1', '9.0')] [string] $Version,
        [Parameter(Mandatory)] [string] $MediaPath, [switch] $Raw)
    $folder = Split-Path -Parent $MediaPath
    $leaf = Split-Path -Leaf $MediaPath
    Push-Location $folder
    try {
        $json = if ($Version -eq '6.1') {
            & $Peers.Ffprobe61 -v error -show_packets -show_streams -show_library_versions -of json $leaf 2>$null
        }
        else {
            & $Peers.Node (Join-Path $PSScriptRoot 'libav-packets.cjs') $leaf --module $Peers.Libav 2>$null
        }
    }
    finally { Pop-Location }
    $text = ($json -join "`n") + "`n"
    if ($Raw) { return $text }
    try { $text | ConvertFrom-Json } catch { $null }
}

function Get-PacketDigest {
    <#
        The compact form of one stream's packets: their count, the first packet's position, and the first 16 hex
        digits of the SHA-256 of one "pts/dts/flags" line per packet (N/A for a missing timestamp, flags K/D only).
    #>
    param([AllowEmptyCollection()] [object[]] $Lines)
    $text = ($Lines -join "`n") + "`n"
    $hash = [Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text))
    ([Convert]::ToHexString($hash)).Substring(0, 16).ToLowerInvariant()
}

function ConvertTo-PacketLine($Packet) {
    # One ffprobe (or libav-packets.cjs) packet as "pts/dts/flags".
    $pts = if ($Packet.PSObject.Properties['pts'] -and $null -ne $Packet.pts) { $Packet.pts } else { 'N/A' }
    $dts = if ($Packet.PSObject.Properties['dts'] -and $null -ne $Packet.dts) { $Packet.dts } else { 'N/A' }
    "$pts/$dts/$($Packet.flags.Substring(0, 2))"
}

function Get-StreamDigest($Probe) {
    # Per stream with packets: index, first position, count and digest.
    foreach ($group in @($Probe.packets) | Group-Object stream_index | Sort-Object { [int] $_.Name }) {
        $packets = @($group.Group)
        [pscustomobject]@{
            Stream   = [int] $group.Name
            FirstPos = [long] $packets[0].pos
            Packets  = $packets.Count
            Digest   = Get-PacketDigest @($packets | ForEach-Object { ConvertTo-PacketLine $_ })
        }
    }
}
