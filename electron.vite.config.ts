import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: path.join(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle zod and the contract into it.
      externalizeDeps: false,
      rolldownOptions: { input: { index: path.join(root, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    // resources/ (catalog, 3D models, face-model weights, wasm) is served as the app's static root.
    publicDir: path.join(root, 'resources'),
    plugins: [react()],
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: path.join(root, 'renderer/index.html') } },
    },
  },
});
