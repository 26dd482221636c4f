import { z } from 'zod';
import { giftNameIn, inSentence } from '../catalog/gift-names';
import type { Language } from '../domain/languages';
import type { OCCASION_OPTIONS } from '../domain/orders/info';
import { CANCEL_KINDS, CANCEL_LABELS, type CancelKind } from '../domain/orders/lifecycle';

/** The languages the platform's sentences are written in: the clients' interface languages. */
export type PlatformTextLanguage = Language;

const PLATFORM_TEXTS_EN = {
  giftReceived: '@{{sender}} sent you {{gift}}',
  giftReceivedWithMessage: '@{{sender}} sent you {{gift}}: {{message}}',
  giftThanked: '@{{sender}} thanked you for {{gift}}',
  giftThankedWithText: '@{{sender}} thanked you for {{gift}}: {{text}}',
  orderRequested: 'New request from @{{requester}}: {{occasion}} video for {{who}}',
  orderRequestedForSelf: 'New request from @{{requester}}: {{occasion}} video for themselves',
  orderAccepted: 'Request accepted',
  orderDelivered: 'Video sent',
  orderCommented: 'New comment on your video',
  orderCancelled: 'Request cancelled: {{reason}}',
  orderCancelledWithText: 'Request cancelled: {{reason}} ({{text}})',
  videoForwarded: '@{{sender}} sent you a custom video by @{{creator}}',
  videoForwardedWithNote: '@{{sender}} sent you a custom video by @{{creator}}: {{note}}',
} as const;
export type PlatformTextKey = keyof typeof PLATFORM_TEXTS_EN;

/**
 * The sentences the platform writes for people — notifications and system messages — by key, in
 * each language. The platform stores each one's key and parameters beside its English text
 * (`Notification.textKey`, `Message.textKey`), and every client (the viewer app, the studio's
 * pages and its desktop notifications) says it in the user's language with `sayPlatformText`.
 * `{{name}}` is a parameter. A language missing a key does not compile.
 */
export const PLATFORM_TEXTS: Readonly<Record<PlatformTextLanguage, Readonly<Record<PlatformTextKey, string>>>> = {
  en: PLATFORM_TEXTS_EN,
  'zh-CN': {
    giftReceived: '@{{sender}} 送给你{{gift}}',
    giftReceivedWithMessage: '@{{sender}} 送给你{{gift}}：{{message}}',
    giftThanked: '@{{sender}} 感谢你送的{{gift}}',
    giftThankedWithText: '@{{sender}} 感谢你送的{{gift}}：{{text}}',
    orderRequested: '来自 @{{requester}} 的新申请：给{{who}}的{{occasion}}视频',
    orderRequestedForSelf: '来自 @{{requester}} 的新申请：给本人的{{occasion}}视频',
    orderAccepted: '申请已接单',
    orderDelivered: '视频已发送',
    orderCommented: '你的视频有新评论',
    orderCancelled: '申请已取消：{{reason}}',
    orderCancelledWithText: '申请已取消：{{reason}}（{{text}}）',
    videoForwarded: '@{{sender}} 给你发来 @{{creator}} 制作的定制视频',
    videoForwardedWithNote: '@{{sender}} 给你发来 @{{creator}} 制作的定制视频：{{note}}',
  },
};

/** A guide item's button under a system message, by what it opens (the item's stored `label` is the English). */
export const GUIDE_LABELS: Readonly<Record<PlatformTextLanguage, Readonly<Record<'order' | 'video' | 'comment' | 'gift', string>>>> = {
  en: { order: 'Details', video: 'Watch', comment: 'Comment', gift: 'Gift' },
  'zh-CN': { order: '详情', video: '观看', comment: '评论', gift: '礼物' },
};

/** Why an order was cancelled, in each language (English: the lifecycle's own labels). */
export const CANCEL_REASON_NAMES: Readonly<Record<PlatformTextLanguage, Readonly<Record<CancelKind, string>>>> = {
  en: CANCEL_LABELS,
  'zh-CN': {
    refused_by_creator: '创作者拒绝了申请',
    not_accepted_in_time: '申请未在 48 小时内被接单',
    not_delivered_in_time: '视频未在 168 小时内发送',
    cancelled_by_requester: '申请人已取消',
    cancelled_by_creator: '创作者已取消',
  },
};

