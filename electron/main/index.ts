import { app, BrowserWindow, dialog, ipcMain, safeStorage, type IpcMainEvent, type WebContents } from 'electron';
import path from 'node:path';
import { languageFor } from '@shared/domain/languages';
import { channelsOf } from '@shared/ipc/define';
import { contract, eventSpecs } from '@shared/ipc/contract';
import { EVENT_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from '@shared/ipc/electron-channels';
import { EventRouter, SubscribeMessage, UnsubscribeMessage } from '@shared/ipc/subscriptions';
import type { MessageArrived } from '@shared/ipc/nouns/messages';
import { SettingsView } from '@shared/ipc/nouns/settings';
import { ConversationPage } from '@shared/protocol/messages';
import { createLogger } from '../services/logger';
import { connectPlatform, type PlatformConnection } from '../services/platform-connection';
import { composeStudio, type StudioServices } from '../services/compose';
import { MessageNotifier } from '../services/messages/message-notifier';
import { EncryptedFileSecretStore } from '../services/sync/secret-store';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerDeepLinks } from './deep-links';
import { conversationOnScreen, electronDesktopNotifier } from './desktop-notifier';
import { ownArgs, parseLaunchArgs, type LaunchOptions } from './launch-args';
import { createMainWindow, hardenSession } from './window';

/** Composition root of the desktop app: builds the services, wires the transport and the window. */
const logger = createLogger('main');
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let services: StudioServices | null = null;
  const pendingLinks: string[] = [];

  const sendLink = (route: string): void => {
    if (!services || !win) {
      pendingLinks.push(route);
      return;
    }
    services.bus.emit('app.openLink', { path: route });
    if (win.isMinimized()) win.restore();
    win.focus();
  };
  registerDeepLinks(sendLink);

  let platform: PlatformConnection | null = null;
  void app.whenReady().then(async () => {
    hardenSession();
    let launch: LaunchOptions;
    try {
      launch = parseLaunchArgs(ownArgs(process.argv, process.defaultApp === true));
    } catch (error) {
      dialog.showErrorBox('Anchor Studio', error instanceof Error ? error.message : String(error));
      app.exit(2);
      return;
    }
    const remote = launch.platformUrl ?? process.env.PLATFORM_URL ?? null;
    try {
      platform = await connectPlatform({
        remoteUrl: remote,
        dataDir: app.getPath('userData'),
        // The catalog ships inside the built renderer (resources/ is its public folder).
        resourcesDir: path.join(__dirname, '../renderer'),
        seed: launch.seed,
        logger: logger.child('platform'),
      });
    } catch (error) {
      logger.error('platform unavailable', { error });
    }
    try {
      services = composeStudio({
        platform,
        dataDir: app.getPath('userData'),
        host: 'electron',
        version: app.getVersion(),
        logger,
        // The platform token is encrypted with the OS keychain; services never import electron.
        secretStore: new EncryptedFileSecretStore(path.join(app.getPath('userData'), 'platform-session.enc'), safeStorage),
        // So are custom live destinations' stream keys.
        streamKeyStore: new EncryptedFileSecretStore(path.join(app.getPath('userData'), 'live-destination-keys.enc'), safeStorage),
        pickMediaFile: async () => {
          const result = await dialog.showOpenDialog({
            title: 'Import a photo or video',
            properties: ['openFile'],
            filters: [{ name: 'Photos and videos', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp', 'avif', 'mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi'] }],
          });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        pickFolder: async () => {
          const result = await dialog.showOpenDialog({ title: 'Save the video with its anchors', properties: ['openDirectory', 'createDirectory'] });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
      });
    } catch (error) {
      // A database the studio may not write and cannot open read-only, a full disk: say why, leave the file alone.
      dialog.showErrorBox('Anchor Studio cannot start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return;
    }
    const live = services;
    handleAppProtocol(path.join(__dirname, '../renderer'), live.draftFiles, platform?.url ?? null);

    for (const channel of channelsOf(contract)) {
      ipcMain.handle(channel, (event, input: unknown) => {
        // Only our own pages may call the contract.
        if (!event.senderFrame?.url.startsWith(APP_ORIGIN + '/')) return { ok: false, error: { code: 'unauthorized', message: 'not an Anchor Studio page' } };
        return live.dispatch(channel, input);
      });
    }
    // A window hears only the events its page subscribed to (shared/ipc/subscriptions.ts).
    const router = new EventRouter<WebContents>(eventSpecs);
    const fromOurPage = (event: IpcMainEvent): boolean => event.senderFrame?.url.startsWith(APP_ORIGIN + '/') === true;
    ipcMain.on(SUBSCRIBE_CHANNEL, (event, message: unknown) => {
      if (!fromOurPage(event)) return;
      const parsed = SubscribeMessage.safeParse(message);
      if (!parsed.success) return;
      const contents = event.sender;
      if (router.subscribe(contents, parsed.data) === null) contents.once('destroyed', () => router.drop(contents));
    });
    ipcMain.on(UNSUBSCRIBE_CHANNEL, (event, message: unknown) => {
      const parsed = UnsubscribeMessage.safeParse(message);
      if (parsed.success) router.unsubscribe(event.sender, parsed.data.sub);
    });
    live.bus.subscribe((name, payload) => {
      for (const [contents, delivery] of router.route(name, payload)) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, delivery);
    });
    // New messages as system notifications (the browser-hosted studio uses the Web Notifications API instead).
    const notifier = new MessageNotifier({
      desktop: electronDesktopNotifier(),
      conversations: async () => {
        const page = await live.dispatch('messages.conversations', {});
        return page.ok ? ConversationPage.parse(page.value).conversations : [];
      },
      isShowing: (conversationId) => conversationOnScreen(win, conversationId),
      open: (conversationId) => sendLink(`/messages/${encodeURIComponent(conversationId)}`),
      // As the page picks it: the Settings choice, else the system's preferred languages.
      language: async () => {
        const settings = await live.dispatch('settings.get', undefined);
        const choice = settings.ok ? SettingsView.parse(settings.value).language : 'system';
        return choice === 'system' ? languageFor(app.getPreferredSystemLanguages()) : choice;
      },
      logger: logger.child('notifications'),
    });
    live.bus.subscribe((name, payload) => {
      if (name === 'messages.arrived') void notifier.arrived(payload as MessageArrived);
    });

    win = createMainWindow(path.join(__dirname, '../preload'));
    win.webContents.once('did-finish-load', () => pendingLinks.splice(0).forEach(sendLink));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(path.join(__dirname, '../preload'));
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    services?.close();
    void platform?.close();
  });
}
