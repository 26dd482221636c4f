import { execFileSync, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '@shared/ipc/contract';
import { createDispatch } from '@shared/ipc/dispatch';
import type { DestinationView, StreamStatus } from '@shared/ipc/nouns/live-stream';
import { StudioFailure } from '@shared/ipc/result';
import type { Ingest } from '@shared/protocol/live-stream';
import type { HandlersOf } from '@shared/ipc/define';
import { createMemoryLogger } from '../logger';
import { requireTools } from '../media/test-inputs';
import { EncryptedFileSecretStore, type StringCipher } from '../sync/secret-store';
import { DestinationsStore } from './destinations-store';
import { streamHandlers } from './handlers';
import { LiveStreamService } from './live-stream-service';

/** A reversible stand-in for safeStorage, so the test can tell that the keys file is not in clear. */
const cipher: StringCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decryptString: (encrypted) => Buffer.from([...encrypted].map((b) => b ^ 0x5a)).toString(),
};

let dir: string;
let ingest: (roomId: string) => Promise<Ingest>;
let statuses: StreamStatus[];
let service: LiveStreamService;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stream-service-'));
  statuses = [];
  ingest = () => Promise.reject(new StudioFailure('unauthorized', 'Sign in to the platform to go live.'));
  service = new LiveStreamService({
    tools: () => Promise.resolve({ ffmpeg: 'ffmpeg', ffprobe: null, source: 'system', version: '5.1', ffprobeVersion: null, release: '5.1', old: false }),
    store: new DestinationsStore(path.join(dir, 'live-destinations.json'), new EncryptedFileSecretStore(path.join(dir, 'keys.enc'), cipher)),
    ingest: (roomId) => ingest(roomId),
    platformUrl: () => 'http://127.0.0.1:9',
    logger: createMemoryLogger(),
    now: Date.now,
    onStatus: (s) => statuses.push(s),
  });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const dispatch = () => createDispatch(contract, { stream: streamHandlers(service).stream } as unknown as HandlersOf<typeof contract>);

