import type { CompositingMode } from '@renderer/tryon/compositor';
import type { QualityTier } from '@shared/domain/tryon/quality';
import type { Look } from '@shared/domain/tryon/look';
import { TryOnEngine } from '@renderer/tryon/engine';
import { defaultTrackerPlacement } from '@renderer/tryon/tracker-choice';
import { hasHardwareWebgl, webglRendererName } from '@renderer/tryon/gpu';
import { emptyPixelFrame, readFrame } from '@renderer/tryon/frame-pixels';
import { FaceTracker, MAX_LANDMARKS } from '@renderer/tryon/tracker';
import { FrameTimings, type FrameStage } from '@renderer/tryon/frame-timings';

/**
 * The in-page half of `npm run bench` (try-on part), loaded by bench/tryon-page.html. The same
 * frames, captured once from the (fake) webcam, go through (a) the tracker alone, (b) the engine's
 * whole per-frame path, (c) the MediaPipe runtime; then the live engine runs 10 s on the camera.
 */

interface MediaPipeFaceMesh {
  setOptions(options: Record<string, unknown>): void;
  onResults(listener: (results: { multiFaceLandmarks?: unknown[] }) => void): void;
  initialize(): Promise<void>;
  send(input: { image: HTMLCanvasElement }): Promise<void>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    /** Set by /mediapipe/face_mesh.js (a classic script the bench page loads). */
    readonly FaceMesh?: new (config: { locateFile: (file: string) => string }) => MediaPipeFaceMesh;
    /**
     * Set by the bench's Node side (bench/tryon.ts): 'start' notes every browser thread's CPU time,
     * 'end' returns what each group of threads used since, in ms per frame over `frames`.
     */
    readonly benchCpu?: (phase: 'start' | 'end', frames: number) => Promise<Record<string, number> | null>;
  }
}

export interface LiveRun {
  readonly item: string;
  readonly tracker: string;
  readonly compositing: CompositingMode;
  readonly seconds: number;
  readonly frames: number;
  readonly fps: number;
  /** Frames per second the camera delivered over the same seconds. */
  readonly sourceFps: number;
  readonly inferenceMs: number;
  readonly facePresentAtEnd: boolean;
  /** The rendering tier at the end (Auto decides in the first frames). */
  readonly quality: QualityTier;
  /**
   * How late a 50 ms timer on the page's thread fired (median, p95, max ms): how long a click or a
   * drag would wait for the thread while the engine runs.
   */
  readonly timerLagMs: readonly [number, number, number];
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The live engine on the camera for `seconds`, counting drawn frames from its once-a-second stats. */
async function liveRun(mode: 'worker' | 'main', seconds: number, entry: BenchLook): Promise<LiveRun> {
  const stage = document.createElement('canvas');
  document.body.append(stage);
  const engine = new TryOnEngine(stage, { tracker: mode });
  await engine.start();
  await engine.setLayers(entry.look);
  let frames = 0;
  let delivered = 0;
  let inferenceSum = 0;
  let ticks = 0;
  let present = false;
  // Counting starts at a stats tick and covers the ticks after it; the figures are divided by the
  // wall time between the first and the last, not by the number of ticks (a late timer would skew that).
  let counting = false;
  let started = 0;
  let last = 0;
  engine.on((event) => {
    if (event.type === 'stats') {
      if (!counting) return;
      if (started === 0) {
        started = performance.now();
        return;
      }
      frames += event.fps;
      delivered += event.sourceFps;
      inferenceSum += event.inferenceMs;
      ticks++;
      last = performance.now();
    }
    if (event.type === 'face') present = event.present;
  });
  await engine.useCamera(null, '720p');
  // Skip the camera's start-up second. Meanwhile a 50 ms timer measures how late the page's thread
  // gets to it.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  counting = true;
  const lags: number[] = [];
  let due = performance.now() + 50;
  while (ticks < seconds) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = performance.now();
    lags.push(Math.max(0, now - due));
    due = now + 50;
  }
  const tracker = engine.trackerInfo;
  const compositing = engine.compositing;
  const quality = engine.quality.tier;
  engine.dispose();
  stage.remove();
  const wall = Math.max(1e-3, (last - started) / 1000);
  return {
    item: entry.name,
    tracker: tracker?.worker ? 'worker' : 'main thread',
    compositing,
    seconds: wall,
    frames,
    fps: frames / wall,
    sourceFps: delivered / wall,
    inferenceMs: inferenceSum / Math.max(1, ticks),
    facePresentAtEnd: present,
    quality,
    timerLagMs: [quantile(lags, 0.5), quantile(lags, 0.95), Math.max(...lags)],
  };
}

