import {
  DirectionalLight,
  Group,
  HemisphereLight,
  LinearFilter,
  Mesh,
  NoColorSpace,
  NoToneMapping,
  OrthographicCamera,
  PlaneGeometry,
  PMREMGenerator,
  Scene,
  SRGBColorSpace,
  Texture,
  WebGLRenderer,
  type Object3D,
} from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { ColorFilterPass } from './color-filter';
import type { ColorFilter } from './color-filter-names';
import { hasHardwareWebgl } from './gpu';
import { createBackgroundMaterial } from './makeup-shader';

export type FrameElement = HTMLVideoElement | HTMLCanvasElement;

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
  private texture: Texture | null = null;
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

  /** Uses a new source element; the texture is replaced (and the old one disposed) only here. */
  setSource(element: FrameElement, width: number, height: number): Texture {
    this.texture?.dispose();
    const texture = new Texture(element);
    texture.colorSpace = NoColorSpace;
    // No mipmaps: regenerating them for every video frame is the costliest step on a software
    // renderer; the makeup shader takes its neighbourhood average from a few taps instead.
    texture.generateMipmaps = false;
    texture.minFilter = LinearFilter;
    texture.magFilter = LinearFilter;
    texture.needsUpdate = true;
    this.texture = texture;
    this.backgroundMaterial.uniforms.uSource!.value = texture;
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
    return texture;
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

  /** Marks the source as changed (a new video frame); uploaded at the next render. */
  sourceChanged(): void {
    if (this.texture) this.texture.needsUpdate = true;
  }

  render(): void {
    const r = this.renderer;
    r.setScissorTest(false);
    r.clear();
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
    this.texture?.dispose();
    this.background.geometry.dispose();
    this.backgroundMaterial.dispose();
    this.overlayScene.environment?.dispose();
    this.renderer.dispose();
  }
}
