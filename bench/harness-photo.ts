import type { TryOnEngine } from '@renderer/tryon/engine';

/** The canvas's pixels as base64 RGBA (chunked: a 4K frame is too many arguments for one call). */
export function grabRgba(canvas: HTMLCanvasElement): { width: number; height: number; rgba: string } {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d')!;
  ctx.drawImage(canvas, 0, 0);
  const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return { width: copy.width, height: copy.height, rgba: btoa(binary) };
}

/**
 * Shows the photo at `url` on the engine and answers whether the tracker found a face in it (false on
 * an error), once the still's second pass (478-point lips on a 468-point tracker) is drawn too.
 */
export async function showPhoto(engine: TryOnEngine, url: string): Promise<boolean> {
  const blob = await (await fetch(url)).blob();
  const decided = new Promise<boolean>((resolve) => {
    const off = engine.on((event) => {
      if (event.type === 'face' || event.type === 'error') {
        off();
        resolve(event.type === 'face' && event.present);
      }
    });
  });
  await engine.useFile(new File([blob], url.slice(url.lastIndexOf('/') + 1), { type: blob.type }));
  const present = await decided;
  // The second pass starts in the task that decided the face: let it, then wait for its redraw.
  await new Promise((resolve) => setTimeout(resolve, 0));
  while (engine.lipPass === 'pending') await new Promise((resolve) => setTimeout(resolve, 10));
  return present;
}
