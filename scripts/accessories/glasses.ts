/** The glasses: frames in real centimetres, modelled in canonical face space. */
import { CylinderGeometry, ExtrudeGeometry, Float32BufferAttribute, Shape, TorusGeometry, type BufferGeometry } from 'three';
import type { GlbMaterial, GlbMesh } from '../glb-writer';
import { at, bar, chain, merged, rotX, tiers, transformed, type Tessellation } from './geometry';

/**
 * Frames in real centimetres (issue 16 §4): the engine scales them by this face's interpupillary
 * distance against the adult mean (63 mm) and puts the bridge point (canonical landmark 168, on the
 * nose between the eyes) on this face's landmark 168 (shared/domain/tryon/fit.ts).
 */
const BRIDGE: readonly [number, number, number] = [0, 3.27, 5.24];
/** Eye centres' height; lens plane ~12 mm in front of the cornea, the bridge just touching the nose. */
const EYE_Y = 2.65;
const LENS_Z = 5.75;

/**
 * The round frames' rim tube (segments across, around), lens disc and bar sides, per tier. Fast's
 * four-sided tube has its corners facing out, in, front and back: seen from the front it is as wide
 * as the round one.
 */
const ROUND: Tessellation<{ tube: number; around: number; lens: number; bar: number }> = {
  high: { tube: 10, around: 56, lens: 48, bar: 8 },
  fast: { tube: 4, around: 24, lens: 16, bar: 5 },
};

export function glassesRound(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
  // A 50 mm round lens, a 20 mm bridge: centres 70 mm apart (wider than the 63 mm IPD, as real frames are).
  const rim = 2.5;
  const centreX = 3.5;
  const frame = ({ tube, around, bar: sides }: (typeof ROUND)['high']): BufferGeometry =>
    merged([
      transformed(new TorusGeometry(rim, 0.18, tube, around), at(-centreX, EYE_Y, LENS_Z)),
      transformed(new TorusGeometry(rim, 0.18, tube, around), at(centreX, EYE_Y, LENS_Z)),
      // The bridge arches over the nose at landmark 168's height.
      bar([-centreX + rim * 0.85, EYE_Y + 1.2, LENS_Z], [-0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], 0.13, sides),
      bar([-0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], [0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], 0.13, sides),
      bar([0.5, BRIDGE[1] + 0.05, LENS_Z - 0.05], [centreX - rim * 0.85, EYE_Y + 1.2, LENS_Z], 0.13, sides),
      ...temples(centreX + rim + 0.1, EYE_Y + 0.6, sides),
    ]);
  const lenses = (segments: number): BufferGeometry =>
    merged([
      transformed(new CylinderGeometry(rim, rim, 0.05, segments), chain(at(-centreX, EYE_Y, LENS_Z), rotX(Math.PI / 2))),
      transformed(new CylinderGeometry(rim, rim, 0.05, segments), chain(at(centreX, EYE_Y, LENS_Z), rotX(Math.PI / 2))),
    ]);
  return {
    meshes: tiers((tier) => [
      { name: `frame-${tier}`, geometry: earward(frame(ROUND[tier])), material: 0, tier },
      { name: `lenses-${tier}`, geometry: lenses(ROUND[tier].lens), material: 1, tier },
    ]).flat(),
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
function temples(outerX: number, y: number, sides: number): BufferGeometry[] {
  return [-1, 1].flatMap((side) => [
    bar([side * (outerX - 0.15), y, LENS_Z], [side * (outerX + 0.1), y, LENS_Z - 0.9], 0.15, sides),
    bar([side * (outerX + 0.1), y, LENS_Z - 0.9], [side * 7.65, y - 0.3, -2.2], 0.14, sides),
    // Bent down behind the ear, inside the head's outline: the occluder hides it as the ear would.
    bar([side * 7.65, y - 0.3, -2.2], [side * 7.1, y - 1.9, -3.9], 0.13, sides),
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

/** The square frames' curve segments per rounded corner and bar sides, per tier. */
const SQUARE: Tessellation<{ corner: number; bar: number }> = { high: { corner: 6, bar: 8 }, fast: { corner: 3, bar: 5 } };

export function glassesSquare(): { meshes: GlbMesh[]; materials: GlbMaterial[] } {
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
  const parts = ({ corner, bar: sides }: (typeof SQUARE)['high']): { frame: BufferGeometry; lenses: BufferGeometry } => {
    const rim = (x: number) => transformed(new ExtrudeGeometry(rimShape(), { depth: 0.35, bevelEnabled: false, curveSegments: corner }), at(x, centreY, LENS_Z - 0.17));
    const lens = (x: number) => transformed(new ExtrudeGeometry(roundedRect(width - 0.6, height - 0.6, 0.4), { depth: 0.05, bevelEnabled: false, curveSegments: corner }), at(x, centreY, LENS_Z));
    return {
      frame: merged([
        rim(-centreX),
        rim(centreX),
        bar([-0.95, BRIDGE[1] + 0.1, LENS_Z], [0.95, BRIDGE[1] + 0.1, LENS_Z], 0.2, sides),
        ...temples(centreX + width / 2, centreY + height / 2 - 0.7, sides),
      ]),
      lenses: merged([lens(-centreX), lens(centreX)]),
    };
  };
  return {
    meshes: tiers((tier) => {
      const { frame, lenses } = parts(SQUARE[tier]);
      return [
        { name: `frame-${tier}`, geometry: earward(frame), material: 0, tier },
        { name: `lenses-${tier}`, geometry: lenses, material: 1, tier },
      ];
    }).flat(),
    materials: [{ name: 'tint-frame', colour: [0.02, 0.02, 0.02, 1], metalness: 0, roughness: 0.35 }, LENS],
  };
}
