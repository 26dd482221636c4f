/**
 * Builds our own 3D accessories as glTF 2.0 binaries in resources/accessories/ (committed), plus the
 * head occluder and the canonical-face basis the pose solver fits against.
 *
 *   npx tsx scripts/build-accessories.ts
 *
 * Everything is modelled in MediaPipe's canonical face space (centimetres; x to the subject's left,
 * y up, z toward the camera; eyes at y ≈ 2.6, nose tip at z ≈ 7.6), so the engine places a model with
 * the head pose alone. A vendor's model authored in the same space loads the same way. Materials whose
 * name starts with `tint` take the catalog attribute's colour at run time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BufferGeometry, CylinderGeometry, ExtrudeGeometry, Float32BufferAttribute, LatheGeometry, Matrix4, Shape, SphereGeometry, TorusGeometry, Vector2, Vector3 } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { writeGlb, type GlbMaterial, type GlbMesh } from './glb-writer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'resources', 'accessories');
const GENERATOR = 'Anchor Studio scripts/build-accessories.ts';

// ---------- the canonical face, read from @mediapipe/face_mesh's packed assets ----------

interface CanonicalFace {
  readonly vertices: Float32Array; // 468 × (x, y, z)
  readonly triangles: Uint32Array;
  readonly basis: readonly (readonly [number, number])[]; // landmark, weight
}

function readCanonicalFace(): CanonicalFace {
  const dir = join(root, 'node_modules', '@mediapipe', 'face_mesh');
  const loader = readFileSync(join(dir, 'face_mesh_solution_packed_assets_loader.js'), 'utf8');
  const match = /"filename": "[^"]*geometry_pipeline_metadata_landmarks\.binarypb", "start": (\d+), "end": (\d+)/.exec(loader);
  if (!match) throw new Error('geometry_pipeline_metadata_landmarks.binarypb not found in @mediapipe/face_mesh');
  const data = readFileSync(join(dir, 'face_mesh_solution_packed_assets.data')).subarray(Number(match[1]), Number(match[2]));
  // GeometryPipelineMetadata { 1: Mesh3d canonical_mesh; 2: repeated WeightedLandmarkRef; 3: input_source }
  // Mesh3d { 3: packed float vertex_buffer (x, y, z, u, v); 4: packed uint32 index_buffer }
  const vertexBuffer: number[] = [];
  const indexBuffer: number[] = [];
  const basis: [number, number][] = [];
  for (const field of protobufFields(data)) {
    if (field.number === 1 && field.bytes) {
      for (const meshField of protobufFields(field.bytes)) {
        if (meshField.number === 3 && meshField.bytes) {
          const view = new DataView(meshField.bytes.buffer, meshField.bytes.byteOffset, meshField.bytes.byteLength);
          for (let i = 0; i < meshField.bytes.byteLength; i += 4) vertexBuffer.push(view.getFloat32(i, true));
        } else if (meshField.number === 4) {
          // repeated uint32: packed (one length-delimited run) or, as this file has it, one varint each.
          if (!meshField.bytes) {
            indexBuffer.push(meshField.value);
            continue;
          }
          let at = 0;
          while (at < meshField.bytes.byteLength) {
            const [value, next] = varint(meshField.bytes, at);
            indexBuffer.push(value);
            at = next;
          }
        }
      }
    } else if (field.number === 2 && field.bytes) {
      let landmark = 0;
      let weight = 0;
      for (const ref of protobufFields(field.bytes)) {
        if (ref.number === 1) landmark = ref.value;
        if (ref.number === 2 && ref.bytes) weight = new DataView(ref.bytes.buffer, ref.bytes.byteOffset, 4).getFloat32(0, true);
      }
      basis.push([landmark, weight]);
    }
  }
  const count = vertexBuffer.length / 5;
  if (count !== 468 || basis.length < 10 || indexBuffer.length < 3 * 800 || indexBuffer.length % 3 !== 0 || indexBuffer.some((i) => i >= count)) {
    throw new Error(`unexpected canonical face: ${count} vertices, ${indexBuffer.length / 3} triangles, ${basis.length} basis points`);
  }
  const vertices = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) vertices.set(vertexBuffer.slice(i * 5, i * 5 + 3), i * 3);
  return { vertices, triangles: Uint32Array.from(indexBuffer), basis };
}

interface ProtobufField {
  readonly number: number;
  readonly value: number;
  readonly bytes?: Uint8Array;
}

function* protobufFields(data: Uint8Array): Generator<ProtobufField> {
  let at = 0;
  while (at < data.byteLength) {
    const [key, afterKey] = varint(data, at);
    at = afterKey;
    const wire = key & 7;
    const number = key >>> 3;
    if (wire === 0) {
      const [value, next] = varint(data, at);
      at = next;
      yield { number, value };
    } else if (wire === 2) {
      const [length, next] = varint(data, at);
      yield { number, value: length, bytes: data.subarray(next, next + length) };
      at = next + length;
    } else if (wire === 5) {
      yield { number, value: 0, bytes: data.subarray(at, at + 4) };
      at += 4;
    } else if (wire === 1) {
      at += 8;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  }
}

function varint(data: Uint8Array, start: number): [number, number] {
  let result = 0;
  let shift = 0;
  let at = start;
  for (;;) {
    const byte = data[at++]!;
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [result, at];
  }
}

function writeCanonicalBasis(face: CanonicalFace): void {
  const rows = face.basis.map(([landmark, weight]) => {
    const [x, y, z] = [0, 1, 2].map((k) => face.vertices[landmark * 3 + k]!.toFixed(4));
    return `  [${landmark}, ${weight.toFixed(6)}, ${x}, ${y}, ${z}],`;
  });
  const source = `/**
 * MediaPipe's canonical face (centimetres; x to the subject's left, y up, z toward the camera) at the
 * ${face.basis.length} landmarks its own geometry pipeline weights for the Procrustes fit — rigid, bony points (nose,
 * eye corners, brow, cheekbones, jaw) that move little with expression. Extracted from
 * \`geometry_pipeline_metadata_landmarks.binarypb\` in @mediapipe/face_mesh 0.4 (Apache-2.0) by
 * scripts/build-accessories.ts, which also builds the head occluder from the full canonical mesh.
 *
 * Rows: landmark index, weight, x, y, z.
 */
