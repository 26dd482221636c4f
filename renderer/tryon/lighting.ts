import { CubeCamera, DirectionalLight, FloatType, HemisphereLight, LightProbe, PMREMGenerator, WebGLCubeRenderTarget, type Scene, type Texture, type WebGLRenderer } from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { LightProbeGenerator } from 'three/examples/jsm/lights/LightProbeGenerator.js';
import type { QualityTier } from '@shared/domain/tryon/quality';

/** How strongly the room lights the accessories (reflections and ambient alike). */
const ROOM_INTENSITY = 0.55;

/**
 * The accessories' light: a sky/ground fill, a key light, and a prefiltered room for reflections on
 * metal and lenses. Built on the first 3D look, not at start: on a software renderer prefiltering
 * takes seconds, and makeup never needs it.
 *
 * On a software renderer sampling the prefiltered room costs more than everything else a hat draws
 * (fedora, `npm run bench -- tryon`: ~9 of ~14 ms a frame). A model with nothing shiny (felt, knit:
 * rough dielectrics, whose reflection is a faint blur) is lit there by the same room reduced to nine
 * spherical-harmonic coefficients (a LightProbe: its diffuse light, nearly exact, for a few
 * multiply-adds a pixel). Metal and glass keep the real reflections everywhere; a GPU keeps them for
 * everything.
 */
export class AccessoryLighting {
  private environment: Texture | null = null;
  private readonly probe = new LightProbe();
  private building: Promise<void> | null = null;
  /** Set by dispose: a build still waiting on the GPU then stops quietly (the renderer is gone). */
  private disposed = false;
  private shiny = true;
  private tier: QualityTier = 'high';

  constructor(
    private readonly scene: Scene,
    private readonly renderer: WebGLRenderer,
    private readonly softwareRenderer: boolean,
  ) {
    const sky = new HemisphereLight(0xffffff, 0x51443a, 1.1);
    const key = new DirectionalLight(0xffffff, 1.6);
    key.position.set(0.35, 0.7, 1);
    this.probe.intensity = 0;
    scene.add(sky, key, this.probe);
    scene.environmentIntensity = ROOM_INTENSITY;
  }

  /** Builds the room and its light probe once. */
  ensure(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  /** Whether the shown model has shiny materials (metal, lenses): they get the real reflections. */
  setShiny(shiny: boolean): void {
    this.shiny = shiny;
    this.apply();
  }

  /** Fast draws no environment reflections (Lambert ignores them; the probe lights it instead). */
  setTier(tier: QualityTier): void {
    this.tier = tier;
    this.apply();
  }

  private async build(): Promise<void> {
    const room = new RoomEnvironment();
    const pmrem = new PMREMGenerator(this.renderer);
    this.environment = pmrem.fromScene(room, 0.04).texture;
    pmrem.dispose();
    {
      // The room rendered into a small float cube (its lights are far brighter than 1), then
      // projected onto spherical harmonics.
      const target = new WebGLCubeRenderTarget(32, { type: FloatType });
      // The compositor draws without auto-clearing; a fresh cube needs its colour and depth cleared.
      const autoClear = this.renderer.autoClear;
      this.renderer.autoClear = true;
      new CubeCamera(0.1, 100, target).update(this.renderer, room);
      this.renderer.autoClear = autoClear;
      try {
        const probe = await LightProbeGenerator.fromCubeRenderTarget(this.renderer, target);
        this.probe.sh.copy(probe.sh);
      } catch (error) {
        // Leaving the page while the probe is read back disposes the renderer under it: three then
        // fails reading the cube. Nothing is left to light; any other failure is real.
        if (!this.disposed) throw error;
      } finally {
        target.dispose();
      }
    }
    room.dispose();
    if (this.disposed) {
      this.environment?.dispose();
      return;
    }
    this.apply();
  }

  private apply(): void {
    const reflections = this.tier === 'high' && (!this.softwareRenderer || this.shiny);
    this.scene.environment = reflections ? this.environment : null;
    this.probe.intensity = reflections ? 0 : ROOM_INTENSITY;
  }

  dispose(): void {
    this.disposed = true;
    this.environment?.dispose();
  }
}
