import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MESSAGE_MAX_CHARS } from '@shared/domain/gifts/economics';
import { giftRoutes, type GiftMenu as Menu, type MenuEntry, type SentGift } from '@shared/protocol/gifts';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { ApiFailure, call } from '../../client/api';
import { giftName } from './gift-look';
import { GiftBurst, GiftPicture } from './GiftPicture';
import { canSend, checkMessage, countdown, newSendKey, nextMenuChange, platformNow, sortMenu, type PlatformClock } from './room-view';

interface Props {
  readonly roomId: string;
  readonly menu: Menu;
  readonly clock: PlatformClock;
  /** Sending is possible (signed in, not one's own room, the room open); otherwise why not is shown instead. */
  readonly sendable: boolean;
  /** The menu's next change came (a window closed or opened): read it again. */
  readonly onDue: () => void;
  readonly onSent: (gift: SentGift) => void;
}

/** One tick a second for the countdowns (a clock face changes once a second; no per-frame state). */
function useSecond(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The gift menu: open gifts with the countdown to closing, closed ones with their next window, and the send form. */
export function GiftMenu({ roomId, menu, clock, sendable, onDue, onSent }: Props) {
  const { t, i18n } = useTranslation();
  const localNow = useSecond();
  const now = platformNow(clock, localNow);
  const [chosen, setChosen] = useState<string | null>(null);
  // The sent gift's animation over the page; a new send restarts it (key).
  const [burst, setBurst] = useState<{ readonly giftId: string; readonly id: string } | null>(null);
  const sent = (gift: SentGift): void => {
    setBurst({ giftId: gift.giftId, id: gift.id });
    onSent(gift);
  };
  const change = nextMenuChange(menu.gifts);
  // Ask once per answer: each answer resets the clock to the platform's, so a window that is still
  // open by the platform's time counts down again rather than making the page ask every second.
  const asked = useRef<Menu | null>(null);
  useEffect(() => {
    if (change !== null && now >= change && asked.current !== menu) {
      asked.current = menu;
      onDue();
    }
  }, [change, now, menu, onDue]);
  const opens = new Intl.DateTimeFormat(i18n.language, { timeZone: menu.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const zone = menu.timeZone.split('/').at(-1)!.replace(/_/g, ' ');
  const selected = menu.gifts.find((g) => g.id === chosen && canSend(g)) ?? null;
  return (
    <section className="card gift-menu" aria-labelledby="gift-menu-title">
      <h2 id="gift-menu-title">{t('rooms.menu')}</h2>
      <p className="muted small">{t('rooms.menuHint', { zone })}</p>
      <ul className="gift-grid">
        {sortMenu(menu.gifts).map((gift) => {
          const name = giftName(t, gift.id, gift.name);
          const closingIn = gift.open && gift.closesAt !== undefined ? gift.closesAt - now : null;
          return (
            <li key={gift.id} className={`gift-tile${gift.open ? '' : ' closed'}`} data-testid={`gift-${gift.id}`} data-open={gift.open}>
              <button
                type="button"
                className="gift-pick"
                disabled={!sendable || !canSend(gift)}
                aria-pressed={chosen === gift.id}
                aria-label={t('rooms.choose', { name })}
                onClick={() => setChosen(gift.id)}
              >
                <GiftPicture giftId={gift.id} name={name} />
                <span className="gift-name">{name}</span>
                <span className="gift-price">{gift.coinPrice === 0 ? t('rooms.free') : t('rooms.coins', { count: gift.coinPrice })}</span>
              </button>
              <span className="gift-window" data-testid="gift-window">
                {gift.open
                  ? closingIn !== null
                    ? t('rooms.closesIn', { time: countdown(closingIn) })
                    : gift.coinPrice === 0 && gift.freeLeftToday !== undefined
                      ? gift.freeLeftToday > 0
                        ? t('rooms.freeLeft', { count: gift.freeLeftToday })
                        : t('rooms.freeUsed')
                      : t('rooms.alwaysOpen')
                  : gift.nextOpensAt !== undefined
                    ? t('rooms.opensAt', { when: opens.format(gift.nextOpensAt) })
                    : t('rooms.closed')}
              </span>
            </li>
          );
        })}
      </ul>
      {selected ? <SendForm key={selected.id} roomId={roomId} gift={selected} onSent={sent} onClosed={onDue} onCancel={() => setChosen(null)} /> : null}
      {burst ? <GiftBurst key={burst.id} giftId={burst.giftId} onDone={() => setBurst(null)} /> : null}
    </section>
  );
}

type Refusal = { readonly kind: 'shortfall'; readonly coins: number } | { readonly kind: 'text'; readonly text: string };

const Shortfall = z.object({ shortfall: z.number().int().positive() });
/** How many coins a 402 says are missing (its error's `shortfall`). */
const shortfallOf = (failure: ApiFailure): number | null => {
  const parsed = Shortfall.safeParse(failure.details);
  return parsed.success ? parsed.data.shortfall : null;
};

function SendForm({ roomId, gift, onSent, onClosed, onCancel }: Readonly<{ roomId: string; gift: MenuEntry; onSent: (gift: SentGift) => void; onClosed: () => void; onCancel: () => void }>) {
  const { t } = useTranslation();
  const name = giftName(t, gift.id, gift.name);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // One key per attempt at one gift and message: a retry after a lost answer cannot send twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const check = checkMessage(text);
  const length = [...text.trim()].length;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!check.ok || busy) return;
    const body = JSON.stringify([gift.id, check.message ?? null]);
    if (attempt.current?.body !== body) attempt.current = { body, key: newSendKey() };
    setBusy(true);
    setRefusal(null);
    setDone(null);
    try {
      const sent = await call(giftRoutes.sendGift, { params: { id: roomId }, body: { giftId: gift.id, message: check.message, idempotencyKey: attempt.current.key } });
      attempt.current = null;
      setText('');
      setDone(t('rooms.sent', { name }));
      onSent(sent);
    } catch (error) {
      setRefusal(refusalOf(error));
      if (error instanceof ApiFailure && error.code !== 'network') attempt.current = null;
      if (error instanceof ApiFailure && error.code === 'gift_closed') onClosed();
    } finally {
      setBusy(false);
    }
  };

  function refusalOf(error: unknown): Refusal {
    if (!(error instanceof ApiFailure)) return { kind: 'text', text: t('rooms.errors.failed', { message: String(error) }) };
    switch (error.code) {
      case 'insufficient_funds':
        return { kind: 'shortfall', coins: shortfallOf(error) ?? gift.coinPrice };
      case 'gift_closed':
        return { kind: 'text', text: t('rooms.errors.closed', { name }) };
      case 'free_gift_limit':
        return { kind: 'text', text: t('rooms.errors.freeLimit') };
      case 'room_closed':
        return { kind: 'text', text: t('rooms.errors.roomClosed') };
      case 'rate_limited':
        return { kind: 'text', text: t('rooms.errors.rateLimited') };
      case 'network':
        return { kind: 'text', text: t('app.offline') };
      default:
        return { kind: 'text', text: t('rooms.errors.failed', { message: error.message }) };
    }
  }

  return (
    <form className="send-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('rooms.sendTitle', { name })}>
      <h3>{t('rooms.sendTitle', { name })}</h3>
      {gift.item ? <p className="muted small">{t('rooms.stands', { item: gift.item.name })}</p> : null}
      <label className="field">
        <span className="field-label">{t('rooms.message')}</span>
        <textarea
          name="message"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={check.ok ? undefined : true}
          aria-describedby={check.ok ? 'gift-message-count' : 'gift-message-error'}
        />
        <span className="muted small" id="gift-message-count">
          {t('rooms.messageCount', { count: length, max: MESSAGE_MAX_CHARS })}
        </span>
        {check.ok ? null : (
          <span className="field-error" id="gift-message-error" role="alert">
            {t('rooms.messageTooLong', { max: MESSAGE_MAX_CHARS, count: check.length })}
          </span>
        )}
      </label>
      <div className="send-actions">
        <button type="button" onClick={onCancel}>
          {t('rooms.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy || !check.ok}>
          {busy ? t('rooms.sending') : `${t('rooms.send')} · ${gift.coinPrice === 0 ? t('rooms.free') : t('rooms.coins', { count: gift.coinPrice })}`}
        </button>
      </div>
      {done ? <p role="status">{done}</p> : null}
      {refusal?.kind === 'shortfall' ? (
        <p className="form-error" role="alert">
          {t('rooms.errors.shortfall', { count: refusal.coins, name })} <Link to={paths.wallet(paths.room(roomId))}>{t('rooms.errors.topUp')}</Link>
        </p>
      ) : refusal ? (
        <p className="form-error" role="alert">
          {refusal.text}
        </p>
      ) : null}
    </form>
  );
}
