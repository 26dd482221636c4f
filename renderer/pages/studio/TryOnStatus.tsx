import { useTranslation } from 'react-i18next';
import type { TryOnState } from './use-try-on';

/**
 * What a creator needs to know about the live picture, in plain words: how smooth it is, whether
 * a face is found, and when 3D items are drawn Fast (why glasses look flatter). The tracker's backend
 * and mesh live in Settings → About & diagnostics.
 */
export function TryOnStatus({ state }: Readonly<{ state: TryOnState }>) {
  const { t } = useTranslation();
  if (!state.source) return null;
  return (
    <>
      {state.stats && (
        <span className="studio-badge" aria-label={t('studio.frameRate')} title={t('studio.frameRateHelp')}>
          {t('studio.fps', { fps: state.stats.fps })}
        </span>
      )}
      {state.quality?.tier === 'fast' && (
        <span className="studio-badge" data-testid="rendering-tier" title={t(state.quality.setting === 'auto' ? 'settings.renderingQuality.badgeAuto' : 'settings.renderingQuality.badgeChosen')}>
          {t('settings.renderingQuality.badge')}
        </span>
      )}
      {state.face !== null && (
        <span className={`studio-badge ${state.face ? 'studio-badge--ok' : 'studio-badge--warn'}`} data-testid="face-status">
          {t(state.face ? 'stage.faceFound' : 'studio.noFace')}
        </span>
      )}
    </>
  );
}
