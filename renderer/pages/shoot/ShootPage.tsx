import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection } from '../../client/connection-store';
import { navigate } from '../../app/router';
import { Segmented } from '../../components/Segmented';
import { itemName } from '../../i18n/catalog-names';
import { lookHandoff } from '../../recording/look-handoff';
import { exportProgressStore } from '../../recording/export-progress-store';
import { Microphone } from '../../recording/microphone';
import { COLOR_FILTERS, type ColorFilter } from '../../tryon/color-filter-names';
import { settingsStore, useSettings } from '../settings/settings-store';
import { useCatalog } from '../studio/catalog-store';
import { SourceBar } from '../studio/SourceBar';
import { PortraitGuideToggle } from '../studio/PortraitGuideToggle';
import { Stage } from '../studio/Stage';
import { StageStatus } from '../studio/StageStatus';
import { HandsFree } from '../studio/HandsFree';
import { usePortraitGuide } from '../studio/portrait-guide';
import { useTryOn } from '../studio/use-try-on';
import { carriedLook, useCarriedLook } from '../studio/use-studio-look';
import { MicPanel, TakeBar } from './ShootControls';
import { ShootLayers } from './ShootLayers';
import { Teleprompter } from '../requests/Teleprompter';
import { StillPanel } from './StillPanel';
import { useHotkeyActions, useRecordingHotkeys } from './use-hotkeys';
import { useTake } from './use-take';
import '../studio/studio.css';
import './shoot.css';

/**
 * Shooting: the live try-on canvas is recorded as it is composited. It wears the Studio's whole
 * look (the same look state: back in Studio the shades changed here are on). Filters, shades and
 * intensities go to the engine (from the next frame on) and, during a take, to its journal (the
 * take follows the look by itself; see TakeController).
 */
