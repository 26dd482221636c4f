import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_STICKERS } from '@shared/ipc/nouns/sync';
import { drawShape, drawText, MAX_TEXT, newStickerSpot, SHAPE_WIDTH, SHAPES, textWidth, type PlacedSticker } from './stickers';

export type StickerPickerProps = Readonly<{
  stickers: readonly PlacedSticker[];
  onChange: (next: readonly PlacedSticker[]) => void;
}>;

let counter = 0;
const nextId = (): string => `sticker-${++counter}`;

/** Adds text and shape stickers (placed low on the frame, then dragged on the preview) and removes them. */
export function StickerPicker({ stickers, onChange }: StickerPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const full = stickers.length >= MAX_STICKERS;
  const add = (s: Omit<PlacedSticker, 'id' | 'x' | 'y'>): void => onChange([...stickers, { ...s, id: nextId(), ...newStickerSpot(stickers.length) }]);
  return (
    <fieldset className="post-group">
      <legend>{t('post.stickers.title')}</legend>
      <div className="post-sticker-add">
        <input value={text} maxLength={MAX_TEXT} onChange={(e) => setText(e.target.value)} placeholder={t('post.stickers.textPlaceholder')} aria-label={t('post.stickers.text')} />
        <button
          type="button"
          className="button"
          disabled={full || text.trim() === ''}
          onClick={() => {
            const words = text.trim();
            add({ kind: 'text', name: words, width: textWidth(words), ...drawText(words) });
            setText('');
          }}
        >
          {t('post.stickers.addText')}
        </button>
      </div>
      <div className="post-offers">
        {SHAPES.map((shape) => (
          <button key={shape} type="button" className="offer" disabled={full} onClick={() => add({ kind: 'shape', name: t(`post.stickers.shapes.${shape}`), width: SHAPE_WIDTH, ...drawShape(shape) })}>
            {t('post.stickers.addShape', { name: t(`post.stickers.shapes.${shape}`) })}
          </button>
        ))}
      </div>
      {stickers.length > 0 ? (
        <ul className="post-sticker-list">
          {stickers.map((s) => (
            <li key={s.id}>
              <img src={s.png} alt="" />
              <span>{s.name}</span>
              <button type="button" className="button button--ghost" aria-label={t('post.stickers.remove', { name: s.name })} onClick={() => onChange(stickers.filter((x) => x.id !== s.id))}>
                {t('post.stickers.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="post-note">{t('post.stickers.hint')}</p>
      )}
    </fieldset>
  );
}
