/** The hats (a fedora with its brim's contact shadow, a knit beanie), modelled in canonical face space. */
import { BufferGeometry, Float32BufferAttribute, SphereGeometry } from 'three';
import type { GlbMaterial, GlbMesh } from '../glb-writer';
import type { CanonicalFace } from './canonical-face';
import { at, grid, merged, tiers, transformed, type Tessellation } from './geometry';

/**
 * Where a hat meets the head (canonical cm): the band's inside is an ellipse around the skull with a
 * hair allowance — 16 cm wide, 19.2 cm deep (a 57 cm head with hair) — its front resting on the
 * forehead just below landmark 10 (the engine's fit puts canonical landmark 10 on this face's).
 */
const BAND = { a: 8.0, b: 9.6, centreZ: -4.55, frontY: 7.45 } as const;

/** The band's lower edge at azimuth θ (0 = front, toward +z): a hat sits lower at the back. */
const bandY = (theta: number, drop: number): number => BAND.frontY - (drop * (1 - Math.cos(theta))) / 2;
const aroundBand = (theta: number, ra: number, rb: number, y: number): [number, number, number] => [ra * Math.sin(theta), y, BAND.centreZ + rb * Math.cos(theta)];

/** The brim's shadow is darkest on the forehead just under the snapped brim's front edge (its model-space height there, seen from the front: ~1.2 cm under the band) and fades over 2 cm. */
const SHADOW_TOP = BAND.frontY - 1.2;
const SHADOW_DEPTH = 2.0;

/**
 * The fedora's segments around, up the crown and across the brim, per tier, and how the crown's rows
 * crowd toward its top (row k of n at height 1 − (1 − k/n)^crowd): Fast spends its few rows on the
 * curved, creased top, not on the nearly straight sides.
 */
const FEDORA: Tessellation<{ around: number; crown: number; brim: number; crowd: number }> = {
  high: { around: 72, crown: 18, brim: 5, crowd: 1 },
  fast: { around: 48, crown: 8, brim: 3, crowd: 1.7 },
};

export function hatFedora(face: CanonicalFace): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  const drop = 0.9;
  // Crown: the band's ellipse, tapering to a pinched top 10 cm above the band, with a centre crease.
  const profile = (h: number): number => (h < 0.62 ? 1 - 0.07 * (h / 0.62) ** 2 : 0.93 * Math.sqrt(Math.max(0, 1 - ((h - 0.62) / 0.38) ** 2.2)));
  const crownHeight = 10;
  const shell = ({ around, crown, brim, crowd }: (typeof FEDORA)['high']): BufferGeometry => {
    const top = grid(around, crown, (u, row) => {
      const theta = u * Math.PI * 2;
      const v = 1 - (1 - row) ** crowd;
      const p = profile(v);
      const [x, y, z] = aroundBand(theta, BAND.a * p + 0.12, BAND.b * p + 0.12, bandY(theta, drop) + v * crownHeight);
      // The centre crease (front to back) and front pinches, deepest at the top.
      const high = Math.max(0, (v - 0.6) / 0.4);
      const crease = 1.8 * Math.exp(-(x * x) / 5) * high;
      return [x, y - crease, z];
    });
    // Brim: 6 cm wide, sides curled up, the front snapped down.
    const width = 6;
    const rim = grid(around, brim, (u, v) => {
      const theta = u * Math.PI * 2;
      const s = Math.sin(theta),
        c = Math.cos(theta);
      const curl = v * v * (1.5 * s * s - 0.7 * Math.max(0, c) ** 2 + 0.4 * Math.max(0, -c));
      return aroundBand(theta, BAND.a + 0.12 + width * v, BAND.b + 0.12 + width * v, bandY(theta, drop) + 0.15 + curl);
    });
    return merged([top, rim]);
  };
  const band = (around: number): BufferGeometry =>
    grid(around, 1, (u, v) => {
      const theta = u * Math.PI * 2;
      return aroundBand(theta, BAND.a + 0.2, BAND.b + 0.2, bandY(theta, drop) + 0.2 + v * 1.5);
    });
  return {
    meshes: [
      ...tiers((tier) => ({ name: `crown-${tier}`, geometry: shell(FEDORA[tier]), material: 0, tier })),
      ...tiers((tier) => ({ name: `band-${tier}`, geometry: band(FEDORA[tier].around), material: 1, tier })),
      { name: 'shadow', geometry: brimShadow(face, SHADOW_TOP, SHADOW_DEPTH), material: 2 },
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

/**
 * Where the brim's shadow may fall: the canonical face's triangles from `topY` + 1 cm down to
 * `depth` cm under it, in front of the ears, lifted 1 mm off the skin.
 */
function brimShadow(face: CanonicalFace, topY: number, depth: number): BufferGeometry {
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

/** The beanie's segments around (two per rib on Fast), up the dome and the cuff, and the pompom's. */
const BEANIE: Tessellation<{ around: number; dome: number; cuff: number; pompom: number }> = {
  high: { around: 108, dome: 14, cuff: 3, pompom: 16 },
  fast: { around: 72, dome: 7, cuff: 2, pompom: 10 },
};

export function hatBeanie(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
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
  const knit = ({ around, dome, cuff, pompom }: (typeof BEANIE)['high']): { dome: BufferGeometry; cuff: BufferGeometry } => ({
    dome: merged([
      grid(around, dome, (u, v) => {
        const theta = u * Math.PI * 2;
        return onDome(theta, cuffTop(theta) * (1 - v), 1, 36);
      }),
      transformed(new SphereGeometry(1.7, pompom, Math.round(pompom * 0.75)), at(0, centreY + ay + 0.9, centreZ)),
    ]),
    cuff: grid(around, cuff, (u, v) => {
      const theta = u * Math.PI * 2;
      const phiRim = rimPhi(theta);
      return onDome(theta, phiRim + (cuffTop(theta) - phiRim) * v, 1.04 - 0.04 * v, 36);
    }),
  });
  return {
    meshes: tiers((tier) => {
      const { dome, cuff } = knit(BEANIE[tier]);
      return [
        { name: `dome-${tier}`, geometry: dome, material: 0, tier },
        { name: `cuff-${tier}`, geometry: cuff, material: 0, tier },
      ];
    }).flat(),
    materials: [{ name: 'tint-knit', colour: [0.5, 0.05, 0.05, 1], metalness: 0, roughness: 0.95, doubleSided: true }],
  };
}
