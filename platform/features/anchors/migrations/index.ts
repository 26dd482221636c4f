import type { Migration } from 'kysely/migration';
import { migration0120AnchorTriggerMarks } from './0120-anchor-trigger-marks';

/** The anchors feature's migrations, numbered in the platform's one sequence (0120–0129 belong to anchors). */
export const anchorsMigrations: Readonly<Record<string, Migration>> = {
  '0120-anchor-trigger-marks': migration0120AnchorTriggerMarks,
};