export function ShootPage() {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { engine, state } = useTryOn(canvas);
  const mic = useMemo(() => new Microphone(), []);
  const { items } = useCatalog();
  const { state: looks, view } = useCarriedLook(items);
  const item = view.current?.item ?? null;
  const attributeId = view.current?.attributeId ?? null;
  const [filter, setFilter] = useState<ColorFilter>('none');
  const [mirror, setMirror] = useState(true);
  const [portraitGuide] = usePortraitGuide();
  const maxLengthS = useSettings()?.maxLengthS ?? 60;
  const take = useTake({
    canvas: () => canvas.current,
    audio: () => mic.track,
    // What is worn, as the Live page's take reads it too (the same carried look state).
    look: carriedLook,
    maxLengthS,
    face: () => engine?.faceBox() ?? null,
    onFinished: (draft) => {
      void exportProgressStore.start(draft.id);
      navigate(`/preview/${draft.id}`);
    },
  });

  // Record/stop and pause/resume from the keyboard (Settings → Recording shortcuts), as the buttons do.
  const hotkeys = useRecordingHotkeys();
  useHotkeyActions(hotkeys, (action) => {
    const phase = take.view.phase;
    if (action === 'recordStop') {
      if (phase === 'idle' || phase === 'stopped') {
        if (state.source !== null && !take.view.busy && state.source.kind !== 'photo') take.act({ type: 'shoot' });
      } else take.act({ type: 'stop' });
    } else if (action === 'pause') {
      if (phase === 'recording') take.act({ type: 'pause' });
      else if (phase === 'paused') take.act({ type: 'resume' });
    }
  });
  useEffect(() => () => mic.close(), [mic]);

  // The source the look was tried on in Studio (a photo or video), else the camera.
  useEffect(() => {
    if (!engine) return;
    const file = lookHandoff.get().file;
    if (file) void engine.useFile(file);
    else void engine.useCamera(null, '720p');
  }, [engine]);

  useEffect(() => void engine?.setLayers(view.look), [engine, view.look]);
  useEffect(() => engine?.setMirror(mirror && state.source?.kind === 'camera'), [engine, mirror, state.source?.kind]);
  useEffect(() => engine?.setFilter(filter), [engine, filter]);

  const chooseFilter = (next: ColorFilter): void => {
    setFilter(next);
    take.event({ type: 'filter', t: take.mediaTime(), filter: next });
  };
  const changeMaxLength = (seconds: number): void => {
    void settingsStore.save({ maxLengthS: seconds });
  };
  // The Studio opens on this same look state, with whatever changed here.
  const backToStudio = (): void => navigate('/studio');

  const taking = take.view.phase === 'recording' || take.view.phase === 'paused' || take.view.phase === 'countdown';

  // The studio host went away mid-take (crash, killed, machine asleep): the recorder cannot send any
  // more, so the take stops here at once (no "REC" and running clock over a dead take) and the
  // page says what happens to it: main repairs what reached the disk at its next start.
  const connection = useConnection();
  const [hostLost, setHostLost] = useState(false);
  const act = take.act;
  useEffect(() => {
    if (connection === 'open' || !taking) return;
    setHostLost(true);
    act({ type: 'fail', message: t('shoot.hostLost') });
  }, [connection, taking, act, t]);
  const still = state.source?.kind === 'photo';

  return (
    <section className="page shoot-page" aria-labelledby="shoot-title">
      <header className="page__header">
        <div>
          <h1 id="shoot-title">{t('shoot.title')}</h1>
          <p className="page__subtitle">{item ? t('shoot.wearing', { name: view.look.map((l) => itemName(l.item)).join(' + ') }) : t('shoot.noLook')}</p>
        </div>
        <div className="page__tools">
          <PortraitGuideToggle />
          <button type="button" className="button" disabled={taking} onClick={backToStudio}>
            {t('shoot.itemExperience')}
          </button>
        </div>
      </header>
      {!taking ? (
        <SourceBar
          mirror={mirror}
          onMirror={setMirror}
          onCamera={(deviceId, resolution) => {
            lookHandoff.set({ file: null });
            void engine?.useCamera(deviceId, resolution);
          }}
          onFile={(file) => {
            lookHandoff.set({ file });
            void engine?.useFile(file);
          }}
          cameraActive={state.source?.kind === 'camera'}
        />
      ) : null}
      <div className="studio-body">
        <div className="studio-stage">
          <Stage canvas={canvas} size={state.source} portraitGuide={portraitGuide} className={`shoot-stage shoot-stage--${take.view.phase}`}>
            {take.view.phase === 'countdown' ? (
              <div className="shoot-countdown" role="status" aria-live="assertive" aria-label={t('shoot.recordingIn', { count: take.view.countdown })}>
                {take.view.countdown}
              </div>
            ) : null}
            {take.view.phase === 'recording' || take.view.phase === 'paused' ? (
              <div className="shoot-rec" aria-hidden="true">
                <span className="shoot-dot" /> {t(take.view.phase === 'paused' ? 'shoot.paused' : 'shoot.rec')}
              </div>
            ) : null}
            <StageStatus state={state} hasSource={state.source !== null} />
            {/* Hands-free: a smile's photo only between takes; an open mouth switches the current layer's shade (journalled); items change in Studio. */}
            <HandsFree engine={engine} canPhoto={state.source !== null && !taking} item={item} attributeId={attributeId} onShade={(id) => looks.shade(id)} />
          </Stage>
          {still ? (
            <StillPanel engine={engine} look={carriedLook()} />
          ) : (
            <TakeBar view={take.view} canRecord={state.source !== null} maxLengthS={maxLengthS} onMaxLength={changeMaxLength} act={take.act} hotkeys={hotkeys} />
          )}
          {hostLost ? (
            <p className="toast toast--error shoot-host-lost" role="alert">
              <span>
                <strong>{t('shoot.hostLostTitle')}</strong> {t('shoot.hostLost')}
              </span>
            </p>
          ) : take.view.message ? (
            <p className="toast toast--error" role="alert">
              {take.view.message}
            </p>
          ) : null}
        </div>
        <aside className="studio-panel shoot-panel" aria-label={t('shoot.effects')}>
          <Teleprompter />
          {/* The look first: its shades are what a take changes most. */}
          <ShootLayers view={view} actions={looks} />
          <MicPanel mic={mic} disabled={taking} />
          <fieldset className="shoot-panel__group">
            <legend>{t('shoot.filter')}</legend>
            <Segmented label={t('shoot.filter')} options={COLOR_FILTERS.map((value) => ({ value, label: t(`shoot.filters.${value}`) }))} value={filter} onChange={chooseFilter} />
          </fieldset>
        </aside>
      </div>
    </section>
  );
}
