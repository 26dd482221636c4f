import path from 'node:path';
import type { DraftId } from '@shared/domain/ids';

/** Where a draft's files live: `<dataDir>/drafts/<draftId>/`. */
export class DraftFiles {
  readonly root: string;
  readonly importsDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'drafts');
    this.importsDir = path.join(dataDir, 'imports');
  }

  dirOf(id: DraftId): string {
    return path.join(this.root, id);
  }

  /**
   * Resolves `drafts/<id>/<file>` from a media URL to a path inside the drafts folder, or null for
   * anything that would escape it (`..`, separators, absolute paths).
   */
  resolveMedia(id: string, file: string): string | null {
    if (!/^drf_[0-9a-z]{10,40}$/.test(id)) return null;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(file) || file.includes('..')) return null;
    const resolved = path.resolve(this.root, id, file);
    return resolved.startsWith(path.resolve(this.root) + path.sep) ? resolved : null;
  }
}