describe('custom destinations', () => {
  it('keeps the key encrypted main-side and only ever answers its last 4 characters', async () => {
    const saved = (await dispatch()('stream.saveDestination', { name: 'Twitch', url: 'rtmp://live.twitch.tv/app', key: 'live_123456789_SeCrEtKeY' })) as { ok: true; value: DestinationView };
    expect(saved.ok).toBe(true);
    expect(saved.value).toMatchObject({ kind: 'custom', name: 'Twitch', keyLast4: 'tKeY', enabled: true });
    expect(JSON.stringify(saved.value)).not.toContain('SeCrEtKeY');
    for (const file of readdirSync(dir)) expect(readFileSync(path.join(dir, file), 'utf8')).not.toContain('SeCrEtKeY');

    // Editing without a key keeps the stored one; the settings list never carries it either.
    await service.saveDestination({ id: saved.value.id, name: 'Twitch EU', url: 'rtmps://live.twitch.tv/app' });
    const { destinations } = await service.settings();
    expect(destinations.map((d) => [d.kind, d.name, d.keyLast4])).toEqual([
      ['platform', 'Anchor Live', null],
      ['custom', 'Twitch EU', 'tKeY'],
    ]);
    expect(JSON.stringify(destinations)).not.toContain('SeCrEtKeY');
    await service.setEnabled(saved.value.id, false);
    expect((await service.settings()).destinations[1]!.enabled).toBe(false);
    await service.removeDestination(saved.value.id);
    expect((await service.settings()).destinations).toHaveLength(1);
  });

  it('refuses bad URLs, keys and bitrates at the IPC boundary, with the field named', async () => {
    const d = dispatch();
    const refused = async (channel: string, input: unknown) => {
      const r = await d(channel, input);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error.message;
    };
    expect(await refused('stream.saveDestination', { name: 'X', url: 'http://example.com/app', key: 'abcdef' })).toMatch(/rtmp:\/\/, rtmps:\/\/ or srt:\/\//);
    expect(await refused('stream.saveDestination', { name: 'X', url: 'rtmp://example.com/app', key: 'abc' })).toMatch(/at least 4/);
    expect(await refused('stream.saveDestination', { name: 'X', url: 'rtmp://example.com/app', key: 'has space' })).toMatch(/no spaces/);
    expect(await refused('stream.saveDestination', { name: '', url: 'rtmp://example.com/app', key: 'abcdef' })).toMatch(/name/);
    expect(await refused('stream.saveDestination', { name: 'X', url: 'rtmp://example.com/app' })).toMatch(/stream key/);
    // SRT: a port is needed, and the stream id either in the address or in the key field, not both.
    expect(await refused('stream.saveDestination', { name: 'X', url: 'srt://example.com', key: 'abcdef' })).toMatch(/needs its port/);
    expect(await refused('stream.saveDestination', { name: 'X', url: 'srt://example.com:9000?streamid=abcdef', key: 'abcdef' })).toMatch(/leave the stream key empty/);
    expect(await refused('stream.saveDestination', { name: 'X', url: 'srt://example.com:9000?streamid=ab' })).toMatch(/streamid .* 4 to 200/);
    expect(await refused('stream.setOutput', { orientation: 'landscape', preset: '720p30', videoKbps: 100_000 })).toBeTruthy();
    expect(await refused('stream.start', { mimeType: 'video/mp4', hasAudio: true, roomId: null, output: { orientation: 'landscape', preset: '720p30', videoKbps: 2500 } })).toMatch(/WebM/);
  });
});

const start = { mimeType: 'video/webm;codecs=vp8,opus', hasAudio: true, output: { orientation: 'portrait', preset: '720p30', videoKbps: 2500 } } as const;

describe('starting', () => {
  it('says what to turn on when no destination is on', async () => {
    await expect(service.start({ ...start, roomId: null })).rejects.toThrow(/Turn on at least one destination/);
  });

  it('passes on the platform’s refusal when the room is the only destination', async () => {
    await expect(service.start({ ...start, roomId: 'room_abcdefghij' })).rejects.toThrow(/Sign in/);
    expect(service.status().streamId).toBeNull();
  });

  it('ignores slices for a stream that is not running', () => {
    expect(service.chunk('str_00000000' as never, 0, new Uint8Array([1]))).toEqual({ accepted: false });
  });
});

describe('health: how each destination makes its video', () => {
  it('says passed through for an H.264 capture that fits, re-encoded and why otherwise, and nothing before the capture’s header', async () => {
    const tools = requireTools();
    const file = path.join(dir, 'capture-h264.mkv');
    execFileSync(tools.ffmpeg, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30:duration=1'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-write_crc32', '0', '-live', '1', '-f', 'matroska', file],
    ]);
    const capture = readFileSync(file);
    // Nothing listens on port 1: each ffmpeg is refused and waits to reconnect, but its plan was made when it started.
    await service.saveDestination({ name: 'Nowhere', url: 'rtmp://127.0.0.1:1/live', key: 'nowhere-key' });
    const videoOf = async (svc: LiveStreamService, orientation: 'landscape' | 'portrait') => {
      const started = await svc.start({ mimeType: 'video/x-matroska;codecs=avc1', hasAudio: false, roomId: 'room_abcdefghij', output: { orientation, preset: '720p30', videoKbps: 2500 } });
      const before = started.destinations.map((d) => [d.id === 'platform' ? d.id : d.name, d.state, d.video]);
      svc.chunk(started.streamId!, 0, new Uint8Array(capture));
      const after = svc.status().destinations.map((d) => [d.id === 'platform' ? d.id : d.name, d.video]);
      await svc.stop();
      return { before, after };
    };

    const landscape = await videoOf(service, 'landscape');
    // The room refused (signed out): its row failed before any ffmpeg, so it has no video plan.
    expect(landscape.before).toEqual([
      ['platform', 'failed', null],
      ['Nowhere', 'connecting', null],
    ]);
    expect(landscape.after).toEqual([
      ['platform', null],
      ['Nowhere', { mode: 'copy' }],
    ]);
    // 320x240 is landscape: a portrait output re-encodes it.
    expect((await videoOf(service, 'portrait')).after[1]).toEqual(['Nowhere', { mode: 'encode', why: 'size' }]);
    // STUDIO_LIVE_VIDEO=encode (the composition root's `video: 'encode'`) re-encodes even what could be copied.
    const encoding = new LiveStreamService({
      tools: () => Promise.resolve({ ffmpeg: tools.ffmpeg, ffprobe: null, source: 'system', version: '5.1', ffprobeVersion: null, release: '5.1', old: false }),
      store: new DestinationsStore(path.join(dir, 'live-destinations.json'), new EncryptedFileSecretStore(path.join(dir, 'keys.enc'), cipher)),
      ingest: (roomId) => ingest(roomId),
      platformUrl: () => 'http://127.0.0.1:9',
      logger: createMemoryLogger(),
      now: Date.now,
      onStatus: () => {},
      video: 'encode',
    });
    expect((await videoOf(encoding, 'landscape')).after[1]).toEqual(['Nowhere', { mode: 'encode', why: 'asked' }]);
  }, 20_000);
});

