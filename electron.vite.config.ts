import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { pathAliases } from './path-aliases.config.mjs';

const root = __dirname;
const resolve = { alias: pathAliases(root) };

/**
 * face-landmarks-detection's ESM build imports `FaceMesh` from @mediapipe/face_mesh for its
 * 'mediapipe' runtime, but that package is a classic script that sets a global and exports
 * nothing (hence Vite's IMPORT_IS_UNDEFINED warning). The studio only uses the 'tfjs' runtime, so
 * the import resolves to this module instead: a real export that says so if it is ever used.
 */
const MEDIAPIPE_STUB_ID = '\0mediapipe-face-mesh-stub';
const mediapipeStub = () => ({
  name: 'mediapipe-face-mesh-stub',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === '@mediapipe/face_mesh' ? MEDIAPIPE_STUB_ID : null),
  load: (id: string) =>
    id === MEDIAPIPE_STUB_ID ? "export class FaceMesh { constructor() { throw new Error('The MediaPipe face-mesh runtime is not bundled: the studio tracks faces with the tfjs runtime.'); } }" : null,
});

export default defineConfig({
  main: {
    resolve,
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: path.join(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve,
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle zod and the contract into it.
      externalizeDeps: false,
      rolldownOptions: { input: { index: path.join(root, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    resolve,
    root: path.join(root, 'renderer'),
    // resources/ (catalog, 3D models, face-model weights, wasm) is served as the app's static root.
    publicDir: path.join(root, 'resources'),
    // electron-vite forces base './' for production builds; index.html's own links are made absolute
    // so a page opened straight at a nested route (/anchor/<id>, a reload on /preview/<id>) still
    // finds /assets/…. Both hosts serve the renderer at their origin's root.
    plugins: [mediapipeStub(), react(), { name: 'absolute-index-links', transformIndexHtml: { order: 'post', handler: (html: string) => html.replace(/(src|href)="\.\//g, '$1="/') } }],
    worker: { plugins: () => [mediapipeStub()] },
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: path.join(root, 'renderer/index.html') } },
    },
  },
});
