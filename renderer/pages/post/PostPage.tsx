import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { anchorsForPost, subjectKey } from '@shared/domain/anchors/anchor-set';
import type { DraftId } from '@shared/domain/ids';
import type { Visibility } from '@shared/protocol/index';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { Segmented } from '../../components/Segmented';
import { useAccount } from '../../publishing/account-store';
import { postJobsStore } from '../../publishing/post-jobs-store';
import { mediaSrc } from '../../recording/export-progress-store';
import { AnchorPreview } from './AnchorPreview';
import { AnchorTimeline } from './AnchorTimeline';
import { CoverPicker } from './CoverPicker';
import { LinkedItems } from './LinkedItems';
import { StickerLayer } from './StickerLayer';
import { StickerPicker } from './StickerPicker';
import type { PlacedSticker } from './stickers';
import { chipPictures, saveAnchored } from './save-anchored';
import { usePosting } from './use-posting';
import '../discover/discover.css';
import './post.css';

const VISIBILITY: readonly Visibility[] = ['public', 'followers', 'private'];

/** `/post/<draftId>`: cover, title, topic, visibility and the anchors, then Post → the result page. */
export function PostPage() {
  const { t } = useTranslation();
  // The page is only rendered on `/post/…`; an empty id finds no draft and says so.
  const draftId = useRouteId('post') ?? ('' as DraftId);
  const posting = usePosting(draftId);
  const account = useAccount();
  const { kit, anchors } = posting;
  const [title, setTitle] = useState<string | null>(null);
  const [topic, setTopic] = useState('');
  const [location, setLocation] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [cover, setCover] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The anchor the list, the timeline and "Pick a spot" act on; the target until another is chosen.
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [stickers, setStickers] = useState<readonly PlacedSticker[]>([]);
  const previewRef = useRef<HTMLDivElement>(null);
  const [saving, setSaving] = useState<{ state: 'busy' } | { state: 'done'; text: string } | { state: 'failed'; text: string } | null>(null);
  const keys = [...(anchors.target ? [subjectKey(anchors.target)] : []), ...anchors.associated.map(subjectKey)];
  const selectedKey = chosenKey !== null && keys.includes(chosenKey) ? chosenKey : (keys[0] ?? null);

  const shownTitle = title ?? kit?.draft.title ?? '';
  const stickerInputs = () => stickers.map(({ kind, name, x, y, width, png }) => ({ kind, name, x, y, width, png }));
  const saveToDisk = async (): Promise<void> => {
    const stage = previewRef.current?.querySelector<HTMLElement>('.anchor-preview');
    if (!kit || !stage) return;
    setSaving({ state: 'busy' });
    const result = await saveAnchored(draftId, chipPictures(stage, anchors, kit.durationMs), stickerInputs());
    if (!result.ok) return setSaving({ state: 'failed', text: result.error.message });
    const outcome = result.value;
    if (outcome.kind === 'cancelled') return setSaving(null);
    setSaving({ state: 'done', text: outcome.kind === 'saved' ? t('post.save.savedTo', { path: outcome.path }) : t('post.save.downloaded', { name: outcome.fileName }) });
  };
  // A photo draft is posted as an image post: no timeline, the picture is its own cover.
  const isPhoto = kit?.draft.kind === 'photo';
  const post = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!kit) return;
    setBusy(true);
    setError(null);
    const result = await postJobsStore.post({
      draftId,
      title: shownTitle,
      visibility,
      anchors: anchorsForPost(anchors, kit.durationMs),
      ...(topic.trim() ? { topic: topic.trim() } : {}),
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(kit.covers.length > 0 ? { coverIndex: cover } : {}),
      ...(stickers.length > 0 ? { stickers: stickerInputs() } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    navigate(paths.posted(result.value.jobId));
  };

  return (
    <section className="page post-page" aria-labelledby="post-title">
      <header className="page__header">
        <div>
          <h1 id="post-title">{t('post.title')}</h1>
          <p className="page__subtitle">{kit ? kit.draft.title : posting.error ? t('post.cannotPost') : t('common.loading')}</p>
        </div>
      </header>
      {posting.error ? (
        <p className="toast toast--error" role="alert">
          {posting.error}
        </p>
      ) : null}
      {kit ? (
        <form className="post-layout" onSubmit={(e) => void post(e)} aria-label={t('post.form')}>
          <div className="post-preview" ref={previewRef}>
            <AnchorPreview
              imageUrl={isPhoto ? mediaSrc(kit.mediaUrl) : kit.covers[cover] ? mediaSrc(kit.covers[cover].url) : null}
              videoUrl={mediaSrc(kit.mediaUrl)}
              width={kit.draft.width ?? 9}
              height={kit.draft.height ?? 16}
              anchors={anchors}
              atMs={isPhoto ? null : (kit.covers[cover]?.timeMs ?? 0)}
              durationMs={kit.durationMs}
              onMove={(key, point) => posting.act({ type: 'move', key, point })}
              selectedKey={selectedKey}
              onSelect={setChosenKey}
              picking={picking}
            >
              <StickerLayer stickers={stickers} onMove={(id, p) => setStickers((all) => all.map((s) => (s.id === id ? { ...s, x: p.x, y: p.y } : s)))} />
            </AnchorPreview>
            <div className="post-preview__tools">
              <button type="button" className={picking ? 'button is-on' : 'button'} aria-pressed={picking} disabled={!selectedKey} onClick={() => setPicking((on) => !on)}>
                {t('post.pickSpot')}
              </button>
              <p className="post-note">{picking ? t('post.pickHint') : isPhoto ? t('post.dragHintPhoto') : t('post.dragHint')}</p>
            </div>
            {posting.faceScan === 'idle' ? null : (
              <p className="post-note" role="status" data-face-scan={posting.faceScan}>
                {posting.faceScan === 'scanning' ? t(isPhoto ? 'post.faceScan.scanningPhoto' : 'post.faceScan.scanning') : t(`post.faceScan.${posting.faceScan}`)}
              </p>
            )}
            {isPhoto ? (
              <p className="post-note">{t('post.photoTimes')}</p>
            ) : (
              <AnchorTimeline
                anchors={anchors}
                durationMs={kit.durationMs}
                selectedKey={selectedKey}
                onSelect={setChosenKey}
                onTime={(key, startMs, endMs) => posting.act({ type: 'time', key, startMs, endMs, durationMs: kit.durationMs })}
              />
            )}
          </div>
          <div className="post-fields">
            <fieldset className="post-group">
              <legend>{t('post.cover')}</legend>
              {isPhoto ? <p className="post-note">{t('post.photoCover')}</p> : <CoverPicker covers={kit.covers} value={cover} onChange={setCover} />}
            </fieldset>
            <label className="field">
              <span>{t('post.videoTitle')}</span>
              <input value={shownTitle} onChange={(e) => setTitle(e.target.value)} maxLength={120} required aria-label={t('post.videoTitle')} />
            </label>
            <label className="field">
              <span>{t('post.topic')}</span>
              <input value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={40} placeholder={t('post.topicPlaceholder')} aria-label={t('post.topicLabel')} />
            </label>
            <label className="field">
              <span>{t('post.location')}</span>
              <input value={location} onChange={(e) => setLocation(e.target.value)} maxLength={80} placeholder={t('post.locationPlaceholder')} aria-label={t('post.locationLabel')} />
            </label>
            <div className="post-group">
              <span className="post-label">{t('post.audience')}</span>
              <Segmented label={t('post.visibility')} options={VISIBILITY.map((value) => ({ value, label: t(`post.visibilities.${value}`) }))} value={visibility} onChange={setVisibility} />
            </div>
            <fieldset className="post-group">
              <legend>{t('post.targetAnchor')}</legend>
              <select aria-label={t('post.targetItem')} value={anchors.target?.itemId ?? ''} onChange={(e) => posting.chooseTarget(e.target.value || null, null)}>
                <option value="">{t('post.noTarget')}</option>
                {posting.catalog.map((i) => (
                  <option key={i.id} value={i.id}>
                    {t('post.itemOption', { name: i.name, kind: t(`catalog.kinds.${i.kind}`) })}
                  </option>
                ))}
              </select>
              {anchors.target ? (
                <p className="post-note">
                  {t(`post.placement.${anchors.target.placement}`)}{' '}
                  <button type="button" className="button button--ghost" onClick={() => posting.chooseTarget(anchors.target!.itemId, anchors.target!.attributeId)}>
                    {t('post.placeAuto')}
                  </button>
                </p>
              ) : null}
            </fieldset>
            <fieldset className="post-group">
              <legend>{t('post.associated')}</legend>
              <div className="post-offers">
                {posting.offers.map((o) => {
                  const on = anchors.associated.some((a) => subjectKey(a) === subjectKey(o));
                  return (
                    <button
                      key={subjectKey(o)}
                      type="button"
                      className={on ? 'offer is-on' : 'offer'}
                      aria-pressed={on}
                      aria-label={t('post.link', { label: o.label })}
                      onClick={() => {
                        posting.act({ type: 'toggle', offer: o });
                        if (!on) setChosenKey(subjectKey(o));
                      }}
                    >
                      {o.label}
                      <small>{t(`post.sources.${o.source}`)}</small>
                    </button>
                  );
                })}
                {posting.offers.length === 0 ? <p className="post-note">{t('post.chooseTarget')}</p> : null}
              </div>
              {posting.refusal ? (
                <p className="form-error" role="alert">
                  {posting.refusal}
                </p>
              ) : null}
            </fieldset>
            <LinkedItems
              anchor={[anchors.target, ...anchors.associated].find((a) => a && subjectKey(a) === selectedKey) ?? null}
              catalog={posting.catalog}
              onChange={(itemIds) => selectedKey && posting.act({ type: 'link', key: selectedKey, itemIds })}
            />
            <StickerPicker stickers={stickers} onChange={setStickers} />
            {account && !account.signedIn ? <p className="toast toast--info">{t('post.notSignedIn')}</p> : null}
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="post-actions">
              <button type="submit" className="button button--primary" disabled={busy || shownTitle.trim() === ''}>
                {t('post.submit')}
              </button>
              {isPhoto ? null : (
                <button type="button" className="button" disabled={saving?.state === 'busy'} onClick={() => void saveToDisk()}>
                  {saving?.state === 'busy' ? t('post.save.busy') : t('post.save.button')}
                </button>
              )}
            </div>
            {saving && saving.state !== 'busy' ? (
              <p className={saving.state === 'failed' ? 'form-error' : 'post-note'} role={saving.state === 'failed' ? 'alert' : 'status'}>
                {saving.text}
              </p>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
