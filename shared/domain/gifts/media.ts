/**
 * Gift media: the catalog names each gift's picture, animation and sound as a file in the
 * platform's gift media folder (`gifts/<name>.<ext>`, the seeded ones in resources/gifts). Clients
 * fetch them by catalog id and kind (`/gift-media/<giftId>/<kind>`), so they need nothing but the
 * gift's id; the platform looks the file up in the catalog.
 *
 * Formats a browser shows without a player: pictures and animations are SVG (an animation is an SVG
 * with CSS keyframes that plays once in an <img>), PNG, WebP or GIF (animated WebP and GIF play in
 * an <img> too); sounds are MP3 or Ogg.
 */
export const GIFT_MEDIA_KINDS = ['image', 'animation', 'sound'] as const;
export type GiftMediaKind = (typeof GIFT_MEDIA_KINDS)[number];

const PICTURES: Readonly<Record<string, string>> = { svg: 'image/svg+xml', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };
const SOUNDS: Readonly<Record<string, string>> = { mp3: 'audio/mpeg', ogg: 'audio/ogg' };

/** A plain lower-case name: no slashes, no leading dot, no `..`. */
const REFERENCE = /^gifts\/([a-z0-9]+(?:[._-][a-z0-9]+)*)\.([a-z0-9]+)$/;

export interface GiftMediaFile {
  /** The file's name inside the gift media folder. */
  readonly file: string;
  readonly contentType: string;
}

/** The file a catalog reference (`gifts/egg.svg`) names for `kind`; null when the name or its type does not fit. */
export function giftMediaFile(reference: string, kind: GiftMediaKind): GiftMediaFile | null {
  const match = REFERENCE.exec(reference);
  if (!match) return null;
  const [, name, extension] = match as unknown as [string, string, string];
  const types = kind === 'sound' ? SOUNDS : PICTURES;
  const contentType = Object.prototype.hasOwnProperty.call(types, extension) ? types[extension] : undefined;
  return contentType ? { file: `${name}.${extension}`, contentType } : null;
}

export const isGiftMediaKind = (value: string): value is GiftMediaKind => (GIFT_MEDIA_KINDS as readonly string[]).includes(value);

/** The route path (under the API prefix) of a catalog gift's picture, animation or sound. */
export const giftMediaPath = (giftId: string, kind: GiftMediaKind): string => `/gift-media/${encodeURIComponent(giftId)}/${kind}`;
