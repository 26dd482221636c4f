import type { CSSProperties } from 'react';
import { chipLayout, type FramePoint } from '@shared/domain/anchors/placement';

/** A chip's place over the frame, its label capped to the room on its side (percentages of the frame). */
export function chipStyle(point: FramePoint): CSSProperties {
  return { left: `${point.x * 100}%`, top: `${point.y * 100}%`, maxWidth: `calc(${(chipLayout(point.x).room * 100).toFixed(1)}% - 8px)` };
}
