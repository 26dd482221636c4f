/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchStudio, openPage, takePhoto, type StudioSession } from './support/studio';
import { FACES, TEST_OUTPUT, catalogList, chooseLook, difference, expand, grab, openFile, openStudioPage, parseBox, pullToward, wornLayers, type Box, type Frame } from './tryon-kit';

/**
 * Whole looks in layers (issue 16 §2) on a photo: lipstick + eyeshadow + round glasses worn at once,
 * the "On now" list, the lipstick's intensity, removing a layer, and undo/redo by keyboard and button.
 */
const CANVAS = 'canvas[aria-label="Try-on preview"]';
const FULL = 'sunset-lids-eyeshadow/smoky-plum+velvet-rouge-lipstick/classic-red+round-frames/gold';
const SOFT = 'sunset-lids-eyeshadow/smoky-plum+velvet-rouge-lipstick/classic-red@0.30+round-frames/gold';
const WITHOUT_EYES = 'velvet-rouge-lipstick/classic-red@0.30+round-frames/gold';

let studio: StudioSession;

const lookIs = (page: Page, want: string) =>
  page.waitForFunction(([selector, key]) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.look === key, [CANVAS, want] as const, { timeout: 30_000 });

/** Mean over `region` of each pixel's largest channel change: how far a layer moved the pixels. */
function meanChange(before: Frame, after: Frame, region: Box): number {
  let total = 0;
  let pixels = 0;
  for (let y = Math.max(0, Math.round(region[1])); y <= Math.min(before.height - 1, region[3]); y++) {
    for (let x = Math.max(0, Math.round(region[0])); x <= Math.min(before.width - 1, region[2]); x++) {
      const i = (y * before.width + x) * 4;
      total += Math.max(Math.abs(before.rgba[i]! - after.rgba[i]!), Math.abs(before.rgba[i + 1]! - after.rgba[i + 1]!), Math.abs(before.rgba[i + 2]! - after.rgba[i + 2]!));
      pixels++;
    }
  }
  return total / Math.max(1, pixels);
}

/** Clicks an item card in the catalog, then one of its shades in the swatches below. */
async function putOn(page: Page, name: RegExp, shade: string): Promise<void> {
  await catalogList(page).getByRole('button', { name }).click();
  await page.getByRole('radio', { name: shade, exact: true }).click();
}

beforeAll(async () => {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  studio = await launchStudio({ viewport: { width: 1280, height: 800 } });
  await openStudioPage(studio.page);
});

afterAll(async () => {
  await studio?.close();
});

