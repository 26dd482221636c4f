import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Ingest, ROOM_FRAGMENT_MS } from '@shared/protocol/live-stream';
import { Room } from '@shared/protocol/rooms';
import { locateNginx, NginxMediaServer } from '@platform/features/live-stream/nginx-supervisor';
import { grabPlayerFrame, waitPlaying } from './support/live-player';
import { repoRoot, testOutput } from './support/paths';
import { DESKTOP, PHONE, apiAs, openViewer, registerCreator, shoot } from './viewer-kit';

/**
 * Issue 15's viewer side: the platform with its nginx (RTMP in, HLS out) in this process; ffmpeg
 * pushes a generated stream with the room's key, as the studio's encoder would (1 s keyframes), and
 * the room page plays it at 390×844 and 1280×800 (hls.js light, muted autoplay), says when it ends,
 * and picks it up again when it restarts. Times from the push's start to the first frame played go
 * to test-output/viewer/live-timing.json, with the room's nginx fragment setting (the default,
 * ROOM_FRAGMENT_MS), the push's keyframe interval and the fragment lengths the playlist listed.
 */
let app: FastifyInstance;
let media: NginxMediaServer;
let origin: string;
let dataDir: string;
let room: Room;
let ingest: Ingest;
let streamer: ReturnType<typeof apiAs>;
const pushes: ChildProcess[] = [];

beforeAll(async () => {
  const install = locateNginx(process.env);
  if ('missing' in install) throw new Error(`viewer-live: ${install.missing}`);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-viewer-live-e2e-'));
  media = new NginxMediaServer({ install, dir: path.join(dataDir, 'live'), rtmpPort: 0 });
  const { buildPlatform } = await import('@platform/app');
  app = await buildPlatform({ dataDir, webAppDir: path.join(repoRoot, 'out', 'viewer'), seed: { items: [], viewers: [] }, sandboxMerchantKey: 'e2e-live-merchant-key-00000000', liveMedia: media });
  origin = new URL(await app.listen({ port: 0, host: '127.0.0.1' })).origin;
  await media.start(`http://127.0.0.1:${new URL(origin).port}`);
  const token = await registerCreator(origin, 'lin_live', 'Lin Live');
  streamer = apiAs(origin, token);
  room = Room.parse(await streamer('/rooms', { method: 'POST', body: JSON.stringify({ title: 'Lip colours, live', timeZone: 'UTC' }) }));
  ingest = Ingest.parse(await streamer(`/rooms/${room.id}/ingest`));
});

afterAll(async () => {
  for (const p of pushes) p.kill('SIGKILL');
  await app?.close();
  await media?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** 12 boxes along the bottom: bit k of the frame number is white when set, so a decoded frame says which frame it is. */
const FRAME_BITS = 12;
const BOX = 24;
const frameCounter = [
  `drawbox=x=0:y=330:w=${FRAME_BITS * BOX}:h=30:color=black:t=fill`,
  ...Array.from({ length: FRAME_BITS }, (_, k) => `drawbox=x=${k * BOX}:y=330:w=${BOX}:h=30:color=white:t=fill:enable='gte(mod(n/${2 ** k}\\,2)\\,1)'`),
].join(',');

/**
 * A real-time test picture (with the frame counter) and tone, x264 veryfast/zerolatency with 1 s
 * keyframes, to the room's RTMP URL and key. `startedAt`: the wall time of frame 0, from ffmpeg's
 * progress reports (each says how much it has sent by now).
 */
function push(): { child: ChildProcess; exited: Promise<void>; startedAt: () => number } {
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-progress', 'pipe:1', '-stats_period', '0.25', '-re'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30,${frameCounter}`, '-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=48000'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-b:v', '1000k'],
      ...['-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-t', '60', '-f', 'flv', `rtmp://127.0.0.1:${media.port}/live/${ingest.streamKey}`],
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  pushes.push(child);
  let startedAt = Number.POSITIVE_INFINITY;
  child.stdout!.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString('utf8').matchAll(/^out_time_us=(\d+)$/gm)) {
      const sentMs = Number(match[1]) / 1000;
      if (sentMs > 0) startedAt = Math.min(startedAt, Date.now() - sentMs);
    }
  });
  return { child, exited: new Promise((resolve) => child.once('exit', () => resolve())), startedAt: () => startedAt };
}

/** Glass to glass: the frame on screen now (read from its counter boxes) against when ffmpeg made it. */
async function latencyMs(page: Page, startedAt: number): Promise<number> {
  const shown = await grabPlayerFrame(
    page,
    Array.from({ length: FRAME_BITS }, (_, k) => ({ x: k * BOX + BOX / 2, y: 345, width: 1, height: 1 })),
  );
  if (!shown) throw new Error('the player has no picture');
  let frame = 0;
  shown.boxes.forEach((pixel, k) => {
    if (pixel[1]! > 128) frame |= 1 << k;
  });
  return shown.at - (startedAt + (frame * 1000) / 30);
}

const currentTime = (page: Page): Promise<number> => page.getByTestId('live-video').evaluate((v) => (v as HTMLVideoElement).currentTime);

/** Waits until the page's live video has played `seconds`; returns when (performance.now()). */
async function playing(page: Page, seconds = 0.3): Promise<number> {
  await waitPlaying(page, seconds, { timeout: 20_000, polling: 50 });
  return performance.now();
}

/** The browser's own complaints, less the 404s of a playlist that is not there yet or any more, and the signed-out session check's 401. */
const problemsOf = (problems: readonly string[]): string[] => problems.filter((p) => !/status of 40[14]/.test(p));

