import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the platform token lives. Electron main injects one backed by safeStorage; the browser-hosted
 * studio and tests use the 0600 file below. Never renderer storage.
 */
export interface SecretStore {
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
  clear(): Promise<void>;
}

/** A file readable only by this user (0600), written atomically so a crash never leaves half a token. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async read(): Promise<string | null> {
    try {
      const text = (await readFile(this.file, 'utf8')).trim();
      return text === '' ? null : text;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(secret: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, secret, { mode: 0o600 });
    await chmod(temp, 0o600); // the mode above is masked by umask; this is not
    await rename(temp, this.file);
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
