import { describe, expect, test } from 'vitest';
import { SERVICE_STATES, averageStars, checkContent, decideService, mayOrder, type ServiceAction, type ServiceStatus } from './customization';

const ACTIONS: readonly ServiceAction[] = ['save', 'publish', 'receive_on', 'receive_off', 'exit'];

describe('service lifecycle: every state × receiving × action', () => {
  const expected: Record<string, Record<ServiceAction, ServiceStatus | 'refused'>> = {
    'never/off': { save: { state: 'draft', receiving: false }, publish: 'refused', receive_on: 'refused', receive_off: 'refused', exit: 'refused' },
    'draft/off': { save: { state: 'draft', receiving: false }, publish: { state: 'published', receiving: true }, receive_on: 'refused', receive_off: 'refused', exit: 'refused' },
    'published/on': {
      save: { state: 'published', receiving: true },
      publish: { state: 'published', receiving: true },
      receive_on: { state: 'published', receiving: true },
      receive_off: { state: 'published', receiving: false },
      exit: { state: 'exited', receiving: false },
    },
    'published/off': {
      save: { state: 'published', receiving: false },
      publish: { state: 'published', receiving: false },
      receive_on: { state: 'published', receiving: true },
      receive_off: { state: 'published', receiving: false },
      exit: { state: 'exited', receiving: false },
    },
    'exited/off': { save: { state: 'exited', receiving: false }, publish: { state: 'published', receiving: true }, receive_on: 'refused', receive_off: 'refused', exit: 'refused' },
  };
  test('the table covers every state', () => expect(new Set(Object.keys(expected).map((k) => k.split('/')[0]))).toEqual(new Set(SERVICE_STATES)));
  for (const [key, row] of Object.entries(expected)) {
    const [state, receiving] = key.split('/') as [ServiceStatus['state'], string];
    for (const action of ACTIONS) {
      test(`${key} ${action}`, () => {
        const d = decideService({ state, receiving: receiving === 'on' }, action);
        const want = row[action];
        if (want === 'refused') expect(d).toMatchObject({ ok: false, reason: expect.any(String) });
        else expect(d).toEqual({ ok: true, next: want });
      });
    }
  }
});

test('who may order', () => {
  const live = { state: 'published', receiving: true } as const;
  expect(mayOrder(live, undefined, 99, false)).toEqual({ ok: true });
  expect(mayOrder(live, undefined, 0, true)).toMatchObject({ ok: false, code: 'own_service' });
  expect(mayOrder({ state: 'published', receiving: false }, undefined, 0, false)).toMatchObject({ ok: false, code: 'not_receiving' });
  for (const state of ['never', 'draft', 'exited'] as const) expect(mayOrder({ state, receiving: false }, undefined, 0, false)).toMatchObject({ ok: false, code: 'not_published' });
  expect(mayOrder(live, 2, 1, false)).toEqual({ ok: true });
  expect(mayOrder(live, 2, 2, false)).toMatchObject({ ok: false, code: 'full' });
});

test('content: price 1–100,000 whole coins, a description, an optional cap', () => {
  expect(checkContent({ priceCoins: 100, description: ' Birthday songs ', maxOpenOrders: 5, introUploadId: 'upl_1234567890' })).toEqual({
    ok: true,
    value: { priceCoins: 100, description: 'Birthday songs', maxOpenOrders: 5, introUploadId: 'upl_1234567890' },
  });
  for (const priceCoins of [0, -5, 100_001, 1.5, '10', Number.NaN])
    expect(checkContent({ priceCoins, description: 'x' }), String(priceCoins)).toMatchObject({ ok: false, problems: [{ field: 'priceCoins' }] });
  expect(checkContent({ priceCoins: 1, description: 'x' }).ok).toBe(true);
  expect(checkContent({ priceCoins: 100_000, description: 'x' }).ok).toBe(true);
  expect(checkContent({ priceCoins: 1, description: '  ' })).toMatchObject({ ok: false, problems: [{ field: 'description' }] });
  expect(checkContent({ priceCoins: 1, description: 'x'.repeat(2001) })).toMatchObject({ ok: false, problems: [{ field: 'description' }] });
  for (const maxOpenOrders of [0, 1001, 2.5]) expect(checkContent({ priceCoins: 1, description: 'x', maxOpenOrders })).toMatchObject({ ok: false, problems: [{ field: 'maxOpenOrders' }] });
});

test('average stars to one decimal', () => {
  expect(averageStars([])).toBeNull();
  expect(averageStars([5, 4, 4])).toBe(4.3);
  expect(averageStars([5])).toBe(5);
});
