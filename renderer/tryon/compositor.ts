import type { Texture } from 'three';
import {
  DataTexture,
  Group,
  Mesh,
  NoColorSpace,
  NearestFilter,
  NoToneMapping,
  OrthographicCamera,
  PlaneGeometry,
  RGBAFormat,
  Scene,
  SRGBColorSpace,
  UnsignedByteType,
  WebGLRenderer,
  type Object3D,
} from 'three';
import { ColorFilterPass } from './color-filter';
import type { ColorFilter } from './color-filter-names';
import { drawRegion, type PixelBox, type PixelRect } from '@shared/domain/tryon/draw-region';
import { hasHardwareWebgl } from './gpu';
import { AccessoryLighting } from './lighting';
import type { PixelFrame } from './frame-pixels';
import type { FrameTimings } from './frame-timings';
import { createBackgroundMaterial } from './makeup-shader';
import { RegionOutput, createFrameImage, frameImageOver, type FrameImage } from './region-output';

/**
 * How the one canvas is drawn. `canvas`: WebGL draws every pixel of the visible canvas (a real GPU,
 * where that is free). `region`: the visible canvas is 2D, takes the frame's bytes as they are, and
 * WebGL (on a hidden canvas) redraws only the rectangle the look covers — on a software rasteriser
 * WebGL's cost is per pixel, so this follows the face, not the frame (`npm run bench -- tryon`).
 */
export type CompositingMode = 'canvas' | 'region';

const OVERRIDE_KEY = 'anchor.tryon.compositing';

/**
 * A troubleshooting switch (and the e2e comparison of both modes): localStorage
 * `anchor.tryon.compositing` = `canvas` | `region` picks the mode; anything else means automatic.
 */
