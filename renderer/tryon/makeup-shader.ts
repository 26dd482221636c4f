import { Color, DoubleSide, ShaderMaterial, type Texture } from 'three';
import { FINISHES, LIP_SHINE_FROM, NEIGHBOURHOOD_RADIUS_PX, NEIGHBOURHOOD_TAPS, type FinishModel } from '@shared/domain/tryon/lip-finish';
import type { Finish } from '@shared/catalog/schema';

const vertexShader = /* glsl */ `
  attribute vec2 pixel;
  attribute float coverage;
  uniform vec2 uSize;
  varying vec2 vUv;
  varying float vCoverage;
  void main() {
    // Frames are uploaded unflipped (compositor.ts), so image row y samples at v = y/H.
    vUv = pixel / uSize;
    vCoverage = coverage;
    gl_Position = projectionMatrix * modelViewMatrix * vec4(pixel.x, -pixel.y, 0.0, 1.0);
  }
`;

/** The neighbourhood taps of shared/domain/tryon/lip-finish.ts, the pixel itself first (exact decode), the rest with the fast one. */
const neighbourhood = NEIGHBOURHOOD_TAPS.map(([dx, dy, w], i) =>
  i === 0 ? `vec3 local = ${w.toFixed(4)} * base;` : `local += ${w.toFixed(4)} * toLinearFast(texture2D(uSource, vUv + r * vec2(${dx.toFixed(2)}, ${dy.toFixed(2)})).rgb);`,
).join('\n    ');

/**
 * Colours skin or lips while keeping their texture — the model of shared/domain/tryon/lip-finish.ts
 * (`shadePixel`), unit-tested there on synthetic images. In linear light, the shade is scaled by the
 * pixel's luminance relative to a reference: the lips' own median luminance when the lip mask gives
 * it (uRefLum > 0: lip lines and the lips' shading survive whole, and no neighbourhood taps are
 * needed), else the pixel's ~7 px neighbourhood (pores, fine texture); the reference's own brightness
 * carries part of the scene lighting. Brightness well above the reference (the lip's own shine) is
 * damped by matte; the gloss map
 * (uGloss, built from the lip contours) places a highlight along the lips' shape, broken where the
 * pixel is dark; shimmer adds fine sparkles. The result is mixed over the source by coverage.
 */
const fragmentShader = /* glsl */ `
  uniform sampler2D uSource;
  uniform vec2 uSize;
  uniform vec3 uColour;
  uniform float uOpacity;
  uniform float uLighting;
  uniform float uFalloff;
  // The finish (lip-finish.ts FinishModel).
  uniform float uShine;
  uniform float uGlossStrength;
  uniform float uGlossFloor;
  uniform float uSparkle;
  // The lips' median linear luminance, or 0: the neighbourhood is the reference.
  uniform float uRefLum;
  // A refined coverage mask (lips, shared/domain/tryon/lip-mask.ts): image pixel → mask texel is
  // ((pixel - origin - 0.5) / step + 0.5) / size, with uMaskBox = (origin x, origin y, step, size).
  // uGloss, on the same grid, is how much gloss each point of the lips catches.
  uniform sampler2D uMask;
  uniform sampler2D uGloss;
  uniform float uMaskOn;
  uniform float uGlossOn;
  uniform vec4 uMaskBox;
  varying vec2 vUv;
  varying float vCoverage;

  vec3 toLinear(vec3 c) { return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c)); }
  vec3 toSrgb(vec3 c) { c = clamp(c, 0.0, 1.0); return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c)); }
  // A cubic fit of the sRGB curve (within ~0.3 % of it): the eight neighbourhood taps only feed an
  // average, and pow() is the costliest instruction on a software rasteriser (24 of them a pixel).
  vec3 toLinearFast(vec3 c) { return c * (c * (c * 0.305306011 + 0.682171111) + 0.012522878); }
  float luma(vec3 c) { return dot(c, vec3(0.2126, 0.7152, 0.0722)); }
  float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }

  void main() {
    // uFalloff < 1 gives a wide even plateau with a long soft edge; 1 a plain smooth ramp.
    float a = smoothstep(0.0, uFalloff, vCoverage) * uOpacity;
    vec2 m = ((vUv * uSize - uMaskBox.xy - 0.5) / uMaskBox.z + 0.5) / uMaskBox.w;
    if (uMaskOn > 0.5) a = texture2D(uMask, m).r * uOpacity;
    // Nothing to add here: keep what is under it. The lips' mask quad covers a box around the mouth
    // and would otherwise overwrite another layer drawn there (a blush reaching the mouth's box).
    if (a <= 0.0) discard;
    vec3 base = toLinear(texture2D(uSource, vUv).rgb);
    float lum = luma(base);
    float reference = uRefLum;
    float knee = ${LIP_SHINE_FROM.toFixed(2)};
    if (uRefLum <= 0.0) {
      // The neighbourhood (~${NEIGHBOURHOOD_RADIUS_PX} px around): what the pixel's detail is measured against.
      vec2 r = ${NEIGHBOURHOOD_RADIUS_PX.toFixed(1)} / uSize;
      ${neighbourhood}
      reference = max(luma(local), 1e-3);
      knee = 1.0;
    }
    float detail = lum / reference;
    float shadeLum = max(luma(uColour), 1e-3);
    float lighting = clamp(pow(reference / shadeLum, uLighting), 0.35, 4.0);
    // Darker than the knee passes whole in every finish; the pixel's own shine above it by uShine.
    float grain = detail < knee ? detail : knee + (detail - knee) * uShine;
    float weight = uGlossOn > 0.5 ? texture2D(uGloss, m).r : smoothstep(1.05, 1.7, detail);
    float shown = uGlossOn > 0.5 ? uGlossFloor : 0.0;
    float highlight = uGlossStrength * weight * (shown + (1.0 - shown) * smoothstep(0.9, 1.35, detail));
    vec3 shaded = uColour * grain * lighting + vec3(highlight);
    if (uSparkle > 0.0) {
      // Seeded by the image pixel, not the screen's: the same sparkles whatever part of the canvas is
      // drawn (region compositing) and whether the frame is mirrored.
      float spark = step(0.965, hash(floor(floor(vUv * uSize) / 1.5))) * smoothstep(0.85, 1.2, detail);
      shaded += vec3(uSparkle) * spark;
    }
    gl_FragColor = vec4(toSrgb(mix(base, shaded, a)), 1.0);
  }
`;

