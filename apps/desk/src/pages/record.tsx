import { useState } from 'preact/hooks';
import { Refusals } from '../components/common';
import { t, tEnum, type MessageKey } from '../i18n/i18n';
import type { ApiError } from '../lib/api';
import { newCommandId, pending, send } from '../lib/outbox';
import type { Route } from '../lib/route';
import { useSignal } from '../lib/signal';
import { ACTS, inputOf, problemsOf, type ActForm } from './acts';
import type { DeskPage } from './page';

type Said = { kind: 'recorded'; replayed: boolean } | { kind: 'kept' } | { kind: 'refused'; errors: ApiError[] } | null;

function ActFormView({ form }: { form: ActForm }) {
  const [values, setValues] = useState<Record<string, string>>({});
  // The command id is given when the form is first filled and kept until the act is recorded, so every send of it,
  // retries included, is the same act for the server.
  const [commandId, setCommandId] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, MessageKey>>({});
  const [said, setSaid] = useState<Said>(null);
  const id = (field: string) => `${form.mutation}-${field}`;
  const onInput = (name: string, value: string) => {
    setValues({ ...values, [name]: value });
    if (!commandId) setCommandId(newCommandId());
  };
  async function onSubmit(event: Event) {
    event.preventDefault();
    const found = problemsOf(form, values);
    setProblems(found);
    const firstWrong = Object.keys(found)[0];
    if (firstWrong) {
      document.getElementById(id(firstWrong))?.focus();
      return;
    }
    const command = commandId ?? newCommandId();
    setCommandId(command);
    const outcome = await send(form.mutation, command, inputOf(form, values));
    if (outcome.kind === 'recorded') {
      setSaid({ kind: 'recorded', replayed: outcome.replayed });
      setValues({});
      setCommandId(null);
    } else setSaid(outcome);
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-labelledby={`${form.mutation}-title`} noValidate>
      <h2 id={`${form.mutation}-title`}>{t(form.title)}</h2>
      {form.fields.map((field) => (
        <div class="field" key={field.name}>
          <label for={id(field.name)}>
            {tEnum('field', field.name)}
            {field.required ? ` (${t('form.requiredMark')})` : ''}
          </label>
          {field.kind === 'choice' && field.choices ? (
            <select
              id={id(field.name)}
              name={field.name}
              value={values[field.name] ?? ''}
              onChange={(event) => onInput(field.name, (event.target as HTMLSelectElement).value)}
            >
              <option value="">{t('form.choose')}</option>
              {field.choices.values.map((value) => (
                <option key={value} value={value}>
                  {tEnum(field.choices?.prefix ?? '', value)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id(field.name)}
              name={field.name}
              type={field.kind === 'date' ? 'date' : field.kind === 'count' ? 'number' : 'text'}
              min={field.kind === 'count' ? 0 : undefined}
              value={values[field.name] ?? ''}
              aria-invalid={problems[field.name] ? 'true' : undefined}
              aria-describedby={problems[field.name] ? `${id(field.name)}-problem` : undefined}
              onInput={(event) => onInput(field.name, (event.target as HTMLInputElement).value)}
            />
          )}
          {problems[field.name] ? (
            <span id={`${id(field.name)}-problem`} class="problem">
              {t(problems[field.name])}
            </span>
          ) : null}
        </div>
      ))}
      <button type="submit">{t('form.send')}</button>
      <div role="status" aria-live="polite">
        {said?.kind === 'recorded' ? <p class="recorded">{t(said.replayed ? 'form.replayed' : 'form.recorded')}</p> : null}
        {said?.kind === 'kept' ? <p class="kept">{t('form.kept')}</p> : null}
      </div>
      {said?.kind === 'refused' ? <Refusals errors={said.errors} /> : null}
    </form>
  );
}

function Record({ route }: { route: Route }) {
  const waiting = useSignal(pending);
  const chosen = ACTS.find((form) => form.mutation === route.argument) ?? ACTS[0];
  return (
    <>
      <h1 tabIndex={-1}>{t('page.record')}</h1>
      <p role="status" class="outbox">
        {waiting.length > 0 ? t('outbox.waiting', { count: waiting.length }) : t('outbox.empty')}
      </p>
      <nav aria-label={t('record.acts')}>
        <ul class="tabs">
          {ACTS.map((form) => (
            <li key={form.mutation}>
              <a href={`#/record/${form.mutation}`} aria-current={form === chosen ? 'page' : undefined}>
                {t(form.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ActFormView key={chosen.mutation} form={chosen} />
    </>
  );
}

export const recordPage: DeskPage = { id: 'record', title: 'page.record', roles: ['SECRETARIAT'], listed: true, render: (route) => <Record route={route} /> };
