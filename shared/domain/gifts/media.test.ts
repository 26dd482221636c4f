import { describe, expect, test } from 'vitest';
import { giftMediaFile, giftMediaPath, isGiftMediaKind } from './media';

describe('gift media references', () => {
  test('a picture, an animation and a sound resolve to their file and type', () => {
    expect(giftMediaFile('gifts/egg.svg', 'image')).toEqual({ file: 'egg.svg', contentType: 'image/svg+xml' });
    expect(giftMediaFile('gifts/egg.anim.svg', 'animation')).toEqual({ file: 'egg.anim.svg', contentType: 'image/svg+xml' });
    expect(giftMediaFile('gifts/rose_2.webp', 'animation')).toEqual({ file: 'rose_2.webp', contentType: 'image/webp' });
    expect(giftMediaFile('gifts/egg.mp3', 'sound')).toEqual({ file: 'egg.mp3', contentType: 'audio/mpeg' });
    expect(giftMediaFile('gifts/egg.ogg', 'sound')).toEqual({ file: 'egg.ogg', contentType: 'audio/ogg' });
  });

  test('a file of the wrong kind is refused (a sound as a picture, a picture as a sound, Lottie JSON)', () => {
    expect(giftMediaFile('gifts/egg.mp3', 'image')).toBeNull();
    expect(giftMediaFile('gifts/egg.svg', 'sound')).toBeNull();
    expect(giftMediaFile('gifts/egg.json', 'animation')).toBeNull();
    expect(giftMediaFile('gifts/egg.html', 'image')).toBeNull();
  });

  test.each([
    'gifts/../secret.svg',
    '../gifts/egg.svg',
    'gifts/sub/egg.svg',
    'gifts/.hidden.svg',
    '/etc/egg.svg',
    'gifts/Egg.svg',
    'gifts/egg..svg',
    'gifts/egg.svg\0.png',
    'other/egg.svg',
    'gifts\\egg.svg',
    'gifts/egg.toString',
  ])('a reference that could leave the folder or is not a plain name is refused: %j', (reference) => {
    expect(giftMediaFile(reference, 'image')).toBeNull();
  });

  test('inherited object keys are no types', () => {
    expect(giftMediaFile('gifts/egg.constructor', 'image')).toBeNull();
    expect(giftMediaFile('gifts/egg.__proto__', 'sound')).toBeNull();
  });

  test('paths and kinds', () => {
    expect(giftMediaPath('bundle-of-flowers', 'animation')).toBe('/gift-media/bundle-of-flowers/animation');
    expect(isGiftMediaKind('sound')).toBe(true);
    expect(isGiftMediaKind('script')).toBe(false);
  });
});
