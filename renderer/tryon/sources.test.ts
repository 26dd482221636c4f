import { describe, expect, it } from 'vitest';
import { SourceError, isImageFile, isVideoFile, openFile } from './sources';

const file = (name: string, type: string) => new File([new Uint8Array([1, 2, 3])], name, { type });

describe('local file routing', () => {
  it('recognises photos and videos by type or, failing that, by extension', () => {
    expect(isImageFile(file('a.png', 'image/png'))).toBe(true);
    expect(isImageFile(file('IMG_0001.JPG', ''))).toBe(true);
    expect(isVideoFile(file('clip.webm', 'video/webm'))).toBe(true);
    expect(isVideoFile(file('clip.MOV', ''))).toBe(true);
    expect(isImageFile(file('notes.txt', 'text/plain'))).toBe(false);
    expect(isVideoFile(file('notes.txt', 'text/plain'))).toBe(false);
  });

  it('refuses a file that is neither, with a message naming it', async () => {
    const refused = openFile(file('notes.txt', 'text/plain'));
    await expect(refused).rejects.toBeInstanceOf(SourceError);
    await expect(refused).rejects.toMatchObject({ code: 'unsupported-file', message: expect.stringContaining('“notes.txt” is not a photo or video') });
  });
});
