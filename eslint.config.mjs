// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering rule (../shared/HOUSE_STYLE.md), as one table: for each folder,
 * the import patterns it must never use. ESLint's own no-restricted-imports
 * enforces it, so there is no plugin to keep in step with ESLint majors.
 */
const node = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads', 'zlib', 'events'];
const platformNever = ['electron', '**/electron/**', '**/renderer/**', 'react', 'react-dom', '**/shared/ipc/**'];
const layers = [
  {
    folder: 'shared',
    never: [...node, 'electron', 'react', 'react-dom', 'react/*', 'three', 'three/*', '@tensorflow/*', '**/electron/**', '**/renderer/**', '**/platform/**', 'better-sqlite3', 'fastify', 'ws'],
    why: 'shared/ is pure TypeScript: only shared/ code and pure libraries (zod).',
  },
  {
    folder: 'electron/preload',
    never: [...node, 'react', 'react-dom', 'three', '**/renderer/**', '**/platform/**', '**/services/**', '**/main/**', '**/web/**', '**/shared/domain/**', '**/shared/protocol/**'],
    why: 'the preload may import only shared/ipc and electron.',
  },
  {
    folder: 'electron/services',
    never: ['electron', '**/renderer/**', '**/platform/**/*.tsx', 'react', 'react-dom'],
    why: 'services run under plain Node too (browser-hosted studio, tests): Electron is injected by electron/main.',
  },
  {
    folder: 'electron/web',
    never: ['electron', '**/renderer/**', 'react', 'react-dom'],
    why: 'the browser-hosted studio composition root runs under plain Node.',
  },
  {
    folder: 'electron/main',
    never: ['**/renderer/**', 'react', 'react-dom'],
    why: 'main never imports renderer code.',
  },
  {
    folder: 'renderer',
    never: [...node, 'electron', '**/electron/**', '**/platform/**', 'better-sqlite3', 'fastify', 'ws'],
    why: 'the renderer talks to the main side only through the contract client.',
  },
  {
    folder: 'viewer',
    // Node's `events` as a regex: the glob would also refuse shared/protocol/events.
    never: [...node.filter((n) => n !== 'events'), 'electron', '**/electron/**', '**/platform/**', 'better-sqlite3', 'fastify', 'ws'],
    // Of the renderer, only the try-on engine (a glob cannot re-include a folder inside an excluded one).
    regex: '(^|/|@)renderer/(?!tryon/)|^events$',
    why: 'the viewer web app may import shared/ and the try-on engine (renderer/tryon) only.',
    ignores: ['viewer/vite.config.mts'],
  },
  {
    folder: 'platform',
    never: platformNever,
    why: 'the platform uses shared/protocol and shared/domain, never the studio.',
  },
  {
    folder: 'platform/kernel',
    never: [...platformNever, '**/features/**', '**/platform/app', '**/seed/**'],
    why: 'the platform kernel serves every feature and knows none of them.',
  },
  {
    folder: 'platform/features',
    // Within a feature: ./x. Another feature: only its service module (../videos/service).
    never: [...platformNever, '../*/routes', '../*/repository', '../*/*-repository', '../*/*-routes', '../*/check-*', '../../app', '../../seed/**'],
    why: "a feature uses the kernel, shared/ and another feature only through that feature's service.ts.",
  },
];

// The import aliases (tsconfig.base.json paths) are held to the same table: a folder that may not import shared/ipc may not import @shared/ipc either.
const withAliases = (patterns) =>
  patterns.flatMap((p) => {
    const aliased = /^\*\*\/(shared|platform|renderer)\/(.*)$/.exec(p);
    return aliased ? [p, `@${aliased[1]}/${aliased[2]}`] : [p];
  });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-output/**', 'resources/models/**', 'resources/wasm/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|test|describe)$/]', message: 'no focused or skipped tests' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['viewer/**/*.{ts,tsx}'],
    ignores: ['viewer/vite.config.mts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layers.map((layer) => ({
    files: [`${layer.folder}/**/*.{ts,tsx}`],
    ...(layer.ignores ? { ignores: layer.ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: withAliases(layer.never), message: `Layering: ${layer.why}` }, ...(layer.regex ? [{ regex: layer.regex, message: `Layering: ${layer.why}` }] : [])] },
      ],
    },
  })),
);
