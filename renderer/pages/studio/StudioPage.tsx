import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { itemName } from '../../i18n/catalog-names';
import { lookHandoff } from '../../recording/look-handoff';
import { studioLookFromQuery } from '../../publishing/open-studio';
import type { Resolution } from '../../tryon/sources';
import { CatalogPanel } from './CatalogPanel';
import { LookPresets } from './LookPresets';
import { HandsFree } from './HandsFree';
import { useCatalog } from './catalog-store';
import { SourceBar } from './SourceBar';
import { ariaShortcut, useHotkeyActions, useRecordingHotkeys, withShortcut } from '../shoot/use-hotkeys';
import { PortraitGuideToggle } from './PortraitGuideToggle';
import { PhotoToast, type PhotoResult } from './PhotoToast';
import { Stage } from './Stage';
import { anchorArrival } from './anchor-arrival';
import { stepShade } from './look-step';
import { captureAndSave } from './save-photo';
import { cameraMemory } from './camera-memory';
import { StageStatus } from './StageStatus';
import { TryOnStatus } from './TryOnStatus';
import { usePortraitGuide } from './portrait-guide';
import { useTryOn } from './use-try-on';
import { useStudioLook } from './use-studio-look';
import './studio.css';

/**
 * Studio: pick a source and a look, see it live, compare before/after, take a photo. The engine does
 * the work; this component only holds the creator's choices and sends them as commands.
 */
