import { expect, test } from 'vitest';
import { viewerPaths } from '@shared/domain/viewer-paths';
import { viewerPageUrl } from './platform-page-url';

test('viewer pages on the platform: encoded ids, the origin only, nothing but http(s) and same-origin paths', () => {
  expect(viewerPageUrl('http://127.0.0.1:4310', viewerPaths.video('vid_1'))).toBe('http://127.0.0.1:4310/v/vid_1');
  expect(viewerPageUrl('https://p.example/api/v1/', viewerPaths.order('ord_1', 'watch'))).toBe('https://p.example/orders/ord_1?open=watch');
  expect(viewerPaths.sharedVideo('a/b')).toBe('/shared/a%2Fb');
  expect(viewerPageUrl('http://127.0.0.1:4310', '//evil.example/x')).toBeNull();
  expect(viewerPageUrl('http://127.0.0.1:4310', 'v/1')).toBeNull();
  expect(viewerPageUrl('javascript:alert(1)', '/')).toBeNull();
  expect(viewerPageUrl('not a url', '/')).toBeNull();
});
