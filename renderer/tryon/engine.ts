import type { CatalogItem } from '@shared/catalog/schema';
import { singleItemLook, type Look } from '@shared/domain/tryon/look';
import { FaceState, type FaceBox } from '@shared/domain/tryon/face-state';
import { LIVE_PRESENCE, STILL_PRESENCE, type PresenceOptions } from '@shared/domain/tryon/presence';
import type { QualitySetting, QualityTier } from '@shared/domain/tryon/quality';
import { QualityControl } from './quality-control';
import type { TriggerKind } from '@shared/domain/tryon/expressions';
import type { ColorFilter } from './color-filter-names';
import type { Texture } from 'three';
import { CameraWatch } from './camera-watch';
import { compositingOverride, type CompositingMode } from './compositor';
import { LookRenderer } from './look-renderer';
import { EngineEmitter, modelErrorEvent, sourceErrorEvent, type EngineListener, type FrameFeed, type SourceKind } from './engine-events';
import { openCamera, openFile, type LiveSource, type Resolution } from './sources';
import { FrameStats } from './frame-stats';
import type { PixelFrame } from './frame-pixels';
import { MAX_LANDMARKS, type Tracker, type TrackerInfo } from './tracker';
import { createRefinedTracker, createTracker, refinesStills, type TrackerPlacement } from './tracker-choice';
import { StillRefiner, type StillLipPass } from './still-refiner';
import { mergeRefinedLips } from '@shared/domain/tryon/refined-lips';
import { TriggerFeed } from './trigger-feed';
import { FrameSlot } from './frame-slot';
import type { FrameTimings } from './frame-timings';
import { runFramePipeline, type FrameSteps } from './frame-pipeline';
import { FrameReader } from './frame-reader';
import { drawLiveFrame, type LiveFrameDrawing } from './live-draw';

/**
 * The try-on engine, outside React: source → tracker → smoothing → pose → makeup + 3D → one canvas.
 * React creates it, sends commands and listens to low-rate events. The per-frame path reuses
 * preallocated typed arrays and three objects; besides tfjs it allocates only small wrappers (the
 * VideoFrame, a view of the frame's bytes as the worker hands them back, the messages' promises).
 */
export class TryOnEngine {
  /** The look over the frame: compositor, makeup, accessories (look-renderer.ts). */
  private readonly look: LookRenderer;
  private readonly events = new EngineEmitter();
  private readonly raw = new Float32Array(MAX_LANDMARKS * 3);
  /** What the render reads: smoothed landmarks, pose and found/lost of the newest tracked frame. */
  private readonly face = new FaceState(MAX_LANDMARKS);
  private tracker: Tracker | null = null;
  private live: LiveSource | null = null;
  private still: HTMLCanvasElement | null = null;
  private generation = 0;
  private readonly stats = new FrameStats();
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private readonly cameraWatch = new CameraWatch(navigator.mediaDevices, {
    reopen: async (deviceId, resolution) => {
      await this.useCamera(deviceId, resolution);
      return this.live !== null;
    },
    recovered: () => this.events.emit({ type: 'recovered' }),
  });
  private disposed = false;
  private split = 0;
  private mirrored = false;
  /** The source generation of the last tracked frame (tests wait for a new photo to be decided). */
  private trackedGeneration = -1;
  /** The newest live frame not yet taken for tracking (frame-slot.ts). */
  private readonly slot = new FrameSlot();
  /** The texture of the frame on screen (redrawn for a still, a look change or a split). */
  private frameTexture: Texture | null = null;
  /** The pixel buffers between the source and the tracker, and whether a frame is in flight (frame-reader.ts). */
  private readonly frames: FrameReader;
  /** The engine's side of the debug readout, updated in place before each drawing. */
  private readonly debugSource: { source: number; tracked: number; tracker: TrackerInfo | null; lipPass: StillLipPass } = { source: 0, tracked: -1, tracker: null, lipPass: 'tracker' };
  /** Stills on a 468-point tracker: the 478-point mesh's lips as a second pass (still-refiner.ts). */
  private readonly stillLips = new StillRefiner(createRefinedTracker);
  /** Expression triggers (smile, open mouth, raised brows) and who listens to them. */
  private readonly triggers = new TriggerFeed();
  /** Rendering quality: the user's setting and the tier drawing now. */
  private readonly qualityControl: QualityControl;
  private lastInferenceMs = 0;
  /** What a live frame's drawing needs (live-draw.ts). */
  private readonly liveDrawing: LiveFrameDrawing;

