/**
 * MediaPipe's canonical face, read from @mediapipe/face_mesh's packed assets (a protobuf inside its
 * packed data file), and the basis file the pose solver fits against (shared/domain/tryon/canonical-face.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CanonicalFace {
  readonly vertices: Float32Array; // 468 × (x, y, z)
  readonly triangles: Uint32Array;
  readonly basis: readonly (readonly [number, number])[]; // landmark, weight
}

export function readCanonicalFace(root: string): CanonicalFace {
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

export function writeCanonicalBasis(face: CanonicalFace, root: string): void {
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