export const CANONICAL_BASIS: readonly (readonly [number, number, number, number, number])[] = [
${rows.join('\n')}
];
`;
  writeFileSync(join(root, 'shared', 'domain', 'tryon', 'canonical-face.ts'), source.replace(/-0\.0000/g, '0.0000'));
}

// ---------- geometry helpers ----------

function transformed(geometry: BufferGeometry, matrix: Matrix4): BufferGeometry {
  geometry.applyMatrix4(matrix);
  geometry.deleteAttribute('uv');
  return geometry;
}

const at = (x: number, y: number, z: number) => new Matrix4().makeTranslation(x, y, z);
const rotX = (a: number) => new Matrix4().makeRotationX(a);
const scale = (x: number, y: number, z: number) => new Matrix4().makeScale(x, y, z);
const chain = (...m: Matrix4[]) => m.reduce((acc, next) => acc.multiply(next), new Matrix4());

function merged(parts: BufferGeometry[]): BufferGeometry {
  const cleaned = parts.map((p) => {
    const g = p.index ? p.toNonIndexed() : p;
    g.deleteAttribute('uv');
    return g;
  });
  const result = mergeGeometries(cleaned, false);
  if (!result) throw new Error('could not merge geometries');
  return result;
}

/** A bar from a to b (a thin box as a cylinder with 6 sides), for temples and bridges. */
function bar(a: readonly [number, number, number], b: readonly [number, number, number], radius: number): BufferGeometry {
  const dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
  const length = Math.hypot(dx, dy, dz);
  const g = new CylinderGeometry(radius, radius, length, 8, 1, false);
  // Cylinder axis is +y: rotate it onto (dx, dy, dz).
  const axis = new Matrix4().lookAt(new Vector3(0, 0, 0), new Vector3(dx, dy, dz), new Vector3(0, 1, 0));
  return transformed(g, chain(at((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2), axis, rotX(Math.PI / 2)));
}

// ---------- the models ----------

const EYE_Y = 2.75;
const EYE_X = 3.2;
const LENS_Z = 6.2;

function glassesRound(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  const rim = 2.3;
  const frame = merged([
    transformed(new TorusGeometry(rim, 0.2, 10, 48), at(-EYE_X, EYE_Y, LENS_Z)),
    transformed(new TorusGeometry(rim, 0.2, 10, 48), at(EYE_X, EYE_Y, LENS_Z)),
    bar([-EYE_X + rim * 0.93, EYE_Y + 0.7, LENS_Z], [EYE_X - rim * 0.93, EYE_Y + 0.7, LENS_Z], 0.14),
    ...temples(EYE_X + rim),
  ]);
  const lenses = merged([
    transformed(new CylinderGeometry(rim, rim, 0.05, 40), chain(at(-EYE_X, EYE_Y, LENS_Z), rotX(Math.PI / 2))),
    transformed(new CylinderGeometry(rim, rim, 0.05, 40), chain(at(EYE_X, EYE_Y, LENS_Z), rotX(Math.PI / 2))),
  ]);
  return {
    meshes: [
      { name: 'frame', geometry: frame, material: 0 },
      { name: 'lenses', geometry: lenses, material: 1 },
    ],
    materials: [
      { name: 'tint-frame', colour: [0.1, 0.06, 0.03, 1], metalness: 0, roughness: 0.35 },
      { name: 'lens', colour: [0.85, 0.9, 1, 0.12], metalness: 0, roughness: 0.05, blend: true },
    ],
  };
}

/** Temples from the rims' outer edges back over the ears (canonical ears sit near x ±7.7, z −2.4). */
function temples(outerX: number): BufferGeometry[] {
  return [-1, 1].flatMap((side) => [
    // A short hinge straight back, then the temple along the side of the head to the ear.
    bar([side * (outerX - 0.1), EYE_Y + 0.5, LENS_Z], [side * (outerX + 0.25), EYE_Y + 0.5, LENS_Z - 0.9], 0.16),
    bar([side * (outerX + 0.25), EYE_Y + 0.5, LENS_Z - 0.9], [side * 7.75, EYE_Y + 0.2, -4.5], 0.15),
    bar([side * 7.75, EYE_Y + 0.2, -4.5], [side * 7.5, EYE_Y - 1.4, -6.2], 0.14),
  ]);
}

function roundedRect(width: number, height: number, radius: number): Shape {
  const s = new Shape();
  const w = width / 2, h = height / 2, r = radius;
  s.moveTo(-w + r, -h);
  s.lineTo(w - r, -h);
  s.quadraticCurveTo(w, -h, w, -h + r);
  s.lineTo(w, h - r);
  s.quadraticCurveTo(w, h, w - r, h);
  s.lineTo(-w + r, h);
  s.quadraticCurveTo(-w, h, -w, h - r);
  s.lineTo(-w, -h + r);
  s.quadraticCurveTo(-w, -h, -w + r, -h);
  return s;
}

function glassesSquare(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  const width = 5.1, height = 3.6;
  const rimShape = (): Shape => {
    const outer = roundedRect(width, height, 0.6);
    outer.holes.push(roundedRect(width - 0.7, height - 0.7, 0.35));
    return outer;
  };
  const rim = (x: number) => transformed(new ExtrudeGeometry(rimShape(), { depth: 0.35, bevelEnabled: false, curveSegments: 6 }), at(x, EYE_Y + 0.1, LENS_Z - 0.17));
  const lens = (x: number) => transformed(new ExtrudeGeometry(roundedRect(width - 0.6, height - 0.6, 0.35), { depth: 0.05, bevelEnabled: false, curveSegments: 6 }), at(x, EYE_Y + 0.1, LENS_Z));
  const frame = merged([rim(-EYE_X - 0.15), rim(EYE_X + 0.15), bar([-0.85, EYE_Y + 0.8, LENS_Z], [0.85, EYE_Y + 0.8, LENS_Z], 0.2), ...temples(EYE_X + 0.15 + width / 2)]);
  return {
    meshes: [
      { name: 'frame', geometry: frame, material: 0 },
      { name: 'lenses', geometry: merged([lens(-EYE_X - 0.15), lens(EYE_X + 0.15)]), material: 1 },
    ],
    materials: [
      { name: 'tint-frame', colour: [0.02, 0.02, 0.02, 1], metalness: 0, roughness: 0.35 },
      { name: 'lens', colour: [0.85, 0.9, 1, 0.12], metalness: 0, roughness: 0.05, blend: true },
    ],
  };
}

/** The head sits around (0, 2, −4) with half-axes of about 8 × 10.5 × 10.5 cm in canonical space. */
const HEAD_CENTRE: readonly [number, number, number] = [0, 2, -4];

/** A fedora's centre crease: the top dips along the front-to-back line, more at the middle. */
function creased(geometry: BufferGeometry): BufferGeometry {
  const position = geometry.getAttribute('position');
  for (let i = 0; i < position.count; i++) {
    const x = position.getX(i);
    const y = position.getY(i);
    const z = position.getZ(i);
    if (y < 6) continue;
    const nearCentre = Math.exp(-(x * x) / 6);
    const alongTop = 1 - Math.min(1, Math.abs(z) / 8);
    position.setY(i, y - 1.4 * nearCentre * alongTop * ((y - 6) / 2.3));
  }
  geometry.computeVertexNormals();
  return geometry;
}

function hatFedora(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  // Crown profile (radius, height) from the band up to the pinched top.
  const crownProfile = [new Vector2(8.3, 0), new Vector2(8.1, 3), new Vector2(7.7, 6), new Vector2(6.8, 7.6), new Vector2(4, 8.3), new Vector2(0.01, 8.0)];
  const place = chain(at(HEAD_CENTRE[0], 6.0, HEAD_CENTRE[2] + 0.8), rotX(-0.12), scale(1.1, 1.08, 1.3));
  const crown = transformed(creased(new LatheGeometry(crownProfile, 64)), place.clone());
  const brimProfile = [new Vector2(8.2, 0.15), new Vector2(14.5, 0.6), new Vector2(14.6, 0.45), new Vector2(8.2, -0.1)];
  const brim = transformed(new LatheGeometry(brimProfile, 64), place.clone());
  const band = transformed(new CylinderGeometry(8.36, 8.4, 1.4, 48, 1, true), chain(place.clone(), at(0, 1.0, 0)));
  return {
    meshes: [
      { name: 'crown', geometry: merged([crown, brim]), material: 0 },
      { name: 'band', geometry: band, material: 1 },
    ],
    materials: [
      { name: 'tint-felt', colour: [0.03, 0.03, 0.03, 1], metalness: 0, roughness: 0.85, doubleSided: true },
      { name: 'band', colour: [0.05, 0.04, 0.03, 1], metalness: 0, roughness: 0.5, doubleSided: true },
    ],
  };
}

/** Knit ribs: pushes vertices in and out around the vertical axis, `ribs` times a turn. */
function ribbed(geometry: BufferGeometry, ribs: number, depth: number): BufferGeometry {
  const position = geometry.getAttribute('position');
  for (let i = 0; i < position.count; i++) {
    const x = position.getX(i);
    const z = position.getZ(i);
    const radius = Math.hypot(x, z);
    if (radius < 1e-3) continue;
    const factor = 1 + (depth / radius) * Math.cos(Math.atan2(z, x) * ribs);
    position.setXYZ(i, x * factor, position.getY(i), z * factor);
  }
  geometry.computeVertexNormals();
  return geometry;
}

function hatBeanie(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  const place = chain(at(HEAD_CENTRE[0], 4.9, HEAD_CENTRE[2] + 0.3), rotX(-0.18), scale(1.08, 1.08, 1.08));
  const dome = transformed(ribbed(new SphereGeometry(8.9, 96, 24, 0, Math.PI * 2, 0, Math.PI / 2), 36, 0.12), chain(place.clone(), scale(0.98, 0.95, 1.2)));
  const cuff = transformed(ribbed(new CylinderGeometry(9.25, 9.35, 2.6, 96, 1, true), 48, 0.15), chain(place.clone(), scale(0.98, 1, 1.2), at(0, 0.9, 0)));
  const pompom = transformed(new SphereGeometry(1.6, 16, 12), chain(place.clone(), at(0, 8.9, 0)));
  return {
    meshes: [
      { name: 'dome', geometry: merged([dome, pompom]), material: 0 },
      { name: 'cuff', geometry: cuff, material: 0 },
    ],
    materials: [{ name: 'tint-knit', colour: [0.5, 0.05, 0.05, 1], metalness: 0, roughness: 0.95, doubleSided: true }],
  };
}

/**
 * A depth-only occluder: the canonical face mesh (so glasses temples hide behind the cheeks) plus an
 * ellipsoid for the skull and the back of the head (so a hat's far side hides behind the head).
 * Slightly shrunk, so what rests on the head is never clipped by its own support.
 */
function headOccluder(face: CanonicalFace): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  const faceGeometry = new BufferGeometry();
  faceGeometry.setAttribute('position', new Float32BufferAttribute(face.vertices, 3));
  faceGeometry.setIndex(Array.from(face.triangles));
  faceGeometry.computeVertexNormals();
  const skull = transformed(new SphereGeometry(1, 40, 24), chain(at(HEAD_CENTRE[0], HEAD_CENTRE[1], HEAD_CENTRE[2]), scale(7.5, 10, 9.8)));
  const neck = transformed(new CylinderGeometry(5.2, 5.6, 12, 24, 1, false), at(0, -9, -4.5));
  return {
    meshes: [
      { name: 'face', geometry: faceGeometry, material: 0 },
      { name: 'skull', geometry: merged([skull, neck]), material: 0 },
    ],
    materials: [{ name: 'occluder', colour: [0, 0, 0, 1], metalness: 0, roughness: 1, doubleSided: true }],
  };
}

function main(): void {
  const face = readCanonicalFace();
  writeCanonicalBasis(face);
  mkdirSync(outDir, { recursive: true });
  const models: Record<string, { meshes: GlbMesh[]; materials: GlbMaterial[] }> = {
    'glasses-round': glassesRound(),
    'glasses-square': glassesSquare(),
    'hat-fedora': hatFedora(),
    'hat-beanie': hatBeanie(),
    'head-occluder': headOccluder(face),
  };
  for (const [name, model] of Object.entries(models)) {
    const bytes = writeGlb(model.meshes, model.materials, GENERATOR);
    writeFileSync(join(outDir, `${name}.glb`), bytes);
    process.stdout.write(`resources/accessories/${name}.glb  ${(bytes.byteLength / 1024).toFixed(1)} KiB\n`);
  }
}

main();
