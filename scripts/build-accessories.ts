/**
 * Builds our own 3D accessories as glTF 2.0 binaries in resources/accessories/ (committed), plus the
 * head occluder and the canonical-face basis the pose solver fits against.
 *
 *   npx tsx scripts/build-accessories.ts && npx prettier --write shared/domain/tryon/canonical-face.ts
 *
 * Everything is modelled in MediaPipe's canonical face space (centimetres; x to the subject's left,
 * y up, z toward the camera; eyes at y ≈ 2.6, nose tip at z ≈ 7.6), so the engine places a model with
 * the head pose alone. A vendor's model authored in the same space loads the same way. Materials whose
 * name starts with `tint` take the catalog attribute's colour at run time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCanonicalFace, writeCanonicalBasis } from './accessories/canonical-face';
import { glassesRound, glassesSquare } from './accessories/glasses';
import { hatBeanie, hatFedora } from './accessories/hats';
import { headOccluder } from './accessories/head-occluder';
import { writeGlb, type GlbMaterial, type GlbMesh } from './glb-writer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'resources', 'accessories');
const GENERATOR = 'Anchor Studio scripts/build-accessories.ts';

async function main(): Promise<void> {
  const face = readCanonicalFace(root);
  writeCanonicalBasis(face, root);
  mkdirSync(outDir, { recursive: true });
  const models: Record<string, { meshes: GlbMesh[]; materials: GlbMaterial[] }> = {
    'glasses-round': glassesRound(),
    'glasses-square': glassesSquare(),
    'hat-fedora': hatFedora(face),
    'hat-beanie': hatBeanie(),
    'head-occluder': await headOccluder(face),
  };
  for (const [name, model] of Object.entries(models)) {
    const bytes = writeGlb(model.meshes, model.materials, GENERATOR);
    writeFileSync(join(outDir, `${name}.glb`), bytes);
    process.stdout.write(`resources/accessories/${name}.glb  ${(bytes.byteLength / 1024).toFixed(1)} KiB\n`);
  }
}

void main();
