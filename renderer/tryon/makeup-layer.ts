import { BufferAttribute, BufferGeometry, DataTexture, Group, LinearFilter, Mesh, RedFormat, UnsignedByteType, type Color, type ShaderMaterial, type Texture } from 'three';
import { LIP_MASK_SIZE, LipMask, refineLipMask } from '@shared/domain/tryon/lip-mask';
import type { StickerAttribute, StickerItem } from '@shared/catalog/schema';
import {
  BAND_ROWS,
  LEFT_CREASE,
  LEFT_LID,
  LID_BAND,
  LIPS_BAND,
  LIPS_INNER,
  LIPS_OUTER,
  RIGHT_CREASE,
  RIGHT_LID,
  bandIndices,
  fillBand,
  type BandLayout,
  type Chain,
} from '@shared/domain/tryon/regions';
import type { PixelBox } from '@shared/domain/tryon/draw-region';
import { BLUSH_VERTICES, LEFT_CHEEKBONE, RIGHT_CHEEKBONE, blushIndices, fillBlush, type CheekLandmarks } from '@shared/domain/tryon/blush';
import { createMakeupMaterial, setFinish } from './makeup-shader';

type MakeupArea = 'lips' | 'eyes' | 'cheeks';
const AREAS: readonly MakeupArea[] = ['cheeks', 'eyes', 'lips'];

interface Region {
  readonly mesh: Mesh<BufferGeometry, ShaderMaterial>;
  readonly positions: Float32Array;
  readonly alphas: Float32Array;
  update(points: Float32Array): void;
}

function regionMesh(vertexCount: number, indices: Uint16Array, material: ShaderMaterial): { mesh: Mesh<BufferGeometry, ShaderMaterial>; positions: Float32Array; alphas: Float32Array } {
  const geometry = new BufferGeometry();
  const positions = new Float32Array(vertexCount * 2);
  const alphas = new Float32Array(vertexCount);
  geometry.setAttribute('pixel', new BufferAttribute(positions, 2));
  geometry.setAttribute('coverage', new BufferAttribute(alphas, 1));
  // three needs a `position` attribute to draw; it is never read by the shader.
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(vertexCount * 3), 3));
  geometry.setIndex(new BufferAttribute(indices, 1));
  const mesh = new Mesh(geometry, material);
  mesh.frustumCulled = false;
  mesh.matrixAutoUpdate = false;
  return { mesh, positions, alphas };
}

function band(material: ShaderMaterial, inner: Chain, outer: Chain, layout: BandLayout): Region {
  const built = regionMesh(layout.columns * BAND_ROWS, bandIndices(layout.columns, layout.closed), material);
  return {
    ...built,
    update(points) {
      fillBand(points, inner, outer, layout, built.positions, built.alphas);
    },
  };
}

function blush(material: ShaderMaterial, cheek: CheekLandmarks): Region {
  const built = regionMesh(BLUSH_VERTICES, blushIndices(), material);
  return {
    ...built,
    update(points) {
      fillBlush(points, cheek, built.positions, built.alphas);
    },
  };
}

/**
 * The 2D makeup: lips, eyelids and cheeks as meshes whose vertices follow the landmarks every frame
 * (typed arrays rewritten in place), shaded by one material per body area.
 */
export class MakeupLayer {
  readonly group = new Group();
  private readonly materials: Record<'lips' | 'eyes' | 'cheeks', ShaderMaterial>;
  private readonly regions: Record<'lips' | 'eyes' | 'cheeks', Region[]>;
  private readonly materialList: readonly ShaderMaterial[];
  /** Which body areas are shown (a layered look can show all three). */
  private readonly shown: Record<MakeupArea, boolean> = { lips: false, eyes: false, cheeks: false };
  private anyShown = false;
  /** Lips refined from the frame's own colours (see lip-mask.ts), drawn as one quad over the mouth. */
  private readonly lipMask = new LipMask();
  private readonly lipMaskTexture = new DataTexture(this.lipMask.alpha, LIP_MASK_SIZE, LIP_MASK_SIZE, RedFormat, UnsignedByteType);
  /** Where the lips catch gloss (lip-finish.ts), on the mask's grid. */
  private readonly lipGlossTexture = new DataTexture(this.lipMask.gloss, LIP_MASK_SIZE, LIP_MASK_SIZE, RedFormat, UnsignedByteType);
  private readonly lipQuad: { mesh: Mesh<BufferGeometry, ShaderMaterial>; positions: Float32Array; alphas: Float32Array };
  /** Whether lips are refined from the image (off: the landmark band alone, as before). */
  private refineLips = true;
  /** Whether the last `refine` produced a lip mask for the landmarks being drawn. */
  private lipRefined = false;