describe('an SRT destination', () => {
  it('takes srt://host:port?streamid=… (the stream id kept as the encrypted key) and streams MPEG-TS to an SRT listener that gets that stream id; ffprobe reads H.264 + AAC', async () => {
    const tools = requireTools();
    const SECONDS = 5;
    const file = path.join(dir, 'capture-srt.mkv');
    execFileSync(tools.ffmpeg, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=30:duration=${SECONDS}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-b:v', '500k', '-c:a', 'libopus', '-b:a', '64k', '-write_crc32', '0', '-live', '1', '-f', 'matroska', file],
    ]);
    const capture = readFileSync(file);
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    await new Promise<void>((resolve) => socket.close(resolve));

    // The service's SRT ingest as a broadcaster's server would be: a listener that keeps what it receives.
    const received = path.join(dir, 'srt-received.ts');
    const listener = spawn(tools.ffmpeg, ['-hide_banner', '-loglevel', 'verbose', '-f', 'mpegts', '-i', `srt://127.0.0.1:${port}?mode=listener`, '-c', 'copy', '-f', 'mpegts', '-y', received], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    listener.stderr.setEncoding('utf8').on('data', (text: string) => (said += text));
    const listenerClosed = new Promise((resolve) => listener.once('close', resolve));
    try {
      // A stream id as SRT services write them, with characters a URL would mangle.
      const streamId = '#!::r=live/anchor+room,m=publish';
      const saved = await service.saveDestination({ name: 'SRT ingest', url: `srt://127.0.0.1:${port}?latency=200000&streamid=${encodeURIComponent(streamId)}` });
      expect(saved).toMatchObject({ kind: 'custom', url: `srt://127.0.0.1:${port}?latency=200000`, keyLast4: 'lish' });
      expect(readFileSync(path.join(dir, 'live-destinations.json'), 'utf8')).not.toContain('anchor+room');

      const started = await service.start({ mimeType: 'video/x-matroska;codecs=avc1,opus', hasAudio: true, roomId: null, output: { orientation: 'landscape', preset: '720p30', videoKbps: 2500 } });
      const slices = SECONDS * 4;
      const slice = Math.ceil(capture.length / slices);
      for (let seq = 0; seq < slices; seq++) {
        service.chunk(started.streamId!, seq, new Uint8Array(capture.subarray(seq * slice, (seq + 1) * slice)));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await expect.poll(() => service.status().destinations[0]!.state, { timeout: 5_000 }).toBe('live');
      expect(service.status().destinations[0]!.video).toEqual({ mode: 'copy' });
      const stopped = await service.stop();
      expect(stopped.destinations.map((d) => d.state)).toEqual(['ended']);
      await Promise.race([listenerClosed, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      expect(said).toContain(`accept streamid [${streamId}]`);
      const probe = execFileSync(tools.ffprobe!, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height:format=duration', '-of', 'json', received], { encoding: 'utf8' });
      const { streams, format } = JSON.parse(probe) as { streams: object[]; format: { duration: string } };
      expect(streams).toEqual(
        expect.arrayContaining([expect.objectContaining({ codec_type: 'video', codec_name: 'h264', width: 320, height: 240 }), expect.objectContaining({ codec_type: 'audio', codec_name: 'aac' })]),
      );
      expect(Number(format.duration)).toBeGreaterThan(2);
    } finally {
      listener.kill('SIGKILL');
    }
  }, 30_000);
});

describe('the platform room as a destination', () => {
  it('fetches the room’s ingest at Start and streams to its RTMP URL with its key', async () => {
    const tools = requireTools();
    const file = path.join(dir, 'capture.webm');
    const lavfi = (graph: string) => ['-f', 'lavfi', '-i', `${graph}:duration=6`];
    execFileSync(tools.ffmpeg, [
      '-v',
      'error',
      '-y',
      ...lavfi('testsrc=size=320x180:rate=30'),
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '16',
      '-b:v',
      '400k',
      '-g',
      '30',
      '-live',
      '1',
      '-f',
      'webm',
      file,
    ]);
    const webm = readFileSync(file);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const streamKey = `lsk_${'ab'.repeat(16)}`;
    // The room's ingest as nginx-rtmp would take it: rtmp://host:port/live + the key as the stream name.
    const ingestServer = spawn(tools.ffmpeg, ['-loglevel', 'error', '-listen', '1', '-f', 'flv', '-i', `rtmp://127.0.0.1:${port}/live/${streamKey}`, '-f', 'null', '-'], { stdio: 'ignore' });
    const asked: string[] = [];
    ingest = (roomId) => {
      asked.push(roomId);
      return Promise.resolve({ rtmpUrl: `rtmp://127.0.0.1:${port}/live`, streamKey: streamKey as Ingest['streamKey'], hlsUrl: `/live/${roomId}/index.m3u8`, state: 'offline' });
    };
    try {
      const started = await service.start({ ...start, hasAudio: false, roomId: 'room_abcdefghij' });
      expect(asked).toEqual(['room_abcdefghij']);
      expect(started.destinations.map((d) => [d.id, d.state])).toEqual([['platform', 'connecting']]);
      expect(JSON.stringify(started)).not.toContain(streamKey);
      const slice = Math.ceil(webm.length / 24);
      for (let seq = 0; seq * slice < webm.length; seq++) {
        expect(service.chunk(started.streamId!, seq, new Uint8Array(webm.subarray(seq * slice, (seq + 1) * slice)))).toEqual({ accepted: true });
        await new Promise((resolve) => setTimeout(resolve, 250));
        if (service.status().destinations[0]!.state === 'live') break;
      }
      expect(service.status().destinations[0]!.state).toBe('live');
      // This capture is VP8: x264 makes the stream, and the health row says why.
      expect(service.status().destinations[0]!.video).toEqual({ mode: 'encode', why: 'codec' });
      expect(statuses.length).toBeGreaterThan(0);
      const stopped = await service.stop();
      expect(stopped.streamId).toBeNull();
      expect(stopped.destinations.map((d) => d.state)).toEqual(['ended']);
    } finally {
      ingestServer.kill('SIGKILL');
    }
  }, 20_000);
});
