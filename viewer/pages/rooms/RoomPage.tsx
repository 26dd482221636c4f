import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monthKey } from '@shared/domain/gifts/windows';
import { giftRoutes, type GiftMenu as Menu, type SentGift } from '@shared/protocol/gifts';
import { leaderboardRoutes, type Leaderboard } from '@shared/protocol/leaderboards';
import { roomRoutes, type Room } from '@shared/protocol/rooms';
import { Link } from '../../app/Link';
import { currentPath } from '../../app/router';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { useRoomEvents, type RoomEvent } from '../../client/room-events';
import { useSession } from '../../client/session-store';
import { ErrorNote } from '../ErrorNote';
import { initials } from '../video/VideoPage';
import { GiftMenu } from './GiftMenu';
import { LeaderboardCard, type BoardMonth } from './LeaderboardCard';
import { giftName, inSentence } from './gift-look';
import { Player } from './Player';
import { addNotice, addSent, applyState, clockAfterEvent, clockFromAnswer, noSentGifts, platformNow, previousMonth, type Notice, type PlatformClock } from './room-view';
import { rememberedGifts, rememberGift } from './sent-memory';
import { SentGiftList } from './SentGiftList';
import './rooms.css';

/** Presence lasts 60 s on the platform: say "still here" well within it. */
const PRESENCE_EVERY_MS = 25_000;
/** Gifts change the popularity and the board: read them again at most this often (a busy room sends many). */
const REFRESH_AFTER_MS = 1_500;

