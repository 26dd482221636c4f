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
import { BufferGeometry, CylinderGeometry, ExtrudeGeometry, Float32BufferAttribute, Matrix4, Shape, SphereGeometry, TorusGeometry, Vector3 } from 'three';
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
  const dx = b[0] - a[0],
    dy = b[1] - a[1],
    dz = b[2] - a[2];
  const length = Math.hypot(dx, dy, dz);
  const g = new CylinderGeometry(radius, radius, length, 8, 1, false);
  // Cylinder axis is +y: rotate it onto (dx, dy, dz).
  const axis = new Matrix4().lookAt(new Vector3(0, 0, 0), new Vector3(dx, dy, dz), new Vector3(0, 1, 0));
  return transformed(g, chain(at((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2), axis, rotX(Math.PI / 2)));
}

// ---------- the models ----------

/**
 * Frames in real centimetres (issue 16 §4): the engine scales them by this face's interpupillary
 * distance against the adult mean (63 mm) and puts the bridge point (canonical landmark 168, on the
 * nose between the eyes) on this face's landmark 168 (shared/domain/tryon/fit.ts).
 */
const BRIDGE: readonly [number, number, number] = [0, 3.27, 5.24];
/** Eye centres' height; lens plane ~12 mm in front of the cornea, the bridge just touching the nose. */
const EYE_Y = 2.65;
const LENS_Z = 5.75;

function glassesRound(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  // A 50 mm round lens, a 20 mm bridge: centres 70 mm apart (wider than the 63 mm IPD, as real frames are).
  const rim = 2.5;
  const centreX = 3.5;
  const frame = merged([
    transformed(new TorusGeometry(rim, 0.18, 10, 56), at(-centreX, EYE_Y, LENS_Z)),
    transformed(new TorusGeometry(rim, 0.18, 10, 56), at(centreX, EYE_Y, LENS_Z)),
    // The bridge arches over the nose at landmark 168's height.
    bar([-centreX + rim * 0.85, EYE_Y + 1.2, LENS_Z], [-0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], 0.13),
    bar([-0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], [0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], 0.13),
    bar([0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], [centreX - rim * 0.85, EYE_Y + 1.2, LENS_Z], 0.13),
    ...temples(centreX + rim + 0.1, EYE_Y + 0.6),
  ]);
  const lenses = merged([
    transformed(new CylinderGeometry(rim, rim, 0.05, 48), chain(at(-centreX, EYE_Y, LENS_Z), rotX(Math.PI / 2))),
    transformed(new CylinderGeometry(rim, rim, 0.05, 48), chain(at(centreX, EYE_Y, LENS_Z), rotX(Math.PI / 2))),
  ]);
  return {
    meshes: [
      { name: 'frame', geometry: earward(frame), material: 0 },
      { name: 'lenses', geometry: lenses, material: 1 },
    ],
    materials: [{ name: 'tint-frame', colour: [0.1, 0.06, 0.03, 1], metalness: 0, roughness: 0.35 }, LENS],
  };
}

/**
 * Each frame vertex's weight toward the ears: 0 on the front and hinges, rising along the temples to
 * 1 at the ear. The engine scales the front by this face's IPD but keeps the temples' far ends on the
 * head's own ears (accessory-layer.ts), so a large k does not push them out past the head.
 */
function earward(geometry: BufferGeometry): BufferGeometry {
  const position = geometry.getAttribute('position');
  const hingeZ = LENS_Z - 0.9;
  const weights = new Float32Array(position.count);
  for (let i = 0; i < position.count; i++) weights[i] = Math.min(1, Math.max(0, (hingeZ - position.getZ(i)) / (hingeZ + 2.2)));
  geometry.setAttribute('_earward', new Float32BufferAttribute(weights, 1));
  return geometry;
}

