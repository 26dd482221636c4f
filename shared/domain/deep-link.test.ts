import { describe, expect, it } from 'vitest';
import { deepLinkPath } from './deep-link';

describe('deepLinkPath', () => {
  it('turns an anchor link into its route', () => {
    expect(deepLinkPath('anchorstudio://anchor/anc_123abc')).toBe('/anchor/anc_123abc');
    expect(deepLinkPath('anchorstudio://anchor/anc_123abc/')).toBe('/anchor/anc_123abc');
    expect(deepLinkPath('anchorstudio://anchor/x?utm=1#frag')).toBe('/anchor/x');
  });
  it('refuses other schemes, traversal and odd characters', () => {
    expect(deepLinkPath('https://anchor/abc')).toBeNull();
    expect(deepLinkPath('anchorstudio://anchor/../../etc/passwd')).toBeNull();
    expect(deepLinkPath('anchorstudio://anchor/<script>')).toBeNull();
    expect(deepLinkPath('anchorstudio://')).toBeNull();
    expect(deepLinkPath('anchorstudio://anchor/' + 'a'.repeat(600))).toBeNull();
  });
});
