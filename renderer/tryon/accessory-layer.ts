import {
  AddEquation,
  Box3,
  CustomBlending,
  DoubleSide,
  SrcColorFactor,
  ZeroFactor,
  Group,
  Mesh,
  MeshBasicMaterial,
  MeshStandardMaterial,
  ShaderMaterial,
  Vector3,
  Vector4,
  type Material,
  type Object3D,
} from 'three';
import type { QualityTier } from '@shared/domain/tryon/quality';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { ModelAttribute, ModelItem } from '@shared/catalog/schema';
import type { PixelBox } from '@shared/domain/tryon/draw-region';
import { AccessoryFit, FIT_RULES } from '@shared/domain/tryon/fit';
import { VertexLambertMaterial } from './vertex-lambert';

const OCCLUDER_URL = '/accessories/head-occluder.glb';

/** Metal, or a surface smooth enough to mirror the room (lenses, polished acetate). */
function isShiny(material: MeshStandardMaterial): boolean {
  return material.metalness >= 0.5 || material.roughness < 0.45;
}

/**
 * Writes depth and nothing else, with the least a fragment can cost. A MeshBasicMaterial with
 * colorWrite off still runs its whole fragment shader on a software rasteriser (three's colour-space
 * encode and the rest) for every pixel the head covers, which is most of the look's box. Redrawing a
 * still with the round frames (Fast), the occluder cost the GPU process ~2.6 ms of CPU time; with
 * this one ~0.8 ms, the same depth. On the live full look SwiftShader's threads went from ~5.0 to
 * ~3.8 ms a frame, CPU time taken from the tracker's worker on a 2-core machine.
 */
function createDepthOnlyMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    name: 'depth only',
    vertexShader: 'void main() { gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }',
    fragmentShader: 'void main() { gl_FragColor = vec4(0.0); }',
    colorWrite: false,
  });
}

/** A shown model inside its fit: the group's matrix seats it on this face (fit.ts) within the head. */
interface Seated {
  readonly holder: Group;
  readonly fit: AccessoryFit;
  /** The fit as (translation, scale), for temples that undo it toward the ears (see earward). */
  readonly undo: { value: Vector4 };
}

/**
 * Glasses temples reach this head's ears: the fit scales the frame by this face's IPD around the
 * bridge, but a vertex weighted toward the ears (the model's `_earward`, 0 on the front, 1 at the
 * ear) is moved back by the fit's inverse in the same proportion, so the temples' far ends stay on
 * the head the pose placed (and behind its occluder) however large k is.
 */
function earward(material: Material, undo: { value: Vector4 }): void {
  material.onBeforeCompile = (shader) => {
    shader.uniforms.fitUndo = undo;
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nattribute float _earward;\nuniform vec4 fitUndo;')
      .replace('#include <begin_vertex>', '#include <begin_vertex>\ntransformed = mix(transformed, (transformed - fitUndo.xyz) / fitUndo.w, _earward);');
  };
  material.customProgramCacheKey = () => 'earward';
}

/**
 * A brim's contact shadow on the forehead multiplies the frame's pixels by the light left: darkest
 * just under the band (the model's `shadowTop`, head-space cm), fading over `shadowDepth` cm down and
 * toward the temples, computed per pixel from the model-space position. Drawn after the occluder and
 * before the hat, without depth: the occluder (the average head) must not cut a shadow that lies on
 * this face's forehead, and the brim, drawn after, covers it where it is in front. Both tiers.
 */
function contactShadow(mesh: Mesh): void {
  const old = mesh.material as Material;
  const top = Number(old.userData.shadowTop ?? 7.5);
  const depth = Number(old.userData.shadowDepth ?? 3);
  old.dispose();
  const material = new MeshBasicMaterial({
    name: 'shadow',
    blending: CustomBlending,
    blendEquation: AddEquation,
    blendSrc: ZeroFactor,
    blendDst: SrcColorFactor,
    depthTest: false,
    depthWrite: false,
    side: DoubleSide,
  });
  material.onBeforeCompile = (shader) => {
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nvarying vec3 vShadowAt;')
      .replace('#include <begin_vertex>', '#include <begin_vertex>\nvShadowAt = position;');
    shader.fragmentShader = shader.fragmentShader.replace('#include <common>', '#include <common>\nvarying vec3 vShadowAt;').replace(
      'vec4 diffuseColor = vec4( diffuse, opacity );',
      `float below = clamp((${top.toFixed(3)} - vShadowAt.y) / ${depth.toFixed(3)}, 0.0, 1.0);
        float side = min(1.0, abs(vShadowAt.x) / 6.5);
        vec4 diffuseColor = vec4(vec3(1.0 - 0.55 * pow(1.0 - below, 1.4) * (1.0 - side * side)), 1.0);`,
    );
  };
  material.customProgramCacheKey = () => `shadow:${top}:${depth}`;
  mesh.material = material;
  mesh.renderOrder = 2.5;
  mesh.userData.shadow = true;
}

