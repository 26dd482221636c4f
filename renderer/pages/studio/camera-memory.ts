/**
 * Whether the camera was allowed and in use, so Studio can pick up where the creator was: arriving
 * from an anchor, or back from Shoot, it starts the camera again without a click (only when it
 * worked before: a first visit still asks with "Start camera").
 */
const KEY = 'anchor-studio.camera-allowed';
let inUse = false;

export const cameraMemory = {
  /** A camera source started: the browser (or Electron) allowed it. */
  started(): void {
    inUse = true;
    try {
      localStorage.setItem(KEY, 'yes');
    } catch {
      // Storage refused: the permission query below still answers.
    }
  },
  /** A photo or video became the source. */
  fileChosen(): void {
    inUse = false;
  },
  wasInUse: (): boolean => inUse,
  async allowed(): Promise<boolean> {
    try {
      if (localStorage.getItem(KEY) === 'yes') return true;
    } catch {
      // fall through to the permission query
    }
    try {
      return (await navigator.permissions.query({ name: 'camera' as PermissionName })).state === 'granted';
    } catch {
      return false;
    }
  },
};