export interface FullFrameRun {
  readonly item: string;
  readonly kind: string;
  readonly tracker: 'worker' | 'main';
  readonly compositing: CompositingMode;
  readonly quality: QualityTier;
  /** Time between finished frames. */
  readonly intervalMs: number[];
  /** From taking a frame to its pixels finished on the GPU. */
  readonly latencyMs: number[];
  /** Per-stage medians over the same frames (frame-timings.ts). */
  readonly stages?: Record<FrameStage, { median: number; count: number }>;
  /**
   * CPU time per frame by thread group (the page, the tracker's worker, SwiftShader …), from /proc:
   * unlike the wall-clock figures it hardly moves with the machine's other load.
   */
  readonly cpuMsPerFrame?: Record<string, number>;
}

export interface BenchReport {
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly backend: string;
  readonly inferenceMs: number[];
  /** (a) again, after (b). */
  readonly inferenceAgainMs: number[];
  /** (a)'s CPU time per frame by thread group, both times (FullFrameRun.cpuMsPerFrame). */
  readonly inferenceCpuMsPerFrame?: readonly [Record<string, number>, Record<string, number>];
  /** (b) per item, per tracker placement and compositing mode. */
  readonly fullFrames: readonly FullFrameRun[];
  readonly mediapipeMs: number[];
  readonly facesFound: { readonly tfjs: number; readonly mediapipe: number };
  readonly live: readonly LiveRun[];
  /** The 478-point attention mesh on WebGL (what a real GPU would run), here on this machine's renderer. */
  readonly refinedWebglMs: number[];
  readonly webglRenderer: string;
  /** What the engine picks on this machine when not told. */
  /** quality: what Auto settled on in the live runs with a 3D look. */
  readonly defaults: { readonly tracker: 'worker' | 'main'; readonly compositing: CompositingMode; readonly quality: QualityTier };
}

/**
 * Runs `frames` through the engine's live frame path back to back, as a camera faster than the engine
 * would: each frame snapshotted, uploaded, tracked, smoothed and drawn with its own landmarks, the next
 * frame's tracking overlapping this frame's drawing; waits for the GPU after each draw. Returns when
 * each frame was taken and when it was finished.
 */
function runFrames(engine: TryOnEngine, frames: readonly HTMLCanvasElement[], frameMs: number): Promise<{ taken: number[]; finished: number[] }> {
  const taken: number[] = [];
  const finished: number[] = [];
  let queued = 0;
  return new Promise((resolve) => {
    engine.useFeed({
      // The engine asks for the next frame as it takes the one queued before: that one's taken time.
      next: () => {
        if (queued > 0 && taken.length < queued) taken.push(performance.now());
        if (queued >= frames.length) return null;
        return { frame: frames[queued]!, timeMs: queued++ * frameMs };
      },
      drawn: () => {
        engine.finish();
        finished.push(performance.now());
        if (finished.length === frames.length) resolve({ taken, finished });
      },
    });
  });
}

async function captureFrames(count: number): Promise<HTMLCanvasElement[]> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const frames: HTMLCanvasElement[] = [];
  await new Promise<void>((resolve) => {
    const grab = (): void => {
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d')!.drawImage(video, 0, 0);
      frames.push(canvas);
      if (frames.length >= count) resolve();
      else video.requestVideoFrameCallback(grab);
    };
    video.requestVideoFrameCallback(grab);
  });
  stream.getTracks().forEach((t) => t.stop());
  return frames;
}

