import { syncedStore, useStore } from '../../client/synced-store';

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

/** A short chime per gift (a few notes from the gift's id), so different gifts sound different. */
const SCALE = [523.25, 587.33, 659.25, 783.99, 880, 1046.5];

let context: AudioContext | null = null;

/** Plays the gift's chime through Web Audio at the chosen volume; silent when muted or at 0. */
export function playGiftSound(giftSlug: string): void {
  const { volume, muted } = soundStore.get();
  if (muted || volume <= 0 || typeof AudioContext === 'undefined') return;
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
