import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { channelsOf, method } from './define';
import { contract as studioContract } from './contract';
import { createDispatch } from './dispatch';
import { StudioFailure } from './result';

const contract = {
  notes: {
    add: method(z.object({ text: z.string().min(1) }), z.object({ id: z.number() })),
    broken: method(z.undefined(), z.object({ id: z.number() })),
    refuse: method(z.undefined(), z.null()),
    crash: method(z.undefined(), z.null()),
  },
} as const;

const internal: unknown[] = [];
const dispatch = createDispatch(
  contract,
  {
    notes: {
      add: ({ text }) => ({ id: text.length }),
      broken: () => ({ id: 'nope' }) as unknown as { id: number },
      refuse: () => {
        throw new StudioFailure('not_found', 'no such note');
      },
      crash: () => {
        throw new Error('boom');
      },
    },
  },
  { onInternalError: (_c, e) => internal.push(e) },
);

describe('createDispatch', () => {
  it('validates input and wraps the result', async () => {
    expect(await dispatch('notes.add', { text: 'hey' })).toEqual({ ok: true, value: { id: 3 } });
  });
  it('answers a wrong shape with an invalid_input envelope, never a throw', async () => {
    const result = await dispatch('notes.add', { text: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_input');
    expect((await dispatch('notes.add', undefined)).ok).toBe(false);
  });
  it('refuses unknown channels, including prototype keys', async () => {
    for (const channel of ['notes.nope', 'nope.add', 'notes', '__proto__.toString', 'notes.constructor', '']) {
      const result = await dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel', key: 'ipc.noMethod' } });
    }
    expect(await dispatch('notes.nope', {})).toMatchObject({ error: { message: 'There is no contract method "notes.nope".', params: { channel: 'notes.nope' } } });
  });
  it('passes a handler’s chosen error code through and hides nothing else', async () => {
    expect(await dispatch('notes.refuse', undefined)).toEqual({ ok: false, error: { code: 'not_found', message: 'no such note' } });
    // Keyed, so the studio says them in its language; the bug's own words stay a parameter.
    expect(await dispatch('notes.crash', undefined)).toMatchObject({ ok: false, error: { code: 'internal', key: 'ipc.failed', params: { channel: 'notes.crash' } } });
    expect(await dispatch('notes.broken', undefined)).toMatchObject({
      ok: false,
      error: { code: 'internal', key: 'ipc.badResult', message: 'notes.broken produced a result that does not match the contract.' },
    });
    expect(internal).toHaveLength(2);
  });
  it('derives channel names from the contract and builds a client over any invoke', async () => {
    expect(channelsOf(contract)).toEqual(['notes.add', 'notes.broken', 'notes.refuse', 'notes.crash']);
    expect(channelsOf(studioContract)).toContain('drafts.list');
    const client = createClient(contract, dispatch);
    expect(await client.notes.add({ text: 'four' })).toEqual({ ok: true, value: { id: 4 } });
  });
});