/** A look run through (b): one item, or a layered look. */
export interface BenchLook {
  readonly name: string;
  /** sticker2d, model3d, or layered. */
  readonly kind: string;
  readonly look: Look;
}

/**
 * `stagesOnly` (`npm run bench -- tryon --stages`): (a), (b) in the default placement only (worker,
 * region; High, and Fast for 3D), (a) again, and the live layered look: the runs the frame budget is
 * judged on, with their per-stage breakdown, in a few minutes instead of the whole comparison.
 */
export async function runTryOnBench(
  options: Readonly<{ frames: number; liveSeconds: number; liveLooks: readonly BenchLook[]; fullFrameLooks: readonly BenchLook[]; stagesOnly?: boolean }>,
): Promise<BenchReport> {
  const frames = await captureFrames(options.frames);
  const width = frames[0]!.width;
  const height = frames[0]!.height;
  const input = document.createElement('canvas');
  input.width = width;
  input.height = height;
  const ctx = input.getContext('2d')!;

  // (a) landmark inference alone — measured before (b) and again after it: the machine's noise moves
  // the figure by ±30 % between minutes, and the ratio b/a is taken against the faster of the two.
  const pixels = emptyPixelFrame();
  const points = new Float32Array(MAX_LANDMARKS * 3);
  const inference = async (): Promise<{ ms: number[]; faces: number; backend: string; cpu: Record<string, number> | null }> => {
    const tracker = await FaceTracker.create();
    const ms: number[] = [];
    let faces = 0;
    await window.benchCpu?.('start', 0);
    for (const [i, frame] of frames.entries()) {
      ctx.drawImage(frame, 0, 0);
      // From the frame on a canvas to landmarks: the RGBA read-out is part of the figure.
      const t0 = performance.now();
      await readFrame(input, pixels);
      if ((await tracker.estimate(pixels, points, false)) > 0) faces++;
      if (i > 0) ms.push(performance.now() - t0);
    }
    const cpu = (await window.benchCpu?.('end', frames.length)) ?? null;
    tracker.dispose();
    return { ms, faces, backend: `${tracker.info.backend}/${tracker.info.landmarks}`, cpu };
  };
  const first = await inference();
  const inferenceMs = first.ms;
  const inferenceCpu = first.cpu;
  const tfjsFaces = first.faces;
  const backend = first.backend;

  // (b) the full frame: snapshot, upload, inference, smoothing, pose, makeup + 3D, composite, finished
  // (pixels on the canvas) — through the engine's own frame path, frames back to back. With the
  // tracker in its worker the next frame's inference overlaps this frame's drawing; on the page's
  // thread everything queues on one thread. Region compositing is what a software renderer gets;
  // canvas compositing (WebGL draws the whole canvas) is the GPU path, run here for comparison.
  const fullFrame = async (tracker: 'worker' | 'main', compositing: CompositingMode, quality: QualityTier, entry: BenchLook): Promise<FullFrameRun> => {
    const stage = document.createElement('canvas');
    document.body.append(stage);
    const timings = new FrameTimings();
    const engine = new TryOnEngine(stage, { tracker, compositing, quality, timings });
    await engine.start();
    await engine.setLayers(entry.look);
    await runFrames(engine, frames.slice(0, 8), 1000 / 30);
    timings.clear();
    await window.benchCpu?.('start', 0);
    const { taken, finished } = await runFrames(engine, frames, 1000 / 30);
    const cpu = await window.benchCpu?.('end', frames.length);
    engine.dispose();
    stage.remove();
    return {
      item: entry.name,
      kind: entry.kind,
      tracker,
      compositing,
      quality,
      intervalMs: finished.slice(1).map((t, i) => t - finished[i]!),
      latencyMs: finished.map((t, i) => t - taken[i]!),
      stages: timings.medians(),
      ...(cpu ? { cpuMsPerFrame: cpu } : {}),
    };
  };
  const fullFrames: FullFrameRun[] = [];
  // Each item in High and Fast with the default placement (worker, region), then High with the
  // tracker on the page's thread and with whole-canvas compositing for comparison. Makeup is the same
  // in both tiers (only 3D materials change), so it runs in High only.
  for (const entry of options.fullFrameLooks) {
    const runs: ReadonlyArray<readonly ['worker' | 'main', CompositingMode, QualityTier]> = [
      ['worker', 'region', 'high'],
      ...(entry.kind !== 'sticker2d' ? ([['worker', 'region', 'fast']] as const) : []),
      ...(options.stagesOnly
        ? []
        : ([
            ['main', 'region', 'high'],
            ['worker', 'canvas', 'high'],
          ] as const)),
    ];
    for (const [tracker, compositing, quality] of runs) fullFrames.push(await fullFrame(tracker, compositing, quality, entry));
  }

  const again = await inference();
  const inferenceAgainMs = again.ms;

  // (c) the MediaPipe runtime (@mediapipe/face_mesh, its own wasm) on the same frames.
  const mediapipeMs: number[] = [];
  let mediapipeFaces = 0;
  if (window.FaceMesh && !options.stagesOnly) {
    const mesh = new window.FaceMesh({ locateFile: (file) => `/mediapipe/${file}` });
    // The same options tfjs-models' mediapipe runtime passes (others break the graph on this build).
    mesh.setOptions({ selfieMode: false, maxNumFaces: 1, refineLandmarks: false });
    let found = false;
    mesh.onResults((results) => (found = (results.multiFaceLandmarks?.length ?? 0) > 0));
    await mesh.initialize();
    for (const [i, frame] of frames.entries()) {
      ctx.drawImage(frame, 0, 0);
      const t0 = performance.now();
      await mesh.send({ image: input });
      if (i > 0) mediapipeMs.push(performance.now() - t0);
      if (found) mediapipeFaces++;
    }
    await mesh.close();
  }

  // Sustained: the live engine on the fake webcam, tracker in a worker and on the page's thread, for
  // each live item (glasses, and the hat: the costliest look to draw).
  const live: LiveRun[] = [];
  for (const entry of options.liveLooks) {
    if (options.stagesOnly && entry.kind !== 'layered') continue;
    live.push(await liveRun('worker', options.liveSeconds, entry));
    if (entry.kind !== 'layered' && !options.stagesOnly) live.push(await liveRun('main', options.liveSeconds, entry));
  }

  // (d) Why 468 points live here: the refined 478-point model on WebGL is far slower on a software
  // renderer (on wasm, with its integer products in float, it is ~2–3.5× the 468-point mesh: used for
  // stills' second pass, still-refiner.ts). Last, because it switches the page's tfjs backend.
  const refinedWebglMs: number[] = [];
  const refined = await FaceTracker.create({ preferBackend: 'webgl' });
  for (const [i, frame] of frames.slice(0, options.stagesOnly ? 0 : 16).entries()) {
    ctx.drawImage(frame, 0, 0);
    const t0 = performance.now();
    await readFrame(input, pixels);
    await refined.estimate(pixels, points, false);
    if (i > 0) refinedWebglMs.push(performance.now() - t0);
  }
  refined.dispose();
  return {
    frames: frames.length,
    width,
    height,
    backend,
    inferenceMs,
    inferenceAgainMs,
    ...(inferenceCpu && again.cpu ? { inferenceCpuMsPerFrame: [inferenceCpu, again.cpu] as const } : {}),
    fullFrames,
    mediapipeMs,
    facesFound: { tfjs: tfjsFaces, mediapipe: mediapipeFaces },
    live,
    refinedWebglMs,
    webglRenderer: webglRendererName(),
    defaults: { tracker: defaultTrackerPlacement(), compositing: hasHardwareWebgl() ? 'canvas' : 'region', quality: live[0]?.quality ?? 'high' },
  };
}
