import { describe, expect, it } from 'vitest';
import { FAILURE_TEXT } from './failure-catalog';
import { englishFailure, failureTemplate, fillTemplate } from './failure-text';
import { StudioFailure, unwrap } from './result';

describe('failure text', () => {
  it('fills a key’s English template from its params', () => {
    expect(englishFailure({ key: 'imports.wrongOffset', params: { expected: 5, got: 9 } })).toBe('Expected the chunk at offset 5, got 9.');
    expect(englishFailure({ key: 'drafts.gone' })).toBe('This draft no longer exists.');
  });

  it('keeps a placeholder that has no value rather than dropping it', () => {
    expect(fillTemplate('Could not read "{{file}}": {{reason}}', { file: 'a.png' })).toBe('Could not read "a.png": {{reason}}');
  });

  it('knows only real sentences of the table', () => {
    expect(failureTemplate('posting.videoOnly')).toBe(FAILURE_TEXT.posting.videoOnly);
    for (const key of ['posting', 'posting.nope', 'toString', '__proto__.x', 'posting.videoOnly.x', '']) expect(failureTemplate(key), key).toBeUndefined();
  });

  it('keeps the key and params through a result and back to a thrown failure', () => {
    const failure = new StudioFailure('io_error', { key: 'drafts.photoNotSaved', params: { reason: 'disk full' } });
    expect(failure.message).toBe('Could not save the photo: disk full');
    const again = (() => {
      try {
        unwrap({ ok: false, error: failure.toError() });
      } catch (error) {
        return error as StudioFailure;
      }
      throw new Error('unwrap did not throw');
    })();
    expect(again).toBeInstanceOf(StudioFailure);
    expect(again.toError()).toEqual({ code: 'io_error', message: 'Could not save the photo: disk full', key: 'drafts.photoNotSaved', params: { reason: 'disk full' } });
    expect(new StudioFailure('conflict', 'plain').toError()).toEqual({ code: 'conflict', message: 'plain' });
  });

  it('refuses at compile time a key without its params, and shows the gap at run time', () => {
    // @ts-expect-error -- imports.stopped needs `received` and `size`
    const missing = new StudioFailure('invalid_input', { key: 'imports.stopped' });
    expect(missing.message).toBe('The upload stopped at {{received}} of {{size}} bytes.');
  });
});
