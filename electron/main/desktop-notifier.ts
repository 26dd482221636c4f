import { Notification, type BrowserWindow } from 'electron';
import type { ConversationId } from '@shared/protocol/messages';
import { showsConversation, type DesktopNotifier } from '../services/messages/message-notifier';

/** Electron's `Notification` as the services' DesktopNotifier. */
export function electronDesktopNotifier(): DesktopNotifier {
  // A notification nothing references can be collected before it is clicked (then 'click' never fires).
  const alive = new Set<Notification>();
  return {
    show({ title, body }, onClick) {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title, body });
      alive.add(note);
      note.once('click', () => {
        alive.delete(note);
        onClick();
      });
      note.once('close', () => alive.delete(note));
      note.show();
    },
  };
}

/** The conversation's dialog is on screen: the window is focused and its page is that conversation. */
export function conversationOnScreen(win: BrowserWindow | null, conversationId: ConversationId): boolean {
  if (!win || win.isDestroyed() || !win.isVisible() || win.isMinimized() || !win.isFocused()) return false;
  return showsConversation(win.webContents.getURL(), conversationId);
}
