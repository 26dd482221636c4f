/** sRGB byte → linear light (the IEC 61966-2-1 transfer function), one entry per byte value. */
export const SRGB_TO_LINEAR = Float32Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
});
