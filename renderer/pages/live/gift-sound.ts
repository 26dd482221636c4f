import { syncedStore, useStore } from '../../client/synced-store';
import { accountStore } from '../../publishing/account-store';
import { giftMediaUrl } from './gift-glyphs';

export interface SoundSettings {
  /** 0…1. */
  readonly volume: number;
  readonly muted: boolean;
}

const KEY = 'anchor-studio.live.sound';

function load(): SoundSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<SoundSettings> | null;
    const volume = typeof saved?.volume === 'number' && saved.volume >= 0 && saved.volume <= 1 ? saved.volume : 0.6;
    return { volume, muted: saved?.muted === true };
  } catch {
    return { volume: 0.6, muted: false };
  }
}

/** The alert sound's volume and mute, kept in this browser profile (a preference of this machine). */
export const soundStore = syncedStore<SoundSettings>(load());
soundStore.subscribe(() => {
  try {
    localStorage.setItem(KEY, JSON.stringify(soundStore.get()));
  } catch {
    // Storage full or refused: the setting lasts this session.
  }
});
export const useSound = (): SoundSettings => useStore(soundStore);

/**
 * Plays the gift's own sound effect (the catalog's file on the platform) at the chosen volume;
 * silent when muted or at 0. Without a platform, or when the file cannot play, the chime below.
 */
export function playGiftSound(giftSlug: string): void {
  const { volume, muted } = soundStore.get();
  if (muted || volume <= 0) return;
  const url = giftMediaUrl(accountStore.get()?.platformUrl, giftSlug, 'sound');
  if (!url || typeof Audio === 'undefined') return playChime(giftSlug, volume);
  const audio = new Audio(url);
  audio.volume = volume;
  let fellBack = false;
  const fallBack = (): void => {
    if (fellBack) return;
    fellBack = true;
    playChime(giftSlug, volume);
  };
  audio.addEventListener('error', fallBack, { once: true });
  // Autoplay refused (no user gesture yet) or no output: the chime through Web Audio may still play.
  audio.play().catch(fallBack);
}

/** A short chime per gift (a few notes from the gift's id), so different gifts sound different. */
const SCALE = [523.25, 587.33, 659.25, 783.99, 880, 1046.5];

let context: AudioContext | null = null;

/** The gift's chime through Web Audio at `volume`. */
function playChime(giftSlug: string, volume: number): void {
  if (typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    const start = context.currentTime + 0.01;
    let seed = 0;
    for (const ch of giftSlug) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
    for (let i = 0; i < 3; i++) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'triangle';
      osc.frequency.value = SCALE[(seed >> (i * 3)) % SCALE.length]!;
      const t = start + i * 0.12;
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.25 * volume, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
      osc.connect(gain).connect(context.destination);
      osc.start(t);
      osc.stop(t + 0.4);
    }
  } catch {
    // No audio output: the alert still shows.
  }
}
