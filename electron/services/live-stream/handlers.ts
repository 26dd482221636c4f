import type { StudioContract } from '@shared/ipc/contract';
import type { HandlersOf } from '@shared/ipc/define';
import type { LiveStreamService } from './live-stream-service';

/** The stream noun: destinations, output choice, and the live video's start, slices, stop and status. */
export function streamHandlers(service: LiveStreamService): Pick<HandlersOf<StudioContract>, 'stream'> {
  return {
    stream: {
      settings: () => service.settings(),
      saveDestination: (input) => service.saveDestination(input),
      removeDestination: ({ id }) => service.removeDestination(id),
      setEnabled: ({ id, enabled }) => service.setEnabled(id, enabled),
      setOutput: (output) => service.setOutput(output),
      revealRoomKey: ({ roomId }) => service.revealRoomKey(roomId),
      start: (input) => service.start(input),
      chunk: ({ streamId, seq, bytes }) => service.chunk(streamId, seq, bytes),
      stop: () => service.stop(),
      status: () => service.status(),
    },
  };
}
