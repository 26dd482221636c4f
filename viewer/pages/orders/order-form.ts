import { z } from 'zod';
import { FOR_WHOM_OPTIONS, INFO_LIMITS, OCCASION_OPTIONS, checkOrderInfo, type FieldProblem, type OrderInfo } from '@shared/domain/orders/info';

/**
 * The order form's state, split into steps for a small screen, and the request it becomes. The
 * rules are the platform's own (`checkOrderInfo`); here they are only mapped onto the form's
 * fields and steps. A draft is kept per creator in the tab's session storage, so a top-up in the
 * wallet and back finds the form as it was, with the same idempotency key (no second order).
 */
export type ForWhom = (typeof FOR_WHOM_OPTIONS)[number];
export type Occasion = (typeof OCCASION_OPTIONS)[number];

export const OrderFormState = z.object({
  forWhom: z.enum(FOR_WHOM_OPTIONS),
  name: z.string().max(INFO_LIMITS.name * 4),
  address: z.string().max(INFO_LIMITS.address * 4),
  occasion: z.enum(OCCASION_OPTIONS),
  occasionOther: z.string().max(INFO_LIMITS.occasion * 4),
  instructions: z.string().max(INFO_LIMITS.instructions * 4),
});
export type OrderFormState = z.output<typeof OrderFormState>;

export const emptyForm = (): OrderFormState => ({ forWhom: 'Friend', name: '', address: '', occasion: 'Birthday', occasionOther: '', instructions: '' });

export type FormField = keyof OrderFormState;
export const FORM_STEPS = ['recipient', 'occasion', 'instructions'] as const;
export type FormStep = (typeof FORM_STEPS)[number];
const STEP_FIELDS: Readonly<Record<FormStep, readonly FormField[]>> = {
  recipient: ['forWhom', 'name', 'address'],
  occasion: ['occasion', 'occasionOther'],
  instructions: ['instructions'],
};

/** What the form asks for, as the platform's order info (`Other` occasion: the text typed). */
export function formToInput(form: OrderFormState): Record<string, string> {
  return {
    forWhom: form.forWhom,
    name: form.name,
    address: form.address,
    occasion: form.occasion === 'Other' ? form.occasionOther : form.occasion,
    instructions: form.instructions,
  };
}

export type ProblemKind = { readonly kind: 'required' } | { readonly kind: 'tooLong'; readonly max: number } | { readonly kind: 'nameNeeded' } | { readonly kind: 'other'; readonly reason: string };
export type FormProblems = Partial<Record<FormField, ProblemKind>>;

function kindOf(problem: FieldProblem): ProblemKind {
  if (problem.reason === 'Fill this in') return { kind: 'required' };
  const long = /^At most (\d+) characters$/.exec(problem.reason);
  if (long) return { kind: 'tooLong', max: Number(long[1]) };
  if (problem.field === 'name') return { kind: 'nameNeeded' };
  return { kind: 'other', reason: problem.reason };
}

const fieldOf = (form: OrderFormState, field: string): FormField => (field === 'occasion' && form.occasion === 'Other' ? 'occasionOther' : (field as FormField));

/** Checks the whole form: the order info to send, or each field's problem. */
export function checkForm(form: OrderFormState): { readonly ok: true; readonly info: OrderInfo } | { readonly ok: false; readonly problems: FormProblems } {
  const checked = checkOrderInfo(formToInput(form));
  if (checked.ok) return { ok: true, info: checked.value };
  const problems: FormProblems = {};
  for (const problem of checked.problems) problems[fieldOf(form, problem.field)] ??= kindOf(problem);
  return { ok: false, problems };
}

/** The problems of one step's fields only (Next moves on when there are none). */
export function stepProblems(form: OrderFormState, step: FormStep): FormProblems {
  const checked = checkForm(form);
  if (checked.ok) return {};
  const mine: FormProblems = {};
  for (const field of STEP_FIELDS[step]) if (checked.problems[field]) mine[field] = checked.problems[field];
  return mine;
}

/** The first step with a problem (the wide form jumps there), or null. */
export function firstStepWithProblem(problems: FormProblems): FormStep | null {
  return FORM_STEPS.find((step) => STEP_FIELDS[step].some((field) => problems[field])) ?? null;
}

const Draft = z.object({ form: OrderFormState, step: z.enum(FORM_STEPS), key: z.string().min(8).max(120) });
export type OrderDraft = z.output<typeof Draft>;

const draftKey = (handle: string): string => `anchor-viewer.order-draft.${handle}`;

export const newDraft = (): OrderDraft => ({ form: emptyForm(), step: 'recipient', key: `web-order-${crypto.randomUUID()}` });

/** The kept draft for this creator, or null (none, unreadable, or storage refused). */
export function loadDraft(storage: Pick<Storage, 'getItem'>, handle: string): OrderDraft | null {
  try {
    const text = storage.getItem(draftKey(handle));
    if (!text) return null;
    const parsed = Draft.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Pick<Storage, 'setItem'>, handle: string, draft: OrderDraft): void {
  try {
    storage.setItem(draftKey(handle), JSON.stringify(draft));
  } catch {
    // Storage refused: the form still works on this page.
  }
}

export function dropDraft(storage: Pick<Storage, 'removeItem'>, handle: string): void {
  try {
    storage.removeItem(draftKey(handle));
  } catch {
    // Nothing kept.
  }
}
