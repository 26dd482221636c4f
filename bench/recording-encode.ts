import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EncodeTiming } from '@shared/domain/recording/encode-timing';
import type { ExportJob } from '@shared/ipc/media-schemas';
import { composeStudio, type StudioServices } from '../electron/services/compose';
import { createLogger } from '../electron/services/logger';
import { requireTools } from '../electron/services/media/test-inputs';
import { PREPARED_FILE } from '../electron/services/recording/background-encoder';
import { studioClient } from '../electron/services/test-support/studio-client';

const SECONDS = Number(process.env.BENCH_TAKE_SECONDS ?? 60);
const WIDTH = 1280;
const HEIGHT = 720;
const CHUNK_MS = 500;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

function pidWriting(file: string): number | null {
  try {
    const out = execFileSync('pgrep', ['-f', file], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : null;
  } catch {
    return null;
  }
}

/**
 * A stand-in for the browser's own recorder during the take: a 30 fps 1280×720 picture encoded to
 * VP8 in real time (`-re`) at normal priority. Frames it produced in the window ÷ frames it should
 * have = what a real-time 30 fps producer keeps while the take is encoded beside it.
 */
function realtimeProducer(seconds: number): { done: Promise<{ frames: number; expected: number }> } {
  const ffmpeg = requireTools().ffmpeg;
  const child = spawn(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${WIDTH}x${HEIGHT}:rate=30`,
      '-t',
      String(seconds),
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '2M',
      '-progress',
      'pipe:1',
      '-f',
      'null',
      '-',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const started = performance.now();
  let frames = 0;
  let atDeadline: number | null = null;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    const m = [...d.matchAll(/frame=(\d+)/g)].at(-1);
    if (m) frames = Number(m[1]);
    // Frames made by the time the window closed: a producer that falls behind finishes late.
    if (atDeadline === null && performance.now() - started >= seconds * 1000) atDeadline = frames;
  });
  return {
    done: new Promise((resolve) => child.on('close', () => resolve({ frames: atDeadline ?? frames, expected: seconds * 30 }))),
  };
}

type PathResult = Readonly<{ stopToPostableMs: number; finishMs: number; encoderCpuPct: number | null; producer: { frames: number; expected: number }; exportMs: number }>;

async function shootAndPost(services: StudioServices, dataDir: string, take: Buffer, timing: EncodeTiming): Promise<PathResult> {
  const studio = studioClient(services);
  await studio.settings.set({ encodeTiming: timing });
  const producer = realtimeProducer(SECONDS);
  const started = await studio.recordings.start({ mimeType: 'video/webm;codecs=vp9,opus', itemId: null, attributeId: null });
  const dir = path.join(dataDir, 'drafts', started.draftId);
  const pieces = Math.ceil((SECONDS * 1000) / CHUNK_MS);
  const size = Math.ceil(take.length / pieces);
  const t0 = performance.now();
  let encoderPid: number | null = null;
  let cpuFrom: { at: number; cpu: number } | null = null;
  let cpuTo: { at: number; cpu: number } | null = null;
  for (let seq = 0; seq < pieces; seq++) {
    // As MediaRecorder does: one chunk every CHUNK_MS of wall clock.
    const due = t0 + (seq + 1) * CHUNK_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    await studio.recordings.chunk({ takeId: started.takeId, seq, bytes: new Uint8Array(take.subarray(seq * size, (seq + 1) * size)) });
    if (encoderPid === null && timing === 'while-recording') encoderPid = pidWriting(path.join(dir, `${PREPARED_FILE}.part`));
    if (encoderPid !== null) {
      const cpu = cpuSeconds(encoderPid);
      if (cpu !== null) {
        if (!cpuFrom) cpuFrom = { at: performance.now(), cpu };
        cpuTo = { at: performance.now(), cpu };
      }
    }
  }
  const stop = performance.now();
  await studio.recordings.finish({ takeId: started.takeId, mediaMs: SECONDS * 1000 });
  const finishMs = performance.now() - stop;
  const exported = new Promise<void>((resolve) => {
    const off = services.bus.subscribe((name, payload) => {
      const job = payload as ExportJob;
      if (name === 'media.exportProgress' && job.draftId === started.draftId && job.percent === 100) {
        off();
        resolve();
      }
    });
  });
  const exportStart = performance.now();
  await studio.media.export({ draftId: started.draftId });
  await exported;
  const end = performance.now();
  const draft = await studio.drafts.get({ id: started.draftId });
  if (draft.mediaFile !== 'export.mp4' || !existsSync(path.join(dir, 'export.mp4'))) throw new Error(`the ${timing} take did not end as export.mp4 (${draft.status} ${draft.statusDetail ?? ''})`);
  const encoderCpuPct = cpuFrom && cpuTo && cpuTo.at > cpuFrom.at ? ((cpuTo.cpu - cpuFrom.cpu) / ((cpuTo.at - cpuFrom.at) / 1000)) * 100 : null;
  return { stopToPostableMs: end - stop, finishMs, encoderCpuPct, producer: await producer.done, exportMs: end - exportStart };
}

/**
 * Stop → postable MP4 for a SECONDS take (1280×720 VP9 + Opus, fed in 500 ms chunks at real time
 * through the studio's own services, as the shooting page sends them): the old path (export after
 * Stop) against the encode while recording, in the same run; the encoder's CPU while recording;
 * and the frames a real-time 30 fps producer keeps beside each.
 */
export async function runEncodeWhileRecording(): Promise<void> {
  const tools = requireTools();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anchor-bench-rec-'));
  try {
    const file = path.join(dir, 'take.webm');
    execFileSync(tools.ffmpeg, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${WIDTH}x${HEIGHT}:rate=30:duration=${SECONDS}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`,
      '-c:v',
      'libvpx-vp9',
      '-row-mt',
      '1',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '2M',
      '-g',
      '60',
      '-c:a',
      'libopus',
      '-b:a',
      '64k',
      '-live',
      '1',
      '-f',
      'webm',
      file,
    ]);
    const take = readFileSync(file);
    const dataDir = path.join(dir, 'data');
    const services = composeStudio({ dataDir, host: 'browser', version: 'bench', logger: createLogger('bench', 'error') });
    try {
      await studioClient(services).settings.get();
      const load = os.loadavg()[0]!;
      const old = await shootAndPost(services, dataDir, take, 'after-stop');
      const live = await shootAndPost(services, dataDir, take, 'while-recording');
      const pct = (p: { frames: number; expected: number }): string => `${p.frames}/${p.expected} frames (${((Math.max(0, p.expected - p.frames) / p.expected) * 100).toFixed(1)} % dropped)`;
      console.log(`take: ${SECONDS} s ${WIDTH}×${HEIGHT} VP9+Opus, ${(take.length / 1024 / 1024).toFixed(1)} MiB, in ${CHUNK_MS} ms chunks at real time`);
      console.log(
        `Stop → postable MP4, old path (export after Stop):    ${(old.stopToPostableMs / 1000).toFixed(2)} s (finish ${(old.finishMs / 1000).toFixed(2)} s + export ${(old.exportMs / 1000).toFixed(2)} s)`,
      );
      console.log(
        `Stop → postable MP4, encoded while recording:         ${(live.stopToPostableMs / 1000).toFixed(2)} s (finish ${(live.finishMs / 1000).toFixed(2)} s + export ${(live.exportMs / 1000).toFixed(2)} s)   goal ≤ 1 s`,
      );
      console.log(`ratio new/old: ${(live.stopToPostableMs / old.stopToPostableMs).toFixed(3)}`);
      console.log(`encoder CPU while recording (nice 19): ${live.encoderCpuPct === null ? 'not measured' : `${live.encoderCpuPct.toFixed(0)} % of one core`}`);
      console.log(`real-time 30 fps producer beside the take: old path ${pct(old.producer)}; while recording ${pct(live.producer)}   goal ≤ 1 %`);
      console.log(`machine: load avg ${load.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end, ${os.availableParallelism()} cores (shared with other jobs: noisy)`);
    } finally {
      services.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
