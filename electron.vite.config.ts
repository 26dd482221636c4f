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
    // electron-vite forces base './' for production builds; index.html's own links are made absolute
    // so a page opened straight at a nested route (/anchor/<id>, a reload on /preview/<id>) still
    // finds /assets/…. Both hosts serve the renderer at their origin's root.
    plugins: [react(), { name: 'absolute-index-links', transformIndexHtml: { order: 'post', handler: (html: string) => html.replace(/(src|href)="\.\//g, '$1="/') } }],
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: path.join(root, 'renderer/index.html') } },
    },
  },
});
