import type { ComponentChildren } from 'preact';
import type { ApiError } from '../lib/api';
import { explain, explainProblem } from '../lib/refusals';
import type { QueryState } from '../lib/use-query';
import { date, t, tEnum } from '../i18n/i18n';
import { today } from '../i18n/format';

export interface SourceFields {
  ref: string | null;
  note: string | null;
  datePrecision: string;
  assumption: boolean;
}
/** The GraphQL selection for a Source, as `<Source>` shows it. */
export const SOURCE = 'source { ref note datePrecision assumption }';

/** Where a fact comes from and how certain it is. */
export function Source({ source }: { source: SourceFields | null | undefined }) {
  if (!source) return null;
  return (
    <span class="source">
      {source.ref ? t('source.ref', { ref: source.ref }) : t('source.none')}
      {source.datePrecision !== 'DAY' ? ` · ${tEnum('precision', source.datePrecision)}` : ''}
      {source.assumption ? ` · ${t('source.assumption')}` : ''}
      {source.note ? ` · ${source.note}` : ''}
    </span>
  );
}

/** Under every figure: the read model's position the answer was read at, and the date it answers for. */
export function AnsweredAt({ position, asOf }: { position: string | null; asOf: string | null }) {
  return <p class="answered-at">{t('answer.at', { position: position ?? '-', date: date(asOf ?? today()) })}</p>;
}

export function Refusals({ errors }: { errors: ApiError[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" class="refusal">
      {errors.map((error) => (
        <p key={error.message}>
          <strong>{tEnum('error', error.code)}</strong>
          {error.problems.length > 0 ? (
            <ul>
              {error.problems.map((problem) => (
                <li key={problem}>{explainProblem(problem)}</li>
              ))}
            </ul>
          ) : (
            ` ${explain(error.message)}`
          )}
        </p>
      ))}
    </div>
  );
}

/** A page's answer: loading, unreachable, refused, or its content with where and when it was read. */
export function Answered<T>({ state, asOf, children }: { state: QueryState<T>; asOf: string | null; children: (data: T) => ComponentChildren }) {
  if (state.unreachable && !state.answer) return <p role="status">{t('state.unreachable')}</p>;
  if (!state.answer) return <p role="status">{t('state.loading')}</p>;
  return (
    <>
      {state.unreachable ? <p role="status">{t('state.unreachable')}</p> : null}
      <Refusals errors={state.answer.errors} />
      {state.answer.data ? children(state.answer.data) : null}
      <AnsweredAt position={state.answer.position} asOf={asOf} />
    </>
  );
}

export function Empty({ when, children }: { when: boolean; children: ComponentChildren }) {
  return when ? <p class="empty">{t('list.empty')}</p> : <>{children}</>;
}
