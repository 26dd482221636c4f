import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue';
import { isCancelled } from './media-error';

const deferred = (): { promise: Promise<void>; resolve: () => void } => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('JobQueue', () => {
  it('runs one job at a time, in arrival order, telling waiting jobs how many are ahead', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const ahead: Record<string, number[]> = { a: [], b: [], c: [] };
    const handles = ['a', 'b', 'c'].map((id, i) =>
      queue.enqueue(
        id,
        async () => {
          log.push(`start ${id}`);
          await gates[i]!.promise;
          log.push(`end ${id}`);
          return id;
        },
        (n) => ahead[id]!.push(n),
      ),
    );
    await Promise.resolve();
    expect(queue.snapshot()).toEqual({ running: 'a', waiting: ['b', 'c'] });
    gates[2]!.resolve();
    gates[0]!.resolve();
    await handles[0]!.done;
    gates[1]!.resolve();
    expect(await Promise.all(handles.map((h) => h.done))).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(ahead.b).toEqual([1]);
    expect(ahead.c).toEqual([2, 1]);
  });

  it('drops a cancelled waiting job without running it, and signals a running one', async () => {
    const queue = new JobQueue();
    let ranB = false;
    const a = queue.enqueue('a', (signal) => new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const b = queue.enqueue('b', async () => {
      ranB = true;
    });
    b.cancel();
    await expect(b.done).rejects.toSatisfy(isCancelled);
    a.cancel();
    await expect(a.done).rejects.toThrow('aborted');
    expect(ranB).toBe(false);
    expect(queue.snapshot()).toEqual({ running: null, waiting: [] });
  });

  it('keeps going after a job that throws synchronously', async () => {
    const queue = new JobQueue();
    const bad = queue.enqueue('bad', () => {
      throw new Error('boom');
    });
    const good = queue.enqueue('good', async () => 'ok');
    await expect(bad.done).rejects.toThrow('boom');
    expect(await good.done).toBe('ok');
  });
});
