/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { parseJournal } from '@shared/domain/recording/journal';
import { launchStudio, openPage, type StudioSession } from './support/studio';
import { facesDir, testOutput } from './support/paths';
import { chooseLook, parseBox, type Box } from './tryon-kit';

const CANVAS = 'canvas[aria-label="Try-on preview"]';
const RED = { id: 'classic-red', label: 'Classic Red', rgb: [0xb3, 0x12, 0x1f] } as const;
const NUDE = { id: 'nude-rose', label: 'Nude Rose', rgb: [0xb8, 0x64, 0x6a] } as const;
const shot = (name: string): string => testOutput('recording', name);

/**
 * A still fake webcam (Grace Hopper, 640×480, 30 fps): the lips stay where the engine found them, so
 * the exported frames before and after the shade switch can be compared in the same box.
 */
function stillWebcam(): string {
  const dir = path.join(os.tmpdir(), 'anchor-studio-fake-webcam');
  const file = path.join(dir, 'grace-still-640x480.y4m');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.part.y4m`;
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-framerate',
    '30',
    '-i',
    path.join(facesDir, 'grace_hopper.jpg'),
    '-vf',
    'scale=640:-2,crop=640:480:0:110,format=yuv420p',
    '-t',
    '2',
    '-r',
    '30',
    partial,
  ]);
  renameSync(partial, file);
  return file;
}

/** Mean RGB inside `box` of the exported MP4's frame at `ms`, decoded by ffmpeg. */
function meanColourAt(file: string, ms: number, box: Box, width: number, height: number): [number, number, number] {
  const raw = execFileSync('ffmpeg', ['-loglevel', 'error', '-ss', (ms / 1000).toFixed(3), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 64 * 1024 * 1024 });
  expect(raw.length).toBe(width * height * 3);
  const sum: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let y = Math.ceil(box[1]); y <= Math.floor(box[3]); y++) {
    for (let x = Math.ceil(box[0]); x <= Math.floor(box[2]); x++) {
      const i = (y * width + x) * 3;
      sum[0] += raw[i]!;
      sum[1] += raw[i + 1]!;
      sum[2] += raw[i + 2]!;
      n++;
    }
  }
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}

const distance = (a: readonly number[], b: readonly number[]): number => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
/** The middle of the lips: the outer box also holds skin at its corners. */
const inner = (b: Box): Box => {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  return [b[0] + w * 0.3, b[1] + h * 0.25, b[2] - w * 0.3, b[3] - h * 0.25];
};

/** The shooting page's clock (00:05 → 5), as the creator reads it. */
async function elapsedSeconds(page: StudioSession['page']): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Elapsed time' }).textContent()) ?? '';
  const [m, s] = text.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

async function elapsedAtLeast(page: StudioSession['page'], seconds: number): Promise<void> {
  const until = Date.now() + 20_000;
  while ((await elapsedSeconds(page)) < seconds) {
    if (Date.now() > until) throw new Error(`the take never reached ${seconds} s`);
    await page.waitForTimeout(100);
  }
}

let studio: StudioSession;

beforeAll(async () => {
  studio = await launchStudio({
    path: '/studio',
    viewport: { width: 1400, height: 900 },
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${stillWebcam()}`],
  });
});

afterEach(async (context: TestContext) => {
  // A failed step on a loaded machine is easier to read from the page than from the timeout.
  if (context.task.result?.state === 'fail') writeFileSync(shot(`failed-${context.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`), await studio.page.screenshot());
});

afterAll(async () => {
  await studio?.close();
});