/** Sets a makeup material's finish uniforms (lip-finish.ts FINISHES). */
export function setFinish(material: ShaderMaterial, finish: Finish): void {
  const model: FinishModel = FINISHES[finish];
  material.uniforms.uShine!.value = model.shine;
  material.uniforms.uGlossStrength!.value = model.gloss;
  material.uniforms.uGlossFloor!.value = model.glossFloor;
  material.uniforms.uSparkle!.value = model.sparkle;
}

/**
 * One material per makeup layer (lips, eyes, cheeks), created once; only uniforms change. Writes
 * opaque colour (the blend is computed here), never depth, so 3D accessories draw over it.
 */
export function createMakeupMaterial(source: Texture | null, lighting: number, falloff: number): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: {
      uSource: { value: source },
      uSize: { value: [1, 1] },
      uColour: { value: new Color(1, 0, 0) },
      uOpacity: { value: 0 },
      uShine: { value: 1 },
      uGlossStrength: { value: 0 },
      uGlossFloor: { value: 0 },
      uSparkle: { value: 0 },
      uRefLum: { value: 0 },
      uLighting: { value: lighting },
      uFalloff: { value: falloff },
      uMask: { value: null },
      uGloss: { value: null },
      uMaskOn: { value: 0 },
      uGlossOn: { value: 0 },
      uMaskBox: { value: [0, 0, 1, 1] },
    },
    depthTest: false,
    depthWrite: false,
    transparent: false,
    side: DoubleSide,
  });
}

const backgroundVertex = /* glsl */ `
  varying vec2 vUv;
  void main() {
    // The plane's uv has v = 0 at the bottom; the unflipped frame has row 0 at v = 0 (the top).
    vUv = vec2(uv.x, 1.0 - uv.y);
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  }
`;

const backgroundFragment = /* glsl */ `
  uniform sampler2D uSource;
  varying vec2 vUv;
  void main() { gl_FragColor = vec4(texture2D(uSource, vUv).rgb, 1.0); }
`;

/** The video or photo itself, copied as is (sRGB in, sRGB out). */
export function createBackgroundMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: backgroundVertex,
    fragmentShader: backgroundFragment,
    uniforms: { uSource: { value: null } },
    depthTest: false,
    depthWrite: false,
    side: DoubleSide,
  });
}
