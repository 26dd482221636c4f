import { useTranslation } from 'react-i18next';
import { chipStyle } from '../../publishing/chip-style';
import { chipLayout } from '@shared/domain/anchors/placement';
import type { Guidance } from './use-guidance';

export type GuidanceCardProps = Readonly<{
  guidance: Guidance;
  /** The target anchor as the job sent it, used until the platform's copy is loaded. */
  sent: { readonly label: string; readonly x: number; readonly y: number } | null;
}>;

/**
 * The guidance image: two phone-sized frames made from the cover. Left, the video as a viewer meets
 * it, the anchor chip with a tap ring; right, where the tap lands: the try-on with the item and
 * its "Try it on" sheet.
 */
export function GuidanceCard({ guidance, sent }: GuidanceCardProps) {
  const { t } = useTranslation();
  const anchor = guidance.anchor ?? sent;
  if (!anchor) return null;
  const name = anchor.label;
  const point = { x: anchor.x, y: anchor.y };
  const frame = (children: React.ReactNode, className: string) => (
    <div className={`guidance__phone ${className}`} style={{ aspectRatio: `1 / ${guidance.aspect}` }}>
      {guidance.imageUrl ? <img src={guidance.imageUrl} alt="" /> : guidance.videoUrl ? <video src={guidance.videoUrl} muted playsInline preload="auto" /> : null}
      {children}
    </div>
  );
  return (
    <figure className="guidance" role="img" aria-label={t('posted.guidance.label', { label: name })}>
      <div className="guidance__steps">
        <div className="guidance__step">
          {frame(
            <>
              <span className={`anchor-chip anchor-chip--target${chipLayout(point.x).side === 'left' ? ' anchor-chip--left' : ''}`} style={chipStyle(point)}>
                {name}
              </span>
              <span className="guidance__tap" style={{ left: `${point.x * 100}%`, top: `${point.y * 100}%` }} />
            </>,
            'guidance__phone--video',
          )}
          <span className="guidance__caption">{t('posted.guidance.tap')}</span>
        </div>
        <span className="guidance__arrow" aria-hidden="true">
          →
        </span>
        <div className="guidance__step">
          {frame(
            <div className="guidance__sheet">
              <strong>{name}</strong>
              <span className="guidance__try">{t('posted.guidance.tryOn')}</span>
            </div>,
            'guidance__phone--tryon',
          )}
          <span className="guidance__caption">{t('posted.guidance.lands')}</span>
        </div>
      </div>
      <figcaption className="post-note">{t(guidance.from === 'platform' ? 'posted.guidance.fromPlatform' : 'posted.guidance.fromDraft')}</figcaption>
    </figure>
  );
}
