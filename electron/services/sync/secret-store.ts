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

/** The part of Electron's `safeStorage` this module needs; main passes `safeStorage` itself. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The Electron store: the secret encrypted with the OS keychain (safeStorage) in a 0600 file.
 * Where the OS offers no encryption it refuses to write rather than storing the token in clear;
 * the browser-hosted studio uses FileSecretStore instead.
 */
export class EncryptedFileSecretStore implements SecretStore {
  private readonly file: FileSecretStore;

  constructor(
    path: string,
    private readonly cipher: StringCipher,
  ) {
    this.file = new FileSecretStore(path);
  }

  async read(): Promise<string | null> {
    const stored = await this.file.read();
    if (stored === null || !this.cipher.isEncryptionAvailable()) return null;
    try {
      return this.cipher.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      return null; // a keychain change makes old secrets unreadable: treat as signed out
    }
  }

  async write(secret: string): Promise<void> {
    if (!this.cipher.isEncryptionAvailable()) throw new Error('This system offers no encrypted storage; the platform token was not saved');
    await this.file.write(this.cipher.encryptString(secret).toString('base64'));
  }

  clear(): Promise<void> {
    return this.file.clear();
  }
}
