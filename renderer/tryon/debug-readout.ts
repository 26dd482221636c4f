import type { AccessoryFit } from '@shared/domain/tryon/fit';
import type { HeadPoseSolver } from '@shared/domain/tryon/pose';
import { BLUSH_VERTICES, LEFT_CHEEKBONE, RIGHT_CHEEKBONE, blushBounds } from '@shared/domain/tryon/blush';
import { LEFT_CREASE, LEFT_LID, LIPS_INNER, LIPS_OUTER, RIGHT_CREASE, RIGHT_LID, chainBounds, type Chain } from '@shared/domain/tryon/regions';
import type { TrackerInfo } from './tracker';
import type { StillLipPass } from './still-refiner';

const blushScratch = { positions: new Float32Array(BLUSH_VERTICES * 2), alphas: new Float32Array(BLUSH_VERTICES) };
const EYES: Chain = [...RIGHT_LID, ...RIGHT_CREASE, ...LEFT_LID, ...LEFT_CREASE];
/** The eye openings (upper lid then lower lid, corner to corner): iris and sclera lie inside. */
const RIGHT_OPENING: Chain = [...RIGHT_LID, 155, 154, 153, 145, 144, 163, 7];
const LEFT_OPENING: Chain = [...LEFT_LID, 382, 381, 380, 374, 373, 390, 249];
/** Where accessories sit: nose bridge, top of forehead, chin, temples, face sides, eye corners. */
const SEATS: Chain = [168, 10, 152, 21, 251, 234, 454, 33, 133, 362, 263];

function chain(points: Float32Array, indices: Chain): string {
  return indices.map((i) => `${points[i * 3]!.toFixed(1)},${points[i * 3 + 1]!.toFixed(1)}`).join(' ');
}

function box(points: Float32Array, chain: Chain): string {
  const b = chainBounds(points, chain);
  return [b.minX, b.minY, b.maxX, b.maxY].map((v) => v.toFixed(1)).join(',');
}

/**
 * Opt-in readout for tests and troubleshooting (`canvas.dataset.debug = 'on'`): the face state and
 * region boxes of the frame just drawn, as data attributes, so a test can read them together with the
 * pixels in one task. Off by default: it builds strings, which the hot path otherwise never does.
 */
export interface DebugFrame {
  readonly present: boolean;
  readonly look: string;
  readonly source: number;
  readonly tracked: number;
  readonly points: Float32Array;
  readonly solver: HeadPoseSolver;
  readonly tracker: TrackerInfo | null;
  /** Whose lips a still is drawn with: the tracker's, or the 478-point mesh's after a second pass. */
  readonly lipPass: StillLipPass;
  readonly compositing: string;
  /** The shown glasses' and hat's fits (scale k and the anchor's shift), when shown. */
  readonly fits: Readonly<{ glasses: AccessoryFit | null; hat: AccessoryFit | null }>;
  /** Triangles the overlay pass drew: the rendering tier's meshes (High's full, Fast's lighter ones). */
  readonly triangles: number;
}

function fitText(fit: AccessoryFit): string {
  return [fit.scale, fit.shift[0]!, fit.shift[1]!, fit.shift[2]!].map((v) => v.toFixed(3)).join(',');
}

export function writeDebug(canvas: HTMLCanvasElement, { present, look, source, tracked, points, solver, tracker, lipPass, compositing, fits, triangles }: DebugFrame): void {
  const d = canvas.dataset;
  d.compositing = compositing;
  d.triangles = String(triangles);
  d.source = String(source);
  d.tracked = String(tracked);
  d.face = present ? 'found' : 'none';
  d.look = look;
  d.frames = String(Number(d.frames ?? '0') + 1);
  if (tracker) d.tracker = `${tracker.backend}/${tracker.landmarks}${tracker.worker ? '/worker' : ''}`;
  d.lipPass = lipPass;
  if (!present) return;
  d.lips = box(points, LIPS_OUTER);
  // The tracked lip contours themselves (x,y pairs), for contact sheets against hand-drawn outlines.
  d.lipsOuter = chain(points, LIPS_OUTER);
  d.lipsInner = chain(points, LIPS_INNER);
  d.eyeRight = chain(points, RIGHT_OPENING);
  d.eyeLeft = chain(points, LEFT_OPENING);
  d.eyes = box(points, EYES);
  // The blush's own extent (its outer edge), not just the landmarks it is built from.
  const right = blushBounds(points, RIGHT_CHEEKBONE, blushScratch);
  const left = blushBounds(points, LEFT_CHEEKBONE, blushScratch);
  d.cheeks = [Math.min(right.minX, left.minX), Math.min(right.minY, left.minY), Math.max(right.maxX, left.maxX), Math.max(right.maxY, left.maxY)].map((v) => v.toFixed(1)).join(',');
  d.yaw = ((solver.yaw() * 180) / Math.PI).toFixed(1);
  d.scale = solver.scale.toFixed(2);
  // "index:x,y" for the landmarks accessories sit on, and each fit as "k,dx,dy,dz" (cm, head space).
  d.seats = SEATS.map((i) => `${i}:${points[i * 3]!.toFixed(1)},${points[i * 3 + 1]!.toFixed(1)}`).join(' ');
  d.fitGlasses = fits.glasses ? fitText(fits.glasses) : '';
  d.fitHat = fits.hat ? fitText(fits.hat) : '';
}