  constructor(
    readonly canvas: HTMLCanvasElement,
    /** `refinedStills: false` keeps stills at the tracker's own points (comparisons); `timings` is the benchmark's per-stage recorder (frame-timings.ts), off otherwise. */
    private readonly options: Readonly<{ tracker?: TrackerPlacement; compositing?: CompositingMode; quality?: QualitySetting; refinedStills?: boolean; timings?: FrameTimings }> = {},
  ) {
    this.look = new LookRenderer(canvas, options.compositing ?? compositingOverride(), options.timings ?? null);
    this.frames = new FrameReader(
      this.look.compositor,
      options.timings ?? null,
      () => this.generation,
      this.slot,
      (frame, timeMs, generation) => this.track(frame, timeMs, false, generation),
    );
    this.qualityControl = new QualityControl(options.quality ?? 'auto', (tier) => this.look.setTier(tier));
    this.liveDrawing = {
      frames: this.frames,
      look: this.look,
      face: this.face,
      slot: this.slot,
      stats: this.stats,
      quality: this.qualityControl,
      timings: options.timings ?? null,
      show: (texture) => {
        this.frameTexture = texture;
        this.renderFrame();
      },
      inferenceMs: () => this.lastInferenceMs,
    };
  }

  /**
   * Rendering quality (Settings → Rendering quality): High, Fast, or Auto — High on a GPU; on a
   * software rasteriser High for the first live frames with a 3D look, then Fast if High's drawing
   * exceeded the frame budget (1.3 × inference). Takes effect from the next frame.
   */
  setQuality(setting: QualitySetting): void {
    this.qualityControl.set(setting);
    this.redrawStill();
  }

  /**
   * Hands-free control (issue 16 §5): `listener` is called when a smile (~0.5 s: take a photo), an
   * open mouth (~0.5 s: next shade) or raised brows (next item) fires on the live camera, once per
   * gesture (hysteresis). Detection runs only while someone listens. Returns the unsubscribe.
   */
  onTrigger(listener: (kind: TriggerKind) => void): () => void {
    return this.triggers.listen(listener);
  }

  /** Turns one trigger on or off (Settings). */
  setTriggerEnabled(kind: TriggerKind, on: boolean): void {
    this.triggers.setEnabled(kind, on);
  }

  /** The quality setting and the tier drawing now. */
  get quality(): { readonly setting: QualitySetting; readonly tier: QualityTier } {
    return { setting: this.qualityControl.setting, tier: this.qualityControl.tier };
  }

  /** Loads the tracker (model weights from /models/) and the head occluder. */
  async start(): Promise<void> {
    try {
      const [tracker] = await Promise.all([createTracker(this.options.tracker ?? 'auto'), this.look.loadOccluder()]);
      if (this.disposed) return tracker.dispose();
      this.tracker = tracker;
      this.events.emit({ type: 'ready', tracker: tracker.info });
      this.statsTimer = setInterval(() => {
        const { fps, sourceFps, inferenceMs } = this.stats.take();
        if (this.live) this.events.emit({ type: 'stats', fps, sourceFps, inferenceMs, quality: this.qualityControl.tier });
      }, 1000);
      if (this.still) await this.trackStill();
    } catch (error) {
      this.events.emit(modelErrorEvent('The face tracker could not load', error));
    }
  }

  on(listener: EngineListener): () => void {
    return this.events.on(listener);
  }

  /**
   * Called right after each frame is drawn, in the same task (the WebGL drawing buffer still holds
   * it): the live stream composites the frame with its overlays at exactly the engine's frame rate.
   * Keep the work small and allocation-free: it runs on the per-frame path.
   */
  onDrawn(listener: () => void): () => void {
    return this.look.onDrawn(listener);
  }

  /** How the canvas is drawn (whole-canvas WebGL on a GPU, redrawn look region otherwise). */
  get compositing(): CompositingMode {
    return this.look.compositor.mode;
  }

  get trackerInfo(): TrackerInfo | null {
    return this.tracker?.info ?? null;
  }

  /** Whose lips the still on screen is drawn with (still-refiner.ts); `pending` while the second pass runs. */
  get lipPass(): StillLipPass {
    return this.stillLips.state;
  }

  async useCamera(deviceId: string | null, resolution: Resolution): Promise<void> {
    const generation = ++this.generation;
    this.cameraWatch.watch(deviceId, resolution);
    try {
      const source = await openCamera(deviceId, resolution, () => this.cameraLost(generation));
      if (generation !== this.generation) return source.release();
      this.setLive(source);
    } catch (error) {
      this.events.emit(sourceErrorEvent(error));
    }
  }

  /** Opens a local photo or video (offline try-on editing). */
  async useFile(file: File): Promise<void> {
    const generation = ++this.generation;
    this.cameraWatch.stop();
    try {
      const opened = await openFile(file);
      if (generation !== this.generation) return opened.kind === 'live' ? opened.source.release() : undefined;
      if (opened.kind === 'still') this.setStill(opened.canvas);
      else this.setLive(opened.source);
    } catch (error) {
      this.events.emit(sourceErrorEvent(error));
    }
  }

