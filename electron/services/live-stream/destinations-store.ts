import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StudioFailure } from '@shared/ipc/result';
import { DestinationId, DestinationInput, PLATFORM_DESTINATION, PRESET_KBPS, StreamOutput, type DestinationView } from '@shared/ipc/nouns/live-stream';
import type { SecretStore } from '../sync/secret-store';

const Stored = z.object({
  platformEnabled: z.boolean().default(true),
  output: StreamOutput.default({ orientation: 'landscape', preset: '720p30', videoKbps: PRESET_KBPS['720p30'] }),
  custom: z.array(z.object({ id: DestinationId, name: z.string(), url: z.string(), keyLast4: z.string(), enabled: z.boolean() })).default([]),
});
type Stored = z.output<typeof Stored>;

/** At most this many custom destinations (each one is an ffmpeg encoding on this machine). */
export const MAX_CUSTOM = 8;

export type CustomTarget = Readonly<{ id: DestinationId; name: string; url: string; key: string }>;

/**
 * The custom destinations and the output choice: names, URLs and on/off in a JSON file in the data
 * dir; the keys apart, as one secret in a SecretStore (Electron: safeStorage-encrypted, like the
 * platform token; the browser-hosted studio: a 0600 file). Only a key's last 4 characters leave.
 */
export class DestinationsStore {
  private cache: Stored | null = null;

  constructor(
    private readonly file: string,
    private readonly keys: SecretStore,
  ) {}

  async views(platformUrl: string | null): Promise<{ destinations: DestinationView[]; output: StreamOutput }> {
    const s = await this.load();
    const platform: DestinationView = { id: PLATFORM_DESTINATION, kind: 'platform', name: 'Anchor Live', url: platformUrl ?? '', keyLast4: null, enabled: s.platformEnabled };
    return { destinations: [platform, ...s.custom.map((c) => ({ ...c, kind: 'custom' as const }))], output: s.output };
  }

  async output(): Promise<StreamOutput> {
    return (await this.load()).output;
  }

  async setOutput(output: StreamOutput): Promise<StreamOutput> {
    const s = await this.load();
    await this.saveStored({ ...s, output });
    return output;
  }

  async platformEnabled(): Promise<boolean> {
    return (await this.load()).platformEnabled;
  }

  async save(input: DestinationInput): Promise<DestinationView> {
    const parsed = DestinationInput.parse(input);
    if (parsed.id === PLATFORM_DESTINATION) throw new StudioFailure('invalid_input', { key: 'stream.platformFixed' });
    const s = await this.load();
    const keys = await this.readKeys();
    const existing = parsed.id ? s.custom.find((c) => c.id === parsed.id) : undefined;
    if (parsed.id && !existing) throw new StudioFailure('not_found', { key: 'stream.destinationGone' });
    if (!existing && !parsed.key) throw new StudioFailure('invalid_input', { key: 'stream.keyNeeded' });
    if (!existing && s.custom.length >= MAX_CUSTOM) throw new StudioFailure('conflict', { key: 'stream.tooMany', params: { max: MAX_CUSTOM } });
    const id = existing?.id ?? (`dst_${randomBytes(6).toString('hex')}` as DestinationId);
    if (parsed.key) keys[id] = parsed.key;
    const keyLast4 = (keys[id] ?? '').slice(-4);
    const entry = { id, name: parsed.name, url: parsed.url, keyLast4, enabled: parsed.enabled };
    await this.writeKeys(keys);
    await this.saveStored({ ...s, custom: existing ? s.custom.map((c) => (c.id === id ? entry : c)) : [...s.custom, entry] });
    return { ...entry, kind: 'custom' };
  }

  async remove(id: DestinationId): Promise<void> {
    if (id === PLATFORM_DESTINATION) throw new StudioFailure('invalid_input', { key: 'stream.platformKept' });
    const s = await this.load();
    const keys = await this.readKeys();
    delete keys[id];
    await this.writeKeys(keys);
    await this.saveStored({ ...s, custom: s.custom.filter((c) => c.id !== id) });
  }

  async setEnabled(id: DestinationId, enabled: boolean, platformUrl: string | null): Promise<DestinationView> {
    const s = await this.load();
    if (id === PLATFORM_DESTINATION) {
      await this.saveStored({ ...s, platformEnabled: enabled });
      return (await this.views(platformUrl)).destinations[0]!;
    }
    const found = s.custom.find((c) => c.id === id);
    if (!found) throw new StudioFailure('not_found', { key: 'stream.destinationGone' });
    const entry = { ...found, enabled };
    await this.saveStored({ ...s, custom: s.custom.map((c) => (c.id === id ? entry : c)) });
    return { ...entry, kind: 'custom' };
  }

  /** The enabled custom destinations with their keys, for going live (main-side only). */
  async enabledTargets(): Promise<CustomTarget[]> {
    const s = await this.load();
    const keys = await this.readKeys();
    return s.custom.filter((c) => c.enabled && keys[c.id]).map((c) => ({ id: c.id, name: c.name, url: c.url, key: keys[c.id]! }));
  }

  private async load(): Promise<Stored> {
    if (this.cache) return this.cache;
    try {
      this.cache = Stored.parse(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      this.cache = Stored.parse({}); // none yet, or unreadable: start over rather than refuse to stream
    }
    return this.cache;
  }

  private async saveStored(next: Stored): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(next, null, 2));
    await rename(temp, this.file);
    this.cache = next;
  }

  private async readKeys(): Promise<Record<string, string>> {
    const text = await this.keys.read();
    if (!text) return {};
    try {
      const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  private async writeKeys(keys: Record<string, string>): Promise<void> {
    if (Object.keys(keys).length === 0) await this.keys.clear();
    else await this.keys.write(JSON.stringify(keys));
  }
}