/** `/live/:roomId`: the player slot, presence and popularity, notices, the gift menu, one's own gifts, the board. */
export function RoomPage({ roomId }: Readonly<{ roomId: string }>) {
  const { t } = useTranslation();
  const session = useSession();
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [clock, setClock] = useState<PlatformClock>({ skewMs: 0 });
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [boardMonth, setBoardMonth] = useState<BoardMonth>('this');
  const [notices, setNotices] = useState<Notice[]>([]);
  const [sent, setSent] = useState(noSentGifts);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadMenu = useCallback(() => {
    call(giftRoutes.giftMenu, { params: { id: roomId } }).then(
      (answer) => {
        setClock(clockFromAnswer(answer.at, Date.now()));
        setMenu(answer);
      },
      () => undefined,
    );
  }, [roomId]);
  const [boardGeneration, setBoardGeneration] = useState(0);
  const loadRoomAndBoard = useCallback(() => {
    call(roomRoutes.getRoom, { params: { id: roomId } }).then(setRoom, setError);
    setBoardGeneration((n) => n + 1);
  }, [roomId]);
  // The board's month: in the room's zone by the platform's clock (absent: the platform's current month).
  const clockRef = useRef(clock);
  useEffect(() => {
    clockRef.current = clock;
  }, [clock]);
  const timeZone = room?.timeZone ?? null;
  useEffect(() => {
    if (!timeZone) return;
    const abort = new AbortController();
    const period = boardMonth === 'last' ? previousMonth(monthKey(platformNow(clockRef.current, Date.now()), timeZone)) : undefined;
    call(leaderboardRoutes.roomLeaderboard, { params: { id: roomId }, query: { limit: 20, period }, signal: abort.signal }).then(setBoard, () => undefined);
    return () => abort.abort();
  }, [roomId, boardMonth, timeZone, boardGeneration]);
  const refreshSoon = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      loadRoomAndBoard();
    }, REFRESH_AFTER_MS);
  }, [loadRoomAndBoard]);
  useEffect(() => () => void (refreshTimer.current && clearTimeout(refreshTimer.current)), []);

  useEffect(() => {
    setError(null);
    loadRoomAndBoard();
    loadMenu();
  }, [loadRoomAndBoard, loadMenu, attempt, session.status]);

  const open = room?.state === 'open';
  // Presence while the page is open on an open room.
  useEffect(() => {
    if (!open) return;
    const say = (present: boolean): void =>
      void call(roomRoutes.presence, { params: { id: roomId }, body: { present } }).then(
        (answer) => (present ? setRoom((r) => (r ? { ...r, viewers: answer.viewers } : r)) : undefined),
        () => undefined,
      );
    say(true);
    const timer = setInterval(() => say(true), PRESENCE_EVERY_MS);
    return () => {
      clearInterval(timer);
      say(false);
    };
  }, [open, roomId]);

  const onEvent = (event: RoomEvent): void => {
    setClock((c) => clockAfterEvent(c, event.at, Date.now()));
    switch (event.kind) {
      case 'gift':
        setNotices((list) => addNotice(list, { id: event.id, giftId: event.data.giftId, gift: event.data.gift, senderHandle: event.data.sender.handle, text: event.data.notice, at: event.at }));
        refreshSoon();
        return;
      case 'presence':
        setRoom((r) => (r ? { ...r, viewers: event.viewers } : r));
        return;
      case 'closed':
        setRoom((r) => (r ? { ...r, state: 'closed', closedAt: event.at, ...(r.stream ? { stream: { ...r.stream, state: 'offline' as const } } : {}) } : r));
        return;
      case 'stream':
        setRoom((r) => (r ? { ...r, stream: { state: event.state, hlsUrl: event.hlsUrl ?? r.stream?.hlsUrl ?? '' } } : r));
        return;
      case 'state':
        setSent((list) => applyState(list, { giftId: event.data.giftId, state: event.data.state, claim: event.data.claim, thanks: event.data.thanks }));
        return;
      default: {
        const never: never = event;
        return never;
      }
    }
  };
  useRoomEvents(roomId, onEvent, loadRoomAndBoard);

  const userId = session.status === 'signed-in' ? session.user.id : null;
  // After a reload: the gifts sent from this tab, read again (their states may have moved meanwhile).
  useEffect(() => {
    if (!userId) return;
    const abort = new AbortController();
    const ids = rememberedGifts(roomId, userId);
    void Promise.all(ids.map((id) => call(giftRoutes.getGift, { params: { id }, signal: abort.signal }).catch(() => null))).then((gifts) => {
      if (abort.signal.aborted) return;
      const found = gifts.filter((g): g is SentGift => g !== null && g.roomId === roomId).sort((a, b) => a.sentAt - b.sentAt);
      setSent((list) => found.reduce(addSent, list));
    });
    return () => abort.abort();
  }, [roomId, userId]);

  const onSent = (gift: SentGift): void => {
    if (userId) rememberGift(roomId, userId, gift.id);
    setSent((list) => addSent(list, gift));
    if (gift.coinPrice === 0) loadMenu();
  };

  if (error)
    return (
      <main className="page">
        {isFailure(error, 'not_found', 'validation_failed') ? <p className="empty">{t('rooms.notFound')}</p> : <ErrorNote error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      </main>
    );
  if (!room)
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  const signedIn = session.status === 'signed-in';
  const own = signedIn && session.user.id === room.streamer.id;
  return (
    <main className="page room-page">
      <div className="room-main">
        <header className="room-head">
          <Link to={paths.profile(room.streamer.handle)} className="room-streamer">
            <span className="avatar" aria-hidden="true">
              {initials(room.streamer.displayName)}
            </span>
            <span className="room-names">
              <h1>{room.title}</h1>
              <span className="muted">
                {room.streamer.displayName} · @{room.streamer.handle}
              </span>
            </span>
          </Link>
          <RoomStats room={room} />
        </header>
        <Player room={room} />
        <section className="notices" aria-labelledby="notices-title" aria-live="polite">
          <h2 id="notices-title" className="visually-hidden">
            {t('rooms.notices')}
          </h2>
          {notices.length === 0 ? <p className="muted small">{t('rooms.noNotices')}</p> : null}
          <ul>
            {notices.slice(0, 5).map((notice) => (
              <li key={notice.id} data-testid="notice">
                {t('rooms.noticeText', { handle: notice.senderHandle, gift: inSentence(giftName(t, notice.gift, notice.text)) })}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="room-side">
        {!open ? <p className="card closed-note">{t('rooms.roomClosed')}</p> : null}
        {open && !signedIn && session.status !== 'loading' ? (
          <Link className="button-like primary" to={paths.signIn(currentPath())}>
            {t('rooms.signInToSend')}
          </Link>
        ) : null}
        {own ? <p className="muted">{t('rooms.ownRoom')}</p> : null}
        {menu && open ? <GiftMenu roomId={roomId} menu={menu} clock={clock} sendable={open && signedIn && !own} onDue={loadMenu} onSent={onSent} /> : null}
        <SentGiftList gifts={sent.gifts} streamerName={room.streamer.displayName} timeZone={room.timeZone} />
        <LeaderboardCard board={board} month={boardMonth} onMonth={setBoardMonth} />
      </div>
    </main>
  );
}

function RoomStats({ room }: Readonly<{ room: Room }>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <p className="room-stats">
      <span className={room.state === 'open' ? 'live-badge' : 'ended-badge'}>{room.state === 'open' ? t('rooms.liveBadge') : t('rooms.closedBadge')}</span>
      {room.state === 'open' ? <span data-testid="viewers">{t('rooms.viewers', { count: room.viewers })}</span> : null}
      <span data-testid="popularity">{t('rooms.popularity', { value: number.format(room.popularity) })}</span>
    </p>
  );
}
