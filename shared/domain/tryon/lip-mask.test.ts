import { describe, expect, it } from 'vitest';
import { LIP_MASK_SIZE, LipMask, refineLipMask } from './lip-mask';
import { rasterPolygon, scoreLipMask, type LipOutline, type Point } from './lip-score';
import { LIPS_INNER, LIPS_OUTER } from './regions';

/** The mask's alpha at image pixel (x, y). */
const alphaAt = (mask: LipMask, x: number, y: number): number => mask.alpha[Math.round((y - mask.y0) / mask.step) * LIP_MASK_SIZE + Math.round((x - mask.x0) / mask.step)]!;

const W = 160;
const H = 120;
const SKIN: readonly [number, number, number] = [214, 160, 130];
const LIP: readonly [number, number, number] = [170, 70, 80];
const TEETH: readonly [number, number, number] = [235, 232, 222];
const DARK: readonly [number, number, number] = [40, 14, 16];
/** The shadow under an upper lip (about half the lips' brightness) and the gum below it (lip-red, a little darker). */
const SHADOW_LINE: readonly [number, number, number] = [90, 38, 42];
const GUM: readonly [number, number, number] = [150, 62, 70];

/** An ellipse as `n` points (pixel coordinates), clockwise from the right. */
function ellipse(cx: number, cy: number, rx: number, ry: number, n: number): Point[] {
  return Array.from({ length: n }, (_, i) => [cx + rx * Math.cos((2 * Math.PI * i) / n), cy + ry * Math.sin((2 * Math.PI * i) / n)] as Point);
}

/** How a face patch is painted: its skin and lip colours and the spread of its pixel noise. */
interface Palette {
  readonly skin: readonly [number, number, number];
  readonly lip: readonly [number, number, number];
  readonly noise: number;
}
const LIGHT: Palette = { skin: SKIN, lip: LIP, noise: 9 };

/** A face patch: skin, lips between `outer` and `inner`, the opening filled with `mouth`. */
function photo(outer: readonly Point[], inner: readonly Point[], mouth: readonly (readonly [number, number, number])[], { skin, lip, noise }: Palette = LIGHT): Uint8Array {
  const O = rasterPolygon(outer, W, H);
  const I = rasterPolygon(inner, W, H);
  const rgba = new Uint8Array(W * H * 4);
  for (let p = 0; p < W * H; p++) {
    // A little texture so statistics are not degenerate.
    const n = (((p * 2654435761) >>> 0) % noise) - (noise - 1) / 2;
    const y = Math.floor(p / W);
    const colour = O[p] ? (I[p] ? mouth[y % mouth.length]! : lip) : skin;
    rgba.set([colour[0] + n, colour[1] + n, colour[2] + n, 255], p * 4);
  }
  return rgba;
}

/** Landmarks with the lip contours at the given points (the mesh's 20-point chains). */
function landmarks(outer: readonly Point[], inner: readonly Point[]): Float32Array {
  const points = new Float32Array(478 * 3);
  LIPS_OUTER.forEach((index, i) => points.set([outer[i]![0], outer[i]![1], 0], index * 3));
  LIPS_INNER.forEach((index, i) => points.set([inner[i]![0], inner[i]![1], 0], index * 3));
  return points;
}

const shift = (points: readonly Point[], dx: number, dy: number): Point[] => points.map(([x, y]) => [x + dx, y + dy]);

/** The mask as "changed" pixels (alpha over a quarter), scored like the e2e check. */
function score(mask: LipMask, outline: LipOutline) {
  const changed = new Uint8Array(W * H);
  for (let r = 0; r < mask.rows; r++) {
    for (let c = 0; c < mask.cols; c++) {
      if (mask.alpha[r * LIP_MASK_SIZE + c]! > 64) changed[(mask.y0 + r * mask.step) * W + mask.x0 + c * mask.step] = 1;
    }
  }
  return scoreLipMask(changed, W, H, outline);
}

