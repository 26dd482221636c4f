import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOutput } from './support/paths';
import { launchStudio, openPage, type StudioSession } from './support/studio';

/**
 * Issue 11, studio side: the Messages page shows the signed-in account's conversations from the
 * platform, live (a viewer's message arrives without a reload, with the rail's unread badge), and a
 * reply from the studio reaches the viewer. The viewer is the embedded platform's demo account,
 * driven over plain HTTP as the viewer app would.
 */
const shot = (name: string): string => testOutput('messages', `${name}.png`);

let studio: StudioSession;
let api: (path: string, init?: { method?: string; token?: string; body?: unknown }) => Promise<Response>;

beforeAll(async () => {
  studio = await launchStudio({ path: '/settings', viewport: { width: 1280, height: 800 } });
  const platformUrl = /Platform: (\S+)/.exec(studio.hostOutput())![1]!;
  api = (path, init = {}) =>
    fetch(`${platformUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
});
afterAll(async () => {
  await studio?.close();
});

describe('Messages in the studio (issue 11, studio side)', () => {
  it('shows a viewer’s message live with the unread badge, marks it read, and the reply reaches the viewer', async () => {
    const { page } = studio;
    await page.getByRole('heading', { name: 'Platform account' }).waitFor();
    await page.getByRole('textbox', { name: 'Handle' }).fill('viewer_ana');
    await page.getByLabel('Password').fill('demo-viewer-pass');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor({ timeout: 30_000 });

    await openPage(page, 'Messages');
    await page.getByText('No conversations yet.').waitFor({ timeout: 20_000 });

    // A viewer writes to the studio's account.
    const ben = (await (await api('/auth/login', { method: 'POST', body: { handle: 'viewer_ben', password: 'demo-viewer-pass' } })).json()) as { token: string };
    const conversation = (await (await api('/conversations', { method: 'POST', token: ben.token, body: { withHandle: 'viewer_ana' } })).json()) as { id: string };
    const sent = await api(`/conversations/${conversation.id}/messages`, {
      method: 'POST',
      token: ben.token,
      body: { text: 'Hi Ana! Which shade is in your last video?', idempotencyKey: 'e2e-ben-0001' },
    });
    expect(sent.status).toBe(201);

    // Live: the list and the rail's badge, no reload.
    const badge = page.getByRole('navigation', { name: 'Main' }).getByRole('status', { name: '1 unread message' });
    await badge.waitFor({ timeout: 20_000 });
    const row = page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /@viewer_ben/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Which shade is in your last video?');
    expect(await row.textContent()).toContain('1 unread');
    await page.screenshot({ path: shot('1-new-message-badge') });

    // Opening it reads it: the badge goes away.
    await row.click();
    const dialog = page.getByRole('region', { name: 'Conversation with @viewer_ben' });
    await dialog
      .getByText('Hi Ana! Which shade is in your last video?')
      .waitFor()
      .catch(async (error: unknown) => {
        await page.screenshot({ path: shot('debug-dialog') });
        throw new Error(`${String(error)}\npage problems: ${studio.problems.join(' | ')}`);
      });
    await badge.waitFor({ state: 'detached', timeout: 20_000 });

    // The reply reaches the viewer.
    await dialog.getByRole('textbox', { name: 'Write a message' }).fill('Glass Gloss Lip in Pink Glaze!');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByRole('listitem', { name: 'From you' }).filter({ hasText: 'Glass Gloss Lip in Pink Glaze!' }).waitFor();
    await expect
      .poll(async () => ((await (await api(`/conversations/${conversation.id}/messages`, { token: ben.token })).json()) as { messages: { text: string }[] }).messages.map((m) => m.text))
      .toEqual(['Glass Gloss Lip in Pink Glaze!', 'Hi Ana! Which shade is in your last video?']);

    // The viewer answers while the dialog is open: it appears there without a reload, and is read at once.
    await api(`/conversations/${conversation.id}/messages`, { method: 'POST', token: ben.token, body: { text: 'Thanks, trying it now', idempotencyKey: 'e2e-ben-0002' } });
    await dialog.getByRole('listitem', { name: 'From @viewer_ben' }).filter({ hasText: 'Thanks, trying it now' }).waitFor({ timeout: 20_000 });
    // Read as it arrived: the badge goes again.
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).getByRole('status').count(), { timeout: 20_000 }).toBe(0);
    await page.screenshot({ path: shot('2-dialog') });
  });

  it('a handle that does not exist is refused at the field, in words', async () => {
    const { page } = studio;
    await openPage(page, 'Messages');
    await page.getByRole('textbox', { name: 'Handle' }).fill('nobody_here_42');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const refused = page.getByRole('form', { name: 'Message someone' }).getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).not.toMatch(/✖|not_found:/);
  });
});
