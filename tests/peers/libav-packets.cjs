// Prints the packets FFmpeg 9.0's libavformat (libav.js, WebAssembly) reads from one MP4, as JSON
// shaped like `ffprobe -show_packets -show_streams -of json`:
//   node libav-packets.cjs <file>  [--module <path of @libav.js/variant-webcodecs>]
// Streams: index, codec_type, codec_tag_string, time_base. Packets: stream_index, pts, dts (absent
// when ffmpeg has none, as ffprobe leaves them out), flags (K = key, D = discard, as ffprobe prints
// them), pos, size. Reading stops at the first error, as ffprobe's does; "read_error" names it.
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const moduleAt = args.indexOf('--module');
const modulePath = moduleAt >= 0 ? args.splice(moduleAt, 2)[1] : '@libav.js/variant-webcodecs';
const file = args[0];
if (!file) {
    process.stderr.write('usage: node libav-packets.cjs <file> [--module <path>]\n');
    process.exit(2);
}

const MEDIA_TYPES = { 0: 'video', 1: 'audio', 2: 'data', 3: 'subtitle', 4: 'attachment' };
const NOPTS = -(2n ** 63n);

function int64(lo, hi) {
    // libav.js splits 64-bit values into a low word (as a signed 32-bit number) and a high word.
    return (BigInt(hi) << 32n) + BigInt(lo >>> 0);
}

function fourcc(tag) {
    let text = '';
    for (let i = 0; i < 4; i++) {
        const c = (tag >>> (8 * i)) & 0xff;
        text += c >= 32 && c < 127 ? String.fromCharCode(c) : `[${c}]`;
    }
    return text;
}

(async () => {
    const LibAV = require(modulePath);
    const libav = await LibAV.LibAV({ noworker: true, nothreads: true });
    await libav.av_log_set_level(-8); // AV_LOG_QUIET: ffmpeg's messages would mix with the JSON
    const version = await libav.LIBAVFORMAT_VERSION_INT();
    const result = {
        libavformat: `${version >> 16}.${(version >> 8) & 0xff}.${version & 0xff}`,
        streams: [],
        packets: [],
    };
    const name = 'input' + path.extname(file);
    await libav.writeFile(name, new Uint8Array(fs.readFileSync(file)));
    let fmt;
    let streams;
    try {
        [fmt, streams] = await libav.ff_init_demuxer_file(name);
    } catch (error) {
        result.open_error = String(error && error.message || error);
        process.stdout.write(JSON.stringify(result, null, 1) + '\n');
        return;
    }
    for (const s of streams) {
        result.streams.push({
            index: s.index,
            codec_type: MEDIA_TYPES[s.codec_type] || String(s.codec_type),
            codec_tag_string: fourcc(await libav.AVCodecParameters_codec_tag(s.codecpar)),
            time_base: `${s.time_base_num}/${s.time_base_den}`,
        });
    }
    const pkt = await libav.av_packet_alloc();
    const lines = [];
    for (;;) {
        const ret = await libav.av_read_frame(fmt, pkt);
        if (ret < 0) {
            if (ret !== libav.AVERROR_EOF) result.read_error = await libav.ff_error(ret);
            break;
        }
        const pts = int64(await libav.AVPacket_pts(pkt), await libav.AVPacket_ptshi(pkt));
        const dts = int64(await libav.AVPacket_dts(pkt), await libav.AVPacket_dtshi(pkt));
        const flags = await libav.AVPacket_flags(pkt);
        const entry = [`"stream_index": ${await libav.AVPacket_stream_index(pkt)}`];
        if (pts !== NOPTS) entry.push(`"pts": ${pts}`);
        if (dts !== NOPTS) entry.push(`"dts": ${dts}`);
        entry.push(`"flags": "${flags & 1 ? 'K' : '_'}${flags & 4 ? 'D' : '_'}"`);
        entry.push(`"pos": ${int64(await libav.AVPacket_pos(pkt), await libav.AVPacket_poshi(pkt))}`);
        entry.push(`"size": ${await libav.AVPacket_size(pkt)}`);
        lines.push(' {' + entry.join(', ') + '}');
        await libav.av_packet_unref(pkt);
    }
    // 64-bit timestamps are written as exact integers (JSON.stringify cannot write a BigInt).
    const head = JSON.stringify(result, null, 1);
    process.stdout.write(head.replace(/"packets": \[\]/, '"packets": [\n' + lines.join(',\n') + '\n ]') + '\n');
})().catch(error => {
    process.stderr.write(String(error && error.stack || error) + '\n');
    process.exit(1);
});
