import { describe, expect, it } from 'vitest';
import { AUTO_MIN_CORES, checkPreparedExport, chooseEncodeTiming, type PreparedExportNote, type PreparedFacts } from './encode-timing';

describe('chooseEncodeTiming', () => {
  it('follows an explicit choice, and Auto by the machine’s cores', () => {
    expect(chooseEncodeTiming('while-recording', { cores: 2, container: 'webm' }).timing).toBe('while-recording');
    expect(chooseEncodeTiming('after-stop', { cores: 16, container: 'webm' }).timing).toBe('after-stop');
    expect(chooseEncodeTiming('auto', { cores: 2, container: 'webm' })).toEqual({ timing: 'after-stop', reason: expect.stringMatching(/2 cores/) });
    expect(chooseEncodeTiming('auto', { cores: AUTO_MIN_CORES - 1, container: 'webm' }).timing).toBe('after-stop');
    expect(chooseEncodeTiming('auto', { cores: AUTO_MIN_CORES, container: 'webm' }).timing).toBe('while-recording');
  });
  it('encodes an MP4 take after Stop whatever the setting', () => {
    expect(chooseEncodeTiming('while-recording', { cores: 8, container: 'mp4' }).timing).toBe('after-stop');
  });
});

describe('checkPreparedExport', () => {
  const facts: PreparedFacts = {
    videoCodec: 'h264',
    profile: 'High',
    pixFmt: 'yuv420p',
    avgFrameRate: '30/1',
    realFrameRate: '30/1',
    audioCodec: 'aac',
    sampleRate: '48000',
    channels: 2,
    width: 1280,
    height: 720,
    faststart: true,
    durationMs: 60_020,
  };
  const expected = { width: 1280, height: 720, durationMs: 60_000, encoder: { preset: 'veryfast', crf: 23 }, flip: false } as const;
  const note: PreparedExportNote = { version: 1, encoder: { preset: 'veryfast', crf: 23 }, flip: false };

  it('accepts the export’s own format at the take’s length', () => {
    expect(checkPreparedExport(facts, expected, note)).toEqual({ ok: true });
  });
  it('refuses anything the export would have written differently', () => {
    const refused = (f: Partial<PreparedFacts>, n: Partial<PreparedExportNote> = {}) => checkPreparedExport({ ...facts, ...f }, expected, { ...note, ...n }).ok;
    expect(refused({}, { encoder: { preset: 'fast', crf: 23 } })).toBe(false);
    expect(refused({}, { encoder: { preset: 'veryfast', crf: 20 } })).toBe(false);
    expect(refused({}, { flip: true })).toBe(false);
    expect(refused({ profile: 'Constrained Baseline' })).toBe(false);
    expect(refused({ pixFmt: 'yuv444p' })).toBe(false);
    expect(refused({ avgFrameRate: '2997/100' })).toBe(false);
    expect(refused({ realFrameRate: '60/1' })).toBe(false);
    expect(refused({ audioCodec: null, sampleRate: null, channels: null })).toBe(false);
    expect(refused({ sampleRate: '44100' })).toBe(false);
    expect(refused({ width: 1920, height: 1080 })).toBe(false);
    expect(refused({ faststart: false })).toBe(false);
    expect(refused({ durationMs: 58_000 })).toBe(false);
    expect(checkPreparedExport({ ...facts, durationMs: 59_000 }, expected, note)).toEqual({ ok: false, reason: 'lasts 59000 ms, the take 60000 ms' });
  });
});
