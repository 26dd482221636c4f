import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TakeAction } from '@shared/domain/recording/take';
import type { RecordingEvent } from '@shared/ipc/media-schemas';
import { studioClient } from '../../client/studio-client';
import { TakeController, type TakeInputs, type TakeView } from '../../recording/take-controller';

export type { TakeInputs, TakeView } from '../../recording/take-controller';

/**
 * The shooting page's take: a TakeController (renderer/recording) made once for the page, fed the
 * page's latest inputs, shown through its view. Leaving the page finishes a take that is running.
 */
export function useTake(inputs: TakeInputs): { view: TakeView; act: (action: TakeAction) => void; event: (event: RecordingEvent) => void; mediaTime: () => number } {
  const latest = useRef(inputs);
  latest.current = inputs;
  const [controller] = useState(() => new TakeController({ client: studioClient, inputs: () => latest.current }));
  useEffect(() => {
    controller.start();
    return () => controller.dispose();
  }, [controller]);
  const view = useSyncExternalStore(controller.subscribe, controller.view);
  return { view, act: controller.act, event: controller.event, mediaTime: controller.mediaTime };
}
