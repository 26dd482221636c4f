import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EncryptedFileSecretStore, FileSecretStore, type StringCipher } from './secret-store';

const dir = mkdtempSync(path.join(os.tmpdir(), 'secret-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real AES-256-GCM cipher standing in for the OS keychain behind Electron's safeStorage. */
function aesCipher(available = true): StringCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

test('FileSecretStore: 0600 even under a permissive umask, round trip, clear', async () => {
  const file = path.join(dir, 'plain', 'token');
  const store = new FileSecretStore(file);
  const oldUmask = process.umask(0o000);
  try {
    await store.write('pt_secret');
  } finally {
    process.umask(oldUmask);
  }
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(await store.read()).toBe('pt_secret');
  await store.clear();
  expect(await store.read()).toBeNull();
});

test('EncryptedFileSecretStore: the file never holds the secret in clear; another key cannot read it', async () => {
  const file = path.join(dir, 'enc', 'token');
  const cipher = aesCipher();
  await new EncryptedFileSecretStore(file, cipher).write('pt_very_secret');
  expect(readFileSync(file, 'utf8')).not.toContain('pt_very_secret');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(await new EncryptedFileSecretStore(file, cipher).read()).toBe('pt_very_secret');
  expect(await new EncryptedFileSecretStore(file, aesCipher()).read()).toBeNull();
});

test('EncryptedFileSecretStore refuses to store in clear when the OS has no encryption', async () => {
  const store = new EncryptedFileSecretStore(path.join(dir, 'none', 'token'), aesCipher(false));
  await expect(store.write('pt_x')).rejects.toThrow(/no encrypted storage/);
  expect(await store.read()).toBeNull();
});