describe('whole looks in layers (issue 16 §2)', () => {
  it('wears lipstick, eyeshadow and glasses at once, lists them, and softens the lipstick to 30 %', async () => {
    const { page } = studio;
    expect(await openFile(page, path.join(FACES, 'grace_hopper.jpg'))).toBe('found');
    await chooseLook(page, null);
    await page.getByText('Nothing on.').waitFor();
    const bare = await grab(page);

    await putOn(page, /Velvet Rouge Lipstick/, 'Classic Red');
    await putOn(page, /Sunset Lids Eyeshadow/, 'Smoky Plum');
    await putOn(page, /Round Frames/, 'Gold');
    await lookIs(page, FULL);
    const layers = page.getByRole('list', { name: 'Items worn' }).getByRole('listitem');
    expect(await layers.allTextContents()).toEqual([
      expect.stringMatching(/^Sunset Lids Eyeshadow.*Eyes · Smoky Plum/),
      expect.stringMatching(/^Velvet Rouge Lipstick.*Lips · Classic Red/),
      expect.stringMatching(/^Round Frames.*Glasses · Gold/),
    ]);
    // The last chosen is current: its shades are the swatches, and its card and layer say so.
    expect(await page.getByRole('button', { name: /^Round Frames/ }).getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('radio', { name: 'Gold', exact: true }).getAttribute('aria-checked')).toBe('true');
    // Makeup has an intensity slider; the glasses (3D, drawn whole) have none.
    expect(await page.getByRole('slider', { name: /intensity$/ }).count()).toBe(2);

    const full = await grab(page);
    const lips = parseBox(full.debug.lips);
    const eyes = parseBox(full.debug.eyes);
    const lipArea = (lips[2] - lips[0]) * (lips[3] - lips[1]);
    // All three are drawn: the lips toward the red, the lids and the glasses around the eyes.
    expect(difference(bare.frame, full.frame, lips).changedInside).toBeGreaterThan(lipArea * 0.3);
    expect(pullToward(bare.frame, full.frame, lips, '#b3121f').meanPull).toBeGreaterThan(8);
    expect(difference(bare.frame, full.frame, expand(eyes, 0.15, 4), 8).changedInside).toBeGreaterThan(400);
    expect(difference(bare.frame, full.frame, expand(eyes, 0.45, 10)).changedInside).toBeGreaterThan(1500);

    const intensity = page.getByRole('slider', { name: 'Velvet Rouge Lipstick intensity' });
    await intensity.fill('30');
    await lookIs(page, SOFT);
    expect(await intensity.getAttribute('aria-valuetext')).toBe('30%');
    const soft = await grab(page);
    const atFull = meanChange(bare.frame, full.frame, lips);
    const atSoft = meanChange(bare.frame, soft.frame, lips);
    expect(atSoft).toBeGreaterThan(0.5);
    expect(atSoft).toBeLessThan(atFull * 0.6);
    expect(pullToward(bare.frame, soft.frame, lips, '#b3121f').meanPull).toBeLessThan(pullToward(bare.frame, full.frame, lips, '#b3121f').meanPull);
    // Only the lips changed: the eyes (lids and glasses) are drawn as before.
    expect(difference(full.frame, soft.frame, expand(eyes, 0.45, 10), 2).changedInside).toBe(0);
    // The slider is a keyboard control too: one step is 5 %.
    await intensity.focus();
    await page.keyboard.press('ArrowRight');
    await lookIs(page, SOFT.replace('@0.30', '@0.35'));
    await page.keyboard.press('ArrowLeft');
    await lookIs(page, SOFT);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'layers-1280x800.png') });
    await page.locator('.studio-panel').screenshot({ path: path.join(TEST_OUTPUT, 'layers-panel.png') });
  }, 120_000);

  it('removes the eyeshadow and keeps the rest; Ctrl+Z brings it back, Ctrl+Shift+Z removes it again', async () => {
    const { page } = studio;
    const soft = await grab(page);
    // By keyboard: the × of a layer, then focus stays in the list (on the next layer's ×).
    await page.getByRole('button', { name: 'Remove Sunset Lids Eyeshadow' }).focus();
    await page.keyboard.press('Enter');
    await lookIs(page, WITHOUT_EYES);
    await expect.poll(() => page.getByRole('button', { name: 'Remove Velvet Rouge Lipstick' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await wornLayers(page)).toEqual([
      { item: 'velvet-rouge-lipstick', intensity: 30 },
      { item: 'round-frames', intensity: 100 },
    ]);
    const removed = await grab(page);
    const lips = parseBox(removed.debug.lips);
    const eyes = parseBox(removed.debug.eyes);
    expect(difference(soft.frame, removed.frame, expand(eyes, 0.15, 4), 8).changedInside).toBeGreaterThan(400);
    expect(difference(soft.frame, removed.frame, lips, 2).changedInside).toBe(0);

    // Undo from anywhere on the page but a text field (here the focused ×).
    await page.keyboard.press('Control+z');
    await lookIs(page, SOFT);
    expect(await page.getByRole('button', { name: /^Sunset Lids Eyeshadow/ }).getAttribute('aria-current')).toBe('true');
    const back = await grab(page);
    expect(difference(soft.frame, back.frame, [0, 0, 0, 0], 2).changedOutside).toBe(0);
    await page.keyboard.press('Control+Shift+Z');
    await lookIs(page, WITHOUT_EYES);
    // The buttons do the same, and say when there is nothing to redo.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await lookIs(page, SOFT);
    expect(await page.getByRole('button', { name: 'Redo', exact: true }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await lookIs(page, WITHOUT_EYES);
    expect(await page.getByRole('button', { name: 'Redo', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await lookIs(page, SOFT);
  }, 120_000);

  it('the current layer is what ←/→, the shade swatches and Take photo act on', async () => {
    const { page } = studio;
    // After the undo the eyeshadow that came back is current: → steps its shades, nothing else.
    await page.getByRole('heading', { name: 'Studio', level: 1 }).click();
    await page.keyboard.press('ArrowRight');
    await lookIs(page, SOFT.replace('smoky-plum', 'champagne'));
    // Clicking a layer makes it current: the swatches are then the lipstick's, at its intensity.
    await page.getByRole('button', { name: /^Velvet Rouge Lipstick/ }).click();
    await page.getByRole('radio', { name: 'Berry', exact: true }).click();
    await lookIs(page, 'sunset-lids-eyeshadow/champagne+velvet-rouge-lipstick/berry@0.30+round-frames/gold');
    const toast = await takePhoto(page);
    expect(await toast.getByRole('status').textContent()).toBe('Saved “Velvet Rouge Lipstick — Berry” to Drafts.');
    // The photo draft records the current layer (the post's target) and the whole look.
    const db = new Database(path.join(studio.dataDir, 'studio.db'), { readonly: true, fileMustExist: true });
    const row = db.prepare(`SELECT item_id, attribute_id, look_json FROM drafts WHERE kind = 'photo' ORDER BY created_at DESC LIMIT 1`).get() as Record<string, string>;
    db.close();
    expect(row).toMatchObject({ item_id: 'velvet-rouge-lipstick', attribute_id: 'berry' });
    const look = JSON.parse(row.look_json!) as { itemId: string; attributeId: string; intensity: number }[];
    expect(look.map((l) => `${l.itemId}/${l.attributeId}`)).toEqual(['sunset-lids-eyeshadow/champagne', 'velvet-rouge-lipstick/berry', 'round-frames/gold']);
    expect(look.map((l) => l.intensity)).toEqual([1, expect.closeTo(0.3, 2), 1]);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'layers-current-lipstick-1280x800.png') });
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    expect(studio.problems).toEqual([]);
  }, 120_000);

  it('a full look (all five body areas) keeps the current layer and its shades in view at 1280×800; undo goes back step by step', async () => {
    const { page } = studio;
    const three = 'sunset-lids-eyeshadow/champagne+velvet-rouge-lipstick/berry@0.30+round-frames/gold';
    await putOn(page, /Cheek Glow Blush/, 'Rose');
    await putOn(page, /Classic Fedora/, 'Camel');
    await lookIs(page, `cheek-glow-blush/rose+${three}+classic-fedora/camel`);
    expect(await wornLayers(page)).toHaveLength(5);
    // The list scrolls inside itself past three rows or so; the current layer's swatches stay on screen.
    for (const swatch of await page.getByRole('radiogroup').getByRole('radio').all()) {
      const b = (await swatch.boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(800);
    }
    // The list scrolled to the current layer (the hat, last chosen).
    const fedora = page.getByRole('button', { name: /^Classic Fedora/ });
    const [row, list] = [await fedora.boundingBox(), await page.getByRole('list', { name: 'Items worn' }).boundingBox()];
    expect(row!.y).toBeGreaterThanOrEqual(list!.y - 1);
    expect(row!.y + row!.height).toBeLessThanOrEqual(list!.y + list!.height + 1);
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'layers-full-look-1280x800.png') });
    // Delete on a focused layer takes it off; Ctrl+Z puts it back.
    await fedora.focus();
    await page.keyboard.press('Delete');
    await lookIs(page, `cheek-glow-blush/rose+${three}`);
    await page.keyboard.press('Control+z');
    await lookIs(page, `cheek-glow-blush/rose+${three}+classic-fedora/camel`);
    // Each pick is a step (the item, then its shade): newest first.
    await page.keyboard.press('Control+z');
    await lookIs(page, `cheek-glow-blush/rose+${three}+classic-fedora/black`);
    await page.keyboard.press('Control+z');
    await lookIs(page, `cheek-glow-blush/rose+${three}`);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await lookIs(page, three);
  }, 120_000);
  it('back from Shoot the whole look is still on, with the shade chosen there (one undo step)', async () => {
    const { page } = studio;
    const before = 'sunset-lids-eyeshadow/champagne+velvet-rouge-lipstick/berry@0.30+round-frames/gold';
    await page.getByRole('button', { name: /^Velvet Rouge Lipstick/ }).click();
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor({ timeout: 30_000 });
    // Shoot wears the whole look (drawn before leaving: see e2e/shoot-layers.spec.ts) and offers each layer's shades.
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await lookIs(page, before);
    await page.getByRole('group', { name: 'Shades', exact: true }).getByRole('button', { name: 'Nude Rose' }).click();
    await openStudioPage(page);
    await lookIs(page, before.replace('berry', 'nude-rose'));
    expect(await wornLayers(page)).toHaveLength(3);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await lookIs(page, before);
  }, 120_000);

  it('leaving the Studio while the glasses’ light is still being built is quiet (no error after the engine is gone)', async () => {
    const { page } = studio;
    // The Studio reopens wearing the kept look (glasses among it): its new engine starts building the
    // accessories' light at once, which takes seconds on a software renderer. Leaving disposes the engine under it.
    await page.getByRole('button', { name: 'Drafts', exact: true }).click();
    await page.getByRole('button', { name: 'Studio', exact: true }).click();
    await page.locator(CANVAS).waitFor();
    await page.getByRole('button', { name: 'Drafts', exact: true }).click();
    await page.getByRole('heading', { name: 'Drafts', level: 1 }).waitFor();
    await page.waitForTimeout(5_000);
    expect(studio.problems).toEqual([]);
    await openStudioPage(page);
  }, 120_000);

  it('posting a photo of the whole look targets the current item and links the others ("This look")', async () => {
    const { page } = studio;
    const toast = await takePhoto(page);
    await toast.getByRole('button', { name: 'Open in Drafts' }).click();
    await page.getByRole('dialog', { name: 'Velvet Rouge Lipstick — Berry' }).waitFor();
    await page.keyboard.press('Escape');
    // Newest first: this photo, then the one taken earlier in the same look.
    const card = page.getByRole('article').filter({ hasText: 'Velvet Rouge Lipstick — Berry' }).first();
    // The card says the look wore two more items than its own.
    await card.getByText('+2 items', { exact: true }).waitFor();
    await card.getByRole('button', { name: /^Post / }).click();
    await page.getByRole('heading', { name: 'Post', level: 1 }).waitFor();
    await page.getByRole('button', { name: /^Target anchor Velvet Rouge Lipstick · Berry/ }).waitFor();
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'layers-post-look-1280x800.png') });
    const link = (name: string) => page.getByRole('checkbox', { name: new RegExp(`^Link ${name} to Velvet Rouge Lipstick`) });
    expect(await link('Sunset Lids Eyeshadow').isChecked()).toBe(true);
    expect(await link('Round Frames').isChecked()).toBe(true);
    expect(await link('Classic Fedora').isChecked()).toBe(false);
    // The creator can still change them.
    await link('Round Frames').uncheck();
    expect(await link('Round Frames').isChecked()).toBe(false);
    expect(studio.problems).toEqual([]);
  }, 120_000);

  it('an anchor deep link opens with its linked items; the layer list reads in Simplified Chinese', async () => {
    const { page } = studio;
    const link = `${studio.origin}/studio?item=velvet-rouge-lipstick&attribute=berry&with=round-frames,glass-gloss-lip`;
    await page.goto(link);
    await page.getByRole('list', { name: 'Items worn' }).waitFor({ timeout: 30_000 });
    // The second lipstick would take the lips again: it is left off, not worn over the first.
    await expect
      .poll(() => wornLayers(page))
      .toEqual([
        { item: 'velvet-rouge-lipstick', intensity: 100 },
        { item: 'round-frames', intensity: 100 },
      ]);
    expect(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Berry', exact: true }).getAttribute('aria-checked')).toBe('true');

    // The interface language is a studio setting: switch it, then open the same link again.
    await openPage(page, 'Settings');
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
    await page.goto(link);
    await page.getByRole('list', { name: '已佩戴的商品' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('slider', { name: '丝绒胭脂口红 浓度' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '移除 圆框眼镜' }).count()).toBe(1);
    await page.locator(CANVAS.replace('Try-on preview', '试戴预览')).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page.locator('input[type=file]').first().setInputFiles(path.join(FACES, 'grace_hopper.jpg'));
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[data-debug="on"]')?.dataset.look === 'velvet-rouge-lipstick/berry+round-frames/tortoise', undefined, {
      timeout: 60_000,
    });
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'layers-zh-CN-1280x800.png') });
  }, 120_000);
});
