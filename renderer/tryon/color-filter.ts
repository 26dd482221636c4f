import { FramebufferTexture, Mesh, NoColorSpace, OrthographicCamera, PlaneGeometry, Scene, ShaderMaterial, Vector2, type WebGLRenderer } from 'three';
import type { ColorFilter } from './color-filter-names';

/** Looks a creator can shoot with, applied to the whole composited frame, so what is recorded is what is shown. */
const MODE: Readonly<Record<ColorFilter, number>> = { none: 0, warm: 1, cool: 2, mono: 3, 'soft-skin': 4, vivid: 5 };

const vertex = /* glsl */ `
varying vec2 vUv;
void main() {
  vUv = uv;
  gl_Position = vec4(position.xy, 0.0, 1.0);
}`;

// The frame is read as stored (sRGB-encoded bytes) and written back the same way: the grades are
// tuned on what the eye sees, and no colour-space round trip is paid per pixel.
const fragment = /* glsl */ `
uniform sampler2D uFrame;
uniform int uMode;
uniform vec2 uTexel;
varying vec2 vUv;
const vec3 LUMA = vec3(0.299, 0.587, 0.114);
void main() {
  vec3 c = texture2D(uFrame, vUv).rgb;
  if (uMode == 1) {
    c = c * vec3(1.08, 1.0, 0.86) + vec3(0.03, 0.01, 0.0);
  } else if (uMode == 2) {
    c = c * vec3(0.9, 1.0, 1.1) + vec3(0.0, 0.01, 0.04);
  } else if (uMode == 3) {
    c = vec3(dot(c, LUMA));
  } else if (uMode == 4) {
    // Edge-preserving blur: neighbours of a similar colour (skin) are averaged, edges (eyes, lips) kept.
    vec3 sum = c;
    float weights = 1.0;
    for (int i = -2; i <= 2; i++) {
      for (int j = -2; j <= 2; j++) {
        if (i == 0 && j == 0) continue;
        vec3 s = texture2D(uFrame, vUv + vec2(float(i), float(j)) * uTexel * 2.0).rgb;
        vec3 d = s - c;
        float w = exp(-dot(d, d) * 60.0);
        sum += s * w;
        weights += w;
      }
    }
    c = mix(c, sum / weights, 0.8) * 1.02 + 0.01;
  } else if (uMode == 5) {
    c = mix(vec3(dot(c, LUMA)), c, 1.4);
    c = (c - 0.5) * 1.1 + 0.5;
  }
  gl_FragColor = vec4(clamp(c, 0.0, 1.0), 1.0);
}`;

/**
 * A last pass of the compositor: copies the finished frame into a texture and draws it back through
 * a colour grade. Costs nothing while the filter is `none` (the pass is skipped), one copy and one
 * quad otherwise. Objects are created once and resized only when the frame size changes.
 */
export class ColorFilterPass {
  private readonly camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly scene = new Scene();
  private readonly material = new ShaderMaterial({
    vertexShader: vertex,
    fragmentShader: fragment,
    uniforms: { uFrame: { value: null }, uMode: { value: 0 }, uTexel: { value: new Vector2(1, 1) } },
    depthTest: false,
    depthWrite: false,
  });
  private readonly quad = new Mesh(new PlaneGeometry(2, 2), this.material);
  private frame: FramebufferTexture | null = null;
  private filter: ColorFilter = 'none';

  constructor() {
    this.quad.frustumCulled = false;
    this.scene.add(this.quad);
  }

  get current(): ColorFilter {
    return this.filter;
  }

  set(filter: ColorFilter): void {
    this.filter = filter;
    this.material.uniforms.uMode!.value = MODE[filter];
  }

  /** Grades what the renderer has just drawn to the canvas. */
  apply(renderer: WebGLRenderer, width: number, height: number): void {
    if (this.filter === 'none') return;
    if (!this.frame || this.frame.image.width !== width || this.frame.image.height !== height) {
      this.frame?.dispose();
      this.frame = new FramebufferTexture(width, height);
      this.frame.colorSpace = NoColorSpace;
      this.material.uniforms.uFrame!.value = this.frame;
      (this.material.uniforms.uTexel!.value as Vector2).set(1 / width, 1 / height);
    }
    renderer.setScissorTest(false);
    renderer.copyFramebufferToTexture(this.frame);
    renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    this.frame?.dispose();
    this.quad.geometry.dispose();
    this.material.dispose();
  }
}