describe('shooting with the try-on (fake webcam)', () => {
  it('records a take, switches the shade mid-take, exports an MP4 whose frames show both shades on the lips', async () => {
    const { page } = studio;
    const missing: string[] = [];
    page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    // The engine is ready (tracker loaded) when the stage asks for a source.
    await page.getByText('Start your camera or open a photo').waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.face === 'found', CANVAS, { timeout: 60_000 });
    await chooseLook(page, { item: { id: 'velvet-rouge-lipstick', name: 'Velvet Rouge Lipstick' }, attribute: { id: RED.id, label: RED.label } });

    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    await page.getByText('Wearing Velvet Rouge Lipstick').waitFor();
    // The shooting page has its own engine: debug readout on, mirror off so the lip box is in video pixels.
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page.getByRole('checkbox', { name: 'Mirror' }).uncheck();
    await page.waitForFunction(
      (s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.face === 'found' && document.querySelector<HTMLCanvasElement>(s)?.dataset.look === 'velvet-rouge-lipstick/classic-red',
      CANVAS,
      { timeout: 60_000 },
    );
    expect(await page.getByRole('button', { name: RED.label }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'Record' }).click();
    const countdown = page.getByRole('status', { name: /Recording in [123]/ });
    await countdown.waitFor();
    writeFileSync(shot('shoot-countdown.png'), await page.screenshot());
    await page.getByRole('button', { name: 'Stop' }).waitFor({ timeout: 10_000 });
    await elapsedAtLeast(page, 1);
    const lips = parseBox((await page.locator(CANVAS).getAttribute('data-lips')) ?? undefined);
    const size = await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => [c.width, c.height] as const);
    await page.getByRole('button', { name: NUDE.label }).click();
    await page.waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.look === 'velvet-rouge-lipstick/nude-rose', CANVAS);
    writeFileSync(shot('shoot-recording.png'), await page.screenshot());
    const switchedAt = await elapsedSeconds(page);
    // Three more seconds: on a loaded machine the encoder's last frames can still be in flight at Stop.
    await elapsedAtLeast(page, switchedAt + 3);
    await page.getByRole('button', { name: 'Stop' }).click();

    // Stop → the take is saved, its export starts, and the preview page follows it to the MP4.
    await page.getByRole('heading', { name: 'Preview', level: 1 }).waitFor({ timeout: 30_000 });
    const draftId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByText('MP4 ready to post').waitFor({ timeout: 90_000 });
    const video = page.getByRole('img', { name: /^Video:/ }).or(page.locator('video'));
    await video.first().waitFor();
    await page
      .waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, undefined, { timeout: 20_000 })
      .catch(async (e: unknown) => {
        console.log(
          await page.evaluate(() => {
            const v = document.querySelector('video')!;
            return JSON.stringify({ src: v.currentSrc, rs: v.readyState, ns: v.networkState, err: v.error?.message, code: v.error?.code, can: v.canPlayType('video/mp4; codecs="avc1.640028"') });
          }),
        );
        throw e;
      });
    writeFileSync(shot('preview.png'), await page.screenshot());

    const dir = path.join(studio.dataDir, 'drafts', draftId);
    const journal = parseJournal(readFileSync(path.join(dir, 'capture.journal.jsonl'), 'utf8'));
    const start = journal.entries.find((e) => e.type === 'start');
    const switched = journal.entries.find((e) => e.type === 'attribute');
    expect(start).toMatchObject({ itemId: 'velvet-rouge-lipstick', attributeId: RED.id });
    expect(switched).toMatchObject({ itemId: 'velvet-rouge-lipstick', attributeId: NUDE.id });
    expect(journal.finished).toBe(true);
    // Face samples for placing anchors: several, each box around the lips the engine reported.
    const faces = journal.entries.flatMap((e) => (e.type === 'face' ? [e] : []));
    expect(faces.length).toBeGreaterThan(3);
    for (const f of faces) {
      expect(f.x).toBeLessThan(lips[0] / size[0]);
      expect(f.x + f.w).toBeGreaterThan(lips[2] / size[0]);
      expect(f.y).toBeLessThan(lips[1] / size[1]);
      expect(f.y + f.h).toBeGreaterThan(lips[3] / size[1]);
    }
    const mp4 = path.join(dir, 'export.mp4');
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height,avg_frame_rate:format=duration', '-of', 'json', mp4], { encoding: 'utf8' })) as {
      streams: { codec_name: string; width?: number; height?: number; avg_frame_rate: string }[];
      format: { duration: string };
    };
    const v = probe.streams.find((s) => s.codec_name === 'h264')!;
    expect(v).toMatchObject({ width: size[0], height: size[1], avg_frame_rate: '30/1' });
    expect(probe.streams.some((s) => s.codec_name === 'aac')).toBe(true);
    const seconds = Number(probe.format.duration);
    expect(seconds).toBeGreaterThan(2.5);
    // As long as the take (the journal's stop), give or take the last chunk in flight at Stop.
    const stopAt = journal.entries.find((e) => e.type === 'stop')!.t / 1000;
    expect(Math.abs(seconds - stopAt)).toBeLessThan(1);

    // Frames well before and well after the switch (the journal's media time), in the engine's lip box.
    const t = switched!.t;
    const box = inner(lips);
    // The video stream's own end (under load the canvas may deliver its last frames before the audio ends).
    const videoEndMs = Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=duration', '-of', 'csv=p=0', mp4], { encoding: 'utf8' }).trim()) * 1000;
    expect(videoEndMs).toBeGreaterThan(t + 300);
    const before = meanColourAt(mp4, Math.max(200, t - 600), box, v.width!, v.height!);
    const afterMs = Math.min(videoEndMs - 100, t + 700);
    const after = meanColourAt(mp4, afterMs, box, v.width!, v.height!);
    expect(distance(before, RED.rgb)).toBeLessThan(distance(after, RED.rgb));
    expect(distance(after, NUDE.rgb)).toBeLessThan(distance(before, NUDE.rgb));
    // Classic Red has far less green and blue than Nude Rose: the lips' own shift says which is which.
    expect(after[1] - before[1]).toBeGreaterThan(12);
    expect(after[2] - before[2]).toBeGreaterThan(12);
    // Away from the mouth (the forehead) nothing changed.
    const forehead: Box = [lips[0], Math.max(0, lips[1] - 170), lips[2], Math.max(10, lips[1] - 130)];
    expect(distance(meanColourAt(mp4, Math.max(200, t - 600), forehead, v.width!, v.height!), meanColourAt(mp4, afterMs, forehead, v.width!, v.height!))).toBeLessThan(8);

    // Next leads on to posting (or Drafts where posting is not there); the take is in Drafts either way.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: /^(Post|Drafts)$/, level: 1 }).waitFor();
    await openPage(page, 'Drafts');
    // One take, one draft: nothing else was started behind the creator's back.
    expect(await page.getByRole('article').count()).toBe(1);
    const card = page.getByRole('article', { name: /^Take / });
    await card.getByRole('button', { name: /^Play Take/ }).waitFor();
    expect(await card.getByRole('button', { name: /^Re-export / }).count()).toBe(1);
    writeFileSync(shot('drafts-video.png'), await page.screenshot());
    // Re-export from the card: the card shows the export's progress bar (with Cancel), then the new MP4.
    await card.getByRole('button', { name: /^Re-export / }).click();
    await card.getByRole('progressbar', { name: /^Exporting Take/ }).waitFor({ timeout: 10_000 });
    writeFileSync(shot('drafts-exporting.png'), await page.screenshot());
    await card.getByRole('button', { name: /^Re-export / }).waitFor({ timeout: 60_000 });
    expect(await card.getAttribute('data-status')).toBe('ready');
    await card.getByRole('button', { name: /^Play Take/ }).click();
    await page.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('.draft-card video');
        return v !== null && v.currentTime > 0.3;
      },
      undefined,
      { timeout: 20_000 },
    );

    // "Item experience" from the shooting page returns to Studio wearing the shade last chosen there.
    await openPage(page, 'Studio');
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Brick' }).click();
    // Filters grade the composited frame itself (what gets recorded): Mono leaves no colour, keyboard-driven.
    await page.getByRole('radio', { name: 'None' }).focus();
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Mono' }).getAttribute('aria-checked')).toBe('true');
    await page.waitForFunction(
      (sel) => {
        const c = document.querySelector<HTMLCanvasElement>(sel)!;
        const copy = document.createElement('canvas');
        copy.width = c.width;
        copy.height = c.height;
        const ctx = copy.getContext('2d')!;
        ctx.drawImage(c, 0, 0);
        const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
        let spread = 0;
        for (let i = 0; i < d.length; i += 4 * 97) spread += Math.abs(d[i]! - d[i + 1]!) + Math.abs(d[i + 1]! - d[i + 2]!);
        return spread / (d.length / (4 * 97)) < 3;
      },
      CANVAS,
      { timeout: 15_000 },
    );
    writeFileSync(shot('shoot-filter-mono.png'), await page.screenshot());
    await page.getByRole('button', { name: 'Item experience' }).click();
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: 'Brick', exact: true }).getAttribute('aria-checked')).toBe('true');
    expect(missing).toEqual([]);
    expect(studio.problems).toEqual([]);
  });

  it('a look on a still photo becomes a photo video of the chosen length', async () => {
    const { page } = studio;
    await openPage(page, 'Studio');
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    await page.locator('input[type=file][aria-label="Photo or video file"]').setInputFiles(path.join(facesDir, 'astronaut.png'));
    await page.getByRole('combobox', { name: 'Video length' }).selectOption('5');
    await page.getByRole('button', { name: 'Make video from photo' }).click();
    await page.getByRole('heading', { name: 'Preview', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByText('MP4 ready to post').waitFor({ timeout: 60_000 });
    const draftId = new URL(page.url()).pathname.split('/')[2]!;
    const mp4 = path.join(studio.dataDir, 'drafts', draftId, 'export.mp4');
    const probe = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=width,height,nb_read_frames:format=duration', '-of', 'json', mp4], {
        encoding: 'utf8',
      }),
    ) as { streams: { width: number; height: number; nb_read_frames: string }[]; format: { duration: string } };
    expect(probe.streams[0]).toMatchObject({ width: 512, height: 512, nb_read_frames: '150' });
    expect(Math.abs(Number(probe.format.duration) - 5)).toBeLessThan(0.1);
  });

  it('settings: encoder quality and take length are saved; a wrong ffmpeg path is refused with a reason', async () => {
    const { page } = studio;
    await openPage(page, 'Settings');
    await page.getByRole('combobox', { name: 'Encoder speed' }).selectOption('fast');
    const quality = page.getByRole('slider', { name: 'Quality' });
    await quality.fill('21');
    await page.getByRole('combobox', { name: 'Maximum take length' }).selectOption('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    writeFileSync(shot('settings.png'), await page.screenshot());
    await page.getByRole('textbox', { name: 'ffmpeg path' }).fill('/nowhere/ffmpeg');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The refusal names the path and says why (it must answer "-version" as ffmpeg).
    await page.getByRole('alert').filter({ hasText: '/nowhere/ffmpeg did not run with "-version"' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('slider', { name: 'Quality' }).inputValue()).toBe('21');
    expect(await page.getByRole('combobox', { name: 'Encoder speed' }).inputValue()).toBe('fast');
    expect(await page.getByRole('combobox', { name: 'Maximum take length' }).inputValue()).toBe('30');
  });
});
