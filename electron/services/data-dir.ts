import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Anchor Studio';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives, so the desktop
 * app and the browser-hosted studio see the same drafts.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
  }
}
