import { describe, expect, it } from 'vitest';
import { canExport, Draft, DRAFT_TITLE_MAX, DraftTitle, draftMediaUrl, isExported, newDraft, sortDrafts, titleFromFileName } from './drafts';
import { DraftId } from './ids';

describe('draft titles', () => {
  it('derives a title from a file name', () => {
    expect(titleFromFileName('grace_hopper.jpg')).toBe('grace hopper');
    expect(titleFromFileName('C:\\Users\\me\\My-Take--2.final.webm')).toBe('My Take 2.final');
    expect(titleFromFileName('.png')).toBe('Untitled');
    expect(titleFromFileName('x'.repeat(300) + '.png')).toHaveLength(120);
  });
  it('trims, collapses spaces and refuses empty or long titles', () => {
    expect(DraftTitle.parse('  Summer   look  ')).toBe('Summer look');
    expect(DraftTitle.safeParse('   ').success).toBe(false);
    expect(DraftTitle.safeParse('y'.repeat(121)).success).toBe(false);
  });
});

describe('draft helpers', () => {
  it('builds media URLs relative to the app origin, escaped', () => {
    expect(draftMediaUrl('drf_abc0123456' as DraftId, 'thumb.jpg')).toBe('media/drafts/drf_abc0123456/thumb.jpg');
    expect(draftMediaUrl('drf_abc0123456' as DraftId, 'a b.png')).toBe('media/drafts/drf_abc0123456/a%20b.png');
  });
  it('sorts newest first with a stable tie-break', () => {
    const d = (id: string, createdAt: number) => ({ id, createdAt }) as unknown as Draft;
    expect(sortDrafts([d('drf_b', 1), d('drf_c', 2), d('drf_a', 1)]).map((x) => x.id)).toEqual(['drf_c', 'drf_a', 'drf_b']);
  });
});

describe('the draft constructor and lifecycle predicates', () => {
  const id = DraftId.parse('drf_0000000000');

  it('builds every draft the same way, keeping titles within DRAFT_TITLE_MAX', () => {
    const draft = newDraft({ id, kind: 'video', title: `  Take   ${'x'.repeat(300)} `, now: 5, mediaFile: 'capture.webm', mimeType: 'video/webm', status: 'recording' });
    expect(draft.title).toHaveLength(DRAFT_TITLE_MAX);
    expect(draft.title.startsWith('Take x')).toBe(true);
    expect(draft).toMatchObject({ createdAt: 5, updatedAt: 5, sizeBytes: 0, width: null, thumbnailFile: null, itemId: null, status: 'recording', statusDetail: null });
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(newDraft({ id, kind: 'photo', title: '   ', now: 1, mediaFile: 'photo.png', mimeType: 'image/png' })).toMatchObject({ title: 'Untitled', status: 'ready' });
  });

  it('tells an exported video from one that still needs exporting', () => {
    const take = newDraft({ id, kind: 'video', title: 't', now: 1, mediaFile: 'capture.webm', mimeType: 'video/webm' });
    const exported = { ...take, mediaFile: 'export.mp4', mimeType: 'video/mp4' };
    expect(isExported(take)).toBe(false);
    expect(isExported(exported)).toBe(true);
    expect(isExported({ ...exported, mediaFile: 'original.mp4' })).toBe(false);
    expect(canExport(take)).toBe(true);
    expect(canExport({ ...take, status: 'exporting' })).toBe(false);
    expect(canExport({ ...take, status: 'recording' })).toBe(false);
    expect(canExport({ ...take, kind: 'photo' })).toBe(false);
  });
});
