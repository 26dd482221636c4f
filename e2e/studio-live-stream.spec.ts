import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWebcamArgs, fakeWebcamFile } from './fake-webcam';
import { testOutput } from './support/paths';
import { launchStudio, openPage, signInNewAccount, type StudioSession } from './support/studio';

/**
 * Issue 15, studio side: the Live page's video panel streams the try-on preview (fake webcam) to a
 * custom RTMP destination, here a local ffmpeg RTMP server that decodes what it receives. Start →
 * the health row says Live with a bitrate and that the H.264 capture is passed through, the receiver decodes frames → a take recorded meanwhile
 * lands in Drafts → the server is killed →
 * Reconnecting → it listens again → Live → Stop → Ended.
 */
const shot = (name: string): string => testOutput('live-stream', `${name}.png`);

let studio: StudioSession;
let receiver: ChildProcess | null = null;
let serving = false;
const received = { frames: 0 };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  studio = await launchStudio({ path: '/settings', viewport: { width: 1280, height: 800 }, chromiumArgs: fakeWebcamArgs(fakeWebcamFile()) });
}, 120_000);
afterAll(async () => {
  serving = false;
  receiver?.kill('SIGKILL');
  await studio?.close();
});

describe('Live video stream (issue 15, studio side)', () => {
  it('streams the preview to a custom RTMP destination, shows its health, and stops', async () => {
    const { page } = studio;
    await signInNewAccount(studio, 'e2e_caster', 'E2E Caster');

    // What the recorder offers for pass-through (measured, reported; nothing depends on it).
    const types = await page.evaluate(() =>
      Object.fromEntries(
        ['video/webm;codecs=h264', 'video/webm;codecs=avc1', 'video/x-matroska;codecs=avc1', 'video/mp4;codecs=avc1', 'video/webm;codecs=vp9,opus'].map((t) => [t, MediaRecorder.isTypeSupported(t)]),
      ),
    );
    writeFileSync(testOutput('live-stream', 'recorder-types.json'), JSON.stringify(types, null, 2));

    await openPage(page, 'Live');
    const panel = page.getByRole('region', { name: 'Video stream' });
    // The room's destination needs an open room; with none on, Start cannot be pressed.
    await panel.getByRole('switch', { name: 'Stream to Anchor Live (your room)' }).uncheck();
    await expect.poll(() => panel.getByRole('button', { name: 'Start streaming' }).isDisabled()).toBe(true);

    // A custom destination: field errors first, then a good one.
    await panel.getByRole('button', { name: 'Add a custom destination' }).click();
    const form = panel.getByRole('form', { name: 'Add a custom destination' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Local RTMP');
    await form.getByRole('textbox', { name: 'Server URL' }).fill('http://127.0.0.1/live');
    await form.getByRole('button', { name: 'Save destination' }).click();
    await form.getByText('Use an rtmp://, rtmps:// or srt:// address').waitFor();
    await form.getByText('Paste the stream key from the service').waitFor();
    // SRT is taken (this ffmpeg has it) but needs its port; its stream id may come in the address instead of the key.
    await form.getByRole('textbox', { name: 'Server URL' }).fill('srt://127.0.0.1?streamid=room-key');
    await form.getByRole('button', { name: 'Save destination' }).click();
    await form.getByText('An SRT address needs its port').waitFor();
    expect(await form.getByText('Paste the stream key from the service').count()).toBe(0);
    await page.screenshot({ path: shot('0-srt-port-1280x800') });
    const port = await freePort();
    const key = 'e2e_key_4f9d21';
    await form.getByRole('textbox', { name: 'Server URL' }).fill(`rtmp://127.0.0.1:${port}/live`);
    await form.getByLabel('Stream key').fill(key);
    await form.getByRole('button', { name: 'Save destination' }).click();
    await panel.getByText('key ending 9d21').waitFor();
    expect(await page.content()).not.toContain(key);

    // Like a real ingest server it takes the next connection when one ends (ffmpeg -listen takes one).
    serving = true;
    const listen = (): void => {
      const r = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-listen', '1', '-f', 'flv', '-i', `rtmp://127.0.0.1:${port}/live/${key}`, '-progress', 'pipe:1', '-f', 'null', '-'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      r.stdout!.setEncoding('utf8').on('data', (text: string) => {
        for (const m of text.matchAll(/^frame=(\d+)/gm)) received.frames = Number(m[1]);
      });
      r.once('exit', () => {
        if (serving && receiver === r) listen();
      });
      receiver = r;
    };
    listen();

    await panel.getByRole('button', { name: 'Start streaming' }).click();
    const row = panel.getByRole('listitem', { name: 'Local RTMP: Live' });
    await row.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: shot('live-failed') });
      throw e;
    });
    await expect.poll(async () => row.locator('[data-figure="kbps"]').textContent(), { timeout: 10_000 }).toMatch(/\d+ kb\/s/);
    await expect.poll(() => received.frames, { timeout: 10_000 }).toBeGreaterThan(30);
    // The recorder makes H.264 (Chromium offers it) of a canvas smaller than 720p landscape: passed through, not re-encoded.
    const video = row.locator('[data-figure="video"]');
    expect(await video.getAttribute('data-video')).toBe('copy');
    expect(await video.textContent()).toBe('H.264 passed through');
    // A take recorded from the same canvas while live lands in Drafts; the stream stays live.
    const takeStartedAt = Date.now();
    await panel.getByRole('button', { name: 'Record a take' }).click();
    await panel.getByRole('button', { name: /Stop take/ }).waitFor();
    await page.waitForTimeout(1500);
    await panel.getByRole('button', { name: /Stop take/ }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: 'Take saved to Drafts.' })
      .waitFor({ timeout: 45_000 })
      .catch(async (e: unknown) => {
        await page.screenshot({ path: shot('take-failed') });
        throw e;
      });
    await row.waitFor({ timeout: 20_000 });
    writeFileSync(testOutput('live-stream', 'take.json'), JSON.stringify({ takeSavedAfterMs: Date.now() - takeStartedAt }));

    // The figures after the take (several seconds of streaming), kept for the report.
    const figures = Object.fromEntries(await row.locator('[data-figure]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-figure'), e.textContent])));
    writeFileSync(testOutput('live-stream', 'health.json'), JSON.stringify({ figures, receivedFrames: received.frames }, null, 2));
    await page.screenshot({ path: shot('1-streaming-1280x800') });

    // The service drops (its server dies): the row says Reconnecting with the reason; it comes back.
    serving = false;
    receiver!.kill('SIGKILL');
    await panel.getByRole('listitem', { name: 'Local RTMP: Reconnecting' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shot('2-reconnecting-1280x800') });
    received.frames = 0;
    listen();
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => received.frames, { timeout: 10_000 }).toBeGreaterThan(0);

    await panel.getByRole('button', { name: 'Stop streaming' }).click();
    await panel.getByRole('listitem', { name: 'Local RTMP: Ended' }).waitFor({ timeout: 10_000 });
    // Stop closed the connection cleanly: the receiver saw the end and exited.
    await expect.poll(() => receiver!.exitCode, { timeout: 10_000 }).toBe(0);
    serving = false;
    await panel.getByRole('button', { name: 'Start streaming' }).waitFor();
    await page.screenshot({ path: shot('3-stopped-1280x800') });
  });
});
