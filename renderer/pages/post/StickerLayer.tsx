import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clampToFrame, type FramePoint } from '@shared/domain/anchors/placement';
import type { PlacedSticker } from './stickers';

export type StickerLayerProps = Readonly<{
  stickers: readonly PlacedSticker[];
  onMove: (id: string, point: FramePoint) => void;
}>;

/** The stickers over the preview, each at its place and size, dragged to move (the PNG the post burns in). */
export function StickerLayer({ stickers, onMove }: StickerLayerProps) {
  const { t } = useTranslation();
  const [drag, setDrag] = useState<{ id: string; point: FramePoint } | null>(null);
  const grab = useRef({ dx: 0, dy: 0 });
  const pointOf = (e: React.PointerEvent<HTMLElement>): FramePoint => {
    const box = e.currentTarget.parentElement!.getBoundingClientRect();
    return clampToFrame({ x: (e.clientX - box.left - grab.current.dx) / box.width, y: (e.clientY - box.top - grab.current.dy) / box.height }, 0);
  };
  return (
    <>
      {stickers.map((s) => {
        const at = drag?.id === s.id ? drag.point : { x: s.x, y: s.y };
        return (
          <img
            key={s.id}
            className="post-sticker"
            src={s.png}
            alt={t('post.stickers.onFrame', { name: s.name })}
            draggable={false}
            style={{ left: `${at.x * 100}%`, top: `${at.y * 100}%`, width: `${s.width * 100}%` }}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              const box = e.currentTarget.parentElement!.getBoundingClientRect();
              grab.current = { dx: e.clientX - box.left - s.x * box.width, dy: e.clientY - box.top - s.y * box.height };
              setDrag({ id: s.id, point: { x: s.x, y: s.y } });
            }}
            onPointerMove={(e) => drag?.id === s.id && setDrag({ id: s.id, point: pointOf(e) })}
            onPointerUp={(e) => {
              if (drag?.id !== s.id) return;
              setDrag(null);
              onMove(s.id, pointOf(e));
            }}
            onPointerCancel={() => setDrag(null)}
          />
        );
      })}
    </>
  );
}
