// Records the codec string mp4box.js (GPAC's JavaScript MP4 reader) gives each track: the `codec` of
// its movie info, an implementation independent of Mp4Timing's. Run by Save-PeerRecords.ps1:
//
//   node tests/records/mp4box-codecs.mjs <mp4box package folder> <root folder> <output.json> <file>...
//
// Files are named relative to the root folder in the output. Each entry has the file's size and the first
// 16 hex digits of its SHA-256 (so a test can tell a record from another version of the file), and either
// the tracks (id, codec) or the error mp4box.js gave. Each file is read in a child process with a bounded
// heap and time: some damaged files make mp4box.js allocate without end.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

if (process.argv[2] === '--one') {
    // Child: one file, its result as JSON on stdout.
    const MP4BoxOne = await import(pathToFileURL(join(process.argv[3], 'dist', 'mp4box.all.mjs')).href);
    const write = process.stdout.write.bind(process.stdout);
    console.log = () => {};
    console.info = () => {};
    console.warn = () => {};
    console.error = () => {};
    write(JSON.stringify(codecsOf(MP4BoxOne, readFileSync(process.argv[4]))));
    process.exit(0);
}

const [packageFolder, root, output, ...files] = process.argv.slice(2);
if (!packageFolder || !root || !output) {
    console.error('usage: node mp4box-codecs.mjs <mp4box package folder> <root folder> <output.json> <file>...');
    process.exit(2);
}
const version = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')).version;

function codecsOf(MP4Box, bytes) {
    const file = MP4Box.createFile();
    let info = null;
    let error = null;
    file.onReady = (movie) => { info = movie; };
    file.onError = (message) => { error = String(message); };
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    buffer.fileStart = 0;
    try {
        file.appendBuffer(buffer);
        file.flush();
    } catch (thrown) {
        error = String(thrown && thrown.message ? thrown.message : thrown);
    }
    if (info) return { tracks: info.tracks.map((track) => ({ id: track.id, codec: track.codec })) };
    return { error: error ?? 'mp4box.js found no movie (no moov)' };
}

function codecsInChild(path) {
    const run = spawnSync(process.execPath, ['--max-old-space-size=512', process.argv[1], '--one', packageFolder, path],
        { encoding: 'utf8', timeout: 60000, maxBuffer: 16 * 1024 * 1024 });
    if (run.status === 0 && run.stdout) return JSON.parse(run.stdout);
    const why = run.error ? run.error.message : run.signal ? `stopped by ${run.signal}` : `exit code ${run.status}`;
    return { error: `mp4box.js did not finish (${why}${/heap out of memory/.test(run.stderr ?? '') ? ', out of memory' : ''})` };
}

const record = { tool: `mp4box.js ${version}`, files: {} };
for (const path of files.sort()) {
    const bytes = readFileSync(path);
    const name = relative(root, path).split(sep).join('/');
    record.files[name] = {
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
        ...codecsInChild(path),
    };
}
writeFileSync(output, JSON.stringify(record, null, 1) + '\n');
process.stderr.write(`${Object.keys(record.files).length} files recorded in ${output}\n`);
