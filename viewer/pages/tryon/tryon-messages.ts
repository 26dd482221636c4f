import type { EngineEvent } from '@renderer/tryon/engine-events';

/** The sentence (an `tryon.*` key) for an engine error; denial and no camera point to the photo alternative. */
export function engineErrorKey(code: Extract<EngineEvent, { type: 'error' }>['code']): 'cameraDenied' | 'noCamera' | 'cameraBusy' | 'badFile' | 'modelFailed' {
  switch (code) {
    case 'permission-denied':
      return 'cameraDenied';
    case 'no-camera':
    case 'camera-lost':
      return 'noCamera';
    case 'camera-busy':
      return 'cameraBusy';
    case 'unsupported-file':
    case 'corrupt-file':
      return 'badFile';
    case 'model':
      return 'modelFailed';
    default: {
      const never: never = code;
      return never;
    }
  }
}

/** A file name for a taken photo: item, shade and time, safe on every file system. */
export function photoFileName(itemName: string, shadeLabel: string, at: Date): string {
  const slug = (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40);
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `${[slug(itemName), slug(shadeLabel)].filter(Boolean).join('-') || 'try-on'}-${stamp}.png`;
}
