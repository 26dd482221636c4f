/** A face box in normalised coordinates of the composited frame. */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The box around `count` landmarks (x, y, z in image pixels of a `width` × `height` frame), in
 * normalised coordinates, mirrored when the frame is shown mirrored; null without landmarks.
 */
export function landmarkBox(points: Float32Array, count: number, width: number, height: number, mirrored: boolean): FaceBox | null {
  if (count <= 0 || width <= 0 || height <= 0) return null;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = points[i * 3]!;
    const y = points[i * 3 + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const clamp = (v: number): number => Math.min(1, Math.max(0, v));
  const left = clamp(minX / width);
  const right = clamp(maxX / width);
  return { x: mirrored ? 1 - right : left, y: clamp(minY / height), w: right - left, h: clamp(maxY / height) - clamp(minY / height) };
}
