import { useTranslation } from 'react-i18next';
import type { DestinationHealth } from '@shared/ipc/nouns/live-stream';
import { formatBytes, formatNumber } from '../../components/format';

/**
 * OBS's status bar, one row per destination: a state dot and word, whether the video is passed
 * through or re-encoded (and why), bitrate, fps, dropped frames, encoder lag and CPU, and the warnings (over 1 % dropped, an encoder slower than real time).
 */
export function StreamHealthBar({ destinations }: Readonly<{ destinations: readonly DestinationHealth[] }>) {
  const { t } = useTranslation();
  if (destinations.length === 0) return null;
  const dash = '—';
  return (
    <ul className="stream-health" aria-label={t('live.stream.health.label')}>
      {destinations.map((d) => (
        <li key={d.id} className={`stream-health__row is-${d.state}`} aria-label={t('live.stream.health.row', { name: d.name, state: t(`live.stream.state.${d.state}`) })}>
          <span className="stream-health__dot" aria-hidden="true" />
          <strong className="stream-health__name">{d.name}</strong>
          <span className="stream-health__state" data-state={d.state}>
            {t(`live.stream.state.${d.state}`)}
          </span>
          {d.video ? (
            <span data-figure="video" data-video={d.video.mode}>
              {d.video.mode === 'copy' ? t('live.stream.health.video.copy') : t('live.stream.health.video.encode', { why: t(`live.stream.health.video.why.${d.video.why}`) })}
            </span>
          ) : null}
          <span data-figure="kbps">{d.kbps !== null ? t('live.stream.health.kbps', { kbps: formatNumber(Math.round(d.kbps)) }) : dash}</span>
          <span data-figure="fps">{d.fps !== null ? t('live.stream.health.fps', { fps: formatNumber(Math.round(d.fps)) }) : dash}</span>
          <span data-figure="dropped">
            {t('live.stream.health.dropped', { frames: formatNumber(d.droppedFrames) })}
            {d.droppedBytes > 0 ? ` · ${t('live.stream.health.skipped', { size: formatBytes(d.droppedBytes) })}` : null}
          </span>
          <span data-figure="lag">{d.lagS !== null ? t('live.stream.health.lag', { seconds: formatNumber(d.lagS) }) : dash}</span>
          <span data-figure="cpu">{d.cpu !== null ? t('live.stream.health.cpu', { cpu: formatNumber(d.cpu) }) : dash}</span>
          {d.reason && d.state !== 'live' ? <span className="stream-health__reason">{d.reason}</span> : null}
          {d.warnings.map((w) => (
            <span key={w} className="stream-health__warning" role="alert">
              {t(`live.stream.warning.${w}`)}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
