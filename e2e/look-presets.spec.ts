/// <reference lib="dom" />
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOutput } from './support/paths';
import { launchStudio, openPage, type StudioSession } from './support/studio';
import { FACES, catalogList, chooseLook, lookOf, openFile, openStudioPage } from './tryon-kit';

/**
 * Saved looks (issue 16 §2) in the browser-hosted studio: save the look worn, wear it again in one
 * click, replace, rename, delete with Undo, kept across a reload (SQLite), and a preset whose item
 * left the catalog worn without it, said so. Screenshots in test-output/look-presets/.
 */
const CANVAS = 'canvas[aria-label="Try-on preview"]';
const shot = (name: string): string => testOutput('look-presets', `${name}.png`);
let studio: StudioSession;

const panel = () => studio.page.getByRole('region', { name: 'Saved looks' });
const drawn = (key: string) =>
  studio.page.waitForFunction(([selector, want]) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.look === want, [CANVAS, key] as const, { timeout: 20_000 });
const FULL = 'velvet-rouge-lipstick/brick+round-frames/gold';

beforeAll(async () => {
  studio = await launchStudio({ viewport: { width: 1440, height: 1000 } });
  await openStudioPage(studio.page);
  await openFile(studio.page, path.join(FACES, 'grace_hopper.jpg'));
});
afterAll(async () => {
  await studio?.close();
});

describe('Saved looks', () => {
  it('saves the look worn, wears it again in one click, replaces it by name, renames it', async () => {
    const { page } = studio;
    await chooseLook(page, null);
    await expect.poll(() => panel().getByRole('button', { name: 'Save look' }).isDisabled()).toBe(true);
    await chooseLook(page, lookOf('velvet-rouge-lipstick', 'brick'));
    await catalogList(page)
      .getByRole('button', { name: /Round Frames/ })
      .click();
    await page.getByRole('radio', { name: 'Gold', exact: true }).click();
    await drawn(FULL);

    await panel().getByRole('button', { name: 'Save look' }).click();
    await panel().getByRole('button', { name: 'Save', exact: true }).click();
    await panel().getByRole('alert').filter({ hasText: 'A preset needs a name.' }).waitFor();
    await panel().getByLabel('Name of the look').fill('  Evening  ');
    await panel().getByRole('button', { name: 'Save', exact: true }).click();
    await panel().getByText('Saved “Evening”.').waitFor();
    await page.screenshot({ path: shot('1-saved') });

    await chooseLook(page, null);
    await panel().getByRole('button', { name: 'Wear Evening' }).click();
    await drawn(FULL);
    await panel().getByText('Wearing “Evening”.').waitFor();

    await chooseLook(page, lookOf('classic-fedora', 'camel'));
    await panel().getByRole('button', { name: 'Save look' }).click();
    await panel().getByLabel('Name of the look').fill('EVENING');
    await panel().getByRole('button', { name: 'Save', exact: true }).click();
    await panel().getByText('There is already a look named “Evening”.', { exact: false }).waitFor();
    await panel().getByRole('button', { name: 'Replace' }).click();
    await panel().getByText('Replaced “EVENING” with this look.').waitFor();
    await expect.poll(() => panel().getByRole('listitem').count()).toBe(1);

    await panel().getByRole('button', { name: 'Rename EVENING' }).click();
    await panel().getByLabel('Rename EVENING').fill('Hat day');
    await panel().getByRole('button', { name: 'Save', exact: true }).click();
    await panel().getByText('Renamed to “Hat day”.').waitFor();
    await chooseLook(page, null);
    await panel().getByRole('button', { name: 'Wear Hat day' }).click();
    await drawn('classic-fedora/camel');
  });

  it('keeps presets across a reload; deletes with Undo; wears what is left of a preset whose item left the catalog', async () => {
    const { page } = studio;
    // As an older catalog would have left it: a lipstick that is gone, beside round frames.
    const db = new Database(path.join(studio.dataDir, 'studio.db'));
    db.prepare('INSERT INTO look_presets (id, name, name_key, layers_json, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)').run(
      'lkp_0000000000oldlook',
      'Old look',
      'old look',
      JSON.stringify([
        { itemId: 'retired-lipstick', attributeId: 'red', intensity: 1 },
        { itemId: 'round-frames', attributeId: 'gold', intensity: 1 },
      ]),
    );
    db.close();
    await page.reload();
    await openStudioPage(page);
    await expect.poll(() => panel().getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('Hat day'), expect.stringContaining('Old look')]);
    await expect.poll(() => panel().getByRole('listitem').nth(1).innerText()).toContain('No longer in the catalog');

    await openFile(page, path.join(FACES, 'grace_hopper.jpg'));
    await panel().getByRole('button', { name: 'Wear Old look' }).click();
    await drawn('round-frames/gold');
    await panel().getByText('Wearing “Old look”. 1 item is no longer in the catalog.').waitFor();
    await page.screenshot({ path: shot('2-item-gone') });

    await panel().getByRole('button', { name: 'Delete Hat day' }).click();
    await panel().getByText('Deleted “Hat day”.').waitFor();
    await expect.poll(() => panel().getByRole('listitem').count()).toBe(1);
    await panel().getByRole('button', { name: 'Undo' }).click();
    await panel().getByText('“Hat day” is back.').waitFor();
    await expect.poll(() => panel().getByRole('listitem').count()).toBe(2);
    expect(studio.problems).toEqual([]);
  });

  it('speaks Simplified Chinese when the studio does', async () => {
    const { page } = studio;
    await openPage(page, 'Settings');
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '工作室' }).click();
    const zh = page.getByRole('region', { name: '已保存的造型' });
    await zh.getByRole('button', { name: '使用 Old look' }).click();
    await zh.getByText('正在使用“Old look”。1 件商品已不在商品目录中。').waitFor();
    await expect.poll(() => zh.getByRole('button', { name: '保存造型' }).isVisible()).toBe(true);
    await page.screenshot({ path: shot('3-zh-CN') });
  });
});