  constructor() {
    this.materials = {
      lips: createMakeupMaterial(null, 0.35, 1),
      eyes: createMakeupMaterial(null, 0.5, 1),
      // Blush takes the skin's own brightness (a pure colour shift); its gradient is in the mesh
      // (blush.ts), so a plain smooth ramp: no plateau with a visible rim on small faces.
      cheeks: createMakeupMaterial(null, 1, 1),
    };
    this.materialList = Object.values(this.materials);
    this.regions = {
      lips: [band(this.materials.lips, LIPS_INNER, LIPS_OUTER, LIPS_BAND)],
      eyes: [band(this.materials.eyes, RIGHT_LID, RIGHT_CREASE, LID_BAND), band(this.materials.eyes, LEFT_LID, LEFT_CREASE, LID_BAND)],
      cheeks: [blush(this.materials.cheeks, RIGHT_CHEEKBONE), blush(this.materials.cheeks, LEFT_CHEEKBONE)],
    };
    for (const texture of [this.lipMaskTexture, this.lipGlossTexture]) {
      texture.magFilter = LinearFilter;
      texture.minFilter = LinearFilter;
      texture.generateMipmaps = false;
    }
    this.lipQuad = regionMesh(4, new Uint16Array([0, 1, 2, 0, 2, 3]), this.materials.lips);
    this.lipQuad.alphas.fill(1);
    this.lipQuad.mesh.visible = false;
    this.lipQuad.mesh.renderOrder = 1;
    this.group.add(this.lipQuad.mesh);
    this.materials.lips.uniforms.uMask!.value = this.lipMaskTexture;
    this.materials.lips.uniforms.uGloss!.value = this.lipGlossTexture;
    this.group.matrixAutoUpdate = false;
    for (const list of Object.values(this.regions)) {
      for (const region of list) {
        region.mesh.visible = false;
        region.mesh.renderOrder = 1;
        this.group.add(region.mesh);
      }
    }
  }

  /** The frame size in pixels (on a new source). */
  setSize(width: number, height: number): void {
    for (const material of Object.values(this.materials)) material.uniforms.uSize!.value = [width, height];
  }

  /** The frame the makeup samples (every drawn frame; indexed loop, no allocation). */
  setTexture(texture: Texture): void {
    const materials = this.materialList;
    for (let i = 0; i < materials.length; i++) materials[i]!.uniforms.uSource!.value = texture;
  }

  /** Shows one sticker item in one shade, or nothing. */
  setLook(item: StickerItem | null, attribute: StickerAttribute | null): void {
    this.setLayers(item && attribute ? [{ item, attribute, intensity: 1 }] : []);
  }

  /**
   * Shows several makeup layers at once (one per body area: lips, eyes, cheeks), each in its shade at
   * an intensity 0–1 (it scales the shade's opacity). Areas not listed are cleared.
   */
  setLayers(layers: ReadonlyArray<Readonly<{ item: StickerItem; attribute: StickerAttribute; intensity: number }>>): void {
    const wasLips = this.shown.lips;
    for (const area of AREAS) this.shown[area] = false;
    for (const { item, attribute, intensity } of layers) {
      const area = item.bodyArea;
      this.shown[area] = true;
      const uniforms = this.materials[area].uniforms;
      // Catalog colours are sRGB; the shader blends in linear light.
      (uniforms.uColour!.value as Color).set(attribute.colour).convertSRGBToLinear();
      uniforms.uOpacity!.value = attribute.opacity * Math.min(1, Math.max(0, intensity));
      setFinish(this.materials[area], attribute.finish);
    }
    if (!wasLips) this.lipRefined = false;
    this.anyShown = AREAS.some((area) => this.shown[area]);
    for (const area of AREAS) for (const region of this.regions[area]) region.mesh.visible = this.shown[area];
  }