test('the room page plays the pushed stream at 390×844 and 1280×800, says when it ends, and picks it up again when it restarts', async () => {
  const phone = await openViewer(PHONE, origin, `/live/${room.id}`);
  const desktopContext = await phone.browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
  const desktop = await desktopContext.newPage();
  const desktopProblems: string[] = [];
  desktop.on('console', (msg) => void (msg.type() === 'error' && desktopProblems.push(msg.text())));
  try {
    await desktop.goto(`${origin}/live/${room.id}`);
    for (const page of [phone.page, desktop]) await page.getByText('Lin Live is not streaming right now: the live picture appears here when they start.').waitFor();

    const t0 = performance.now();
    let encoder = push();
    // The room's started event turns the pages to the player; hls.js retries until the first fragment is listed.
    const [phoneFirst, desktopFirst] = await Promise.all([playing(phone.page), playing(desktop)]);
    const firstFrame = { phoneMs: Math.round(phoneFirst - t0), desktopMs: Math.round(desktopFirst - t0) };
    const before = await currentTime(phone.page);
    // Glass to glass once settled (hls.js starts at the newest fragment and drifts back to its sync point):
    // twelve readings 250 ms apart on the phone page, counting stalls meanwhile.
    await phone.page.waitForTimeout(2_000);
    await phone.page.getByTestId('live-video').evaluate((v) => {
      const video = v as HTMLVideoElement & { stalls?: number };
      video.stalls = 0;
      video.addEventListener('waiting', () => void (video.stalls = (video.stalls ?? 0) + 1));
    });
    const latencies: number[] = [];
    for (let i = 0; i < 12; i++) {
      latencies.push(Math.round(await latencyMs(phone.page, encoder.startedAt())));
      await phone.page.waitForTimeout(250);
    }
    // What the playlist lists: nginx cuts a fragment only at a keyframe, so the room's
    // ROOM_FRAGMENT_MS fragments come out as long as this push's 1 s keyframe interval.
    const fragmentsS = [...(await (await fetch(`${origin}${ingest.hlsUrl}`)).text()).matchAll(/^#EXTINF:([\d.]+)/gm)].map((m) => Number(m[1]));
    expect(fragmentsS.length).toBeGreaterThan(0);
    expect(await currentTime(phone.page)).toBeGreaterThan(before + 0.8);
    const stalls = await phone.page.getByTestId('live-video').evaluate((v) => (v as HTMLVideoElement & { stalls?: number }).stalls ?? 0);
    latencies.sort((a, b) => a - b);
    // A frame from the future, or one a minute old, would mean the counter was misread.
    expect(latencies[0]).toBeGreaterThan(0);
    expect(latencies.at(-1)).toBeLessThan(15_000);
    for (const page of [phone.page, desktop]) {
      const player = page.getByTestId('player');
      await player.getByText('LIVE', { exact: true }).waitFor();
      await player.getByText(/watching/).waitFor();
      expect(await page.getByTestId('live-video').evaluate((v) => (v as HTMLVideoElement).muted)).toBe(true);
    }
    await phone.page.getByRole('button', { name: 'Unmute' }).click();
    await phone.page.getByRole('button', { name: 'Mute' }).waitFor();
    expect(await phone.page.getByTestId('live-video').evaluate((v) => (v as HTMLVideoElement).muted)).toBe(false);
    await shoot(phone.page, 'room-live-playing');
    await shoot(desktop, 'room-live-playing');
    // The player in Simplified Chinese too.
    await desktop.getByRole('button', { name: '中文' }).click();
    await desktop.getByTestId('player').getByText('直播中', { exact: true }).waitFor();
    await desktop.getByRole('button', { name: '取消静音' }).waitFor();
    await shoot(desktop, 'room-live-playing-zh-CN');
    await desktop.getByRole('button', { name: 'English' }).click();
    await desktop.getByRole('button', { name: 'Unmute' }).waitFor();

    // The encoder stops: nginx's publish_done → the platform's ended event → both pages say so.
    encoder.child.kill('SIGINT');
    await encoder.exited;
    for (const page of [phone.page, desktop]) await page.getByText('The stream has ended.').waitFor({ timeout: 15_000 });
    await shoot(phone.page, 'room-live-ended');

    // It restarts: the pages pick it up by themselves.
    const t1 = performance.now();
    encoder = push();
    const restartedMs = Math.round((await Promise.all([playing(phone.page), playing(desktop)]))[0] - t1);

    // The streamer closes the room: the stream ends with it and nginx drops the encoder.
    await streamer(`/rooms/${room.id}/close`, { method: 'POST', body: '{}' });
    await encoder.exited;
    for (const page of [phone.page, desktop]) await page.getByText('The stream has ended.').waitFor();
    expect((await fetch(`${origin}${ingest.hlsUrl}`)).status).toBe(404);

    writeFileSync(
      testOutput('viewer', 'live-timing.json'),
      `${JSON.stringify({ nginxFragmentMs: ROOM_FRAGMENT_MS, keyframeS: 1, listedFragmentsS: fragmentsS, pushStartToFirstFramePlayed: firstFrame, glassToGlassMs: { p50: latencies[6], max: latencies.at(-1), readings: latencies, stallsIn3s: stalls }, restartToFirstFramePlayedMs: restartedMs }, null, 2)}\n`,
    );
    expect(problemsOf(phone.problems)).toEqual([]);
    expect(problemsOf(desktopProblems)).toEqual([]);
  } finally {
    await phone.close();
  }
});
