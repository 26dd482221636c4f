import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testOutput } from './support/paths';
import { launchStudio } from './support/studio';

describe('studio start-up', () => {
  it('moves a corrupt database aside, tells the user, and starts on a fresh one', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-corrupt-'));
    const garbage = 'SQLite format 3\0' + 'this is not a database page '.repeat(300);
    writeFileSync(path.join(dataDir, 'studio.db'), garbage);
    const studio = await launchStudio({ dataDir, path: '/drafts' });
    try {
      const alert = studio.page.getByRole('alert').filter({ hasText: 'could not be opened' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/kept as studio\.db\.corrupt-/);
      const aside = readdirSync(dataDir).find((f) => /^studio\.db\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/.test(f));
      expect(aside).toBeDefined();
      expect(readFileSync(path.join(dataDir, aside!), 'latin1')).toBe(garbage);
      // The fresh database works: the drafts page loads and is empty.
      await studio.page.getByText('0 drafts on this computer').waitFor();
      await studio.page.screenshot({ path: testOutput('e2e', 'startup-corrupt-db.png') });
      await studio.page.getByRole('button', { name: 'Dismiss notice' }).click();
      await expect.poll(() => alert.count()).toBe(0);
    } finally {
      await studio.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to serve the studio to a page without the run token', async () => {
    const studio = await launchStudio({ path: '/drafts' });
    try {
      const other = await studio.context.browser()!.newContext();
      const page = await other.newPage();
      const response = await page.goto(studio.origin + '/');
      expect(response?.status()).toBe(401);
      expect(await page.textContent('body')).toContain('open the address printed in the terminal');
      await other.close();
    } finally {
      await studio.close();
    }
  });
});
