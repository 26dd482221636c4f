/**
 * The shooting page's filters, without three.js: the page imports these names from the shell's
 * chunk, while the pass that draws them (color-filter.ts) loads with the engine.
 */
export const COLOR_FILTERS = ['none', 'warm', 'cool', 'mono', 'soft-skin', 'vivid'] as const;
export type ColorFilter = (typeof COLOR_FILTERS)[number];
