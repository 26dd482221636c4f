import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient } from '@shared/ipc/client';
import { method } from '@shared/ipc/define';
import { createDispatch } from '@shared/ipc/dispatch';
import { failureNote } from '@shared/ipc/failure-text';
import { StudioFailure, fail } from '@shared/ipc/result';
import { decodeFrame, encodeFrame, ResponseFrame } from '@shared/ipc/wire';
import type { StudioClient } from '../client/studio-client-type';
import { localizedClient } from '../client/localized-client';
import { failureMessage } from './failures';
import { i18n } from './i18n';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('a failure from main, in the user’s language', () => {
  it('says a key with params in Simplified Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const { error } = fail('invalid_input', { key: 'imports.stopped', params: { received: 10, size: 20 } }) as { error: Parameters<typeof failureMessage>[0] };
    expect(failureMessage(error)).toBe('上传停在 10 / 20 字节。');
    expect(failureMessage(new StudioFailure('conflict', { key: 'posting.stillExporting' }).toError())).toBe('这个视频仍在导出；导出完成后再发布。');
  });

  it('says a kept note (a post waiting or failed) in the language chosen when it is shown, not when it was stored', async () => {
    const { PostJobView } = await import('@shared/ipc/nouns/sync');
    const { stateText } = await import('../pages/post/post-job-text');
    const job = PostJobView.parse({
      id: 'job_0123456789abcdef',
      state: 'failed',
      draftId: null,
      title: 'A take',
      target: null,
      anchorCount: 0,
      sentBytes: 0,
      totalBytes: 10,
      videoId: null,
      lastError: failureNote({ key: 'sync.fileGone', params: { file: '/takes/a.mp4' } }),
      nextAttemptAt: null,
      createdAt: 1,
      updatedAt: 1,
    });
    expect(stateText(job, 0)).toContain('The video file is gone: /takes/a.mp4');
    await i18n.changeLanguage('zh-CN');
    expect(stateText(job, 0)).toContain('视频文件已不存在：/takes/a.mp4');
    expect(stateText({ ...job, lastError: { message: 'Plain platform words.' } }, 0)).toContain('Plain platform words.');
  });

  it('reads in English exactly as main wrote it', async () => {
    const failure = new StudioFailure('not_found', { key: 'drafts.cannotImport', params: { file: 'a.mp4', reason: 'EACCES' } });
    expect(failure.message).toBe('Could not import "a.mp4": EACCES');
    expect(failureMessage(failure.toError())).toBe('Could not import "a.mp4": EACCES');
  });

  it('falls back to main’s English for a key this build does not know, and shows a plain message as it is', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(failureMessage({ code: 'conflict', message: 'A newer main said this.', key: 'drafts.fromTheFuture', params: { x: 1 } })).toBe('A newer main said this.');
    expect(failureMessage({ code: 'conflict', message: 'A newer main said this.', key: 'drafts' })).toBe('A newer main said this.');
    expect(failureMessage({ code: 'conflict', message: 'Not keyed.' })).toBe('Not keyed.');
  });

  it('crosses dispatch and the WebSocket frame with its key, and the client shows it translated', async () => {
    const contract = { notes: { refuse: method(z.undefined(), z.null()), plain: method(z.undefined(), z.null()) } } as const;
    const dispatch = createDispatch(contract, {
      notes: {
        refuse: () => {
          throw new StudioFailure('not_found', { key: 'drafts.gone' });
        },
        plain: () => {
          throw new StudioFailure('conflict', 'Still plain English.');
        },
      },
    });
    // What the browser host's socket carries: the frame encoded, decoded and checked as the page does.
    const overTheWire = async (channel: string, input: unknown) => {
      const frame = ResponseFrame.parse(decodeFrame(encodeFrame({ t: 'res', id: 1, result: await dispatch(channel, input) })));
      return frame.result as Awaited<ReturnType<typeof dispatch>>;
    };
    const raw = await overTheWire('notes.refuse', undefined);
    expect(raw).toEqual({ ok: false, error: { code: 'not_found', message: 'This draft no longer exists.', key: 'drafts.gone' } });

    const client = localizedClient({ ...createClient(contract, overTheWire), host: 'browser', on: () => () => undefined } as unknown as StudioClient) as unknown as {
      notes: { refuse: () => Promise<unknown>; plain: () => Promise<unknown> };
    };
    await i18n.changeLanguage('zh-CN');
    expect(await client.notes.refuse()).toEqual({ ok: false, error: { code: 'not_found', message: '这个草稿已不存在。', key: 'drafts.gone' } });
    expect(await client.notes.plain()).toEqual({ ok: false, error: { code: 'conflict', message: 'Still plain English.' } });
  });
});
