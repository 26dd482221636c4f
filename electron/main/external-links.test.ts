import { expect, test } from 'vitest';
import { opensExternally } from './external-links';

test('links out: https anywhere, http only to loopback, nothing else', () => {
  expect(opensExternally('https://platform.example/v/vid_1')).toBe(true);
  expect(opensExternally('http://127.0.0.1:4310/')).toBe(true);
  expect(opensExternally('http://localhost:4310/shared/abc')).toBe(true);
  expect(opensExternally('http://[::1]:4310/')).toBe(true);
  expect(opensExternally('http://platform.example/')).toBe(false);
  expect(opensExternally('http://127.0.0.1.evil.example/')).toBe(false);
  expect(opensExternally('file:///etc/passwd')).toBe(false);
  expect(opensExternally('javascript:alert(1)')).toBe(false);
  expect(opensExternally('not a url')).toBe(false);
});
