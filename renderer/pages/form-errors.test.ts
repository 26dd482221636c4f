import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Handle, Password } from '@shared/protocol/auth';
import { formErrors, schemaErrors } from './form-errors';

describe('formErrors', () => {
  it('puts each validation issue of an envelope at its field, as a sentence, without the channel', () => {
    const message = 'account.register: ✖ A handle is 3 to 30 letters, digits or underscores\n  → at handle\n✖ A password has at least 8 characters\n  → at password';
    expect(formErrors({ code: 'invalid_input', message }, ['handle', 'password', 'displayName'], 'x')).toEqual({
      fields: { handle: 'A handle is 3 to 30 letters, digits or underscores.', password: 'A password has at least 8 characters.' },
      form: null,
    });
  });

  it('keeps an issue for a field the form does not have, or without a path, for the whole form', () => {
    const message = 'drafts.rename: ✖ Invalid input: expected string\n  → at id\n✖ Something about the whole object';
    expect(formErrors({ code: 'invalid_input', message }, ['title'], 'x')).toEqual({ fields: {}, form: 'Invalid input: expected string. Something about the whole object.' });
  });

  it("shows a service's own sentence without the channel prefix, and a fallback for internal errors", () => {
    expect(formErrors({ code: 'conflict', message: 'account.register: that handle is taken' }, ['handle'], 'x')).toEqual({ fields: {}, form: 'That handle is taken.' });
    expect(formErrors({ code: 'internal', message: 'TypeError: cannot read x of undefined' }, ['handle'], 'Something went wrong.')).toEqual({ fields: {}, form: 'Something went wrong.' });
  });

  it('leaves a translated Chinese sentence its own full stop', () => {
    expect(formErrors({ code: 'conflict', message: '这个用户名已被占用，请换一个。', key: 'platform.codes.handle_taken' }, ['handle'], 'x')).toEqual({
      fields: {},
      form: '这个用户名已被占用，请换一个。',
    });
    expect(formErrors({ code: 'unavailable', message: '平台没有接收图片（413）' }, [], 'x')).toEqual({ fields: {}, form: '平台没有接收图片（413）。' });
    expect(formErrors({ code: 'unavailable', message: 'The platform did not take the picture (413)' }, [], 'x')).toEqual({ fields: {}, form: 'The platform did not take the picture (413).' });
  });

  it('maps a zod error from checking the form before sending it', () => {
    const schema = z.object({ handle: Handle, password: Password });
    const parsed = schema.safeParse({ handle: 'a!', password: 'short' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(schemaErrors(parsed.error, ['handle', 'password'])).toEqual({
      fields: { handle: 'A handle is 3 to 30 letters, digits or underscores.', password: 'A password has at least 8 characters.' },
      form: null,
    });
  });
});
