import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESET_KBPS, StreamOrientation, StreamPreset, type DestinationView } from '@shared/ipc/nouns/live-stream';
import type { RoomId } from '@shared/protocol/rooms';
import { DestinationForm } from './DestinationForm';
import { LiveTake } from './LiveTake';
import { StreamHealthBar } from './StreamHealthBar';
import { useStreamAlert } from './stream-alert';
import type { FrameSource } from './stream-compositor';
import { streamStore, useStreamSession } from './stream-store';

export type StreamPanelProps = Readonly<{
  /** The open room (its Anchor Live destination streams only while it is open). */
  roomId: RoomId | null;
  /** The try-on engine to broadcast (its canvas and per-frame hook), once the preview has one. */
  source: () => FrameSource | null;
}>;

/**
 * The Go Live video panel: where the stream goes (the room and custom RTMP services, each on/off),
 * the output (orientation, preset), its own Start/Stop streaming button, and the health bar.
 * Opening the room does not start the video; ending the room stops it (LivePage).
 */
export function StreamPanel({ roomId, source }: StreamPanelProps) {
  const { t } = useTranslation();
  const session = useStreamSession();
  // The gift alert on screen goes into the streamed picture too.
  useStreamAlert();
  const [editing, setEditing] = useState<DestinationView | 'new' | null>(null);
  const streaming = session.status.streamId !== null;
  const { output } = session;
  const usable = session.destinations.filter((d) => d.enabled && (d.kind === 'custom' || roomId !== null));

  const start = (): void => {
    const s = source();
    if (s) void streamStore.start(s, roomId);
  };
  const canvas = (): HTMLCanvasElement | null => source()?.canvas ?? null;

  return (
    <section className="stream-panel" aria-labelledby="stream-title">
      <header className="stream-panel__header">
        <h2 id="stream-title">{t('live.stream.title')}</h2>
        {streaming ? (
          <button type="button" className="button button--danger" disabled={session.busy} onClick={() => void streamStore.stop()}>
            {t('live.stream.stop')}
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={session.busy || usable.length === 0} onClick={start}>
            {t('live.stream.start')}
          </button>
        )}
      </header>
      <p className="live-note">{t(streaming ? 'live.stream.streamingNote' : usable.length === 0 ? 'live.stream.noneOn' : 'live.stream.startNote', { count: usable.length })}</p>
      {session.error ? (
        <p className="form-error" role="alert">
          {session.error}
        </p>
      ) : null}
      <StreamHealthBar destinations={session.status.destinations} />
      {streaming ? <LiveTake canvas={canvas} /> : null}

      <fieldset className="stream-output" disabled={streaming}>
        <legend>{t('live.stream.output')}</legend>
        <label>
          <span>{t('live.stream.orientation')}</span>
          <select value={output.orientation} onChange={(e) => streamStore.setOutput({ ...output, orientation: StreamOrientation.parse(e.target.value) })}>
            {StreamOrientation.options.map((o) => (
              <option key={o} value={o}>
                {t(`live.stream.orientations.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('live.stream.quality')}</span>
          <select
            value={output.preset}
            onChange={(e) => {
              const preset = StreamPreset.parse(e.target.value);
              streamStore.setOutput({ ...output, preset, videoKbps: PRESET_KBPS[preset] });
            }}
          >
            {StreamPreset.options.map((p) => (
              <option key={p} value={p}>
                {t(`live.stream.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="stream-output__mic">
          <input type="checkbox" checked={session.withMic} onChange={(e) => streamStore.setWithMic(e.target.checked)} />
          <span>{t('live.stream.microphone')}</span>
        </label>
      </fieldset>

      <h3 className="stream-panel__subtitle">{t('live.stream.destinations')}</h3>
      <ul className="stream-destinations">
        {session.destinations.map((d) => (
          <li key={d.id} className="stream-destination">
            <label className="stream-destination__toggle">
              <input
                type="checkbox"
                role="switch"
                checked={d.enabled}
                disabled={streaming}
                onChange={(e) => void streamStore.setEnabled(d.id, e.target.checked)}
                aria-label={t('live.stream.toggle', { name: d.kind === 'platform' ? t('live.stream.platformName') : d.name })}
              />
              <span className="stream-destination__name">{d.kind === 'platform' ? t('live.stream.platformName') : d.name}</span>
            </label>
            <span className="stream-destination__detail">
              {d.kind === 'platform' ? t(roomId ? 'live.stream.platformReady' : 'live.stream.platformNeedsRoom') : `${d.url} · ${t('live.stream.keyEnding', { last4: d.keyLast4 ?? '' })}`}
            </span>
            {d.kind === 'platform' && roomId ? <RoomKey roomId={roomId} /> : null}
            {d.kind === 'custom' && !streaming ? (
              <span className="stream-destination__actions">
                <button type="button" className="button button--small" onClick={() => setEditing(d)} aria-label={t('live.stream.editNamed', { name: d.name })}>
                  {t('live.stream.edit')}
                </button>
                <button type="button" className="button button--small" onClick={() => void streamStore.remove(d.id)} aria-label={t('live.stream.removeNamed', { name: d.name })}>
                  {t('live.stream.remove')}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {editing ? (
        <DestinationForm key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button" disabled={streaming} onClick={() => setEditing('new')}>
          {t('live.stream.add')}
        </button>
      )}
    </section>
  );
}

/** The room's RTMP URL and key, fetched and shown only when asked (for an external encoder such as OBS). */
function RoomKey({ roomId }: Readonly<{ roomId: RoomId }>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ rtmpUrl: string; streamKey: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (shown)
    return (
      <span className="stream-destination__key">
        <code>{shown.rtmpUrl}</code> <code>{shown.streamKey}</code>
        <button type="button" className="button button--small" onClick={() => setShown(null)}>
          {t('live.stream.hideKey')}
        </button>
      </span>
    );
  return (
    <span className="stream-destination__key">
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          void streamStore.revealRoomKey(roomId).then((r) => {
            if (r.ok) setShown(r.value);
            else setError(r.error.message);
          })
        }
      >
        {t('live.stream.showKey')}
      </button>
      {error ? <small className="form-error">{error}</small> : null}
    </span>
  );
}
