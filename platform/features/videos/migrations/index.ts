import type { Migration } from 'kysely/migration';
import { migration0130ImagePostsAndLooks } from './0130-image-posts-and-looks';

/** The videos feature's migrations, numbered in the platform's one sequence (0130–0139 belong to videos). */
export const videosMigrations: Readonly<Record<string, Migration>> = {
  '0130-image-posts-and-looks': migration0130ImagePostsAndLooks,
};