/** Slightly tinted, smooth: on High it mirrors the room (the engine's reflections); on Fast it is a faint tint. */
const LENS: GlbMaterial = { name: 'lens', colour: [0.62, 0.7, 0.78, 0.16], metalness: 0, roughness: 0.04, blend: true };

/**
 * Temples from the end pieces to the ears: a hinge straight back, then along the side of the head,
 * widening to the ear (canonical ears near x ±7.7, y 2.4, z −2), bent down behind it. The head occluder
 * hides what lies behind the face.
 */
function temples(outerX: number, y: number): BufferGeometry[] {
  return [-1, 1].flatMap((side) => [
    bar([side * (outerX - 0.15), y, LENS_Z], [side * (outerX + 0.1), y, LENS_Z - 0.9], 0.15),
    bar([side * (outerX + 0.1), y, LENS_Z - 0.9], [side * 7.65, y - 0.3, -2.2], 0.14),
    // Bent down behind the ear, inside the head's outline: the occluder hides it as the ear would.
    bar([side * 7.65, y - 0.3, -2.2], [side * 7.1, y - 1.9, -3.9], 0.13),
  ]);
}

function roundedRect(width: number, height: number, radius: number): Shape {
  const s = new Shape();
  const w = width / 2,
    h = height / 2,
    r = radius;
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
  // A 54 × 40 mm lens, an 18 mm bridge: a common adult size (54-18-145).
  const width = 5.4,
    height = 4.0;
  const centreX = (width + 1.8) / 2;
  const centreY = EYE_Y + 0.15;
  const rimShape = (): Shape => {
    const outer = roundedRect(width, height, 0.65);
    outer.holes.push(roundedRect(width - 0.7, height - 0.7, 0.4));
    return outer;
  };
  const rim = (x: number) => transformed(new ExtrudeGeometry(rimShape(), { depth: 0.35, bevelEnabled: false, curveSegments: 6 }), at(x, centreY, LENS_Z - 0.17));
  const lens = (x: number) => transformed(new ExtrudeGeometry(roundedRect(width - 0.6, height - 0.6, 0.4), { depth: 0.05, bevelEnabled: false, curveSegments: 6 }), at(x, centreY, LENS_Z));
  const frame = merged([rim(-centreX), rim(centreX), bar([-0.95, BRIDGE[1] + 0.1, LENS_Z], [0.95, BRIDGE[1] + 0.1, LENS_Z], 0.2), ...temples(centreX + width / 2, centreY + height / 2 - 0.7)]);
  return {
    meshes: [
      { name: 'frame', geometry: earward(frame), material: 0 },
      { name: 'lenses', geometry: merged([lens(-centreX), lens(centreX)]), material: 1 },
    ],
    materials: [{ name: 'tint-frame', colour: [0.02, 0.02, 0.02, 1], metalness: 0, roughness: 0.35 }, LENS],
  };
}

/** A surface from a (u, v) grid: `point(u, v)` for u, v in [0, 1]; u wraps around when `closedU`. */
function grid(uSegments: number, vSegments: number, point: (u: number, v: number) => readonly [number, number, number]): BufferGeometry {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let j = 0; j <= vSegments; j++) for (let i = 0; i <= uSegments; i++) positions.push(...point(i / uSegments, j / vSegments));
  const row = uSegments + 1;
  for (let j = 0; j < vSegments; j++) {
    for (let i = 0; i < uSegments; i++) {
      const a = j * row + i,
        b = a + 1,
        c = a + row,
        d = c + 1;
      indices.push(a, c, b, b, c, d);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(positions, 3));
  g.setIndex(indices);
  g.computeVertexNormals();
  return g;
}

/**
 * Where a hat meets the head (canonical cm): the band's inside is an ellipse around the skull with a
 * hair allowance — 16 cm wide, 19.2 cm deep (a 57 cm head with hair) — its front resting on the
 * forehead just below landmark 10 (the engine's fit puts canonical landmark 10 on this face's).
 */
const BAND = { a: 8.0, b: 9.6, centreZ: -4.55, frontY: 7.45 } as const;

