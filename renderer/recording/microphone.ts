import { t } from '../i18n/i18n';

/**
 * The shooting page's microphone: device choice, mute (the track keeps running, silent, so the
 * recording has one continuous audio track) and a level meter drawn straight into a DOM element
 * from requestAnimationFrame — never through React state.
 */
export interface MicDevice {
  readonly deviceId: string;
  readonly label: string;
}

export async function listMicrophones(): Promise<MicDevice[]> {
  const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  return devices.filter((d) => d.kind === 'audioinput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || t('shoot.mic.numbered', { number: i + 1 }) }));
}

export class Microphone {
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;
  private analyser: AnalyserNode | null = null;
  private samples: Float32Array<ArrayBuffer> | null = null;
  private frame = 0;
  private meter: HTMLElement | null = null;
  private mutedValue = false;
  private lastDraw = 0;
  private lastReported = -1;

  get track(): MediaStreamTrack | null {
    return this.stream?.getAudioTracks()[0] ?? null;
  }

  /** Opens a device (null: the default one); resolves with the error text when it cannot. */
  async open(deviceId: string | null): Promise<string | null> {
    this.close();
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false });
    } catch (error) {
      return error instanceof Error && error.name === 'NotAllowedError' ? t('shoot.mic.notAllowed') : t('shoot.mic.none');
    }
    this.setMuted(this.mutedValue);
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(this.stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 512;
    this.samples = new Float32Array(this.analyser.fftSize);
    source.connect(this.analyser);
    this.frame = requestAnimationFrame(this.tick);
    return null;
  }

  setMuted(muted: boolean): void {
    this.mutedValue = muted;
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** The element whose width shows the level (0–100 %). */
  attachMeter(element: HTMLElement | null): void {
    this.meter = element;
  }

  close(): void {
    cancelAnimationFrame(this.frame);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    void this.context?.close();
    this.stream = null;
    this.context = null;
    this.analyser = null;
  }

  private readonly tick = (time: number): void => {
    this.frame = requestAnimationFrame(this.tick);
    // 15 updates a second is smooth for a meter and leaves the frames to the try-on and the recorder.
    if (!this.analyser || !this.samples || !this.meter || time - this.lastDraw < 66) return;
    this.lastDraw = time;
    this.analyser.getFloatTimeDomainData(this.samples);
    let peak = 0;
    for (let i = 0; i < this.samples.length; i++) peak = Math.max(peak, Math.abs(this.samples[i]!));
    const level = this.mutedValue ? 0 : Math.min(1, peak * 1.4);
    this.meter.style.transform = `scaleX(${level.toFixed(3)})`;
    const reported = Math.round(level * 10) * 10;
    if (reported !== this.lastReported) {
      this.lastReported = reported;
      this.meter.parentElement?.setAttribute('aria-valuenow', String(reported));
    }
  };
}
