import { describe, expect, it } from 'vitest';
import { syncedStore } from './synced-store';

describe('syncedStore', () => {
  it('starts on the first subscription only, and notifies on each change', () => {
    const starts: number[] = [];
    const store = syncedStore(0, (s) => {
      starts.push(s.get());
      s.set(1);
    });
    expect(starts).toEqual([]);
    const seen: number[] = [];
    const stop = store.subscribe(() => seen.push(store.get()));
    store.subscribe(() => undefined);
    expect(starts).toEqual([0]);
    expect(store.get()).toBe(1);
    store.update((n) => n + 1);
    store.set(2); // unchanged: nobody is told
    stop();
    store.set(3);
    expect(seen).toEqual([2]);
    expect(store.get()).toBe(3);
  });
});
