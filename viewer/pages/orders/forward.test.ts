import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../client/api';
import { checkForward, forwardProblem, normalHandle } from './forward';

describe('forwarding a delivered video', () => {
  it('normalises the typed handle and checks the fields before sending', () => {
    expect(normalHandle('  @Lee_Friend ')).toBe('lee_friend');
    expect(checkForward(' @ ', '')).toEqual({ field: 'toHandle', kind: 'required' });
    expect(checkForward('lee', 'x'.repeat(201))).toEqual({ field: 'note', kind: 'tooLong', max: 200 });
    expect(checkForward('lee', `  ${'x'.repeat(200)}  `)).toBeNull();
  });

  it('says the platform’s refusals at the handle field; anything else under the form', () => {
    expect(forwardProblem(new ApiFailure(404, 'not_found', 'No account @zed'))).toEqual({ field: 'toHandle', kind: 'unknown' });
    expect(forwardProblem(new ApiFailure(400, 'bad_request', 'You cannot forward a video to yourself'))).toEqual({ field: 'toHandle', kind: 'self' });
    expect(forwardProblem(new ApiFailure(403, 'blocked', 'This account does not accept your messages'))).toEqual({ field: 'toHandle', kind: 'blocked' });
    // The order itself gone (404 "No such order") is not the handle's fault.
    expect(forwardProblem(new ApiFailure(404, 'not_found', 'No such order'))).toEqual({ field: 'form', kind: 'failed', reason: 'No such order' });
    expect(forwardProblem(new ApiFailure(0, 'network', 'offline'))).toMatchObject({ field: 'form', reason: 'offline' });
  });
});
