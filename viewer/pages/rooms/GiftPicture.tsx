import { useState } from 'react';
import { giftMediaPath } from '@shared/domain/gifts/media';
import { API_PREFIX } from '@shared/protocol/routes';
import { giftGlyph, giftTint } from './gift-look';

/** A catalog gift's picture or animation on the platform (this page's own origin). */
export const giftMediaUrl = (giftId: string, kind: 'image' | 'animation'): string => API_PREFIX + giftMediaPath(giftId, kind);

/**
 * The gift's picture from the platform; the coloured letter badge stands in while an operator's
 * gift has no picture (the file answers 404). Decorative: the gift's name is always beside it.
 */
export function GiftPicture({ giftId, name, small = false }: Readonly<{ giftId: string; name: string; small?: boolean }>) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <span className={`gift-badge${small ? ' small' : ''} tint-${giftTint(giftId)}`} aria-hidden="true">
        {giftGlyph(name)}
      </span>
    );
  }
  const size = small ? 28 : 48;
  return (
    <img
      className={`gift-picture${small ? ' small' : ''}`}
      src={giftMediaUrl(giftId, 'image')}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      data-testid="gift-picture"
      onError={() => setFailed(true)}
    />
  );
}

/** The gift's animation, played once over the page after sending (an animated SVG in an <img>: no player). */
export function GiftBurst({ giftId, onDone }: Readonly<{ giftId: string; onDone: () => void }>) {
  return (
    <div className="gift-burst" aria-hidden="true" data-testid="gift-burst" onAnimationEnd={onDone}>
      <img src={giftMediaUrl(giftId, 'animation')} alt="" width={160} height={160} onError={onDone} />
    </div>
  );
}
