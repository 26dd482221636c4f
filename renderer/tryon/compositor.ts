import type {
  Texture} from 'three';
import {
  DataTexture,
  DirectionalLight,
  Group,
  HemisphereLight,
  Mesh,
  NoColorSpace,
  NearestFilter,
  NoToneMapping,
  OrthographicCamera,
  PlaneGeometry,
  PMREMGenerator,
  RGBAFormat,
  Scene,
  SRGBColorSpace,
  UnsignedByteType,
  WebGLRenderer,
  type Object3D,
} from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { ColorFilterPass } from './color-filter';
import type { ColorFilter } from './color-filter-names';
import { hasHardwareWebgl } from './gpu';
import type { PixelFrame } from './frame-pixels';
import { createBackgroundMaterial } from './makeup-shader';

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
  private readonly camera = new OrthographicCamera(0, 1, 0, -1, 1, 40_000);
  private readonly backgroundScene = new Scene();
  private readonly overlayScene = new Scene();
  private readonly backgroundRoot = new Group();
  private readonly overlayRoot = new Group();
  private readonly backgroundMaterial = createBackgroundMaterial();
  private readonly background = new Mesh(new PlaneGeometry(1, 1), this.backgroundMaterial);
  private readonly slots: [DataTexture | null, DataTexture | null] = [null, null];
  private nextSlot = 0;
  private width = 1;
  private height = 1;
  private mirrored = false;
  private split = 0;
  private readonly colorFilter = new ColorFilterPass();

  constructor(readonly canvas: HTMLCanvasElement) {
    // preserveDrawingBuffer: the canvas is read back for photos and tests after the frame is shown.
    // MSAA only on a real GPU: on a software rasteriser it costs more than the whole makeup pass.
    this.renderer = new WebGLRenderer({ canvas, antialias: hasHardwareWebgl(), alpha: false, preserveDrawingBuffer: true, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(1);
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.toneMapping = NoToneMapping;
    this.renderer.autoClear = false;
    this.camera.position.set(0, 0, 20_000);
    this.backgroundRoot.add(this.background);
    this.backgroundScene.add(this.backgroundRoot);
    this.overlayScene.add(this.overlayRoot);
    const sky = new HemisphereLight(0xffffff, 0x51443a, 1.1);
    const key = new DirectionalLight(0xffffff, 1.6);
    key.position.set(0.35, 0.7, 1);
    this.overlayScene.add(sky, key);
    for (const node of [this.backgroundRoot, this.overlayRoot, this.background]) node.matrixAutoUpdate = false;
  }

  /**
   * The reflections metal and lenses pick up (a prefiltered room). Built on the first 3D look, not at
   * start: on a software renderer prefiltering takes seconds, and makeup never needs it.
   */
  ensureEnvironment(): void {
    if (this.overlayScene.environment) return;
    const pmrem = new PMREMGenerator(this.renderer);
    const room = new RoomEnvironment();
    this.overlayScene.environment = pmrem.fromScene(room, 0.04).texture;
    this.overlayScene.environmentIntensity = 0.55;
    room.dispose();
    pmrem.dispose();
  }

  /** Adds the makeup group and the accessories' head group to the overlay pass. */
  addOverlay(node: Object3D): void {
    this.overlayRoot.add(node);
  }

  /**
   * Uploads one frame's RGBA bytes into the next of two textures and returns it; `show` puts it on
   * screen. Two, so the next frame can be uploaded while this one still waits to be drawn. The bytes
   * are copied here (the worker tracker borrows them next). Rows come top first and are not flipped:
   * image row y samples at v = y/H everywhere. Textures are reallocated only when the size changes.
   */
  upload(frame: PixelFrame): Texture {
    const { width, height } = frame;
    if (width !== this.width || height !== this.height) this.resize(width, height);
    this.nextSlot = 1 - this.nextSlot;
    let texture = this.slots[this.nextSlot];
    if (!texture) {
      texture = new DataTexture(frame.data, width, height, RGBAFormat, UnsignedByteType);
      texture.colorSpace = NoColorSpace;
      texture.flipY = false;
      // The canvas is the frame's own size, so every pixel samples one texel: nearest is exact and,
      // on a software rasteriser, halves the cost of the frame quad against linear filtering. No
      // mipmaps: regenerating them per frame is the costliest step there; the makeup shader takes
      // its neighbourhood average from a few taps instead.
      texture.generateMipmaps = false;
      texture.minFilter = NearestFilter;
      texture.magFilter = NearestFilter;
      this.slots[this.nextSlot] = texture;
    }
    texture.image.data = frame.data;
    texture.needsUpdate = true;
    this.renderer.initTexture(texture);
    return texture;
  }

  /** The frame the next render draws (a texture from `upload`). */
  show(texture: Texture): void {
    this.backgroundMaterial.uniforms.uSource!.value = texture;
  }

  private resize(width: number, height: number): void {
    for (const texture of this.slots) texture?.dispose();
    this.slots[0] = null;
    this.slots[1] = null;
    this.width = width;
    this.height = height;
    this.renderer.setSize(width, height, false);
    this.camera.left = 0;
    this.camera.right = width;
    this.camera.top = 0;
    this.camera.bottom = -height;
    this.camera.updateProjectionMatrix();
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

  render(): void {
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
      r.setScissorTest(false);
    }
    this.colorFilter.apply(r, this.width, this.height);
  }

  /** Waits until the GPU has drawn the frame (a 1-pixel read), so timings include the composite. */
  finish(): void {
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
    for (const texture of this.slots) texture?.dispose();
    this.background.geometry.dispose();
    this.backgroundMaterial.dispose();
    this.overlayScene.environment?.dispose();
    this.renderer.dispose();
  }
}
