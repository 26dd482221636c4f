import { Color, ShaderMaterial, UniformsLib, UniformsUtils, type MeshStandardMaterial } from 'three';

/**
 * The scene's diffuse light at one surface normal (view space): the ambient light, the light probe
 * (the room as spherical harmonics), the hemisphere lights and the directional lights, summed as
 * three's MeshLambertMaterial sums them per pixel (lights_fragment_begin), with its own functions.
 */
const irradiance = /* glsl */ `
  vec3 irradianceAt(const in vec3 n) {
    vec3 light = getAmbientLightIrradiance(ambientLightColor);
    #if defined( USE_LIGHT_PROBES )
      light += getLightProbeIrradiance(lightProbe, n);
    #endif
    #if NUM_HEMI_LIGHTS > 0
      #pragma unroll_loop_start
      for (int i = 0; i < NUM_HEMI_LIGHTS; i++) {
        light += getHemisphereLightIrradiance(hemisphereLights[i], n);
      }
      #pragma unroll_loop_end
    #endif
    #if NUM_DIR_LIGHTS > 0
      #pragma unroll_loop_start
      for (int i = 0; i < NUM_DIR_LIGHTS; i++) {
        light += saturate(dot(n, directionalLights[i].direction)) * directionalLights[i].color;
      }
      #pragma unroll_loop_end
    #endif
    return light;
  }
`;

// `#include <common>` and `#include <begin_vertex>` stay: accessory-layer.ts's `earward` hooks them.
const vertexShader = /* glsl */ `
  #include <common>
  #include <bsdfs>
  #include <lights_pars_begin>
  varying vec3 vFront;
  varying vec3 vBack;
  ${irradiance}
  void main() {
    #include <beginnormal_vertex>
    #include <defaultnormal_vertex>
    #include <begin_vertex>
    #include <project_vertex>
    vec3 n = normalize(transformedNormal);
    vFront = irradianceAt(n);
    vBack = irradianceAt(-n);
  }
`;

const fragmentShader = /* glsl */ `
  #include <common>
  #include <bsdfs>
  uniform vec3 diffuse;
  uniform float opacity;
  varying vec3 vFront;
  varying vec3 vBack;
  void main() {
    // A double-sided surface seen from behind (inside a hat's crown) is lit on that side.
    vec3 light = gl_FrontFacing ? vFront : vBack;
    gl_FragColor = vec4(light * BRDF_Lambert(diffuse), opacity);
    #include <colorspace_fragment>
  }
`;

/**
 * Lambert lit per vertex (Gouraud): the Fast tier's material for 3D accessories. The light of three's
 * Lambert, computed at each vertex and interpolated, so a pixel costs one colour multiply. On a
 * software rasteriser per-pixel Lambert is most of a hat's cost (`npm run bench -- tryon --draw`);
 * a diffuse light varies slowly over these meshes, so the two look alike (e2e tryon-looks compares
 * them). No texture, no reflections: the accessories' materials have neither on Fast.
 */
export class VertexLambertMaterial extends ShaderMaterial {
  constructor(source: Pick<MeshStandardMaterial, 'name' | 'color' | 'opacity' | 'transparent' | 'side' | 'depthWrite'>) {
    super({
      name: source.name,
      vertexShader,
      fragmentShader,
      uniforms: UniformsUtils.merge([UniformsLib.lights, { diffuse: { value: new Color() }, opacity: { value: source.opacity } }]),
      lights: true,
      transparent: source.transparent,
      side: source.side,
      depthWrite: source.depthWrite,
    });
    this.color.copy(source.color);
  }

  /** The diffuse colour (linear), as a MeshLambertMaterial's `color`. */
  get color(): Color {
    return this.uniforms.diffuse!.value as Color;
  }
}
