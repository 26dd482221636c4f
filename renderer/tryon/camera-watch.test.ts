import { describe, expect, it } from 'vitest';
import { CameraWatch, type DeviceList } from './camera-watch';

/** A device list whose cameras the test plugs and unplugs. */
function fakeDevices(): DeviceList & { cameras: string[]; change(): Promise<void> } {
  const target = new EventTarget();
  const devices = {
    cameras: ['cam-a'],
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    enumerateDevices: async () => devices.cameras.map((deviceId) => ({ deviceId, kind: 'videoinput', label: '', groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo),
    async change() {
      target.dispatchEvent(new Event('devicechange'));
      // Let the watch's enumerate and reopen settle.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
  return devices as unknown as DeviceList & { cameras: string[]; change(): Promise<void> };
}

describe('CameraWatch', () => {
  it('reopens the same camera when it comes back after an unplug, and says so once', async () => {
    const devices = fakeDevices();
    const opened: (string | null)[] = [];
    let recovered = 0;
    const watch = new CameraWatch(devices, { reopen: async (id) => (opened.push(id), true), recovered: () => recovered++ });
    watch.watch('cam-a', '720p');
    await devices.change();
    expect(opened).toEqual([]); // not lost: a device change alone reopens nothing
    expect(watch.markLost()).toBe(true);
    devices.cameras = [];
    await devices.change();
    expect(opened).toEqual([]); // no camera listed yet
    devices.cameras = ['cam-b', 'cam-a'];
    await devices.change();
    expect(opened).toEqual(['cam-a']);
    expect(recovered).toBe(1);
  });

  it('falls back to any camera, and keeps retrying while a listed camera will not open', async () => {
    const devices = fakeDevices();
    const opened: (string | null)[] = [];
    let opens = false;
    const watch = new CameraWatch(devices, { reopen: async (id) => (opened.push(id), opens), recovered: () => undefined });
    watch.watch('cam-a', '1080p');
    watch.markLost();
    devices.cameras = ['cam-b'];
    await devices.change();
    opens = true;
    await devices.change();
    expect(opened).toEqual([null, null]);
    await devices.change();
    expect(opened).toHaveLength(2); // recovered: no more reopening
  });

  it('ignores an unplug after the source stopped being a camera, and stops listening when disposed', async () => {
    const devices = fakeDevices();
    const opened: (string | null)[] = [];
    const watch = new CameraWatch(devices, { reopen: async (id) => (opened.push(id), true), recovered: () => undefined });
    watch.watch('cam-a', '720p');
    watch.stop();
    expect(watch.markLost()).toBe(false);
    watch.watch('cam-a', '720p');
    watch.markLost();
    watch.dispose();
    await devices.change();
    expect(opened).toEqual([]);
  });
});
