import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pathAliases } from '../path-aliases.config.mjs';

const root = path.resolve(import.meta.dirname, '..');

/**
 * As in electron.vite.config.ts: face-landmarks-detection imports `FaceMesh` from
 * @mediapipe/face_mesh for a runtime the try-on engine never uses (tfjs only), and that package
 * exports nothing. The import resolves to a module that says so if it is ever called.
 */
const MEDIAPIPE_STUB_ID = '\0mediapipe-face-mesh-stub';
const mediapipeStub = () => ({
  name: 'mediapipe-face-mesh-stub',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === '@mediapipe/face_mesh' ? MEDIAPIPE_STUB_ID : null),
  load: (id: string) => (id === MEDIAPIPE_STUB_ID ? "export class FaceMesh { constructor() { throw new Error('The MediaPipe face-mesh runtime is not bundled.'); } }" : null),
});

/**
 * The viewer web app (`npm run build:viewer`): static files in out/viewer that the platform serves
 * at `/` (platform/features/web-app). resources/ is its public dir, so the try-on engine's model
 * weights, wasm and 3D accessories come from the platform's own origin, never a CDN.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: { alias: pathAliases(root) },
  publicDir: path.join(root, 'resources'),
  plugins: [mediapipeStub(), react()],
  worker: { format: 'es', plugins: () => [mediapipeStub()] },
  build: {
    outDir: path.join(root, 'out', 'viewer'),
    emptyOutDir: true,
    // The try-on engine (tfjs, three) is far over this on purpose: it is a lazy chunk.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: { index: path.join(import.meta.dirname, 'index.html') } },
  },
});