interface TieredMaterials {
  readonly high: Material;
  fast: VertexLambertMaterial | null;
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
  /** The models on screen (one per body area). */
  private current: Object3D[] = [];
  /** Each model's holder and fit (glasses on the nose, hats on the forehead), made when first shown. */
  private readonly seated = new Map<Object3D, Seated>();
  /** Increases with each setLayers call: a slower load must not show an older choice. */
  private calls = 0;
  /** The shown model's bounds in head space (canonical cm), measured once when it loads. */
  private readonly bounds = new Map<Object3D, Box3>();
  private readonly corner = new Vector3();
  private shownShiny = false;
  private tier: QualityTier = 'high';
  /** Each accessory mesh's High material and its Fast twin (made when first needed). */
  private readonly tiered = new Map<Mesh, TieredMaterials>();

  constructor() {
    this.head.matrixAutoUpdate = false;
    this.head.visible = false;
  }

  async loadOccluder(): Promise<void> {
    const scene = await this.load(OCCLUDER_URL);
    // Depth only: writes the head's depth, draws no colour, and goes before every accessory.
    const depthOnly = createDepthOnlyMaterial();
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
    await this.setLayers(item && attribute ? [{ item, attribute }] : []);
  }

  /**
   * Shows several accessories at once, at most one per body area (a hat on the head, glasses on the
   * face), each in its attribute's colour; areas not listed are cleared. Resolves once they are on
   * screen, or when a newer call replaced this one.
   */
  async setLayers(layers: ReadonlyArray<Readonly<{ item: ModelItem; attribute: ModelAttribute }>>): Promise<void> {
    const call = ++this.calls;
    const models = await Promise.all(layers.map(({ item }) => this.load(`/${item.model}`)));
    if (call !== this.calls) return;
    let shiny = false;
    for (const [k, { item, attribute }] of layers.entries()) {
      if (!this.seated.has(models[k]!)) {
        const holder = new Group();
        holder.matrixAutoUpdate = false;
        holder.add(models[k]!);
        const undo = { value: new Vector4(0, 0, 0, 1) };
        this.seated.set(models[k]!, { holder, fit: new AccessoryFit(FIT_RULES[item.kind]), undo });
        models[k]!.traverse((node) => {
          if (node instanceof Mesh && node.geometry.getAttribute('_earward')) {
            node.userData.earward = undo;
            earward(node.material as Material, undo);
          }
        });
      }
      models[k]!.traverse((node) => {
        if (!(node instanceof Mesh) || node.userData.shadow === true) return;
        node.renderOrder = 3;
        const tiered = this.materialsOf(node);
        const material = tiered.high;
        if (material instanceof MeshStandardMaterial && material.name.startsWith('tint')) {
          material.color.set(attribute.colour);
          material.metalness = attribute.metalness;
          material.roughness = attribute.roughness;
          tiered.fast?.color.set(attribute.colour);
        }
        if (material instanceof MeshStandardMaterial && isShiny(material)) shiny = true;
        this.applyTier(node, tiered);
      });
    }
    this.shownShiny = shiny;
    this.show(models);
  }

  /**
   * High: the models' own materials and full meshes; Fast: their per-vertex Lambert twins and the
   * lighter meshes a model carries for it (see quality.ts and scripts/accessories/geometry.ts).
   */
  setTier(tier: QualityTier): void {
    if (this.tier === tier) return;
    this.tier = tier;
    for (const [mesh, tiered] of this.tiered) this.applyTier(mesh, tiered);
    for (const model of this.loaded) this.showTier(model);
  }

  /** Shows the meshes of the current tier (a mesh's glTF `extras.tier`; meshes without one are in both). */
  private showTier(model: Object3D): void {
    model.traverse((node) => {
      const tier = node.userData.tier as unknown;
      if (node instanceof Mesh && (tier === 'high' || tier === 'fast')) node.visible = tier === this.tier;
    });
  }

  private materialsOf(mesh: Mesh): TieredMaterials {
    let tiered = this.tiered.get(mesh);
    if (!tiered) {
      tiered = { high: mesh.material as Material, fast: null };
      this.tiered.set(mesh, tiered);
    }
    return tiered;
  }

