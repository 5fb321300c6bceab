import { Answered, Empty, SOURCE, Source, type SourceFields } from '../components/common';
import { date, dueOn, number, onDate, t, tEnum } from '../i18n/i18n';
import { formatInstant } from '../i18n/format';
import { language } from '../i18n/i18n';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface Step {
  body: string;
  action: string;
  status: string;
  effectiveDate: string | null;
  meeting: string | null;
  source: SourceFields | null;
  handedOverBy: string | null;
  daysWaited: number | null;
  dueDate: string | null;
  overdue: boolean;
}
interface InstrumentAnswer {
  instrument: {
    id: string;
    title: string;
    kind: string;
    status: string;
    leadBody: string;
    proposedOn: string;
    source: SourceFields;
    pathway: Step[];
    milestones: Array<{ milestone: string; effectiveDate: string; count: number | null; place: string | null; source: SourceFields }>;
    history: Array<{
      revision: number;
      type: string;
      effectiveDate: string | null;
      recordedAt: string;
      actor: string;
      corrects: number | null;
      correctedBy: number[];
    }>;
  } | null;
}

const INSTRUMENT = `query Instrument($id: ID!, $asOf: Date) {
  instrument(id: $id, asOf: $asOf) {
    id title kind status leadBody proposedOn ${SOURCE}
    pathway { body action status effectiveDate meeting handedOverBy daysWaited dueDate overdue ${SOURCE} }
    milestones(first: 50) { milestone effectiveDate count place ${SOURCE} }
    history(first: 100) { revision type effectiveDate recordedAt actor corrects correctedBy }
  }
}`;

function Instrument({ route }: { route: Route }) {
  const state = useQuery<InstrumentAnswer>(INSTRUMENT, { id: route.argument, asOf: route.asOf });
  return (
    <Answered state={state} asOf={route.asOf}>
      {({ instrument }) => {
        if (!instrument) return <h1 tabIndex={-1}>{t('instrument.missing', { id: route.argument })}</h1>;
        return (
          <>
            <h1 tabIndex={-1}>{instrument.title}</h1>
            <p>
              {tEnum('status', instrument.status)} · {t('instrument.lead', { body: tEnum('body', instrument.leadBody) })} ·{' '}
              {t('instrument.proposed', { on: onDate(instrument.proposedOn, instrument.source.datePrecision) })} · <Source source={instrument.source} />
            </p>
            <h2>{t('instrument.pathway')}</h2>
            <ol class="pathway">
              {instrument.pathway.map((step) => (
                <li key={`${step.body}-${step.action}`} class={`step step-${step.status.toLowerCase()}`}>
                  <strong>
                    {tEnum('body', step.body)} · {tEnum('action', step.action)}
                  </strong>
                  <span>{tEnum('status', step.status)}</span>
                  <span>
                    {step.effectiveDate ? date(step.effectiveDate, step.source?.datePrecision) : ''}
                    {step.meeting ? ` · ${step.meeting}` : ''}
                  </span>
                  {step.daysWaited !== null ? (
                    <span class="meta">
                      {t('instrument.waited', { days: step.daysWaited })}
                      {step.handedOverBy ? ` · ${t('instrument.handedOverBy', { body: tEnum('body', step.handedOverBy) })}` : ''}
                    </span>
                  ) : null}
                  {step.dueDate ? <span class="meta">{dueOn(step.dueDate, step.overdue)}</span> : null}
                  <Source source={step.source} />
                </li>
              ))}
            </ol>
            <h2>{t('instrument.milestones')}</h2>
            <Empty when={instrument.milestones.length === 0}>
              <ul>
                {instrument.milestones.map((milestone) => (
                  <li key={`${milestone.milestone}-${milestone.effectiveDate}`}>
                    {date(milestone.effectiveDate, milestone.source.datePrecision)} · {milestone.milestone}
                    {milestone.count !== null ? ` · ${number(milestone.count)}` : ''}
                    {milestone.place ? ` · ${milestone.place}` : ''} · <Source source={milestone.source} />
                  </li>
                ))}
              </ul>
            </Empty>
            <h2>{t('instrument.history')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('history.revision')}</th>
                  <th scope="col">{t('history.act')}</th>
                  <th scope="col">{t('history.effective')}</th>
                  <th scope="col">{t('history.recorded')}</th>
                  <th scope="col">{t('history.actor')}</th>
                </tr>
              </thead>
              <tbody>
                {instrument.history.map((event) => (
                  <tr key={event.revision}>
                    <td>{event.revision}</td>
                    <td>
                      {tEnum('event', event.type)}
                      {event.corrects !== null ? ` · ${t('history.corrects', { revision: event.corrects })}` : ''}
                      {event.correctedBy.length > 0 ? ` · ${t('history.correctedBy', { revisions: event.correctedBy.join(', ') })}` : ''}
                    </td>
                    <td>{date(event.effectiveDate)}</td>
                    <td>{formatInstant(language.get(), event.recordedAt)}</td>
                    <td>{event.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        );
      }}
    </Answered>
  );
}

export const instrumentPage: DeskPage = { id: 'instrument', title: 'page.instrument', listed: false, render: (route) => <Instrument route={route} /> };