export function compositingOverride(): CompositingMode | undefined {
  try {
    const value = localStorage.getItem(OVERRIDE_KEY);
    return value === 'canvas' || value === 'region' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Pixels around the look's own box that are redrawn too (rounding, the shader's neighbourhood taps). */
const REGION_MARGIN = 4;

interface FrameSlot {
  readonly texture: DataTexture;
  /** Region mode only: the slot's own copy of a still's bytes (they are lent to the tracker), made when first needed. */
  copy: FrameImage | null;
  /** Region mode only: the bytes the 2D canvas shows — the copy, or a borrowed live frame's own. */
  image: FrameImage | null;
}

/**
 * The ONE canvas: the source frame, the makeup and the 3D accessories drawn by one WebGL renderer, so
 * what is recorded or streamed from this canvas is exactly what the creator sees.
 *
 * Scene units are source pixels with y up (scene y = −image y); an orthographic camera maps them 1:1
 * onto the canvas. Mirroring flips one root group (three swaps the winding for a negative scale), and
 * the before/after split is a scissor on the overlay pass.
 */
export class Compositor {
  readonly renderer: WebGLRenderer;
  readonly mode: CompositingMode;
  private readonly camera = new OrthographicCamera(0, 1, 0, -1, 1, 40_000);
  private readonly backgroundScene = new Scene();
  private readonly overlayScene = new Scene();
  private readonly backgroundRoot = new Group();
  private readonly overlayRoot = new Group();
  private readonly backgroundMaterial = createBackgroundMaterial();
  private readonly background = new Mesh(new PlaneGeometry(1, 1), this.backgroundMaterial);
  private readonly slots: [FrameSlot | null, FrameSlot | null] = [null, null];
  private nextSlot = 0;
  private shown: FrameSlot | null = null;
  /** Region mode: the visible 2D canvas, and the rectangle redrawn this frame. */
  private readonly output: RegionOutput | null;
  private readonly rect: PixelRect = { x: 0, y: 0, width: 0, height: 0 };
  private width = 1;
  private height = 1;
  private mirrored = false;
  private split = 0;
  private readonly colorFilter = new ColorFilterPass();
  /** The accessories' lights and reflections (the engine builds them on the first 3D look). */
  readonly lighting: AccessoryLighting;
  /** Triangles the last overlay pass drew (makeup quads, head occluder, accessories): the debug readout's. */
  overlayTriangles = 0;

  constructor(
    readonly canvas: HTMLCanvasElement,
    mode?: CompositingMode,
    /** The benchmark's per-stage recorder (frame-timings.ts), or null. */
    private readonly timings: FrameTimings | null = null,
  ) {
    this.mode = mode ?? (hasHardwareWebgl() ? 'canvas' : 'region');
    this.output = this.mode === 'region' ? new RegionOutput(canvas) : null;
    // preserveDrawingBuffer: the visible WebGL canvas is read back for photos and tests after the
    // frame is shown (a hidden one is read back at once). MSAA only on a real GPU: on a software
    // rasteriser it costs more than the whole makeup pass.
    this.renderer = new WebGLRenderer({
      canvas: this.output ? document.createElement('canvas') : canvas,
      antialias: hasHardwareWebgl(),
      alpha: false,
      preserveDrawingBuffer: !this.output,
      powerPreference: 'high-performance',
    });
    this.renderer.setPixelRatio(1);
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.toneMapping = NoToneMapping;
    this.renderer.autoClear = false;
    this.camera.position.set(0, 0, 20_000);
    this.backgroundRoot.add(this.background);
    this.backgroundScene.add(this.backgroundRoot);
    this.overlayScene.add(this.overlayRoot);
    this.lighting = new AccessoryLighting(this.overlayScene, this.renderer, !hasHardwareWebgl());
    for (const node of [this.backgroundRoot, this.overlayRoot, this.background]) node.matrixAutoUpdate = false;
  }

  /** Adds the makeup group and the accessories' head group to the overlay pass. */
  addOverlay(node: Object3D): void {
    this.overlayRoot.add(node);
  }

  /**
   * Takes one frame's RGBA bytes into the next of two slots and returns its texture; `show` puts it
   * on screen. Two, so a still's texture stays while another is taken. In canvas mode the bytes are
   * uploaded at once. In region mode they are uploaded only if a region is drawn, so they must still
   * be there then: `borrowed` bytes (a live frame's, drawn right after this and never again) are
   * used in place; otherwise (a still, whose bytes the tracker borrows next and which is redrawn
   * meanwhile) they are copied. Rows come top first and are not flipped: image row y samples at
   * v = y/H everywhere. Slots are reallocated only on a new size.
   */
  upload(frame: PixelFrame, borrowed: boolean): Texture {
    const { width, height } = frame;
    if (width !== this.width || height !== this.height) this.resize(width, height);
    this.nextSlot = 1 - this.nextSlot;
    let slot = this.slots[this.nextSlot];
    if (!slot) {
      const texture = new DataTexture(frame.data, width, height, RGBAFormat, UnsignedByteType);
      texture.colorSpace = NoColorSpace;
      texture.flipY = false;
      // Every canvas pixel samples one texel: nearest is exact and, on a software rasteriser, halves
      // the cost of the frame quad against linear filtering. No mipmaps: regenerating them per frame
      // is the costliest step there; the makeup shader takes its neighbourhood average from a few
      // taps instead.
      texture.generateMipmaps = false;
      texture.minFilter = NearestFilter;
      texture.magFilter = NearestFilter;
      slot = { texture, copy: null, image: null };
      this.slots[this.nextSlot] = slot;
    }
    slot.texture.needsUpdate = true;
    if (!this.output) {
      slot.texture.image.data = frame.data;
      this.renderer.initTexture(slot.texture);
    } else if (borrowed) {
      slot.image = frameImageOver(frame.data, width, height, slot.image);
      slot.texture.image.data = frame.data;
    } else {
      slot.copy ??= createFrameImage(width, height);
      slot.copy.bytes.set(frame.data);
      slot.image = slot.copy;
      slot.texture.image.data = slot.copy.bytes;
    }
    return slot.texture;
  }

  /** The frame the next render draws (a texture from `upload`). */
  show(texture: Texture): void {
    this.shown = this.slots[0]?.texture === texture ? this.slots[0] : this.slots[1]?.texture === texture ? this.slots[1] : null;
    this.backgroundMaterial.uniforms.uSource!.value = texture;
  }

  private resize(width: number, height: number): void {
    for (const slot of this.slots) slot?.texture.dispose();
    this.slots[0] = null;
    this.slots[1] = null;
    this.shown = null;
    this.width = width;
    this.height = height;
    this.renderer.setSize(width, height, false);
    this.output?.resize(width, height);
    this.frameCamera(0, 0, width, height);
    this.background.position.set(width / 2, -height / 2, -10_000);
    this.background.scale.set(width, height, 1);
    this.background.updateMatrix();
    this.applyMirror();
  }

  get size(): { readonly width: number; readonly height: number } {
    return { width: this.width, height: this.height };
  }

  setMirror(mirrored: boolean): void {
    this.mirrored = mirrored;
    this.applyMirror();
  }

  /** 0: the whole frame shows the look; 0.5: the left half shows the untouched source. */
  setSplit(fraction: number): void {
    this.split = Math.min(1, Math.max(0, fraction));
  }

  /** A colour grade over the whole composited frame (shooting page filters). */
  setFilter(filter: ColorFilter): void {
    this.colorFilter.set(filter);
  }

  /** Points the camera at one rectangle of the frame (canvas pixels, top-left origin). */
  private frameCamera(x: number, y: number, width: number, height: number): void {
    this.camera.left = x;
    this.camera.right = x + width;
    this.camera.top = -y;
    this.camera.bottom = -(y + height);
    this.camera.updateProjectionMatrix();
  }

  /**
   * Draws the shown frame with the look. `look` is where the look lies in image pixels: region mode
   * redraws only that box (the whole frame under a colour filter); canvas mode draws everything.
   */
  render(look: PixelBox): void {
    this.overlayTriangles = 0;
    if (this.output) this.renderRegion(this.output, look);
    else this.renderCanvas();
  }

  private renderRegion(output: RegionOutput, look: PixelBox): void {
    const shown = this.shown?.image;
    if (!shown) return;
    const timings = this.timings;
    const frameStart = timings ? performance.now() : 0;
    output.drawFrame(shown, this.mirrored);
    const glStart = timings ? performance.now() : 0;
    timings?.add('frame2d', glStart - frameStart);
    const rect = this.rect;
    const { width, height } = this;
    const filtered = this.colorFilter.current !== 'none';
    if (filtered) {
      rect.x = 0;
      rect.y = 0;
      rect.width = width;
      rect.height = height;
    } else if (!drawRegion(look, width, height, REGION_MARGIN, this.mirrored, rect)) {
      return;
    }
    // The look's part of the before/after split, in the rectangle's own pixels.
    const splitX = Math.max(0, Math.round(this.split * width) - rect.x);
    if (splitX >= rect.width && !filtered) return;
    const r = this.renderer;
    // The rectangle is drawn at the drawing buffer's bottom-left corner; nothing else is touched.
    this.frameCamera(rect.x, rect.y, rect.width, rect.height);
    r.setViewport(0, 0, rect.width, rect.height);
    r.setScissor(0, 0, rect.width, rect.height);
    r.setScissorTest(true);
    r.render(this.backgroundScene, this.camera);
    if (splitX < rect.width) {
      r.clearDepth();
      r.setScissor(splitX, 0, rect.width - splitX, rect.height);
      r.render(this.overlayScene, this.camera);
      this.overlayTriangles = r.info.render.triangles;
    }
    r.setScissorTest(false);
    this.colorFilter.apply(r, width, height);
    const readStart = timings ? performance.now() : 0;
    output.drawRegion(r.getContext() as WebGL2RenderingContext, rect);
    if (timings) {
      timings.add('gl', readStart - glStart);
      timings.add('readback', performance.now() - readStart);
    }
  }

  private renderCanvas(): void {
    const r = this.renderer;
    r.setScissorTest(false);
    // No clear: the frame quad covers every pixel and writes no depth; the overlay clears depth.
    r.render(this.backgroundScene, this.camera);
    if (this.split < 1) {
      r.clearDepth();
      const x = Math.round(this.split * this.width);
      r.setScissor(x, 0, this.width - x, this.height);
      r.setScissorTest(x > 0);
      r.render(this.overlayScene, this.camera);
      this.overlayTriangles = r.info.render.triangles;
      r.setScissorTest(false);
    }
    this.colorFilter.apply(r, this.width, this.height);
  }

  /** Waits until the GPU has drawn the frame (a 1-pixel read), so timings include the composite. */
  finish(): void {
    // Region mode has read its pixels back already.
    if (this.output) return;
    const gl = this.renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, this.probe);
  }

  private readonly probe = new Uint8Array(4);

  private applyMirror(): void {
    for (const root of [this.backgroundRoot, this.overlayRoot]) {
      root.scale.set(this.mirrored ? -1 : 1, 1, 1);
      root.position.set(this.mirrored ? this.width : 0, 0, 0);
      root.updateMatrix();
    }
  }

  dispose(): void {
    this.colorFilter.dispose();
    for (const slot of this.slots) slot?.texture.dispose();
    this.background.geometry.dispose();
    this.backgroundMaterial.dispose();
    this.lighting.dispose();
    this.renderer.dispose();
  }
}
