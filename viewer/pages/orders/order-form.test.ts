import { describe, expect, it } from 'vitest';
import { INFO_LIMITS } from '@shared/domain/orders/info';
import { checkForm, dropDraft, emptyForm, firstStepWithProblem, loadDraft, newDraft, saveDraft, stepProblems, type OrderFormState } from './order-form';

const filled: OrderFormState = { ...emptyForm(), forWhom: 'Family', name: 'Zhang', address: 'Grandpa Zhang', occasion: 'Birthday' };

/** A Storage stand-in over a Map (session storage is what the page uses). */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('order form', () => {
  it('turns a filled form into the platform’s order info (trimmed, empty optional fields dropped)', () => {
    expect(checkForm({ ...filled, address: '  Grandpa Zhang ', instructions: '   ' })).toEqual({
      ok: true,
      info: { forWhom: 'Family', name: 'Zhang', address: 'Grandpa Zhang', occasion: 'Birthday' },
    });
    expect(checkForm({ ...filled, occasion: 'Other', occasionOther: 'Graduation', instructions: 'Sing!' })).toEqual({
      ok: true,
      info: { forWhom: 'Family', name: 'Zhang', address: 'Grandpa Zhang', occasion: 'Graduation', instructions: 'Sing!' },
    });
  });

  it('gives each field its own problem, on the step that holds it', () => {
    const empty = checkForm(emptyForm());
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.problems).toEqual({ address: { kind: 'required' } });
    expect(firstStepWithProblem(empty.problems)).toBe('recipient');

    // "Other" needs a name; another occasion needs its text, reported at that text field.
    expect(stepProblems({ ...filled, forWhom: 'Other', name: ' ' }, 'recipient')).toEqual({ name: { kind: 'nameNeeded' } });
    const other = { ...filled, occasion: 'Other' as const, occasionOther: '' };
    expect(stepProblems(other, 'recipient')).toEqual({});
    expect(stepProblems(other, 'occasion')).toEqual({ occasionOther: { kind: 'required' } });

    // Instructions: 500 characters as people count them (an emoji is one), 501 is too many.
    expect(stepProblems({ ...filled, instructions: '😀'.repeat(INFO_LIMITS.instructions) }, 'instructions')).toEqual({});
    const long = { ...filled, instructions: 'x'.repeat(INFO_LIMITS.instructions + 1) };
    expect(stepProblems(long, 'instructions')).toEqual({ instructions: { kind: 'tooLong', max: 500 } });
    const checked = checkForm(long);
    expect(checked.ok ? null : firstStepWithProblem(checked.problems)).toBe('instructions');
  });

  it('keeps the draft per creator with its idempotency key, and refuses a tampered one', () => {
    const storage = memoryStorage();
    const draft = { ...newDraft(), form: filled, step: 'occasion' as const };
    saveDraft(storage, 'kim', draft);
    expect(loadDraft(storage, 'kim')).toEqual(draft);
    expect(loadDraft(storage, 'lee')).toBeNull();
    expect(newDraft().key).not.toBe(draft.key);
    storage.setItem('anchor-viewer.order-draft.lee', JSON.stringify({ ...draft, form: { ...filled, forWhom: 'Boss' } }));
    expect(loadDraft(storage, 'lee')).toBeNull();
    storage.setItem('anchor-viewer.order-draft.lee', '{not json');
    expect(loadDraft(storage, 'lee')).toBeNull();
    dropDraft(storage, 'kim');
    expect(loadDraft(storage, 'kim')).toBeNull();
  });
});
