/** The head occluder: depth only, so glasses temples and a hat's far side hide behind the head. */
import { BufferGeometry, CylinderGeometry, Float32BufferAttribute, SphereGeometry } from 'three';
import type { GlbMaterial, GlbMesh } from '../glb-writer';
import type { CanonicalFace } from './canonical-face';
import { SimplifyModifier } from 'three/examples/jsm/modifiers/SimplifyModifier.js';
import { at, chain, merged, scale, tiers, transformed, type Tessellation } from './geometry';

/** The skull: centre and half-axes of about 7.5 × 10 × 9.8 cm in canonical space. */
const HEAD_CENTRE: readonly [number, number, number] = [0, 2, -4];

/** The skull's sphere (segments around, up), the neck's, and how many face vertices Fast keeps, per tier. */
const OCCLUDER: Tessellation<{ around: number; up: number; neck: number; faceVertices: number | null }> = {
  high: { around: 40, up: 24, neck: 24, faceVertices: null },
  fast: { around: 16, up: 10, neck: 10, faceVertices: 110 },
};

/**
 * A depth-only occluder: the canonical face mesh (so glasses temples hide behind the cheeks) plus an
 * ellipsoid for the skull and the back of the head (so a hat's far side hides behind the head).
 * Slightly shrunk, so what rests on the head is never clipped by its own support. Fast's face is the
 * same mesh simplified (meshoptimizer, through three's SimplifyModifier; deterministic).
 */
export async function headOccluder(face: CanonicalFace): Promise<{ meshes: GlbMesh[]; materials: GlbMaterial[] }> {
  const faceGeometry = new BufferGeometry();
  faceGeometry.setAttribute('position', new Float32BufferAttribute(face.vertices, 3));
  faceGeometry.setIndex(Array.from(face.triangles));
  faceGeometry.computeVertexNormals();
  const faceAt = async (keep: number | null): Promise<BufferGeometry> =>
    keep === null ? faceGeometry : await new SimplifyModifier().modify(faceGeometry, faceGeometry.getAttribute('position').count - keep);
  const skull = ({ around, up, neck }: (typeof OCCLUDER)['high']): BufferGeometry =>
    merged([
      transformed(new SphereGeometry(1, around, up), chain(at(HEAD_CENTRE[0], HEAD_CENTRE[1], HEAD_CENTRE[2]), scale(7.5, 10, 9.8))),
      transformed(new CylinderGeometry(5.2, 5.6, 12, neck, 1, false), at(0, -9, -4.5)),
    ]);
  const meshes = await Promise.all(
    tiers(async (tier): Promise<GlbMesh[]> => [
      { name: `face-${tier}`, geometry: await faceAt(OCCLUDER[tier].faceVertices), material: 0, tier },
      { name: `skull-${tier}`, geometry: skull(OCCLUDER[tier]), material: 0, tier },
    ]),
  );
  return {
    meshes: meshes.flat(),
    materials: [{ name: 'occluder', colour: [0, 0, 0, 1], metalness: 0, roughness: 1, doubleSided: true }],
  };
}
