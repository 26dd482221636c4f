import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Draft } from '@shared/domain/drafts';
import { parseJournal } from '@shared/domain/recording/journal';
import { JOURNAL_FILE } from '../recording/capture-files';
import type { ExportInput } from '../media/media-service';

/** Beside a still-photo draft's frame: how long its video lasts, so a re-export gives the same video. */
const STILL_SOURCE = 'still.json';
const StillSource = z.object({ file: z.string().regex(/^still\.(png|jpg)$/), seconds: z.number().int().min(1).max(180) });

export async function writeStillSource(dir: string, source: z.input<typeof StillSource>): Promise<void> {
  await writeFile(path.join(dir, STILL_SOURCE), JSON.stringify(StillSource.parse(source)));
}

/** The take's journal says its frames are mirrored (a mirrored camera view). */
function takeWasMirrored(dir: string): boolean {
  const journal = path.join(dir, JOURNAL_FILE);
  if (!existsSync(journal)) return false;
  const start = parseJournal(readFileSync(journal, 'utf8')).entries.find((e) => e.type === 'start');
  return start?.type === 'start' && start.mirrored === true;
}

/** The export's own output name inside the draft folder. */
export const EXPORT_BASE = 'export';

/**
 * What a draft is exported from: the recorded take when there is one (re-exports start from the
 * original, not from an earlier export), the still frame for a photo video, else the draft's file.
 */
export function exportSourceOf(dir: string, draft: Draft, keepMirrored = false): ExportInput {
  for (const name of ['capture.webm', 'capture.mp4']) {
    const file = path.join(dir, name);
    if (existsSync(file)) return { kind: 'video', file, mirrored: !keepMirrored && takeWasMirrored(dir) };
  }
  const still = path.join(dir, STILL_SOURCE);
  if (existsSync(still)) {
    const source = StillSource.parse(JSON.parse(readFileSync(still, 'utf8')));
    return { kind: 'still', file: path.join(dir, source.file), seconds: source.seconds };
  }
  return { kind: 'video', file: path.join(dir, draft.mediaFile) };
}
