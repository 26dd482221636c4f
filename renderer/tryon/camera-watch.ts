import type { Resolution } from './sources';

/** The part of `navigator.mediaDevices` the watch uses (a stand-in in unit tests). */
export type DeviceList = Pick<MediaDevices, 'addEventListener' | 'removeEventListener' | 'enumerateDevices'>;

export interface CameraWatchHooks {
  /** Opens a camera again (null: any camera); resolves true when it is live. */
  reopen(deviceId: string | null, resolution: Resolution): Promise<boolean>;
  recovered(): void;
}

/**
 * Follows the camera in use: after it is unplugged (`markLost`), every device change tries to open
 * it again — the same device if it is back, else any camera — until one opens. A camera that is
 * listed but cannot open yet keeps the watch waiting for the next change.
 */
export class CameraWatch {
  private wanted: { deviceId: string | null; resolution: Resolution } | null = null;
  private lost = false;
  private listening = false;
  private readonly onDeviceChange = (): void => void this.recover();

  constructor(
    private readonly devices: DeviceList | undefined,
    private readonly hooks: CameraWatchHooks,
  ) {}

  /** A camera was opened (or is being opened) with these settings. */
  watch(deviceId: string | null, resolution: Resolution): void {
    this.wanted = { deviceId, resolution };
    this.lost = false;
    if (!this.listening && this.devices) {
      this.devices.addEventListener('devicechange', this.onDeviceChange);
      this.listening = true;
    }
  }

  /** The source is no longer a camera. */
  stop(): void {
    this.wanted = null;
    this.lost = false;
  }

  /** The camera went away; false when no camera is being watched. */
  markLost(): boolean {
    if (!this.wanted) return false;
    this.lost = true;
    return true;
  }

  private async recover(): Promise<void> {
    const wanted = this.wanted;
    if (!wanted || !this.lost || !this.devices) return;
    const cameras = (await this.devices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (cameras.length === 0) return;
    const same = cameras.some((d) => d.deviceId === wanted.deviceId);
    if (await this.hooks.reopen(same ? wanted.deviceId : null, wanted.resolution)) {
      this.lost = false;
      this.hooks.recovered();
    } else if (this.wanted) {
      // Listed but not open yet: stay lost, so the next change retries.
      this.lost = true;
    }
  }

  dispose(): void {
    this.wanted = null;
    if (this.listening) this.devices?.removeEventListener('devicechange', this.onDeviceChange);
    this.listening = false;
  }
}