  /** Lips from the image (default) or from the landmark band alone (comparisons, troubleshooting). */
  setLipRefinement(on: boolean): void {
    this.refineLips = on;
  }

  /**
   * Refines the lips from a frame's RGBA bytes (width × height) and its landmarks, for the next
   * `update` with the same landmarks. Call it while the frame's bytes are still that frame's.
   */
  refine(points: Float32Array, visible: boolean, frame: Uint8Array, width: number, height: number): void {
    this.lipRefined = visible && this.shown.lips && this.refineLips && frame.length === width * height * 4 && refineLipMask(frame, width, height, points, this.lipMask);
  }

  /** Moves the shown regions onto this frame's landmarks (image pixels). */
  update(points: Float32Array, visible: boolean): void {
    this.group.visible = visible && this.anyShown;
    this.lipQuad.mesh.visible = false;
    if (!this.group.visible) return;
    for (let a = 0; a < AREAS.length; a++) {
      const area = AREAS[a]!;
      if (!this.shown[area]) continue;
      if (area === 'lips') {
        const refined = this.lipRefined;
        this.regions.lips[0]!.mesh.visible = !refined;
        const lips = this.materials.lips.uniforms;
        lips.uMaskOn!.value = refined ? 1 : 0;
        // The mask's lips give the finishes their reference luminance and the gloss its shape.
        lips.uGlossOn!.value = refined ? 1 : 0;
        lips.uRefLum!.value = refined ? this.lipMask.lipLuminance : 0;
        if (refined) {
          this.showLipQuad();
          continue;
        }
      }
      // Indexed loop: no iterator object on the per-frame path.
      const regions = this.regions[area];
      for (let i = 0; i < regions.length; i++) {
        const region = regions[i]!;
        region.update(points);
        region.mesh.geometry.attributes.pixel!.needsUpdate = true;
        region.mesh.geometry.attributes.coverage!.needsUpdate = true;
      }
    }
  }

  private showLipQuad(): void {
    const m = this.lipMask;
    const left = m.x0 - 0.5 * m.step,
      top = m.y0 - 0.5 * m.step;
    const right = m.x0 + (m.cols - 0.5) * m.step,
      bottom = m.y0 + (m.rows - 0.5) * m.step;
    const p = this.lipQuad.positions;
    p[0] = left;
    p[1] = top;
    p[2] = right;
    p[3] = top;
    p[4] = right;
    p[5] = bottom;
    p[6] = left;
    p[7] = bottom;
    const box = this.materials.lips.uniforms.uMaskBox!.value as number[];
    box[0] = m.x0;
    box[1] = m.y0;
    box[2] = m.step;
    box[3] = LIP_MASK_SIZE;
    this.lipMaskTexture.needsUpdate = true;
    this.lipGlossTexture.needsUpdate = true;
    this.lipQuad.mesh.visible = true;
    this.lipQuad.mesh.geometry.attributes.pixel!.needsUpdate = true;
    this.lipQuad.mesh.geometry.attributes.coverage!.needsUpdate = true;
  }

  /** Grows `box` (image pixels) by the shown regions' vertices, feathered edges included. */
  addBounds(box: PixelBox): void {
    if (!this.group.visible) return;
    for (let a = 0; a < AREAS.length; a++) {
      const area = AREAS[a]!;
      if (!this.shown[area]) continue;
      if (area === 'lips' && this.lipQuad.mesh.visible) {
        const p = this.lipQuad.positions;
        box.add(p[0]!, p[1]!);
        box.add(p[4]!, p[5]!);
        continue;
      }
      const regions = this.regions[area];
      for (let i = 0; i < regions.length; i++) {
        const positions = regions[i]!.positions;
        for (let k = 0; k < positions.length; k += 2) box.add(positions[k]!, positions[k + 1]!);
      }
    }
  }

  dispose(): void {
    for (const list of Object.values(this.regions)) for (const region of list) region.mesh.geometry.dispose();
    this.lipQuad.mesh.geometry.dispose();
    this.lipMaskTexture.dispose();
    this.lipGlossTexture.dispose();
    for (const material of Object.values(this.materials)) material.dispose();
  }
}
