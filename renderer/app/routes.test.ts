import { describe, expect, it } from 'vitest';
import type { DraftId } from '@shared/domain/ids';
import { parseRoute, paths } from './routes';

describe('routes', () => {
  it('builds and reads back a page path with its id', () => {
    const id = 'drf_a/b c' as DraftId;
    expect(paths.preview(id)).toBe('/preview/drf_a%2Fb%20c');
    expect(parseRoute(paths.preview(id))).toEqual({ section: 'preview', id });
    expect(paths.drafts()).toBe('/drafts');
    expect(paths.discover(null)).toBe('/discover');
  });

  it('reads a section without an id, and an undecodable id as none', () => {
    expect(parseRoute('/settings')).toEqual({ section: 'settings', id: null });
    expect(parseRoute('/')).toEqual({ section: '', id: null });
    expect(parseRoute('/anchor/%ZZ')).toEqual({ section: 'anchor', id: null });
  });
});
