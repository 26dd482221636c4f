import { describe, expect, it } from 'vitest';
import { initials } from './VideoPage';

describe('initials', () => {
  it('takes the first letter or digit of the first two words', () => {
    expect(initials('Mia (demo creator)')).toBe('MD');
    expect(initials('ana lopez garcia')).toBe('AL');
    expect(initials('  "Bea"  ')).toBe('B');
    expect(initials('张伟')).toBe('张');
    expect(initials('3am Crew')).toBe('3C');
  });
  it('falls back to ? when there is no letter or digit', () => {
    expect(initials('')).toBe('?');
    expect(initials('🙂 ~~')).toBe('?');
  });
});
