import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics } from '@shared/ipc/nouns/diagnostics';
import { hasHardwareWebgl, webglRendererName } from '../../tryon/gpu';
import { trackerInfo } from '../studio/tracker-info';
import { diagnosticsClient } from './diagnostics-client';

/**
 * Settings → About & diagnostics: what support needs to know (versions, which ffmpeg, GPU, the face
 * tracker's mode, where data lives). Main's facts come from `diagnostics.get`; the GPU, the tracker
 * and the browser are known only here. The try-on page itself shows only "N fps" and "Face found".
 */
export function DiagnosticsPanel() {
  const { t } = useTranslation();
  const [facts, setFacts] = useState<Diagnostics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gpu] = useState(() => ({ name: webglRendererName(), hardware: hasHardwareWebgl() }));
  const tracker = trackerInfo.get();

  useEffect(() => {
    let live = true;
    void diagnosticsClient.get().then((r) => live && (r.ok ? setFacts(r.value) : setError(r.error.message)));
    return () => {
      live = false;
    };
  }, []);

  const rows: [string, string][] = [];
  if (facts) {
    rows.push([t('diagnostics.app'), `${facts.app.name} ${facts.app.version} (${t(facts.app.host === 'electron' ? 'diagnostics.desktop' : 'diagnostics.browserHosted')})`]);
    const v = facts.versions;
    rows.push([t('diagnostics.versions'), [v.electron ? `Electron ${v.electron}` : null, v.chromium ? `Chromium ${v.chromium}` : null, `Node ${v.node}`, `V8 ${v.v8}`].filter(Boolean).join(' · ')]);
    rows.push([t('diagnostics.os'), `${facts.os.platform} ${facts.os.release} (${facts.os.arch})`]);
    rows.push([
      t('diagnostics.ffmpeg'),
      facts.ffmpeg.ffmpeg ? `${facts.ffmpeg.ffmpeg.path} — ${facts.ffmpeg.ffmpeg.version}${facts.ffmpeg.source ? ` (${facts.ffmpeg.source})` : ''}` : t('diagnostics.missing'),
    ]);
    rows.push([t('diagnostics.ffprobe'), facts.ffmpeg.ffprobe ? `${facts.ffmpeg.ffprobe.path} — ${facts.ffmpeg.ffprobe.version}` : t('diagnostics.missing')]);
    rows.push([t('diagnostics.dataDir'), facts.dataDir]);
    rows.push([t('diagnostics.platform'), facts.platform.url ? `${facts.platform.url}${facts.platform.embedded ? ` (${t('diagnostics.embedded')})` : ''}` : t('diagnostics.none')]);
  }
  rows.push([t('diagnostics.gpu'), `${gpu.name} (${t(gpu.hardware ? 'diagnostics.hardware' : 'diagnostics.software')})`]);
  rows.push([
    t('diagnostics.tracker'),
    tracker
      ? t('diagnostics.trackerMode', {
          backend: tracker.backend,
          points: tracker.landmarks,
          where: t(tracker.worker ? 'diagnostics.inWorker' : 'diagnostics.onPage'),
          threads: t(tracker.threads ? 'diagnostics.threads' : 'diagnostics.noThreads'),
        })
      : t('diagnostics.trackerNotLoaded'),
  ]);
  rows.push([t('diagnostics.browser'), navigator.userAgent]);

  return (
    <section className="settings-form diagnostics" aria-labelledby="diagnostics-title">
      <fieldset className="settings-group">
        <legend id="diagnostics-title">{t('diagnostics.title')}</legend>
        {facts?.ffmpeg.warning ? (
          <p className="toast toast--error" role="alert">
            {facts.ffmpeg.warning}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {t('diagnostics.failed', { message: error })}
          </p>
        ) : null}
        <dl className="diagnostics__facts">
          {rows.map(([term, value]) => (
            <div key={term} className="diagnostics__row">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div>
          <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(rows.map(([a, b]) => `${a}: ${b}`).join('\n'))}>
            {t('diagnostics.copy')}
          </button>
        </div>
      </fieldset>
    </section>
  );
}
