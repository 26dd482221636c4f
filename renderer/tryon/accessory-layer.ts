import { Box3, Group, Mesh, MeshBasicMaterial, MeshStandardMaterial, Vector3, type Material, type Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { ModelAttribute, ModelItem } from '../../shared/catalog/schema';
import type { PixelBox } from '../../shared/domain/tryon/draw-region';

const OCCLUDER_URL = '/accessories/head-occluder.glb';

/** Metal, or a surface smooth enough to mirror the room (lenses, polished acetate). */
function isShiny(material: MeshStandardMaterial): boolean {
  return material.metalness >= 0.5 || material.roughness < 0.45;
}

/**
 * 3D accessories (glTF 2.0, modelled in canonical-face centimetres) placed by the head pose, with a
 * depth-only head occluder drawn first so glasses temples and the back of a hat hide behind the head.
 * Loaded models are kept (keyed by URL) so switching items or colours is instant.
 */
export class AccessoryLayer {
  /** Holds the head pose: canonical cm → scene pixels. Its matrix is written in place each frame. */
  readonly head = new Group();
  private readonly loader = new GLTFLoader();
  private readonly models = new Map<string, Promise<Object3D>>();
  /** Every model loaded so far, shown or not, so dispose() frees them all. */
  private readonly loaded = new Set<Object3D>();
  private occluder: Object3D | null = null;
  private current: Object3D | null = null;
  /** The shown model's bounds in head space (canonical cm), measured once when it loads. */
  private readonly bounds = new Map<Object3D, Box3>();
  private readonly corner = new Vector3();
  private wanted: string | null = null;
  private shownShiny = false;

  constructor() {
    this.head.matrixAutoUpdate = false;
    this.head.visible = false;
  }

  async loadOccluder(): Promise<void> {
    const scene = await this.load(OCCLUDER_URL);
    // Depth only: writes the head's depth, draws no colour, and goes before every accessory.
    const depthOnly = new MeshBasicMaterial({ colorWrite: false });
    scene.traverse((node) => {
      if (node instanceof Mesh) {
        (node.material as Material).dispose();
        node.material = depthOnly;
        node.renderOrder = 2;
      }
    });
    this.occluder = scene;
    this.head.add(scene);
  }

  /** Debug and test switch: compare the same pose with and without the occluder. */
  setOccluderEnabled(enabled: boolean): void {
    if (this.occluder) this.occluder.visible = enabled;
  }

  /** Shows `item` in `attribute`'s colour; resolves once it is on screen (or replaced by a newer choice). */
  async setLook(item: ModelItem | null, attribute: ModelAttribute | null): Promise<void> {
    const url = item ? `/${item.model}` : null;
    this.wanted = url;
    if (!url || !attribute) {
      this.show(null);
      return;
    }
    const model = await this.load(url);
    if (this.wanted !== url) return;
    let shiny = false;
    model.traverse((node) => {
      if (!(node instanceof Mesh)) return;
      node.renderOrder = 3;
      const material = node.material as Material;
      if (material instanceof MeshStandardMaterial && material.name.startsWith('tint')) {
        material.color.set(attribute.colour);
        material.metalness = attribute.metalness;
        material.roughness = attribute.roughness;
      }
      if (material instanceof MeshStandardMaterial && isShiny(material)) shiny = true;
    });
    this.shownShiny = shiny;
    this.show(model);
  }

  /** Places the head; hides everything when there is no face. */
  update(poseMatrix: Float32Array | null): void {
    this.head.visible = poseMatrix !== null && this.current !== null;
    if (!poseMatrix) return;
    this.head.matrix.fromArray(poseMatrix);
    this.head.matrixWorldNeedsUpdate = true;
  }

  /**
   * Grows `box` (image pixels) by the shown model's projected bounds: its box's eight corners through
   * the head pose (the camera is orthographic, so a corner's x and −y are its pixel).
   */
  addBounds(box: PixelBox): void {
    const bounds = this.current && this.head.visible ? this.bounds.get(this.current) : undefined;
    if (!bounds) return;
    const corner = this.corner;
    for (let i = 0; i < 8; i++) {
      corner.set(i & 1 ? bounds.max.x : bounds.min.x, i & 2 ? bounds.max.y : bounds.min.y, i & 4 ? bounds.max.z : bounds.min.z);
      corner.applyMatrix4(this.head.matrix);
      box.add(corner.x, -corner.y);
    }
  }

  /** Whether the shown model has a material that shows sharp reflections (see AccessoryLighting). */
  get shiny(): boolean {
    return this.current !== null && this.shownShiny;
  }

  get hasModel(): boolean {
    return this.current !== null;
  }

  private show(model: Object3D | null): void {
    if (this.current === model) return;
    if (this.current) this.head.remove(this.current);
    this.current = model;
    if (model) this.head.add(model);
  }

  private load(url: string): Promise<Object3D> {
    let pending = this.models.get(url);
    if (!pending) {
      pending = this.loader.loadAsync(url).then((gltf) => {
        this.loaded.add(gltf.scene);
        // Not yet in the head group: its world matrix is its own transform, i.e. head space.
        this.bounds.set(gltf.scene, new Box3().setFromObject(gltf.scene, true));
        return gltf.scene;
      });
      pending.catch(() => this.models.delete(url));
      this.models.set(url, pending);
    }
    return pending;
  }

  dispose(): void {
    for (const model of this.loaded) {
      model.traverse((node) => {
        if (node instanceof Mesh) {
          node.geometry.dispose();
          (node.material as Material).dispose();
        }
      });
    }
    this.loaded.clear();
    this.bounds.clear();
    this.models.clear();
  }
}
