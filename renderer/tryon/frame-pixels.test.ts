import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameTensor } from './frame-pixels';
import { shareSameDtypeCasts } from './wasm-cast';

// The real tfjs wasm backend (resources/wasm is extracted at install), as the tracker runs it.
beforeAll(async () => {
  setWasmPaths(new URL('../../resources/wasm/', import.meta.url).pathname);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  shareSameDtypeCasts();
});

afterAll(() => tf.engine().reset());

describe('FrameTensor', () => {
  it('turns RGBA rows into an H×W×3 float tensor, dropping alpha, and rewrites the same tensor per frame', async () => {
    const frames = new FrameTensor();
    const data = new Uint8Array([1, 2, 3, 255, 4, 5, 6, 0, 7, 8, 9, 128, 10, 11, 12, 255, 13, 14, 15, 255, 16, 17, 18, 255]);
    const first = frames.tensor({ data, width: 3, height: 2 });
    expect(first.shape).toEqual([2, 3, 3]);
    expect(first.dtype).toBe('float32');
    expect(Array.from(await first.data())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    data.fill(200);
    const second = frames.tensor({ data, width: 3, height: 2 });
    expect(second).toBe(first);
    expect(Array.from(await second.data())).toEqual(new Array(18).fill(200));
    const resized = frames.tensor({ data: new Uint8Array(4 * 4), width: 2, height: 2 });
    expect(resized.shape).toEqual([2, 2, 3]);
    expect(first.isDisposed).toBe(true);
    frames.dispose();
    expect(resized.isDisposed).toBe(true);
  });

  it('refuses a frame with fewer bytes than its size says', () => {
    expect(() => new FrameTensor().tensor({ data: new Uint8Array(8), width: 3, height: 2 })).toThrow(/no pixels/);
  });
});

describe('shareSameDtypeCasts', () => {
  it('shares data for a same-dtype cast, survives disposing either side, and still converts other casts', async () => {
    const buffers = (): number => tf.engine().backend.numDataIds();
    const before = buffers();
    const x = tf.tensor1d([1.5, -2.25, 3], 'float32');
    const same = tf.cast(x, 'float32');
    // One buffer in the backend for both tensors: nothing was copied.
    expect(buffers() - before).toBe(1);
    x.dispose();
    expect(Array.from(await same.data())).toEqual([1.5, -2.25, 3]);
    const ints = tf.cast(same, 'int32');
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([1, -2, 3]);
    same.dispose();
    ints.dispose();
    expect(buffers()).toBe(before);
  });
});
