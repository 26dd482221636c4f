import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * Where posted media (videos, covers) live, by key (`<videoId>/video.mp4`). The platform's one seam
 * for it: the local-disk implementation below is what a single node uses, and what several nodes
 * use on a shared volume (NFS, EFS, a mounted bucket); an object store would implement the same
 * calls. Uploads in progress are not here: tus keeps them in its own directory.
 */
export interface MediaStorage {
  /** Takes a finished local file in under `key` (the file is moved, not copied, where it can be). */
  put(key: string, localFile: string): Promise<void>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ readonly size: number } | null>;
  /** The object's bytes, all or one inclusive range. */
  read(key: string, range?: ByteRange): Readable;
  /** Removes every object under `prefix/` (a video's folder); nothing there is fine. */
  removeAll(prefix: string): Promise<void>;
  /** The top-level prefixes that hold objects (one per video), for the start-up orphan sweep. */
  prefixes(): Promise<string[]>;
  /** Runs `work` with the object as a local file (tools like ffmpeg need a path); a remote store would download it first. */
  withLocalFile<T>(key: string, work: (file: string) => Promise<T>): Promise<T>;
}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Keys are relative paths of plain names: nothing absolute, no `..`, so no key leaves the root. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return key;
}

export class LocalDiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, localFile: string): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(localFile, target);
  }

  async stat(key: string): Promise<{ readonly size: number } | null> {
    try {
      const info = await stat(this.file(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  read(key: string, range?: ByteRange): Readable {
    return createReadStream(this.file(key), range ? { start: range.start, end: range.end } : {});
  }

  async removeAll(prefix: string): Promise<void> {
    await rm(this.file(prefix), { recursive: true, force: true });
  }

  /** Folders whose names are keys; anything else on the volume (lost+found, dotfiles) is not ours. */
  async prefixes(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries.filter((e) => e.isDirectory() && KEY.test(e.name) && !e.name.includes('/')).map((e) => e.name);
  }

  withLocalFile<T>(key: string, work: (file: string) => Promise<T>): Promise<T> {
    return work(this.file(key));
  }
}
