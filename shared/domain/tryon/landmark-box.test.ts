import { describe, expect, it } from 'vitest';
import { landmarkBox } from './landmark-box';

describe('landmarkBox', () => {
  it('boxes the landmarks in normalised coordinates, mirrored when shown mirrored', () => {
    const points = new Float32Array([100, 50, 0, 300, 250, 0, 200, 150, 0]);
    expect(landmarkBox(points, 3, 400, 500, false)).toEqual({ x: 0.25, y: 0.1, w: 0.5, h: 0.4 });
    expect(landmarkBox(points, 3, 400, 500, true)).toEqual({ x: 0.25, y: 0.1, w: 0.5, h: 0.4 });
    expect(landmarkBox(new Float32Array([0, 0, 0, 100, 100, 0]), 2, 400, 400, true)).toEqual({ x: 0.75, y: 0, w: 0.25, h: 0.25 });
  });

  it('has no box without landmarks and clamps points outside the frame', () => {
    expect(landmarkBox(new Float32Array(9), 0, 400, 500, false)).toBeNull();
    expect(landmarkBox(new Float32Array([-50, -10, 0, 450, 600, 0]), 2, 400, 500, false)).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });
});