  /** Shows a catalog item in one of its attributes (shade or colour); null clears the look. */
  async setLook(item: CatalogItem | null, attributeId: string | null): Promise<void> {
    await this.setLayers(singleItemLook(item, attributeId));
  }

  /**
   * Shows a layered look (shared/domain/tryon/look.ts): several items at once, one per body area,
   * each in its attribute and at its intensity (makeup). Resolves when the look is on screen, or when
   * a newer look replaced it. The debug readout's `data-look` is its `lookKey`.
   */
  async setLayers(look: Look): Promise<void> {
    if (await this.look.setLayers(look)) this.redrawStill();
  }

  /** Lips refined from the image (default) or from the landmark band alone (comparisons, troubleshooting). */
  setLipRefinement(on: boolean): void {
    this.look.setLipRefinement(on);
    this.redrawStill();
  }

  setMirror(mirrored: boolean): void {
    this.mirrored = mirrored;
    this.look.compositor.setMirror(mirrored);
    this.redrawStill();
  }

  /**
   * The face as a box in normalised coordinates of the composited frame (mirroring applied), or null
   * without a face. For the shooting page's journal, sampled a few times a second (it allocates).
   */
  faceBox(): FaceBox | null {
    const { width, height } = this.look.compositor.size;
    return this.face.faceBox(width, height, this.mirrored);
  }

  /** Shooting page filters: a grade over the whole composited frame, from the next frame on. */
  setFilter(filter: ColorFilter): void {
    this.look.compositor.setFilter(filter);
    this.redrawStill();
  }

  setSplit(fraction: number): void {
    this.split = fraction;
    this.look.compositor.setSplit(fraction);
    this.redrawStill();
  }

  /** The composited frame (full look, no split) as a PNG. */
  async capturePhoto(): Promise<Blob> {
    this.look.compositor.setSplit(0);
    this.renderFrame();
    // toBlob reads the drawing buffer now; the split comes back for the next frame.
    const pending = new Promise<Blob | null>((resolve) => this.canvas.toBlob(resolve, 'image/png'));
    this.look.compositor.setSplit(this.split);
    this.redrawStill();
    const blob = await pending;
    if (!blob) throw new Error('The frame could not be captured');
    return blob;
  }

  /**
   * A caller-driven live source: the engine asks the feed for a frame whenever it takes one (as a
   * camera faster than the engine would deliver them), each tracked and drawn with its own
   * landmarks, and reports each drawn frame. The benchmark drives the frame path this way.
   */
  useFeed(feed: FrameFeed): void {
    this.live?.release();
    this.live = null;
    this.still = null;
    const generation = ++this.generation;
    this.resetTracking(LIVE_PRESENCE);
    this.slot.useFeed(feed);
    void this.advance(generation);
  }

  /** Waits until the drawn pixels are finished (a GPU's queue drained; region mode has them already). */
  finish(): void {
    this.look.compositor.finish();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.cameraWatch.dispose();
    this.live?.release();
    this.live = null;
    this.tracker?.dispose();
    this.stillLips.dispose();
    this.look.dispose();
    this.events.clear();
    this.triggers.clear();
  }

  // ---------- sources ----------

