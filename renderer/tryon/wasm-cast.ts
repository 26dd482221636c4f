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
