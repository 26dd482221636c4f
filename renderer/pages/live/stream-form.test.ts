import { describe, expect, it } from 'vitest';
import { DestinationInput, type DestinationId } from '@shared/ipc/nouns/live-stream';
import { liveEn } from '../../i18n/locales/en-live';
import { liveZhCN } from '../../i18n/locales/zh-CN-live';
import { destinationFormErrors, destinationFormInput, type DestinationFieldError } from './stream-form';

const fresh = { editing: null, name: 'Ingest', key: '' } as const;
const errorsFor = (values: Parameters<typeof destinationFormInput>[0]) => destinationFormErrors(destinationFormInput(values));

describe('the destination form', () => {
  it('asks for a key for a new RTMP destination, and keeps the stored one on edit when the field is empty', () => {
    expect(errorsFor({ ...fresh, url: 'rtmp://live.example.com/app' })).toEqual({ key: 'key' });
    const editing = { id: 'dst_0123456789ab' as DestinationId, enabled: false };
    expect(destinationFormInput({ ...fresh, editing, url: 'rtmp://live.example.com/app' })).toEqual({ id: editing.id, name: 'Ingest', url: 'rtmp://live.example.com/app', enabled: false });
    expect(errorsFor({ ...fresh, editing, url: 'rtmp://live.example.com/app' })).toEqual({});
  });

  it('takes an SRT address that carries its stream id without a key, and keeps the id as the key, not in the URL', () => {
    const url = 'srt://live.example.com:9000?latency=200000&streamid=%23!%3A%3Ar%3Dlive%2Froom%2Cm%3Dpublish';
    const input = destinationFormInput({ ...fresh, url });
    expect(input).not.toHaveProperty('key');
    expect(destinationFormErrors(input)).toEqual({});
    expect(DestinationInput.parse(input)).toMatchObject({ url: 'srt://live.example.com:9000?latency=200000', key: '#!::r=live/room,m=publish' });
    // The stream id in the key field instead: the URL is kept as typed.
    expect(DestinationInput.parse(destinationFormInput({ ...fresh, url: 'srt://live.example.com:9000', key: 'room-key' }))).toMatchObject({ url: 'srt://live.example.com:9000', key: 'room-key' });
  });

  it('says at the field what is wrong with an SRT address', () => {
    expect(errorsFor({ ...fresh, url: 'srt://live.example.com', key: 'room-key' })).toEqual({ url: 'srtPort' });
    expect(errorsFor({ ...fresh, url: 'srt://live.example.com:9000?streamid=room-key', key: 'room-key' })).toEqual({ key: 'streamIdTwice' });
    expect(errorsFor({ ...fresh, url: 'srt://live.example.com:9000?streamid=ab' })).toEqual({ url: 'streamIdBad' });
    expect(errorsFor({ ...fresh, url: 'srt://live.example.com:9000?streamid=%E0%A4%A' })).toEqual({ url: 'streamIdBad' });
    expect(errorsFor({ ...fresh, url: 'http://live.example.com/app', key: 'room-key' })).toEqual({ url: 'url' });
    // A passphrase would be stored and shown in clear with the address: refused, never kept.
    expect(errorsFor({ ...fresh, url: 'srt://live.example.com:9000?pbkeylen=16&passphrase=secret-words-1', key: 'room-key' })).toEqual({ url: 'srtPassphrase' });
    expect(DestinationInput.safeParse({ name: 'Ingest', url: 'srt://live.example.com:9000?PASSPHRASE=x', key: 'room-key', enabled: true }).success).toBe(false);
  });

  it('has every message it can show in English and Simplified Chinese', () => {
    const all = { name: true, url: true, key: true, srtPort: true, streamIdTwice: true, streamIdBad: true, srtPassphrase: true } satisfies Record<DestinationFieldError, true>;
    for (const error of Object.keys(all) as DestinationFieldError[]) {
      expect(liveEn.stream.form.errors[error]).toMatch(/\w/);
      expect(liveZhCN.stream.form.errors[error]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