  private setLive(source: LiveSource): void {
    this.live?.release();
    this.still = null;
    this.live = source;
    this.resetTracking(LIVE_PRESENCE);
    this.sourceSize(source.video.videoWidth, source.video.videoHeight, source.kind);
    const generation = this.generation;
    const video = source.video;
    // Each new video frame waits in the slot (a newer one replaces it) until the tracker is free;
    // then it is drawn with its own landmarks, so the look never lags behind the face.
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      if (generation !== this.generation) return;
      video.requestVideoFrameCallback(onFrame);
      this.stats.sourcePresented(meta.presentedFrames);
      if (this.slot.offer(video, meta) && !this.frames.inFlight) void this.advance(generation);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  private setStill(canvas: HTMLCanvasElement): void {
    this.live?.release();
    this.live = null;
    this.still = canvas;
    this.resetTracking(STILL_PRESENCE);
    this.sourceSize(canvas.width, canvas.height, 'photo');
    void this.trackStill();
  }

  private sourceSize(width: number, height: number, kind: SourceKind): void {
    this.look.setSourceSize(width, height);
    this.events.emit({ type: 'source', kind, width, height });
  }

  private resetTracking(presence: PresenceOptions): void {
    this.slot.reset();
    this.face.reset(presence);
    this.tracker?.reset();
    this.stats.resetSource();
    this.frameTexture = null;
    this.stillLips.cancel();
    // inFlight stays: an estimate for the previous source may still be running in the tracker.
  }

  private cameraLost(generation: number): void {
    if (generation !== this.generation || !this.cameraWatch.markLost()) return;
    this.live?.release();
    this.live = null;
    this.events.emit({ type: 'error', code: 'camera-lost', message: 'The camera was disconnected. Plug it back in: the studio picks it up again.' });
  }

  // ---------- the frame path ----------

  /** Takes the waiting frame and runs the live frame loop (frame-pipeline.ts) while frames wait. */
  private async advance(generation: number): Promise<void> {
    if (this.frames.inFlight) return;
    await runFramePipeline(this.frameSteps, generation);
  }

  /** The live loop's steps (frame-pipeline.ts), built once. */
  private readonly frameSteps: FrameSteps = {
    launch: (generation) => this.frames.launch(generation),
    tracked: (slot) => this.frames.tracking(slot),
    waiting: () => this.slot.hasFrame,
    current: (generation) => generation === this.generation,
    draw: (slot) => drawLiveFrame(this.liveDrawing, slot),
  };

  /** Shows the photo at once, then tracks it (again when the tracker becomes ready). */
  private async trackStill(): Promise<void> {
    const still = this.still;
    if (!still) return;
    const generation = this.generation;
    // One frame at a time (the pixel buffer may be lent to the tracker): let a previous frame finish.
    while (this.frames.inFlight) await new Promise((resolve) => setTimeout(resolve, 5));
    if (generation !== this.generation || this.still !== still) return;
    let texture: Texture | null;
    try {
      texture = await this.frames.take(still, generation);
    } catch (error) {
      if (generation === this.generation) this.events.emit(sourceErrorEvent(error));
      return;
    }
    if (!texture) return;
    this.frameTexture = texture;
    this.renderFrame();
    await this.track(this.frames.pixels, 0, true, generation);
    if (generation !== this.generation) return;
    this.look.refine(this.face, this.frames.pixels);
    // Shown now with the tracker's lips; a 468-point tracker's are redrawn with the 478-point ones.
    if (this.face.found && refinesStills(this.tracker?.info, this.options.refinedStills)) void this.refineStillLips(still, generation);
    this.renderFrame();
  }

  /** The still redrawn with the refined mesh's lips once they are in (or with its state, when there are none). */
  private async refineStillLips(still: HTMLCanvasElement, generation: number): Promise<void> {
    const refined = await this.stillLips.request(this.frames.pixels);
    // Another source, or this still being tracked again (its own pass follows): nothing to redraw.
    if (generation !== this.generation || this.still !== still || this.frames.inFlight) return;
    if (refined) this.face.apply(mergeRefinedLips(this.raw, refined), this.face.landmarkCount, 0, true);
    this.redrawStill();
  }

  private async track(frame: PixelFrame, timeMs: number, still: boolean, generation: number): Promise<void> {
    const tracker = this.tracker;
    if (!tracker) {
      this.frames.inFlight = false;
      return;
    }
    let count = 0;
    try {
      count = await this.frames.estimate(tracker, frame, this.raw, still);
    } catch (error) {
      if (generation === this.generation) this.events.emit(modelErrorEvent('Face tracking failed', error));
    }
    if (generation !== this.generation) return;
    this.trackedGeneration = generation;
    this.lastInferenceMs = this.frames.estimateMs;
    this.stats.inferred(this.lastInferenceMs);
    const timings = this.options.timings;
    if (timings && !still) {
      timings.add('track', this.lastInferenceMs);
      timings.add('worker', tracker.lastEstimateMs ?? this.lastInferenceMs);
    }
    const changed = this.face.apply(this.raw, count, timeMs, still);
    // Expression triggers on live frames only (a photo holds no expression over time).
    if (!still) this.triggers.frame(this.face.found ? this.face.points : null, timeMs);
    // A still is decided once, so it always reports (a photo without a face must say so).
    if (changed || still) this.events.emit({ type: 'face', present: this.face.found });
  }

  private renderFrame(): void {
    // Nothing to draw until the new source's first frame is in (the canvas keeps the last one).
    if (!this.frameTexture) return;
    const debug = this.debugSource;
    debug.source = this.generation;
    debug.tracked = this.trackedGeneration;
    debug.tracker = this.tracker?.info ?? null;
    debug.lipPass = this.stillLips.state;
    this.look.draw(this.frameTexture, this.face, debug);
  }

  private redrawStill(): void {
    if (!this.still) return;
    // A still's bytes stay in the buffer until another frame is read (none is in flight).
    if (!this.frames.inFlight) this.look.refine(this.face, this.frames.pixels);
    this.renderFrame();
  }
}
