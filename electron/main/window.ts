import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './app-protocol';
import { opensExternally } from './external-links';

/** Permissions the studio's own pages may get: camera and microphone for try-on and recording. */
// `notifications`: the Requests page announces a new request with the Web Notifications API, which
// Electron shows as a system notification (messages are announced from the main process instead).
const ALLOWED_PERMISSIONS = new Set(['media', 'fullscreen', 'clipboard-sanitized-write', 'notifications']);

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(webContents.getURL().startsWith(APP_ORIGIN) && ALLOWED_PERMISSIONS.has(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, origin) => origin.startsWith(APP_ORIGIN) && ALLOWED_PERMISSIONS.has(permission));
}

export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    backgroundColor: '#0e0f13',
    title: 'Anchor Studio',
    show: false,
    webPreferences: {
      preload: path.join(preloadDir, 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links out (the viewer app on the platform: "View on the platform", a forwarded video) open in
    // the system browser: https anywhere, plain http only to this machine (the embedded platform).
    if (opensExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN + '/')) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}
