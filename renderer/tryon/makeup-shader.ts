import { Color, DoubleSide, ShaderMaterial, type Texture } from 'three';
import type { Finish } from '@shared/catalog/schema';

/** Finish → shader constant. */
export const FINISH_CODE: Readonly<Record<Finish, number>> = { matte: 0, satin: 1, gloss: 2, shimmer: 3 };

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

/**
 * Colours skin or lips while keeping their texture: in linear light, the shade is scaled by the
 * pixel's luminance relative to its neighbourhood (a few taps ~7 px around), so pores, lip lines and
 * shading survive; the neighbourhood's own brightness carries part of the scene lighting. Finishes:
 * matte flattens the detail and adds no highlight, satin a soft sheen, gloss a specular taken from the
 * pixel's brightest spots, shimmer fine sparkles. The result is mixed over the source by coverage.
 */
const fragmentShader = /* glsl */ `
  uniform sampler2D uSource;
  uniform vec2 uSize;
  uniform vec3 uColour;
  uniform float uOpacity;
  uniform int uFinish;
  uniform float uLighting;
  uniform float uFalloff;
  // A refined coverage mask (lips, shared/domain/tryon/lip-mask.ts): image pixel → mask texel is
  // ((pixel - origin - 0.5) / step + 0.5) / size, with uMaskBox = (origin x, origin y, step, size).
  uniform sampler2D uMask;
  uniform float uMaskOn;
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
    if (uMaskOn > 0.5) {
      vec2 m = ((vUv * uSize - uMaskBox.xy - 0.5) / uMaskBox.z + 0.5) / uMaskBox.w;
      a = texture2D(uMask, m).r * uOpacity;
    }
    // Nothing to add here: keep what is under it. The lips' mask quad covers a box around the mouth
    // and would otherwise overwrite another layer drawn there (a blush reaching the mouth's box).
    if (a <= 0.0) discard;
    vec3 base = toLinear(texture2D(uSource, vUv).rgb);
    // The neighbourhood (~7 px around): what the pixel's own detail is measured against.
    vec2 r = 7.0 / uSize;
    vec3 local = 0.25 * base;
    local += 0.125 * toLinearFast(texture2D(uSource, vUv + vec2(r.x, 0.0)).rgb);
    local += 0.125 * toLinearFast(texture2D(uSource, vUv - vec2(r.x, 0.0)).rgb);
    local += 0.125 * toLinearFast(texture2D(uSource, vUv + vec2(0.0, r.y)).rgb);
    local += 0.125 * toLinearFast(texture2D(uSource, vUv - vec2(0.0, r.y)).rgb);
    local += 0.0625 * toLinearFast(texture2D(uSource, vUv + r * 0.7).rgb);
    local += 0.0625 * toLinearFast(texture2D(uSource, vUv - r * 0.7).rgb);
    local += 0.0625 * toLinearFast(texture2D(uSource, vUv + vec2(r.x, -r.y) * 0.7).rgb);
    local += 0.0625 * toLinearFast(texture2D(uSource, vUv + vec2(-r.x, r.y) * 0.7).rgb);
    float lum = luma(base);
    float localLum = max(luma(local), 1e-3);
    float shadeLum = max(luma(uColour), 1e-3);
    float detail = lum / localLum;
    float lighting = clamp(pow(localLum / shadeLum, uLighting), 0.35, 4.0);
    float exponent = uFinish == 0 ? 0.7 : (uFinish == 1 ? 0.9 : 1.0);
    vec3 shaded = uColour * pow(detail, exponent) * lighting;
    float spark = 0.0;
    if (uFinish == 1) shaded += vec3(0.06) * smoothstep(1.15, 1.6, detail);
    if (uFinish == 2) shaded += vec3(0.45) * smoothstep(1.05, 1.7, detail) + vec3(0.04);
    if (uFinish == 3) {
      // Seeded by the image pixel, not the screen's: the same sparkles whatever part of the canvas is
      // drawn (region compositing) and whether the frame is mirrored.
      spark = step(0.965, hash(floor(floor(vUv * uSize) / 1.5))) * smoothstep(0.85, 1.2, detail);
      shaded += vec3(0.35) * spark + vec3(0.08) * smoothstep(1.1, 1.6, detail);
    }
    gl_FragColor = vec4(toSrgb(mix(base, shaded, a)), 1.0);
  }
`;

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
      uFinish: { value: 0 },
      uLighting: { value: lighting },
      uFalloff: { value: falloff },
      uMask: { value: null },
      uMaskOn: { value: 0 },
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
