import type { Draft } from '@shared/domain/drafts';
import { carriedLook } from '../studio/use-studio-look';
import { useTake, type TakeView } from '../shoot/use-take';
import { streamStore } from './stream-store';

/**
 * A take of the live preview as the Live page records one (a take while live, a thanks clip): the
 * shooting page's TakeController on that canvas, with the stream's microphone when it is on and the
 * look on screen; it lands in Drafts as any take.
 */
export function useLiveTake(canvas: () => HTMLCanvasElement | null, maxLengthS: number, onFinished: (draft: Draft) => void): ReturnType<typeof useTake> & { readonly recording: boolean } {
  const take = useTake({
    canvas,
    audio: () => streamStore.micTrack(),
    look: carriedLook,
    maxLengthS,
    face: () => null,
    onFinished,
  });
  return { ...take, recording: isRecording(take.view) };
}

/** Recording, paused or counting down to it: Stop is shown. */
const isRecording = (view: TakeView): boolean => view.phase === 'recording' || view.phase === 'paused' || view.phase === 'countdown';
