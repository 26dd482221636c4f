/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchStudio, type StudioSession } from './support/studio';
import { FACES, TEST_OUTPUT, catalog, chooseLook, openFile, openStudioPage, parseBox } from './tryon-kit';

const CELL = 220;
const COLUMNS = 1 + Math.max(...catalog.items.map((i) => i.attributes.length));

let studio: StudioSession;

beforeAll(async () => {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  studio = await launchStudio({ viewport: { width: 1400, height: 900 } });
  await openStudioPage(studio.page);
});

afterAll(async () => {
  await studio?.close();
});

/**
 * Every item × shade on both faces, cropped around the face, one sheet per face: a person looks at
 * these (test-output/tryon/contact-sheet-*.png) before calling the look right.
 */
describe('contact sheet', () => {
  for (const face of ['grace_hopper.jpg', 'astronaut.png']) {
    it(`renders every item and shade on ${face}`, async () => {
      const { page } = studio;
      expect(await openFile(page, path.join(FACES, face))).toBe('found');
      await chooseLook(page, null);
      const debug = await page.locator('canvas[aria-label="Try-on preview"]').evaluate((c: HTMLCanvasElement) => ({ ...c.dataset }));
      const eyes = parseBox(debug.eyes);
      const lips = parseBox(debug.lips);
      const side = (eyes[2] - eyes[0]) * 2.4;
      const cx = (eyes[0] + eyes[2]) / 2;
      const cy = ((eyes[1] + eyes[3]) / 2 + (lips[1] + lips[3]) / 2) / 2 - side * 0.08;
      const crop = [cx - side / 2, cy - side / 2, side, side] as const;
      await page.evaluate(
        ([rows, columns, cell]) => {
          const sheet = document.createElement('canvas');
          sheet.id = 'contact-sheet';
          sheet.width = columns * cell;
          sheet.height = rows * cell;
          sheet.hidden = true;
          const ctx = sheet.getContext('2d')!;
          ctx.fillStyle = '#0e0f13';
          ctx.fillRect(0, 0, sheet.width, sheet.height);
          document.body.append(sheet);
        },
        [catalog.items.length, COLUMNS, CELL] as const,
      );
      const paste = async (row: number, column: number, label: string): Promise<void> => {
        await page.evaluate(
          ([row, column, cell, label, crop]) => {
            const sheet = document.getElementById('contact-sheet') as HTMLCanvasElement;
            const source = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')!;
            const ctx = sheet.getContext('2d')!;
            ctx.drawImage(source, crop[0], crop[1], crop[2], crop[3], column * cell, row * cell, cell, cell);
            ctx.fillStyle = 'rgba(0,0,0,0.6)';
            ctx.fillRect(column * cell, row * cell + cell - 18, cell, 18);
            ctx.fillStyle = '#fff';
            ctx.font = '12px sans-serif';
            ctx.fillText(label, column * cell + 4, row * cell + cell - 5);
          },
          [row, column, CELL, label, crop] as const,
        );
      };
      for (const [row, item] of catalog.items.entries()) {
        await chooseLook(page, null);
        await paste(row, 0, `${item.name}: before`);
        for (const [column, attribute] of item.attributes.entries()) {
          await chooseLook(page, { item: { id: item.id, name: item.name }, attribute: { id: attribute.id, label: attribute.label } });
          const shown = await page.locator('canvas[aria-label="Try-on preview"]').getAttribute('data-look');
          expect(shown).toBe(`${item.id}/${attribute.id}`);
          await paste(row, column + 1, `${attribute.label}${'finish' in attribute ? ` · ${attribute.finish}` : ''}`);
        }
      }
      const png = await page.evaluate(() => {
        const sheet = document.getElementById('contact-sheet') as HTMLCanvasElement;
        const url = sheet.toDataURL('image/png');
        sheet.remove();
        return url.slice(url.indexOf(',') + 1);
      });
      const file = path.join(TEST_OUTPUT, `contact-sheet-${path.parse(face).name}.png`);
      writeFileSync(file, Buffer.from(png, 'base64'));
      expect(png.length).toBeGreaterThan(100_000);
    });
  }
});
