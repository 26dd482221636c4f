import { useEffect, useState } from 'react';
import type { DraftId } from '@shared/domain/ids';
import type { VideoId } from '@shared/protocol/index';
import type { PostJobView } from '@shared/ipc/platform-schemas';
import { discoverClient } from '../../publishing/discover-client';
import { postingClient } from '../../publishing/posting-client';
import { mediaSrc } from '../../recording/export-progress-store';

/** What the guidance card draws: the frame viewers see, and the anchor a tap opens. */
export interface Guidance {
  /** A still (the cover); null while there is only the video to show. */
  readonly imageUrl: string | null;
  readonly videoUrl: string | null;
  readonly aspect: number;
  readonly anchor: { readonly label: string; readonly x: number; readonly y: number } | null;
  /** Whether it is the platform's own copy (after posting) or the draft's (while posting). */
  readonly from: 'platform' | 'draft';
}

/**
 * The guidance card's material: once posted, the platform's cover and the target anchor as stored
 * (what viewers get); until then the draft's first cover candidate (or its video) and the anchor
 * as it was sent.
 */
export function useGuidance(job: PostJobView | null): Guidance | null {
  const [guidance, setGuidance] = useState<Guidance | null>(null);
  const videoId = job?.state === 'done' ? job.videoId : null;
  const draftId = job?.draftId ?? null;
  useEffect(() => {
    let live = true;
    if (videoId) {
      void discoverClient.video(videoId as VideoId).then((r) => {
        if (!live || !r.ok) return;
        const v = r.value;
        const target = v.anchors.find((a) => a.role === 'target') ?? v.anchors[0] ?? null;
        setGuidance({ imageUrl: v.coverUrl, videoUrl: null, aspect: v.height / v.width, anchor: target ? { label: target.label, x: target.x, y: target.y } : null, from: 'platform' });
      });
    } else if (draftId) {
      void postingClient.kit(draftId as DraftId).then((r) => {
        if (!live || !r.ok) return;
        const k = r.value;
        const cover = k.covers[0];
        setGuidance((known) =>
          known?.from === 'platform'
            ? known
            : {
                imageUrl: cover ? mediaSrc(cover.url) : null,
                videoUrl: cover ? null : mediaSrc(k.mediaUrl),
                aspect: (k.draft.height ?? 16) / (k.draft.width ?? 9),
                anchor: null,
                from: 'draft',
              },
        );
      });
    }
    return () => {
      live = false;
    };
  }, [videoId, draftId]);
  return guidance;
}