type OccasionOption = (typeof OCCASION_OPTIONS)[number];

/** The occasions a viewer picks from, in each language; one written under "Other" is the viewer's own words. */
export const OCCASION_NAMES: Readonly<Record<PlatformTextLanguage, Readonly<Record<OccasionOption, string>>>> = {
  en: { Birthday: 'Birthday', Anniversary: 'Anniversary', Congratulations: 'Congratulations', 'Get well': 'Get well', 'Just because': 'Just because', Other: 'Other' },
  'zh-CN': { Birthday: '生日', Anniversary: '纪念日', Congratulations: '祝贺', 'Get well': '早日康复', 'Just because': '没有理由', Other: '其他' },
};

/** An order's occasion in a language: a chosen one named in it, one written under "Other" as written. */
export function occasionIn(language: PlatformTextLanguage, occasion: string): string {
  const names = OCCASION_NAMES[language];
  return Object.prototype.hasOwnProperty.call(names, occasion) ? names[occasion as OccasionOption] : occasion;
}

export type PlatformTextParams = Readonly<Record<string, string | number>>;

export const isPlatformTextKey = (key: string): key is PlatformTextKey => Object.prototype.hasOwnProperty.call(PLATFORM_TEXTS_EN, key);

/** A sentence as its key and parameters, as the platform stores and sends it. */
export const PlatformText = z.object({
  key: z.string().refine(isPlatformTextKey, 'not a platform text key'),
  params: z.record(z.string(), z.union([z.string().max(2000), z.number()])),
});
export type PlatformText = Readonly<{ key: PlatformTextKey; params: PlatformTextParams }>;

/** A stored key column (JSON) back as a platform text; null when absent or not valid (the English `text` is then shown). */
export function parsePlatformText(json: string | null): PlatformText | null {
  if (json === null) return null;
  try {
    const parsed = PlatformText.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as PlatformText) : null;
  } catch {
    return null;
  }
}

const has = <K extends string>(table: Readonly<Record<K, string>>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);

/**
 * The parameters a sentence is filled with in a language: the named things named in it — `gift`
 * (with `giftId`, the seeded gift it is the English name of) as it reads inside a sentence,
 * `reason` (a cancel kind), `occasion` (a chosen one; English lowercases it mid-sentence) — and
 * people's own words as they are.
 */
export function localParams(language: PlatformTextLanguage, params: PlatformTextParams): PlatformTextParams {
  const out: Record<string, string | number> = { ...params };
  if (typeof params.gift === 'string') out.gift = inSentence(giftNameIn(language, typeof params.giftId === 'string' ? params.giftId : '', params.gift));
  const reason = CANCEL_KINDS.find((kind) => kind === params.reason);
  if (reason !== undefined) out.reason = CANCEL_REASON_NAMES[language][reason];
  if (typeof params.occasion === 'string') {
    const named = occasionIn(language, params.occasion);
    out.occasion = language === 'en' ? named.toLowerCase() : named;
  }
  return out;
}

/** `{{name}}` filled from `params`, once: a value is never read as a template. A missing parameter is a bug in the caller, so it throws. */
export function fillTemplate(template: string, params: PlatformTextParams): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`platform text: no value for {{${name}}}`);
    return String(value);
  });
}

/** A platform sentence in a language (English is what the platform stores in `text`). */
export function platformTextIn(language: PlatformTextLanguage, text: PlatformText): string {
  return fillTemplate(PLATFORM_TEXTS[language][text.key], localParams(language, text.params));
}

/**
 * What a client shows for a notification or a system message: its sentence in the user's language
 * when it has a key, else the platform's English text (written before keys, or by a newer platform
 * with a key this client does not know, or with a parameter missing).
 */
export function sayPlatformText(language: PlatformTextLanguage, said: Readonly<{ text: string; textKey: PlatformText | null }>): string {
  if (said.textKey === null || !isPlatformTextKey(said.textKey.key)) return said.text;
  try {
    return platformTextIn(language, said.textKey);
  } catch {
    return said.text;
  }
}

/** A guide item's label in the user's language; its stored English label for a kind this client does not know. */
export function guideLabelIn(language: PlatformTextLanguage, action: Readonly<{ kind: string; label: string }>): string {
  const labels = GUIDE_LABELS[language];
  return has(labels, action.kind) ? labels[action.kind] : action.label;
}