describe('lip mask refined from the image', () => {
  const outer = ellipse(80, 60, 40, 20, 20);

  it('keeps the teeth of an open smile uncoloured even when the mesh puts its inner contour on them', () => {
    const opening = ellipse(80, 60, 30, 9, 20);
    const rgba = photo(outer, opening, [TEETH, TEETH, TEETH, DARK]);
    // The mesh's inner contour sits 4 px inside the true opening (teeth between them).
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, ellipse(80, 60, 26, 5, 20)), mask)).toBe(true);
    expect(mask.open).toBe(true);
    const s = score(mask, { outer, inner: opening, open: true });
    expect(s.leak).toBeLessThan(0.02);
    expect(s.coverage).toBeGreaterThan(0.9);
    expect(s.precision).toBeGreaterThan(0.97);
  });

  it("stops under the upper lip's shadow line: the red gum below it, in the tracked opening, is not coloured", () => {
    // An open smile: under the upper lip a 2 px shadow line, then 4 px of gum as red as the lips, then
    // teeth. The mesh's inner contour is the true opening, so the colour may reach into the gum.
    const opening = ellipse(80, 60, 30, 10, 20);
    const rgba = photo(outer, opening, [TEETH]);
    const I = rasterPolygon(opening, W, H);
    for (let x = 0; x < W; x++) {
      let top = -1;
      for (let y = 0; y < H && top < 0; y++) if (I[y * W + x]) top = y;
      if (top < 0) continue;
      for (let y = top; y < top + 6 && I[y * W + x]; y++) rgba.set(y < top + 2 ? SHADOW_LINE : GUM, (y * W + x) * 4);
    }
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, opening), mask)).toBe(true);
    expect(mask.open).toBe(true);
    const s = score(mask, { outer, inner: opening, open: true });
    expect(s.leak).toBeLessThan(0.01);
    expect(s.coverage).toBeGreaterThan(0.9);
    // The upper lip itself is still coloured down to its edge.
    expect(alphaAt(mask, 80, 48)).toBe(255);
    expect(alphaAt(mask, 80, 49)).toBeGreaterThan(200);
  });

  it('still colours the upper lip inside the tracked opening where no shadow line ends it', () => {
    // Lit lips straight onto the teeth; the mesh's inner contour gapes 4 px above the real opening, so
    // the upper lip's last pixels lie in the tracked opening (a shadow cut on every column: 95 %).
    const opening = ellipse(80, 62, 30, 8, 20);
    const rgba = photo(outer, opening, [TEETH]);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, ellipse(80, 60, 30, 10, 20)), mask)).toBe(true);
    expect(mask.open).toBe(true);
    const s = score(mask, { outer, inner: opening, open: true });
    expect(s.coverage).toBeGreaterThan(0.97);
    expect(s.leak).toBeLessThan(0.01);
  });

  it('closes the lip line of a closed mouth: the dark line between the lips is coloured', () => {
    // A 2 px dark line between the lips; the mesh's inner contour gapes 6 px around it.
    const line = ellipse(80, 60, 36, 1, 20);
    const rgba = photo(outer, line, [DARK]);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, ellipse(80, 60, 34, 6, 20)), mask)).toBe(true);
    expect(mask.open).toBe(false);
    // The whole outer outline counts as lip here (no opening).
    const s = score(mask, {
      outer,
      inner: [
        [0, 0],
        [1, 0],
        [0, 1],
      ],
      open: false,
    });
    expect(s.coverage).toBeGreaterThan(0.9);
    expect(s.precision).toBeGreaterThan(0.97);
    // The middle of the line itself is coloured.
    const row = Math.round((60 - mask.y0) / mask.step);
    const col = Math.round((80 - mask.x0) / mask.step);
    expect(mask.alpha[row * LIP_MASK_SIZE + col]).toBeGreaterThan(200);
  });

  it('closes the lip line where teeth only glint through barely parted lips (under 2 px of them)', () => {
    // A 1 px row of teeth along the lip line: a closed mouth, its line coloured.
    const line = ellipse(80, 60, 34, 0.6, 20);
    const rgba = photo(outer, line, [TEETH]);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, ellipse(80, 60, 34, 4, 20)), mask)).toBe(true);
    expect(mask.open).toBe(false);
    expect(alphaAt(mask, 80, 60)).toBeGreaterThan(200);
    expect(alphaAt(mask, 60, 60)).toBeGreaterThan(200);
    // The same teeth 6 px tall are an open mouth: not coloured.
    const open = photo(outer, ellipse(80, 60, 34, 3, 20), [TEETH]);
    expect(refineLipMask(open, W, H, landmarks(outer, ellipse(80, 60, 34, 4, 20)), mask)).toBe(true);
    expect(mask.open).toBe(true);
    expect(alphaAt(mask, 80, 60)).toBe(0);
  });

  it('colours a highlight the lips enclose (a pale bright spot), but not the teeth of the opening', () => {
    const opening = ellipse(80, 60, 30, 6, 20);
    const rgba = photo(outer, opening, [TEETH]);
    // A 4 × 3 px pale shine on the lower lip, as bright and grey as a tooth.
    for (let y = 71; y < 74; y++) for (let x = 78; x < 82; x++) rgba.set([...TEETH, 255], (y * W + x) * 4);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, opening), mask)).toBe(true);
    expect(alphaAt(mask, 80, 72)).toBe(255);
    expect(alphaAt(mask, 80, 60)).toBe(0);
    expect(alphaAt(mask, 60, 60)).toBe(0);
  });

  it('moves a band the mesh placed 6 px off back onto the lips', () => {
    const opening = ellipse(80, 60, 30, 6, 20);
    const rgba = photo(outer, opening, [TEETH]);
    const mask = new LipMask();
    refineLipMask(rgba, W, H, landmarks(shift(outer, 0, 6), shift(opening, 0, 6)), mask);
    expect(mask.shiftY).toBeLessThanOrEqual(-5);
    expect(mask.shiftY).toBeGreaterThanOrEqual(-7);
    const s = score(mask, { outer, inner: opening, open: true });
    expect(s.precision).toBeGreaterThan(0.95);
    expect(s.coverage).toBeGreaterThan(0.85);
  });

  it('keeps the band where the mesh put it when moving it gains next to nothing', () => {
    // A closed mouth exactly under the band, but for one more row of lip below it and four skin-coloured
    // pixels on the band's top row: moving the band 1 px down lands 4 more of its ~2,500 cells on lip.
    const rgba = photo(outer, ellipse(80, 60, 36, 1, 20), [LIP]);
    const O = rasterPolygon(outer, W, H);
    for (let x = 0; x < W; x++) {
      let bottom = -1;
      for (let y = 0; y < H; y++) if (O[y * W + x]) bottom = y;
      if (bottom >= 0) rgba.set([LIP[0], LIP[1], LIP[2]], ((bottom + 1) * W + x) * 4);
    }
    for (const x of [70, 75, 85, 90]) {
      let top = 0;
      while (!O[top * W + x]) top++;
      rgba.set([SKIN[0], SKIN[1], SKIN[2]], (top * W + x) * 4);
    }
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, ellipse(80, 60, 36, 1, 20)), mask)).toBe(true);
    expect([mask.shiftX, mask.shiftY]).toEqual([0, 0]);
  });

  it("moves an open mouth's band up off a chin as red as the lips: the opening must land on the teeth", () => {
    // A pale upper lip (the skin's colour: only the lower lip is red), teeth, and under the lower lip a
    // 6 px strip of chin as red as the lips. The mesh put both contours 4 px low. The band alone finds
    // no better place (moved up, it leaves red chin for red lip and pale lip for pale lip); the
    // opening, 4 px low, covers the lower lip's red top until it is moved up onto the teeth.
    const opening = ellipse(80, 60, 30, 8, 20);
    const rgba = photo(outer, opening, [TEETH]);
    const O = rasterPolygon(outer, W, H);
    const I = rasterPolygon(opening, W, H);
    const chin = rasterPolygon(shift(outer, 0, 6), W, H);
    for (let p = 0; p < W * H; p++) {
      const y = Math.floor(p / W);
      if (O[p] && y < 60 && !I[p]) rgba.set([SKIN[0], SKIN[1], SKIN[2]], p * 4);
      else if (!O[p] && chin[p] && y > 60) rgba.set([LIP[0], LIP[1], LIP[2]], p * 4);
    }
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(shift(outer, 0, 4), shift(opening, 0, 4)), mask)).toBe(true);
    expect(mask.open).toBe(true);
    expect(mask.shiftY).toBeLessThanOrEqual(-3);
    // The chin below the lower lip stays bare.
    expect(alphaAt(mask, 80, 84)).toBe(0);
    expect(alphaAt(mask, 80, 83)).toBeLessThan(64);
  });

  it('judges the skin outside the band against its own side: a chin in shade, darker and redder than the lips, is not lip', () => {
    // A closed mouth. Above the lips, skin paler and less red than they are; below them, the chin in the
    // lower lip's shade, darker and redder than the lips (skin in shade reddens). On one line through
    // the three colours the lips lie between the two skins, so no single discriminant tells both from
    // the lips: the shared one calls the chin lip. Each side's own one does not.
    const upperSkin: readonly [number, number, number] = [210, 140, 148];
    const chinSkin: readonly [number, number, number] = [140, 45, 55];
    const lipLine = ellipse(80, 60, 36, 1, 20);
    const rgba = photo(outer, lipLine, [LIP], { skin: upperSkin, lip: LIP, noise: 9 });
    const O = rasterPolygon(outer, W, H);
    for (let p = 0; p < W * H; p++) {
      const n = (((p * 2654435761) >>> 0) % 9) - 4;
      if (!O[p] && Math.floor(p / W) > 60) rgba.set([chinSkin[0] + n, chinSkin[1] + n, chinSkin[2] + n], p * 4);
    }
    const colourAt = (mask: LipMask, x: number, y: number): number => mask.colour[(y - mask.y0) * mask.cols + (x - mask.x0)]!;
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, lipLine), mask)).toBe(true);
    for (const y of [81, 83]) expect(colourAt(mask, 80, y)).toBeLessThan(0.5);
    expect(colourAt(mask, 80, 38)).toBeLessThan(0.5);
    // The mesh 3 px low, onto the chin: nothing coloured beyond 3 px of the lips.
    expect(refineLipMask(rgba, W, H, landmarks(shift(outer, 0, 3), shift(lipLine, 0, 3)), mask)).toBe(true);
    const s = score(mask, { outer, inner: lipLine, open: false });
    expect(s.precision).toBeGreaterThan(0.99);
    expect(s.coverage).toBeGreaterThan(0.95);
  });

  it('finds darker lips on darker skin of the same hue, told apart by brightness alone', () => {
    // Very dark skin and lips a shade darker with the same hue and redness (only the third feature,
    // brightness, separates them), noisy, an open smile with teeth, the mesh 3 px low. The labelled set
    // has one darker face (e2e/fixtures/lips/obama-portrait.jpg); this is the case it does not cover.
    const dark: Palette = { skin: [80, 52, 38], lip: [62, 40, 30], noise: 25 };
    const opening = ellipse(80, 60, 30, 9, 20);
    const rgba = photo(outer, opening, [TEETH, TEETH, TEETH, DARK], dark);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(shift(outer, 0, 3), shift(opening, 0, 3)), mask)).toBe(true);
    expect(mask.open).toBe(true);
    const s = score(mask, { outer, inner: opening, open: true });
    expect(s.precision).toBeGreaterThan(0.97);
    expect(s.coverage).toBeGreaterThan(0.95);
    expect(s.leak).toBeLessThan(0.02);
  });

  it('gives up (the caller keeps the landmark band) when lips and skin have the same colour', () => {
    const rgba = photo(outer, ellipse(80, 60, 30, 6, 20), [SKIN]);
    // Lips painted in the skin colour: nothing to tell apart.
    const O = rasterPolygon(outer, W, H);
    for (let p = 0; p < W * H; p++) if (O[p]) rgba.set([SKIN[0], SKIN[1], SKIN[2]], p * 4);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, ellipse(80, 60, 30, 6, 20)), mask)).toBe(false);
    expect(mask.valid).toBe(false);
  });

  it('refuses degenerate landmarks', () => {
    const mask = new LipMask();
    expect(refineLipMask(new Uint8Array(W * H * 4), W, H, new Float32Array(478 * 3), mask)).toBe(false);
  });
});