export function StudioPage() {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { engine, state } = useTryOn(canvas);
  const { items, error: catalogError } = useCatalog();
  // The look in layers (one item per body area) and its current layer, which the shade chips, ←/→,
  // hands-free, Take photo and Shoot act on. An anchor's deep link opens with its look; back from
  // Shoot ("Item experience"), the look worn before is kept with the shade chosen there.
  const { state: looks, view } = useStudioLook(items);
  const item = view.current?.item ?? null;
  const attributeId = view.current?.attributeId ?? null;
  const itemId = item?.id ?? null;
  const [mirror, setMirror] = useState(true);
  const [split, setSplit] = useState(0);
  const [photo, setPhoto] = useState<PhotoResult | null>(null);
  const [portraitGuide] = usePortraitGuide();

  useEffect(() => {
    void engine?.setLayers(view.look);
  }, [engine, view.look]);

  useEffect(() => {
    // Mirroring is for the creator's own camera; a file is shown as it is.
    engine?.setMirror(mirror && state.source?.kind === 'camera');
  }, [engine, mirror, state.source?.kind]);

  useEffect(() => engine?.setSplit(split), [engine, split]);

  const step = useCallback(
    (direction: 1 | -1): void => {
      const next = item ? stepShade(item, attributeId, direction) : null;
      if (next !== null) looks.shade(next);
    },
    [item, attributeId, looks],
  );

  // ←/→ switch shades from anywhere on the page, except while typing or on a slider.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const target = e.target as HTMLElement | null;
      if (target && (target.closest('input, select, textarea, [role="radiogroup"]') || target.isContentEditable)) return;
      step(e.key === 'ArrowRight' ? 1 : -1);
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const onCamera = (deviceId: string | null, resolution: Resolution): void => {
    lookHandoff.set({ file: null });
    void engine?.useCamera(deviceId, resolution);
  };
  // The camera picked in the source bar, for the stage's own "Start camera".
  const cameraChoice = useRef<{ deviceId: string | null; resolution: Resolution }>({ deviceId: null, resolution: '720p' });
  const onChoice = useCallback((deviceId: string | null, resolution: Resolution): void => {
    cameraChoice.current = { deviceId, resolution };
  }, []);
  // Whose video the look came from (an anchor), said in the subtitle.
  const from = studioLookFromQuery(location.search) ? anchorArrival.handleFor(itemId) : null;
  // Pick up where the creator was: the file tried on before (back from Shoot), or the camera when it
  // was allowed before and the creator arrives from an anchor or was using it; else "Start camera" asks.
  useEffect(() => {
    if (!engine) return;
    const file = lookHandoff.get().file;
    if (file) return void engine.useFile(file);
    const fromAnchor = studioLookFromQuery(location.search) !== null;
    if (!fromAnchor && !cameraMemory.wasInUse()) return;
    let live = true;
    void cameraMemory.allowed().then((allowed) => {
      if (live && allowed) void engine.useCamera(null, '720p');
    });
    return () => {
      live = false;
    };
  }, [engine]);
  const onFile = (file: File): void => {
    lookHandoff.set({ file });
    void engine?.useFile(file);
  };
  const shoot = (): void => {
    lookHandoff.set({ itemId, attributeId });
    navigate('/shoot');
  };

  const hotkeys = useRecordingHotkeys();
  useHotkeyActions(hotkeys, (action) => {
    if (action === 'photo' && state.source) void takePhoto();
  });

  const takePhoto = async (): Promise<void> => {
    if (!engine) return;
    setPhoto(null);
    setPhoto(await captureAndSave(engine, item, attributeId, view.look));
  };

  return (
    <section className="page studio-page" aria-labelledby="studio-title">
      <header className="page__header">
        <div>
          <h1 id="studio-title">{t('studio.title')}</h1>
          <p className="page__subtitle">
            {from && item ? <span className="studio-from">{t('studio.fromVideo', { item: view.look.map((l) => itemName(l.item)).join(' + '), handle: from })}</span> : t('studio.subtitle')}
          </p>
        </div>
        <div className="page__tools">
          <TryOnStatus state={state} />
        </div>
      </header>
      <SourceBar
        mirror={mirror}
        onMirror={setMirror}
        onCamera={onCamera}
        onFile={onFile}
        cameraActive={state.source?.kind === 'camera'}
        ready={engine !== null}
        startOnStage={state.source === null && state.error === null && state.tracker !== null}
        onChoice={onChoice}
      />
      <div className="studio-body">
        <div className="studio-stage">
          <Stage canvas={canvas} size={state.source} split={split} portraitGuide={portraitGuide}>
            <StageStatus state={state} hasSource={state.source !== null} onStartCamera={() => onCamera(cameraChoice.current.deviceId, cameraChoice.current.resolution)} />
            {photo && <PhotoToast photo={photo} onClose={() => setPhoto(null)} />}
            <HandsFree
              engine={engine}
              canPhoto={state.source !== null}
              item={item}
              attributeId={attributeId}
              onShade={(id) => looks.shade(id)}
              items={items}
              onItem={(next) => looks.choose(next)}
              onPhoto={() => void takePhoto()}
            />
          </Stage>
          <div className="studio-stage__bar">
            <label className="studio-field studio-field--grow">
              <span>{t('studio.beforeAfter')}</span>
              <input type="range" min={0} max={100} value={Math.round(split * 100)} onChange={(e) => setSplit(Number(e.target.value) / 100)} aria-label={t('studio.split')} />
            </label>
            <PortraitGuideToggle />
            <button
              type="button"
              className="button button--primary"
              disabled={!state.source}
              onClick={() => void takePhoto()}
              title={withShortcut(t('studio.takePhoto'), hotkeys.photo)}
              aria-keyshortcuts={ariaShortcut(hotkeys.photo)}
            >
              {t('studio.takePhoto')}
            </button>
            <button type="button" className="button button--primary" onClick={shoot} aria-label={t('studio.shootLabel')}>
              {t('studio.shoot')}
            </button>
          </div>
        </div>
        <aside className="studio-panel" aria-label={t('studio.looks')}>
          {catalogError ? (
            <p role="alert" className="studio-error">
              {t('studio.catalogError', { message: catalogError })}
            </p>
          ) : (
            <CatalogPanel items={items} view={view} actions={looks} />
          )}
          <LookPresets look={view.look} onApply={(look) => looks.apply(look)} />
        </aside>
      </div>
    </section>
  );
}
