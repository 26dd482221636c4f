import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCameras, type CameraDevice, type Resolution } from '../../tryon/sources';

export interface SourceBarProps {
  readonly mirror: boolean;
  readonly onMirror: (mirror: boolean) => void;
  readonly onCamera: (deviceId: string | null, resolution: Resolution) => void;
  readonly onFile: (file: File) => void;
  readonly cameraActive: boolean;
  /** False until the engine has loaded (a click before would go nowhere); default true. */
  readonly ready?: boolean;
  /** The stage shows "Start camera" itself (no source yet): this bar's button steps aside, so there is one. */
  readonly startOnStage?: boolean;
  /** Told the device and resolution chosen here, for a camera started from elsewhere (the stage). */
  readonly onChoice?: (deviceId: string | null, resolution: Resolution) => void;
}

const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,image/bmp,image/avif,video/mp4,video/webm,video/quicktime,.mkv';

/** Where the frames come from: a camera (device, resolution, mirror) or a local photo or video. */
export function SourceBar({ mirror, onMirror, onCamera, onFile, cameraActive, ready = true, startOnStage = false, onChoice }: Readonly<SourceBarProps>) {
  const { t } = useTranslation();
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [deviceId, setDeviceId] = useState<string>('');
  const [resolution, setResolution] = useState<Resolution>('720p');
  useEffect(() => onChoice?.(deviceId || null, resolution), [onChoice, deviceId, resolution]);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    const refresh = (): void => void listCameras().then((list) => live && setCameras(list));
    refresh();
    navigator.mediaDevices?.addEventListener?.('devicechange', refresh);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener?.('devicechange', refresh);
    };
  }, [cameraActive]);

  return (
    <div className="studio-source" role="group" aria-label={t('source.group')}>
      <label className="studio-field">
        <span>{t('source.camera')}</span>
        <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)} aria-label={t('source.camera')}>
          <option value="">{t('source.defaultCamera')}</option>
          {cameras
            .filter((c) => c.deviceId)
            .map((c) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label}
              </option>
            ))}
        </select>
      </label>
      <label className="studio-field">
        <span>{t('source.resolution')}</span>
        <select value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)} aria-label={t('source.resolution')}>
          <option value="720p">720p</option>
          <option value="1080p">1080p</option>
        </select>
      </label>
      {startOnStage ? null : (
        <button type="button" className="button button--primary" disabled={!ready} onClick={() => onCamera(deviceId || null, resolution)}>
          {t(cameraActive ? 'source.restartCamera' : 'source.startCamera')}
        </button>
      )}
      <label className="studio-toggle">
        <input type="checkbox" checked={mirror} onChange={(e) => onMirror(e.target.checked)} />
        <span>{t('source.mirror')}</span>
      </label>
      <span className="studio-source__or" aria-hidden="true">
        {t('source.or')}
      </span>
      <button type="button" className="button" disabled={!ready} onClick={() => input.current?.click()}>
        {t('source.openFile')}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        aria-label={t('source.file')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
