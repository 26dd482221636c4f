import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FOR_WHOM_OPTIONS, INFO_LIMITS, OCCASION_OPTIONS, charCount } from '@shared/domain/orders/info';
import { Link } from '../../app/Link';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { useSession } from '../../client/session-store';
import { ErrorNote } from '../ErrorNote';
import {
  FORM_STEPS,
  checkForm,
  firstStepWithProblem,
  loadDraft,
  newDraft,
  saveDraft,
  stepProblems,
  type FormField,
  type FormProblems,
  type FormStep,
  type OrderDraft,
  type OrderFormState,
  type ProblemKind,
} from './order-form';
import { notOrderable } from './order-view';
import { useCreatorPage } from './use-creator-page';
import { useSmallScreen } from './use-media';
import './orders.css';

/**
 * The order form: for whom, how to address them, the occasion and instructions. On a small screen
 * one step at a time with Next/Back; the draft is kept for this tab (payment and top-up come back to
 * it). A service switched off while the form is open makes it read-only at once, with the reason.
 */
export function OrderFormPage({ handle }: Readonly<{ handle: string }>) {
  const { t } = useTranslation();
  const session = useSession();
  const small = useSmallScreen();
  const { page, error, retry } = useCreatorPage(handle);
  const [draft, setDraft] = useState<OrderDraft>(() => loadDraft(sessionStorage, handle) ?? newDraft());
  const [problems, setProblems] = useState<FormProblems>({});
  useEffect(() => saveDraft(sessionStorage, handle, draft), [handle, draft]);

  if (error && !page)
    return (
      <main className="page">
        <ErrorNote error={error} onRetry={retry} />
      </main>
    );
  if (!page)
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  const refusal = notOrderable(page, session.status === 'signed-in' ? session.user.handle : null);
  const form = draft.form;
  const set = <K extends FormField>(field: K, value: OrderFormState[K]): void => {
    setDraft((d) => ({ ...d, form: { ...d.form, [field]: value } }));
    setProblems((p) => ({ ...p, [field]: undefined }));
  };
  const stepIndex = FORM_STEPS.indexOf(draft.step);
  const go = (step: FormStep): void => setDraft((d) => ({ ...d, step }));
  const next = (): void => {
    const mine = stepProblems(form, draft.step);
    setProblems(mine);
    if (Object.keys(mine).length === 0) go(FORM_STEPS[stepIndex + 1]!);
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (small && stepIndex < FORM_STEPS.length - 1) return next();
    const checked = checkForm(form);
    if (!checked.ok) {
      setProblems(checked.problems);
      const step = firstStepWithProblem(checked.problems);
      if (step) go(step);
      return;
    }
    navigate(paths.orderPay(handle));
  };
  const shown = (step: FormStep): boolean => !small || step === draft.step;
  const readOnly = refusal !== null && refusal !== 'signed_out';
  return (
    <main className="page order-form-page">
      <Link to={paths.customIntro(handle)} className="back-link">
        ← {page.creator.displayName}
      </Link>
      <h1 className="page-title">{t('orders.formTitle', { name: page.creator.displayName })}</h1>
      {small ? (
        <p className="muted step-count">
          {t('orders.stepOf', { step: stepIndex + 1, count: FORM_STEPS.length })} · {t(`orders.steps.${draft.step}`)}
        </p>
      ) : null}
      {readOnly ? (
        <p className="error-note" role="alert">
          {t('orders.readOnly', { reason: t(`orders.reasons.${refusal}`) })}
        </p>
      ) : null}
      <form className="order-form card" onSubmit={submit} noValidate>
        <fieldset disabled={readOnly}>
          {shown('recipient') ? (
            <div className="form-step">
              <Choice legend={t('orders.forWhom')} name="forWhom" options={FOR_WHOM_OPTIONS} value={form.forWhom} label={(o) => t(`orders.forWhomOptions.${o}`)} onChange={(v) => set('forWhom', v)} />
              <TextField field="name" label={t('orders.name')} hint={t('orders.nameHint')} value={form.name} max={INFO_LIMITS.name} problem={problems.name} onChange={(v) => set('name', v)} />
              <TextField
                field="address"
                label={t('orders.address')}
                hint={t('orders.addressHint')}
                value={form.address}
                max={INFO_LIMITS.address}
                problem={problems.address}
                onChange={(v) => set('address', v)}
              />
            </div>
          ) : null}
          {shown('occasion') ? (
            <div className="form-step">
              <Choice
                legend={t('orders.occasion')}
                name="occasion"
                options={OCCASION_OPTIONS}
                value={form.occasion}
                label={(o) => t(`orders.occasionOptions.${o}`)}
                onChange={(v) => set('occasion', v)}
              />
              {form.occasion === 'Other' ? (
                <TextField
                  field="occasionOther"
                  label={t('orders.occasionOther')}
                  value={form.occasionOther}
                  max={INFO_LIMITS.occasion}
                  problem={problems.occasionOther}
                  onChange={(v) => set('occasionOther', v)}
                />
              ) : null}
            </div>
          ) : null}
          {shown('instructions') ? (
            <div className="form-step">
              <TextField
                field="instructions"
                label={t('orders.instructions')}
                hint={t('orders.instructionsCount', { count: charCount(form.instructions), max: INFO_LIMITS.instructions })}
                value={form.instructions}
                max={INFO_LIMITS.instructions}
                problem={problems.instructions}
                onChange={(v) => set('instructions', v)}
                multiline
              />
            </div>
          ) : null}
          <div className="form-actions">
            {small && stepIndex > 0 ? (
              <button type="button" onClick={() => go(FORM_STEPS[stepIndex - 1]!)}>
                {t('orders.back')}
              </button>
            ) : null}
            <button type="submit" className="primary">
              {small && stepIndex < FORM_STEPS.length - 1 ? t('orders.next') : t('orders.toPay')}
            </button>
          </div>
        </fieldset>
      </form>
    </main>
  );
}

