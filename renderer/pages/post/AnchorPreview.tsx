import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatSeconds } from '../../components/format';
import { chipStyle } from '../../publishing/chip-style';
import { subjectKey, timeRange, type AnchorSet, type PlacedAnchor } from '@shared/domain/anchors/anchor-set';
import { chipLayout, pointFromPointer, type FramePoint } from '@shared/domain/anchors/placement';

export type AnchorPreviewProps = Readonly<{
  /** The frame shown under the chips (the chosen cover, else the video). */
  imageUrl: string | null;
  videoUrl: string;
  width: number;
  height: number;
  anchors: AnchorSet;
  /**
   * The media time of the frame shown (the cover's, or 0 for the video's first frame); chips whose
   * time range leaves it out are drawn faded. Null: a photo, every chip shows the whole time.
   */
  atMs: number | null;
  durationMs: number;
  onMove: (key: string, point: FramePoint) => void;
  /** The anchor the list, the timeline and "Pick a spot" act on: drawn bold. */
  selectedKey: string | null;
  onSelect: (key: string) => void;
  /** "Pick a spot" mode: a click on the frame places the selected anchor there. */
  picking: boolean;
  /** Drawn over the frame, under the chips (the stickers). */
  children?: ReactNode;
}>;

const KEY_STEP = 0.02;

/**
 * The anchor setting control's preview: every anchor as a chip where viewers will see it. A chip is
 * dragged to any spot (pointer) or nudged with the arrow keys; the drop position becomes its point.
 */
export function AnchorPreview({ imageUrl, videoUrl, width, height, anchors, atMs, durationMs, onMove, selectedKey, onSelect, picking, children }: AnchorPreviewProps) {
  const { t } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  // Only the chip being dragged follows the pointer locally; the set changes once, on drop.
  const [drag, setDrag] = useState<{ key: string; point: FramePoint } | null>(null);

  // Where on the chip it was grabbed, so the chip does not jump to put its point under the pointer.
  const grab = useRef({ dx: 0, dy: 0 });
  const pointOf = (e: PointerEvent): FramePoint => {
    const box = stage.current!.getBoundingClientRect();
    return pointFromPointer(e.clientX - box.left - grab.current.dx, e.clientY - box.top - grab.current.dy, box.width, box.height);
  };
  const chip = (a: PlacedAnchor) => {
    const key = subjectKey(a);
    const point = drag?.key === key ? drag.point : a.point;
    const range = timeRange(a, durationMs);
    const shown = atMs === null || (atMs >= range.startMs && atMs < range.endMs);
    const onKey = (e: KeyboardEvent): void => {
      const dx = e.key === 'ArrowLeft' ? -KEY_STEP : e.key === 'ArrowRight' ? KEY_STEP : 0;
      const dy = e.key === 'ArrowUp' ? -KEY_STEP : e.key === 'ArrowDown' ? KEY_STEP : 0;
      if (dx === 0 && dy === 0) return;
      e.preventDefault();
      onMove(key, { x: a.point.x + dx, y: a.point.y + dy });
    };
    return (
      <button
        key={key}
        type="button"
        className={`anchor-chip anchor-chip--${a.role}${chipLayout(point.x).side === 'left' ? ' anchor-chip--left' : ''}${drag?.key === key ? ' is-dragging' : ''}${selectedKey === key ? ' is-selected' : ''}${shown ? '' : ' is-off-time'}`}
        style={chipStyle(point)}
        aria-label={t(a.role === 'target' ? 'post.chip.target' : 'post.chip.associated', {
          label: a.label,
          x: formatPercent(point.x),
          y: formatPercent(point.y),
          placement: t(`post.chip.placements.${a.placement}`),
        })}
        title={shown ? undefined : t('post.chip.offTime', { time: formatSeconds((atMs ?? 0) / 1000, { fractionDigits: 1 }) })}
        data-shown={shown}
        data-placement={a.placement}
        data-selected={selectedKey === key}
        data-key={key}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          onSelect(key);
          if (picking) return; // in "Pick a spot" mode a click on a chip only selects it
          e.currentTarget.setPointerCapture(e.pointerId);
          const box = stage.current!.getBoundingClientRect();
          grab.current = { dx: e.clientX - box.left - a.point.x * box.width, dy: e.clientY - box.top - a.point.y * box.height };
          setDrag({ key, point: a.point });
        }}
        onPointerMove={(e) => drag?.key === key && setDrag({ key, point: pointOf(e) })}
        onPointerUp={(e) => {
          if (drag?.key !== key) return;
          setDrag(null);
          onMove(key, pointOf(e));
        }}
        onPointerCancel={() => setDrag(null)}
      >
        {a.label}
      </button>
    );
  };

  return (
    <div
      ref={stage}
      className={picking ? 'anchor-preview is-picking' : 'anchor-preview'}
      style={{ aspectRatio: `${width} / ${height}` }}
      role="group"
      aria-label={t('post.preview')}
      onClick={(e) => {
        // "Pick a spot": a click on the frame itself (not on a chip) puts the selected anchor there.
        if (!picking || !selectedKey || e.target !== e.currentTarget) return;
        const box = e.currentTarget.getBoundingClientRect();
        onMove(selectedKey, pointFromPointer(e.clientX - box.left, e.clientY - box.top, box.width, box.height));
      }}
    >
      {imageUrl ? <img src={imageUrl} alt={t('post.coverAlt')} draggable={false} /> : <video src={videoUrl} muted playsInline preload="metadata" aria-label={t('post.videoToPost')} />}
      {children}
      {anchors.target ? chip(anchors.target) : null}
      {anchors.associated.map(chip)}
    </div>
  );
}
