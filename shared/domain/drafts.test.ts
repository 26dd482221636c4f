import { describe, expect, it } from 'vitest';
import { DraftTitle, draftMediaUrl, sortDrafts, titleFromFileName, type Draft } from './drafts';
import type { DraftId } from './ids';

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
