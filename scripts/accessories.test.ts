import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Box3, Mesh, Vector3, type Material, type Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { describe, expect, it } from 'vitest';
import { Catalog } from '@shared/catalog/schema';

const root = path.join(__dirname, '..');
const catalog = Catalog.parse(JSON.parse(readFileSync(path.join(root, 'resources', 'catalog', 'catalog.json'), 'utf8')));

async function load(relative: string): Promise<Object3D> {
  const bytes = readFileSync(path.join(root, 'resources', relative));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const gltf = await new GLTFLoader().parseAsync(buffer, '');
  return gltf.scene;
}

function materialNames(scene: Object3D): string[] {
  const names: string[] = [];
  scene.traverse((node) => {
    if (node instanceof Mesh) names.push((node.material as Material).name);
  });
  return names;
}

/** Lowest point of the model's front part (z > 3 cm, over the forehead), the brim's shadow on the skin aside. */
function frontMinY(scene: Object3D): number {
  let min = Infinity;
  scene.updateMatrixWorld(true);
  const p = new Vector3();
  scene.traverse((node) => {
    if (!(node instanceof Mesh) || (node.material as Material).name === 'shadow') return;
    const position = node.geometry.getAttribute('position');
    for (let i = 0; i < position.count; i++) {
      p.fromBufferAttribute(position, i).applyMatrix4(node.matrixWorld);
      if (p.z > 3) min = Math.min(min, p.y);
    }
  });
  return min;
}

/** Width of the frame front: the extent in x of everything in front of the hinges (z > 4.5 cm). */
function frontWidth(scene: Object3D): number {
  let min = Infinity;
  let max = -Infinity;
  scene.updateMatrixWorld(true);
  const p = new Vector3();
  scene.traverse((node) => {
    if (!(node instanceof Mesh)) return;
    const position = node.geometry.getAttribute('position');
    for (let i = 0; i < position.count; i++) {
      p.fromBufferAttribute(position, i).applyMatrix4(node.matrixWorld);
      if (p.z > 4.5) {
        min = Math.min(min, p.x);
        max = Math.max(max, p.x);
      }
    }
  });
  return max - min;
}

/** The committed .glb files, read back with the same loader the engine uses, in canonical-face cm. */
describe('3D accessories', () => {
  for (const item of catalog.items) {
    if (item.materialType !== 'model3d') continue;
    it(`${item.model} loads, has a tintable material and sits where a ${item.kind} belongs`, async () => {
      const scene = await load(item.model);
      expect(materialNames(scene).some((name) => name.startsWith('tint'))).toBe(true);
      const box = new Box3().setFromObject(scene);
      if (item.kind === 'glasses') {
        // Around the eyes (canonical y ≈ 2.6), in front of the face, temples reaching back past the ears;
        // a real adult frame front (12.5–14.5 cm: round 50-20, square 54-18) and temples no wider than the
        // head at the ears (~15.5 cm).
        expect(box.min.y).toBeLessThan(2.6);
        expect(box.max.y).toBeGreaterThan(2.6);
        expect(box.max.z).toBeGreaterThan(5.5);
        expect(box.min.z).toBeLessThan(-3.5);
        expect(frontWidth(scene)).toBeGreaterThan(12.5);
        expect(frontWidth(scene)).toBeLessThan(14.5);
        expect(box.max.x - box.min.x).toBeLessThan(15.8);
      } else {
        // In front, above the brows (y ≈ 4); over the whole skull; wider than the head.
        expect(frontMinY(scene)).toBeGreaterThan(4);
        expect(box.max.y).toBeGreaterThan(12);
        expect(box.max.x - box.min.x).toBeGreaterThan(16);
      }
    });
  }

  // Fast's lighter meshes (scripts/accessories/geometry.ts, Tessellation): a software rasteriser pays
  // per triangle, so each tier-tagged model carries well under High's triangles for Fast, in the same
  // place and size (the bounds within 2 mm), and every tagged material is in both tiers.
  for (const file of ['hat-fedora', 'hat-beanie', 'glasses-round', 'glasses-square', 'head-occluder']) {
    it(`${file}.glb carries a lighter mesh of the same shape for the Fast tier`, async () => {
      const scene = await load(`accessories/${file}.glb`);
      const tiers = { high: { box: new Box3(), triangles: 0, materials: new Set<string>() }, fast: { box: new Box3(), triangles: 0, materials: new Set<string>() } };
      scene.updateMatrixWorld(true);
      scene.traverse((node) => {
        const tier = node.userData.tier as unknown;
        if (!(node instanceof Mesh) || (tier !== 'high' && tier !== 'fast')) return;
        tiers[tier].box.expandByObject(node);
        tiers[tier].triangles += (node.geometry.index?.count ?? node.geometry.getAttribute('position').count) / 3;
        tiers[tier].materials.add((node.material as Material).name);
      });
      expect(tiers.high.triangles).toBeGreaterThan(800);
      expect(tiers.fast.triangles).toBeLessThan(0.6 * tiers.high.triangles);
      expect([...tiers.fast.materials].sort()).toEqual([...tiers.high.materials].sort());
      for (const corner of ['min', 'max'] as const) for (const axis of ['x', 'y', 'z'] as const) expect(Math.abs(tiers.fast.box[corner][axis] - tiers.high.box[corner][axis])).toBeLessThan(0.2);
    });
  }

  it('the head occluder covers the face and the skull, with no colour of its own to tint', async () => {
    const scene = await load('accessories/head-occluder.glb');
    expect(materialNames(scene).every((name) => name === 'occluder')).toBe(true);
    const box = new Box3().setFromObject(scene);
    expect(box.max.z).toBeGreaterThan(7); // the nose tip
    expect(box.min.z).toBeLessThan(-12); // the back of the head
    expect(box.max.y).toBeGreaterThan(11); // the crown
  });
});
