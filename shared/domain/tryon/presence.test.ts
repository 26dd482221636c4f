import { describe, expect, it } from 'vitest';
import { FacePresence, STILL_PRESENCE } from './presence';

describe('FacePresence', () => {
  it('says found only after two detections in a row', () => {
    const p = new FacePresence({ foundAfterFrames: 2, lostAfterMs: 300 });
    expect(p.update(true, 0)).toBeNull();
    expect(p.update(false, 33)).toBeNull();
    expect(p.update(true, 66)).toBeNull();
    expect(p.update(true, 100)).toBe('found');
    expect(p.present).toBe(true);
  });

  it('rides out short misses and says lost after the dead band', () => {
    const p = new FacePresence({ foundAfterFrames: 1, lostAfterMs: 300 });
    expect(p.update(true, 0)).toBe('found');
    expect(p.update(false, 100)).toBeNull();
    expect(p.update(false, 250)).toBeNull();
    expect(p.update(true, 280)).toBeNull();
    expect(p.update(false, 500)).toBeNull();
    expect(p.update(false, 580)).toBe('lost');
    expect(p.update(false, 900)).toBeNull();
    expect(p.present).toBe(false);
  });

  it('decides a still photo at once', () => {
    const p = new FacePresence(STILL_PRESENCE);
    expect(p.update(true, 0)).toBe('found');
    expect(p.update(false, 0)).toBe('lost');
  });
});
