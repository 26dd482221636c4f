import { expect, test } from 'vitest';
import { settleHold } from './holds';

test('a pending hold is captured or released exactly once', () => {
  expect(settleHold('pending', 'capture')).toEqual({ ok: true, next: 'captured' });
  expect(settleHold('pending', 'release')).toEqual({ ok: true, next: 'released' });
  for (const state of ['captured', 'released'] as const) {
    for (const action of ['capture', 'release'] as const) expect(settleHold(state, action)).toEqual({ ok: false, reason: `This hold was already ${state}` });
  }
});