function Choice<O extends string>({
  legend,
  name,
  options,
  value,
  label,
  onChange,
}: Readonly<{ legend: string; name: string; options: readonly O[]; value: O; label: (option: O) => string; onChange: (value: O) => void }>) {
  return (
    <fieldset className="choices">
      <legend className="field-label">{legend}</legend>
      {options.map((option) => (
        <label key={option} className={`choice${option === value ? ' chosen' : ''}`}>
          <input type="radio" name={name} value={option} checked={option === value} onChange={() => onChange(option)} />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}

function TextField({
  field,
  label,
  hint,
  value,
  max,
  problem,
  onChange,
  multiline = false,
}: Readonly<{ field: FormField; label: string; hint?: string; value: string; max: number; problem: ProblemKind | undefined; onChange: (value: string) => void; multiline?: boolean }>) {
  const { t } = useTranslation();
  const errorId = `${field}-error`;
  const hintId = `${field}-hint`;
  const described = [hint ? hintId : null, problem ? errorId : null].filter(Boolean).join(' ');
  const common = {
    id: `order-${field}`,
    name: field,
    value,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': described || undefined,
    // A little room over the limit so the field-level message, not the browser, says it is too long.
    maxLength: max * 2 + 10,
  } as const;
  return (
    <div className="field">
      <label className="field-label" htmlFor={common.id}>
        {label}
      </label>
      {multiline ? <textarea rows={5} {...common} onChange={(e) => onChange(e.target.value)} /> : <input {...common} onChange={(e) => onChange(e.target.value)} />}
      {hint ? (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {problem ? (
        <span className="field-error" id={errorId} role="alert">
          {problemText(t, problem)}
        </span>
      ) : null}
    </div>
  );
}

function problemText(t: ReturnType<typeof useTranslation>['t'], problem: ProblemKind): string {
  switch (problem.kind) {
    case 'required':
      return t('orders.problems.required');
    case 'tooLong':
      return t('orders.problems.tooLong', { max: problem.max });
    case 'nameNeeded':
      return t('orders.problems.nameNeeded');
    case 'other':
      return t('orders.problems.other', { reason: problem.reason });
    default: {
      const never: never = problem;
      return never;
    }
  }
}
