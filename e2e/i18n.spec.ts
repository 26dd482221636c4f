import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeWebcamArgs, fakeWebcamFile } from './fake-webcam';
import { facesDir, testOutput } from './support/paths';
import { launchStudio, openPage, type StudioSession } from './support/studio';

let studio: StudioSession | null = null;
afterEach(async () => {
  await studio?.close();
  studio = null;
});

describe('the studio in Simplified Chinese', () => {
  it('switches in Settings, keeps the choice in the studio’s settings, and shows Studio and Drafts in Chinese', async () => {
    studio = await launchStudio({ path: '/drafts', viewport: { width: 1280, height: 800 } });
    const { page } = studio;
    // Chromium here says en-US: the studio starts in English.
    await page.getByRole('heading', { name: 'Drafts', level: 1 }).waitFor();
    for (const face of ['astronaut.png', 'grace_hopper.jpg']) {
      await page.getByLabel('Choose a photo or video to import').setInputFiles(path.join(facesDir, face));
      await page.getByRole('article', { name: new RegExp(face.slice(0, 5)) }).waitFor();
    }
    await page.getByText('2 drafts on this computer').waitFor();

    await openPage(page, 'Settings');
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const nav = page.getByRole('navigation', { name: '主导航' });
    // Every page in the nav is named in Chinese (pages come and go with features; these four are always there).
    const labels = await nav.getByRole('button').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['◉工作室', '▦草稿', '✦发现', '⚙设置']));
    for (const label of labels) expect(label).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);

    // A fresh browser profile (nothing in its storage) gets Chinese from the studio's own setting.
    const other = await studio.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const fresh = await other.newPage();

    const url = new URL(studio.url);
    url.pathname = '/studio';
    await fresh.goto(url.toString());
    await fresh.getByRole('heading', { name: '工作室', level: 1 }).waitFor();
    await fresh.locator('input[type=file]').setInputFiles(path.join(facesDir, 'grace_hopper.jpg'));
    // The tracker has looked at the photo (found or not: a loaded machine can be slow to find it).
    await fresh.getByTestId('face-status').waitFor({ timeout: 120_000 });
    await fresh.getByRole('list', { name: '商品' }).getByRole('button').nth(1).click();
    await fresh.getByRole('radiogroup', { name: /色号|颜色/ }).waitFor();
    await fresh.screenshot({ path: testOutput('e2e', 'i18n-studio-zh-CN.png') });

    const openInChinese = async (name: string): Promise<void> => {
      await fresh.getByRole('navigation', { name: '主导航' }).getByRole('button', { name }).click();
      await fresh.getByRole('heading', { name, level: 1 }).waitFor();
    };
    await openInChinese('草稿');
    await fresh.getByText('本机共有 2 个草稿').waitFor();
    await fresh.getByRole('article', { name: 'astronaut' }).locator('img').waitFor();
    await fresh.screenshot({ path: testOutput('e2e', 'i18n-drafts-zh-CN.png') });
    expect(await fresh.getByRole('button', { name: '导入照片或视频' }).isVisible()).toBe(true);

    // And back: English again, on both pages the setting reaches at its next read.
    await openInChinese('设置');
    await fresh.getByRole('combobox', { name: '界面语言' }).selectOption('en');
    await fresh.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await other.close();
    // Not asserted here: studio.problems. A thumbnail asked for right after an import can 404 once
    // (the drafts list names it before the file is in place), which is the drafts spec's business.
  });

  it('shows a refusal from main in Chinese: a file that is not a picture or video, imported in Drafts', async () => {
    studio = await launchStudio({ path: '/settings', viewport: { width: 1400, height: 900 } });
    const { page } = studio;
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '草稿' }).click();
    await page.getByRole('heading', { name: '草稿', level: 1 }).waitFor();
    // Main sniffs the first chunk and refuses with a failure key; the page says it in Chinese.
    await page.getByTestId('import-input').setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.from('this is a text file pretending to be a photo\n'.repeat(100)) });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('“holiday.png”不是 Anchor Studio 能打开的图片或视频');
    expect(text).not.toContain('is not an image');
    await page.screenshot({ path: testOutput('e2e', 'i18n-main-error-zh-CN-1400x900.png') });
    expect(await page.getByRole('article').count()).toBe(0);
  });

  it('names a viewer’s gift in Chinese on the Live page (alert, feed, inbox), from the table the viewer uses', async () => {
    studio = await launchStudio({ path: '/settings', viewport: { width: 1400, height: 900 }, chromiumArgs: fakeWebcamArgs(fakeWebcamFile()) });
    const { page } = studio;
    const platformUrl = /Platform: (\S+)/.exec(studio.hostOutput())![1]!;
    const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
      const res = await fetch(`${platformUrl}/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const password = 'long-enough-pass';
    expect((await api('/auth/register', { method: 'POST', body: { handle: 'zh_streamer', password, displayName: 'ZH Streamer' } })).status).toBe(201);
    await page.getByRole('textbox', { name: 'Handle' }).fill('zh_streamer');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '直播' }).click();
    await page.getByRole('textbox', { name: '直播间标题' }).fill('早餐直播');
    await page.getByRole('button', { name: '开始直播', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '直播中' }).first().waitFor({ timeout: 30_000 });

    const { rooms } = (await api('/rooms?live=true')).body as { rooms: { id: string; streamer: { handle: string } }[] };
    const room = rooms.find((r) => r.streamer.handle === 'zh_streamer')!;
    const token = (await api('/auth/login', { method: 'POST', body: { handle: 'viewer_ben', password: 'demo-viewer-pass' } })).body.token as string;
    expect((await api('/wallet/top-up', { method: 'POST', token, body: { coins: 500, idempotencyKey: 'e2e-i18n-top-up' } })).status).toBe(201);
    const sent = await api(`/rooms/${room.id}/gifts`, { method: 'POST', token, body: { giftId: 'bundle-of-flowers', message: '早上好！', idempotencyKey: 'e2e-i18n-gift-0001' } });
    expect(sent.status).toBe(201);

    const alert = page.getByRole('status', { name: '礼物提醒' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('一束鲜花');
    await page.getByRole('listitem', { name: /一束鲜花/ }).waitFor();
    await page.locator('article.live-gift').filter({ hasText: '一束鲜花' }).waitFor();
    await page.screenshot({ path: testOutput('e2e', 'i18n-live-gift-zh-CN-1400x900.png') });
    expect(await page.locator('main').innerText()).not.toContain('A bundle of flowers');
  });
});
