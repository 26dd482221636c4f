import * as tf from '@tensorflow/tfjs-core';

interface RefCountingBackend {
  incRef(dataId: tf.DataId): void;
}

let installed = false;

/**
 * Makes a cast to the tensor's own dtype free on the wasm backend. tfjs-wasm's Cast kernel copies the
 * whole tensor even when nothing changes, and face-landmarks-detection casts the full float32 frame to
 * float32 twice per estimate (its estimateFaces and its image-to-tensor step): 2 × 3.7 MB at 640×480,
 * ~1.2 ms a frame. Tensors are immutable, so sharing the data (as the wasm Reshape kernel does) is the
 * same result. Other casts go to the original kernel. Installed once per thread, through tfjs's public
 * kernel registry.
 */
export function shareSameDtypeCasts(): void {
  if (installed) return;
  const original = tf.getKernel('Cast', 'wasm');
  if (!original) return;
  installed = true;
  tf.unregisterKernel('Cast', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      if (x.dtype !== (args.attrs as { dtype?: tf.DataType }).dtype) return original.kernelFunc(args);
      (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

let integerMatMuls = false;

/**
 * Lets the 478-point attention mesh run on the wasm backend. Its graph repeats indices with three
 * int32 MatMul nodes (its spatial transformers' `repeat`), and tfjs-wasm's BatchMatMul takes float32
 * only ("BatchMatMul for non non-float32 tensors not yet supported"). Small integers are exact in
 * float32, so those products are computed in float32 and cast back; float products go straight to the
 * original kernel. Installed once per thread (the refined tracker's worker), through tfjs's public
 * kernel registry.
 */
export function integerMatMulsAsFloat(): void {
  if (integerMatMuls) return;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const cast = tf.getKernel('Cast', 'wasm');
  if (!original || !cast) return;
  integerMatMuls = true;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      if (a.dtype === 'float32' && b.dtype === 'float32') return original.kernelFunc(args);
      const backend = args.backend as unknown as { disposeData(dataId: tf.DataId): void };
      const toFloat = (x: tf.TensorInfo): tf.TensorInfo | null =>
        x.dtype === 'float32' ? null : (cast.kernelFunc({ inputs: { x }, backend: args.backend, attrs: { dtype: 'float32' } }) as tf.TensorInfo);
      const fa = toFloat(a);
      const fb = toFloat(b);
      const product = original.kernelFunc({ ...args, inputs: { a: fa ?? a, b: fb ?? b } }) as tf.TensorInfo;
      const out = cast.kernelFunc({ inputs: { x: product }, backend: args.backend, attrs: { dtype: a.dtype } }) as tf.TensorInfo;
      for (const temporary of [fa, fb, product]) if (temporary) backend.disposeData(temporary.dataId);
      return out;
    },
  });
}
