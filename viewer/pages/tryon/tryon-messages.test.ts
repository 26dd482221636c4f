import { describe, expect, it } from 'vitest';
import { engineErrorKey, photoFileName } from './tryon-messages';

describe('try-on messages', () => {
  it('points a denied or missing camera to the photo alternative', () => {
    expect(engineErrorKey('permission-denied')).toBe('cameraDenied');
    expect(engineErrorKey('no-camera')).toBe('noCamera');
    expect(engineErrorKey('camera-busy')).toBe('cameraBusy');
    expect(engineErrorKey('corrupt-file')).toBe('badFile');
    expect(engineErrorKey('model')).toBe('modelFailed');
  });

  it('names a taken photo after the item, shade and time', () => {
    expect(photoFileName('Velvet Rouge', 'Classic Red', new Date(Date.UTC(2026, 11, 3, 1, 2, 3)))).toBe('velvet-rouge-classic-red-20261203T010203.png');
    expect(photoFileName('丝绒 口红', '', new Date(0))).toBe('丝绒-口红-19700101T000000.png');
    expect(photoFileName('///', '', new Date(0))).toBe('try-on-19700101T000000.png');
  });
});
