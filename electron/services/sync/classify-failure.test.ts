import { expect, test } from 'vitest';
import { classifyFailure } from './classify-failure';
import { PlatformError, PlatformUnreachableError } from './platform-http';
import { TusUploadError } from './tus-upload';

test.each([
  ['no answer to a PATCH', new TusUploadError('socket hang up', null, '', 'patch'), 'offline'],
  ['tus 500', new TusUploadError('x', 500, '', 'patch'), 'retry'],
  ['tus 423 (previous PATCH still holds the lock)', new TusUploadError('x', 423, '', 'patch'), 'retry'],
  ['tus 401', new TusUploadError('x', 401, '{"error":{"code":"token_expired","message":"expired"}}', 'create'), 'sign-in'],
  ['stored upload gone on resume', new TusUploadError('x', 404, '', 'resume'), 'restart-upload'],
  ['tus 409 offset conflict', new TusUploadError('x', 409, 'Upload-Offset conflict\n', 'patch'), 'resume-upload'],
  ['tus 413 too large at creation', new TusUploadError('x', 413, 'Maximum size exceeded\n', 'create'), 'fatal'],
  ['platform unreachable', new PlatformUnreachableError('down'), 'offline'],
  ['create 401 token_expired', new PlatformError(401, 'token_expired', 'expired'), 'sign-in'],
  ['create 429', new PlatformError(429, 'rate_limited', 'slow down'), 'retry'],
  ['create 503', new PlatformError(503, 'internal', 'busy'), 'retry'],
  ['create: upload expired', new PlatformError(404, 'not_found', 'No such upload'), 'restart-upload'],
  ['create: upload incomplete', new PlatformError(409, 'upload_incomplete', 'truncated'), 'resume-upload'],
  ['create: not a video', new PlatformError(422, 'not_a_video', 'nope'), 'fatal'],
  ['create: anchors out of range', new PlatformError(400, 'invalid_anchor', 'late'), 'fatal'],
  ['a bug', new TypeError('undefined is not a function'), 'fatal'],
] as const)('%s → %s', (_name, error, kind) => {
  expect(classifyFailure(error).kind).toBe(kind);
});

test("the note shown is keyed for a platform code the studio translates, the platform's own words otherwise, or the first line of a tus text body", () => {
  expect(classifyFailure(new TusUploadError('x', 413, '{"error":{"code":"payload_too_large","message":"Too big"}}', 'create')).note).toEqual({
    message: 'The file is too large for the platform.',
    key: 'platform.codes.payload_too_large',
  });
  expect(classifyFailure(new TusUploadError('x', 400, '{"error":{"code":"invalid_anchor","message":"Anchor 2 ends after the video"}}', 'create')).note).toEqual({
    message: 'Anchor 2 ends after the video',
  });
  expect(classifyFailure(new TusUploadError('x', 409, 'Upload-Offset conflict\nmore', 'patch')).note).toEqual({
    message: 'The upload was refused (409 on patch): Upload-Offset conflict',
    key: 'sync.refusedSaying',
    params: { status: 409, phase: 'patch', line: 'Upload-Offset conflict' },
  });
  expect(classifyFailure(new TusUploadError('socket hang up\nat …', null, '', 'patch')).note).toMatchObject({ message: 'The platform is unreachable (socket hang up).', key: 'sync.unreachable' });
  expect(classifyFailure(new PlatformUnreachableError('down')).note.key).toBe('platform.offline');
  expect(classifyFailure(new TypeError('undefined is not a function')).note).toEqual({ message: 'undefined is not a function' });
});