/** The band's lower edge at azimuth θ (0 = front, toward +z): a hat sits lower at the back. */
const bandY = (theta: number, drop: number): number => BAND.frontY - (drop * (1 - Math.cos(theta))) / 2;
const around = (theta: number, ra: number, rb: number, y: number): [number, number, number] => [ra * Math.sin(theta), y, BAND.centreZ + rb * Math.cos(theta)];

/** The brim's shadow is darkest on the forehead just under the snapped brim's front edge (its model-space height there, seen from the front: ~1.2 cm under the band) and fades over 2 cm. */
const SHADOW_TOP = BAND.frontY - 1.2;
const SHADOW_DEPTH = 2.0;

function hatFedora(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  const drop = 0.9;
  // Crown: the band's ellipse, tapering to a pinched top 10 cm above the band, with a centre crease.
  const profile = (h: number): number => (h < 0.62 ? 1 - 0.07 * (h / 0.62) ** 2 : 0.93 * Math.sqrt(Math.max(0, 1 - ((h - 0.62) / 0.38) ** 2.2)));
  const crownHeight = 10;
  const crown = grid(72, 18, (u, v) => {
    const theta = u * Math.PI * 2;
    const p = profile(v);
    const [x, y, z] = around(theta, BAND.a * p + 0.12, BAND.b * p + 0.12, bandY(theta, drop) + v * crownHeight);
    // The centre crease (front to back) and front pinches, deepest at the top.
    const top = Math.max(0, (v - 0.6) / 0.4);
    const crease = 1.8 * Math.exp(-(x * x) / 5) * top;
    return [x, y - crease, z];
  });
  // Brim: 6 cm wide, sides curled up, the front snapped down.
  const width = 6;
  const brim = grid(72, 5, (u, v) => {
    const theta = u * Math.PI * 2;
    const s = Math.sin(theta),
      c = Math.cos(theta);
    const curl = v * v * (1.5 * s * s - 0.7 * Math.max(0, c) ** 2 + 0.4 * Math.max(0, -c));
    return around(theta, BAND.a + 0.12 + width * v, BAND.b + 0.12 + width * v, bandY(theta, drop) + 0.15 + curl);
  });
  const band = grid(72, 1, (u, v) => {
    const theta = u * Math.PI * 2;
    return around(theta, BAND.a + 0.2, BAND.b + 0.2, bandY(theta, drop) + 0.2 + v * 1.5);
  });
  return {
    meshes: [
      { name: 'crown', geometry: merged([crown, brim]), material: 0 },
      { name: 'band', geometry: band, material: 1 },
      { name: 'shadow', geometry: brimShadow(SHADOW_TOP, SHADOW_DEPTH), material: 2 },
    ],
    materials: [
      { name: 'tint-felt', colour: [0.03, 0.03, 0.03, 1], metalness: 0, roughness: 0.85, doubleSided: true },
      { name: 'band', colour: [0.05, 0.04, 0.03, 1], metalness: 0, roughness: 0.5, doubleSided: true },
      shadowMaterial(SHADOW_TOP, SHADOW_DEPTH),
    ],
  };
}

/**
 * The brim's contact shadow on the forehead: the engine multiplies the frame by the light left under
 * the brim, darkest at `top` (just under the band) and fading over `depth` cm down and toward the
 * temples (accessory-layer.ts, contactShadow).
 */
const shadowMaterial = (top: number, depth: number): GlbMaterial => ({ name: 'shadow', colour: [1, 1, 1, 1], metalness: 0, roughness: 1, extras: { shadowTop: top, shadowDepth: depth } });

let canonicalFace: CanonicalFace | null = null;

/**
 * Where the brim's shadow may fall: the canonical face's triangles from `topY` + 1 cm down to
 * `depth` cm under it, in front of the ears, lifted 1 mm off the skin.
 */
