import { useState } from 'react';
import type { Draft } from '@shared/domain/drafts';
import { THANKS_CLIP_MAX_MS } from '@shared/ipc/nouns/live';
import type { TakeView } from '../shoot/use-take';
import { useLiveTake } from './use-live-take';

/** The take stops itself at the platform's limit; main trims the few ms a last slice runs over. */
export const THANKS_CLIP_MAX_S = THANKS_CLIP_MAX_MS / 1000;

export interface ThanksClipRecorder {
  readonly view: TakeView;
  /** Recording (or counting down to it): Stop is shown. */
  readonly recording: boolean;
  /** Whole seconds left before the take stops itself. */
  readonly secondsLeft: number;
  /** The last clip recorded: a take, so a draft (kept in Drafts whatever happens to the thanks). */
  readonly clip: Draft | null;
  record(): void;
  stop(): void;
  /** Forget the recorded clip here (it stays in Drafts). */
  drop(): void;
}

/**
 * A short clip of the live preview for a thanks, recorded by the shooting page's TakeController as
 * any take (crash-safe, into a draft) with the stream's microphone when it is on, stopped at 15 s.
 */
export function useThanksClip(canvas: () => HTMLCanvasElement | null): ThanksClipRecorder {
  const [clip, setClip] = useState<Draft | null>(null);
  const { view, act, recording } = useLiveTake(canvas, THANKS_CLIP_MAX_S, setClip);
  return {
    view,
    recording,
    secondsLeft: Math.max(0, THANKS_CLIP_MAX_S - view.seconds),
    clip,
    record: () => {
      setClip(null);
      // A 1 s countdown: the controller prepares its recorder meanwhile.
      act({ type: 'shoot', countdownSeconds: 1 });
    },
    stop: () => act({ type: 'stop' }),
    drop: () => setClip(null),
  };
}