  private applyTier(mesh: Mesh, tiered: TieredMaterials): void {
    if (this.tier === 'fast' && tiered.high instanceof MeshStandardMaterial) {
      if (!tiered.fast) {
        // The Fast twin: Lambert lit per vertex, same colour and transparency (lenses stay faintly
        // tinted; metal looks like painted metal).
        tiered.fast = new VertexLambertMaterial(tiered.high);
        if (mesh.userData.earward) earward(tiered.fast, mesh.userData.earward as { value: Vector4 });
      }
      tiered.fast.color.copy(tiered.high.color);
      mesh.material = tiered.fast;
    } else {
      mesh.material = tiered.high;
    }
  }

  /**
   * Places the head and seats each shown model on this face (`points`: `count` landmarks, image
   * pixels); hides everything when there is no face.
   */
  update(poseMatrix: Float32Array | null, points: Float32Array, count: number): void {
    this.head.visible = poseMatrix !== null && this.current.length > 0;
    if (!poseMatrix) return;
    this.head.matrix.fromArray(poseMatrix);
    this.head.matrixWorldNeedsUpdate = true;
    for (let m = 0; m < this.current.length; m++) {
      const seated = this.seated.get(this.current[m]!);
      if (!seated) continue;
      seated.fit.solve(points, count, poseMatrix);
      const f = seated.fit.matrix;
      seated.holder.matrix.fromArray(f);
      seated.undo.value.set(f[12]!, f[13]!, f[14]!, f[0]!);
    }
  }

  /** The fit of the shown model of `kind`'s area (scale k and the anchor's shift), for the debug readout. */
  fitOf(kind: 'glasses' | 'hat'): AccessoryFit | null {
    for (const model of this.current) {
      const seated = this.seated.get(model);
      if (seated?.fit.rule === FIT_RULES[kind]) return seated.fit;
    }
    return null;
  }

  /**
   * Grows `box` (image pixels) by the shown model's projected bounds: its box's eight corners through
   * the head pose (the camera is orthographic, so a corner's x and −y are its pixel).
   */
  addBounds(box: PixelBox): void {
    if (!this.head.visible) return;
    const corner = this.corner;
    for (let m = 0; m < this.current.length; m++) {
      const bounds = this.bounds.get(this.current[m]!);
      const seated = this.seated.get(this.current[m]!);
      if (!bounds || !seated) continue;
      for (let i = 0; i < 8; i++) {
        corner.set(i & 1 ? bounds.max.x : bounds.min.x, i & 2 ? bounds.max.y : bounds.min.y, i & 4 ? bounds.max.z : bounds.min.z);
        corner.applyMatrix4(seated.holder.matrix);
        corner.applyMatrix4(this.head.matrix);
        box.add(corner.x, -corner.y);
      }
    }
  }

  /** Whether the shown model has a material that shows sharp reflections (see AccessoryLighting). */
  get shiny(): boolean {
    return this.current.length > 0 && this.shownShiny;
  }

  get hasModel(): boolean {
    return this.current.length > 0;
  }

  private show(models: Object3D[]): void {
    for (const model of this.current) if (!models.includes(model)) this.head.remove(this.seated.get(model)!.holder);
    for (const model of models) if (!this.current.includes(model)) this.head.add(this.seated.get(model)!.holder);
    this.current = models;
  }

  private load(url: string): Promise<Object3D> {
    let pending = this.models.get(url);
    if (!pending) {
      pending = this.loader.loadAsync(url).then((gltf) => {
        this.loaded.add(gltf.scene);
        gltf.scene.traverse((node) => {
          if (node instanceof Mesh && (node.material as Material).name === 'shadow') contactShadow(node);
        });
        // Not yet in the head group: its world matrix is its own transform, i.e. head space. Both
        // tiers' meshes count (the same shape, more or fewer triangles).
        this.bounds.set(gltf.scene, new Box3().setFromObject(gltf.scene, true));
        this.showTier(gltf.scene);
        return gltf.scene;
      });
      pending.catch(() => this.models.delete(url));
      this.models.set(url, pending);
    }
    return pending;
  }

  dispose(): void {
    for (const tiered of this.tiered.values()) {
      tiered.high.dispose();
      tiered.fast?.dispose();
    }
    for (const model of this.loaded) {
      model.traverse((node) => {
        if (node instanceof Mesh) {
          node.geometry.dispose();
          if (!this.tiered.has(node)) (node.material as Material).dispose();
        }
      });
    }
    this.tiered.clear();
    this.seated.clear();
    this.loaded.clear();
    this.bounds.clear();
    this.models.clear();
  }
}
