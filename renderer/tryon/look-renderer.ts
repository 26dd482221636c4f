import type { Texture } from 'three';
import type { ModelAttribute, ModelItem, StickerAttribute, StickerItem } from '@shared/catalog/schema';
import { PixelBox } from '@shared/domain/tryon/draw-region';
import type { FaceState } from '@shared/domain/tryon/face-state';
import { lookKey, type Look } from '@shared/domain/tryon/look';
import type { QualityTier } from '@shared/domain/tryon/quality';
import { AccessoryLayer } from './accessory-layer';
import { Compositor, type CompositingMode } from './compositor';
import { writeDebug } from './debug-readout';
import type { PixelFrame } from './frame-pixels';
import type { FrameTimings } from './frame-timings';
import { MakeupLayer } from './makeup-layer';
import type { TrackerInfo } from './tracker';
import type { StillLipPass } from './still-refiner';

/** What the debug readout adds from the engine's side (source generations, tracker). */
export interface DebugSource {
  readonly source: number;
  readonly tracked: number;
  readonly tracker: TrackerInfo | null;
  /** Whose lips a still is drawn with (still-refiner.ts). */
  readonly lipPass: StillLipPass;
}

/**
 * The look drawn over a frame: the compositor (one canvas), the makeup layer and the 3D accessories
 * with their head occluder, and which look is on screen. The engine owns sources and tracking and
 * hands each frame's texture, face and pixels here; nothing here allocates per frame.
 */
export class LookRenderer {
  readonly compositor: Compositor;
  private readonly makeup = new MakeupLayer();
  private readonly accessories = new AccessoryLayer();
  /** Where this frame's look lies (image pixels), for a compositor that redraws only that. */
  private readonly lookBox = new PixelBox();
  private wantedLook = 'none';
  /** The look whose assets are loaded and on screen (models load asynchronously). */
  private shownLook = 'none';
  /** Who copies each drawn frame while the canvas is still fresh (the live stream's compositor). */
  private drawnListeners: Array<() => void> = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    mode: CompositingMode | undefined,
    /** The benchmark's per-stage recorder (frame-timings.ts), or null. */
    private readonly timings: FrameTimings | null = null,
  ) {
    this.compositor = new Compositor(canvas, mode, timings);
    this.compositor.addOverlay(this.makeup.group);
    this.compositor.addOverlay(this.accessories.head);
  }

  loadOccluder(): Promise<void> {
    return this.accessories.loadOccluder();
  }

  /** High or Fast materials for the accessories and their lighting. */
  setTier(tier: QualityTier): void {
    this.accessories.setTier(tier);
    this.compositor.lighting.setTier(tier);
  }

  /**
   * Puts a layered look on: makeup at once, 3D models once loaded. True when this look is on screen
   * now, false when a newer look replaced it meanwhile.
   */
  async setLayers(look: Look): Promise<boolean> {
    const key = lookKey(look);
    this.wantedLook = key;
    const makeup: Array<{ item: StickerItem; attribute: StickerAttribute; intensity: number }> = [];
    const models: Array<{ item: ModelItem; attribute: ModelAttribute }> = [];
    for (const { item, attributeId, intensity } of look) {
      if (item.materialType === 'sticker2d') {
        const attribute = item.attributes.find((a) => a.id === attributeId);
        if (attribute) makeup.push({ item, attribute, intensity });
      } else {
        const attribute = item.attributes.find((a) => a.id === attributeId);
        if (attribute) models.push({ item, attribute });
      }
    }
    this.makeup.setLayers(makeup);
    if (models.length > 0) await Promise.all([this.compositor.lighting.ensure(), this.accessories.setLayers(models)]);
    else await this.accessories.setLayers([]);
    if (this.wantedLook !== key) return false;
    this.compositor.lighting.setShiny(this.accessories.shiny);
    this.shownLook = key;
    return true;
  }

  setLipRefinement(on: boolean): void {
    this.makeup.setLipRefinement(on);
  }

  setSourceSize(width: number, height: number): void {
    this.makeup.setSize(width, height);
  }

  /** Whether a 3D model is on (the quality tier samples only those frames). */
  get hasModel(): boolean {
    return this.accessories.hasModel;
  }

  /** Makeup refined from this frame's own pixels (the lip mask), before the buffer is reused. */
  refine(face: FaceState, pixels: PixelFrame): void {
    this.makeup.refine(face.points, face.visible, pixels.data, pixels.width, pixels.height);
  }

  /** Called right after each frame is drawn, in the same task (TryOnEngine.onDrawn). Returns the unsubscribe. */
  onDrawn(listener: () => void): () => void {
    this.drawnListeners = [...this.drawnListeners, listener];
    return () => void (this.drawnListeners = this.drawnListeners.filter((l) => l !== listener));
  }

  /** Draws `frame` with the look placed on `face`; with the debug readout on, writes it as well; then tells onDrawn's listeners. */
  draw(frame: Texture, face: FaceState, debug: DebugSource): void {
    const debugOn = this.canvas.dataset.debug === 'on';
    // Tests compare the same pose with and without the depth-only head (data-occluder="off").
    if (debugOn) this.accessories.setOccluderEnabled(this.canvas.dataset.occluder !== 'off');
    const present = face.visible;
    const updateStart = this.timings ? performance.now() : 0;
    this.makeup.update(face.points, present);
    this.accessories.update(face.pose, face.points, face.landmarkCount);
    this.timings?.add('update', performance.now() - updateStart);
    this.compositor.show(frame);
    this.makeup.setTexture(frame);
    this.lookBox.clear();
    this.makeup.addBounds(this.lookBox);
    this.accessories.addBounds(this.lookBox);
    this.compositor.render(this.lookBox);
    if (debugOn)
      writeDebug(this.canvas, {
        present,
        look: this.shownLook,
        source: debug.source,
        tracked: debug.tracked,
        points: face.points,
        solver: face.solver,
        tracker: debug.tracker,
        lipPass: debug.lipPass,
        compositing: this.compositor.mode,
        fits: { glasses: this.accessories.fitOf('glasses'), hat: this.accessories.fitOf('hat') },
        triangles: this.compositor.overlayTriangles,
      });
    const drawn = this.drawnListeners;
    for (let i = 0; i < drawn.length; i++) drawn[i]!();
  }

  dispose(): void {
    this.drawnListeners = [];
    this.makeup.dispose();
    this.accessories.dispose();
    this.compositor.dispose();
  }
}
