/** The Studio's layered look (issue 16 §2: the "On now" list, intensity, undo/redo): `look` in en.ts. */
export const lookEn = {
  onNow: 'On now',
  count_one: '{{count}} item',
  count_other: '{{count}} items',
  empty: 'Nothing on. Pick items below: one each for lips, eyes, cheeks, head and face.',
  layers: 'Items worn',
  current: 'Current: its shades are below',
  meta: '{{kind}} · {{shade}}',
  intensity: '{{item}} intensity',
  drawnWhole: '3D',
  drawnWholeHelp: 'Drawn whole: 3D items have no intensity',
  remove: 'Remove {{item}}',
  undo: 'Undo',
  redo: 'Redo',
  removed: '{{item}} removed.',
};