function brimShadow(topY: number, depth: number): BufferGeometry {
  const face = canonicalFace!;
  const positions: number[] = [];
  const base = new BufferGeometry();
  base.setAttribute('position', new Float32BufferAttribute(face.vertices, 3));
  base.setIndex(Array.from(face.triangles));
  base.computeVertexNormals();
  const normal = base.getAttribute('normal');
  for (let t = 0; t < face.triangles.length; t += 3) {
    const corners = [face.triangles[t]!, face.triangles[t + 1]!, face.triangles[t + 2]!];
    // Every triangle touching the band: one wholly above `topY - depth` would leave the fade's foot bare.
    if (!corners.some((i) => face.vertices[i * 3 + 1]! > topY - depth && face.vertices[i * 3 + 1]! < topY + 1) || !corners.every((i) => face.vertices[i * 3 + 2]! > 0)) continue;
    for (const i of corners) positions.push(face.vertices[i * 3]! + 0.1 * normal.getX(i), face.vertices[i * 3 + 1]! + 0.1 * normal.getY(i), face.vertices[i * 3 + 2]! + 0.1 * normal.getZ(i));
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(positions, 3));
  g.computeVertexNormals();
  return g;
}

/** Knit ribs: pushes a point in and out around the head, `ribs` times a turn. */
const rib = (theta: number, ribs: number, depth: number): number => 1 + depth * Math.cos(theta * ribs);

function hatBeanie(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  // The dome hugs the skull: an ellipsoid 1 cm outside the head (knit + hair), from a rim that
  // follows the head — just above the brows at the front, over the ears' tops, down at the nape.
  // Deep enough in front that the average forehead (the occluder) stays inside when the fit lowers the hat to this face's forehead.
  const centreY = 5.0,
    ax = 8.3,
    ay = 8.0,
    az = 11.2,
    centreZ = -4.8;
  const rimY = (theta: number): number => 4.65 + 2.15 * Math.cos(theta);
  const onDome = (theta: number, phi: number, grow: number, ribs: number): [number, number, number] => {
    const r = rib(theta, ribs, ribs > 0 ? 0.012 : 0) * grow;
    return [ax * r * Math.sin(phi) * Math.sin(theta), centreY + ay * Math.cos(phi), centreZ + az * r * Math.sin(phi) * Math.cos(theta)];
  };
  const rimPhi = (theta: number): number => Math.acos(Math.max(-1, Math.min(1, (rimY(theta) - centreY) / ay)));
  const cuffTop = (theta: number): number => Math.acos(Math.max(-1, Math.min(1, (rimY(theta) + 3 - centreY) / ay)));
  // The dome from the cuff's top up; the folded cuff, 3 cm tall along the rim, thicker at the fold
  // and meeting the dome flush at its top (same ribs), so no seam shows between them.
  const dome = grid(108, 14, (u, v) => {
    const theta = u * Math.PI * 2;
    return onDome(theta, cuffTop(theta) * (1 - v), 1, 36);
  });
  const cuff = grid(108, 3, (u, v) => {
    const theta = u * Math.PI * 2;
    const phiRim = rimPhi(theta);
    return onDome(theta, phiRim + (cuffTop(theta) - phiRim) * v, 1.04 - 0.04 * v, 36);
  });
  const pompom = transformed(new SphereGeometry(1.7, 16, 12), at(0, centreY + ay + 0.9, centreZ));
  return {
    meshes: [
      { name: 'dome', geometry: merged([dome, pompom]), material: 0 },
      { name: 'cuff', geometry: cuff, material: 0 },
    ],
    materials: [{ name: 'tint-knit', colour: [0.5, 0.05, 0.05, 1], metalness: 0, roughness: 0.95, doubleSided: true }],
  };
}

/** The skull: centre and half-axes of about 7.5 × 10 × 9.8 cm in canonical space. */
const HEAD_CENTRE: readonly [number, number, number] = [0, 2, -4];

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
  canonicalFace = face;
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
