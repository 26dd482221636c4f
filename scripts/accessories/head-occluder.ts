/** The head occluder: depth only, so glasses temples and a hat's far side hide behind the head. */
import { BufferGeometry, CylinderGeometry, Float32BufferAttribute, SphereGeometry } from 'three';
import type { GlbMaterial, GlbMesh } from '../glb-writer';
import type { CanonicalFace } from './canonical-face';
import { at, chain, merged, scale, transformed } from './geometry';

/** The skull: centre and half-axes of about 7.5 × 10 × 9.8 cm in canonical space. */
const HEAD_CENTRE: readonly [number, number, number] = [0, 2, -4];

/**
 * A depth-only occluder: the canonical face mesh (so glasses temples hide behind the cheeks) plus an
 * ellipsoid for the skull and the back of the head (so a hat's far side hides behind the head).
 * Slightly shrunk, so what rests on the head is never clipped by its own support.
 */
export function headOccluder(face: CanonicalFace): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
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
