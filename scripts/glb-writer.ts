import type { BufferGeometry } from 'three';
import type { QualityTier } from '../shared/domain/tryon/quality';

/** One material of a glTF 2.0 file: metallic-roughness PBR, with an optional blend for lenses. */
export interface GlbMaterial {
  readonly name: string;
  readonly colour: readonly [number, number, number, number];
  readonly metalness: number;
  readonly roughness: number;
  readonly blend?: boolean;
  readonly doubleSided?: boolean;
  /** Application data (glTF `extras`; three puts it in the material's userData). */
  readonly extras?: Readonly<Record<string, number>>;
}

export interface GlbMesh {
  readonly name: string;
  readonly geometry: BufferGeometry;
  readonly material: number;
  /**
   * Drawn in this rendering tier only (glTF mesh `extras.tier`; three puts it in the mesh's userData):
   * a model carries its full detail for High and a lighter tessellation for Fast. Absent: both tiers.
   */
  readonly tier?: QualityTier;
}

/**
 * A minimal binary glTF 2.0 writer (positions, normals, optional vertex colours, indices, PBR materials,
 * one node per mesh).
 * Written by hand because three's GLTFExporter needs FileReader/Blob plumbing that Node lacks, and a
 * deterministic byte layout keeps the committed .glb files stable across runs.
 */
export function writeGlb(meshes: readonly GlbMesh[], materials: readonly GlbMaterial[], generator: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let byteLength = 0;
  const bufferViews: object[] = [];
  const accessors: object[] = [];

  const addView = (data: ArrayBufferView, target: number): number => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const padded = new Uint8Array(Math.ceil(bytes.byteLength / 4) * 4);
    padded.set(bytes);
    bufferViews.push({ buffer: 0, byteOffset: byteLength, byteLength: bytes.byteLength, target });
    chunks.push(padded);
    byteLength += padded.byteLength;
    return bufferViews.length - 1;
  };

  const gltfMeshes = meshes.map((mesh) => {
    const geometry = mesh.geometry;
    const position = geometry.getAttribute('position');
    const normal = geometry.getAttribute('normal');
    if (!position || !normal) throw new Error(`${mesh.name}: geometry needs positions and normals`);
    const positions = Float32Array.from({ length: position.count * 3 }, (_, i) => position.getComponent(Math.floor(i / 3), i % 3));
    const normals = Float32Array.from({ length: normal.count * 3 }, (_, i) => normal.getComponent(Math.floor(i / 3), i % 3));
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < positions.length; i++) {
      min[i % 3] = Math.min(min[i % 3]!, positions[i]!);
      max[i % 3] = Math.max(max[i % 3]!, positions[i]!);
    }
    const attributes = {
      POSITION: accessors.push({ bufferView: addView(positions, 34962), componentType: 5126, count: position.count, type: 'VEC3', min, max }) - 1,
      NORMAL: accessors.push({ bufferView: addView(normals, 34962), componentType: 5126, count: normal.count, type: 'VEC3' }) - 1,
    };
    // Optional vertex colours (RGB): the hat's brim shadow carries its fade in them.
    const color = geometry.getAttribute('color');
    const withColour: Record<string, number> = color
      ? {
          ...attributes,
          COLOR_0:
            accessors.push({
              bufferView: addView(
                Float32Array.from({ length: color.count * 3 }, (_, i) => color.getComponent(Math.floor(i / 3), i % 3)),
                34962,
              ),
              componentType: 5126,
              count: color.count,
              type: 'VEC3',
            }) - 1,
        }
      : attributes;
    // Optional per-vertex weight toward the ears (glasses temples; custom glTF attributes start with _).
    const earward = geometry.getAttribute('_earward');
    if (earward)
      Object.assign(withColour, {
        _EARWARD:
          accessors.push({
            bufferView: addView(
              Float32Array.from({ length: earward.count }, (_, i) => earward.getX(i)),
              34962,
            ),
            componentType: 5126,
            count: earward.count,
            type: 'SCALAR',
          }) - 1,
      });
    const index = geometry.index;
    const indexCount = index ? index.count : position.count;
    const indices = position.count > 65535 ? new Uint32Array(indexCount) : new Uint16Array(indexCount);
    for (let i = 0; i < indexCount; i++) indices[i] = index ? index.getX(i) : i;
    const indexAccessor = accessors.push({ bufferView: addView(indices, 34963), componentType: indices instanceof Uint32Array ? 5125 : 5123, count: indexCount, type: 'SCALAR' }) - 1;
    return {
      name: mesh.name,
      primitives: [{ attributes: withColour, indices: indexAccessor, material: mesh.material, mode: 4 }],
      ...(mesh.tier ? { extras: { tier: mesh.tier } } : {}),
    };
  });

  const json = {
    asset: { version: '2.0', generator },
    scene: 0,
    scenes: [{ nodes: meshes.map((_, i) => i) }],
    nodes: meshes.map((mesh, i) => ({ name: mesh.name, mesh: i })),
    meshes: gltfMeshes,
    materials: materials.map((m) => ({
      name: m.name,
      pbrMetallicRoughness: { baseColorFactor: m.colour, metallicFactor: m.metalness, roughnessFactor: m.roughness },
      ...(m.blend ? { alphaMode: 'BLEND' } : {}),
      ...(m.doubleSided ? { doubleSided: true } : {}),
      ...(m.extras ? { extras: m.extras } : {}),
    })),
    accessors,
    bufferViews,
    buffers: [{ byteLength }],
  };

  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonPadded = new Uint8Array(Math.ceil(jsonBytes.byteLength / 4) * 4).fill(0x20);
  jsonPadded.set(jsonBytes);
  const total = 12 + 8 + jsonPadded.byteLength + 8 + byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x46546c67, true); // 'glTF'
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonPadded.byteLength, true);
  view.setUint32(16, 0x4e4f534a, true); // 'JSON'
  out.set(jsonPadded, 20);
  let offset = 20 + jsonPadded.byteLength;
  view.setUint32(offset, byteLength, true);
  view.setUint32(offset + 4, 0x004e4942, true); // 'BIN\0'
  offset += 8;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
