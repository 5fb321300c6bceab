import { BreakdownTable, STAGE_BREAKDOWN, type StageBreakdown } from '../components/breakdown';
import { Empty } from '../components/common';
import { date, number, t, tEnum } from '../i18n/i18n';
import { useQuery } from '../lib/use-query';

/** The programme the bodies' own views read (the brief's only one). */
const PROGRAMME = 'ADDR-I';

interface Registration {
  programme: string;
  eligibleCandidates: number | null;
  registered: number;
  byMovement: StageBreakdown;
  byRegion: StageBreakdown;
  acts: Array<{ type: string; tranche: string | null; effectiveDate: string; summary: string; sourceRef: string | null }>;
}
interface Camp {
  camp: string;
  establishedOn: string;
  sourceRef: string | null;
  patrolDays: number;
  patrols: number | null;
  firstPatrolOn: string | null;
  lastPatrolOn: string | null;
}

/** Each body with a view of its own (libs/bodies/<body>/src/view/): the fields it reads, and how the page shows them. */
const VIEWS = {
  CNDDR: `registration(programme: "${PROGRAMME}") { programme eligibleCandidates registered byMovement { ${STAGE_BREAKDOWN} } byRegion { ${STAGE_BREAKDOWN} }
    acts { type tranche effectiveDate summary sourceRef } }`,
  INTEGRATION_COMMISSION: `integrationByRank(programme: "${PROGRAMME}") { ${STAGE_BREAKDOWN} }`,
  MOC: 'camps { camp establishedOn sourceRef patrolDays patrols firstPatrolOn lastPatrolOn }',
};

function RegistrationView({ registration }: { registration: Registration }) {
  return (
    <>
      <dl class="figures">
        <dt>{t('view.eligible')}</dt>
        <dd>{number(registration.eligibleCandidates)}</dd>
        <dt>{t('measure.registered')}</dt>
        <dd>{number(registration.registered)}</dd>
      </dl>
      <BreakdownTable caption={t('view.byMovement', { code: registration.programme })} by="MOVEMENT" stages={[registration.byMovement]} />
      <BreakdownTable caption={t('view.byRegion', { code: registration.programme })} by="REGION" stages={[registration.byRegion]} />
      <Empty when={registration.acts.length === 0}>
        <ul>
          {registration.acts.map((act) => (
            <li key={`${act.type}-${act.tranche ?? ''}-${act.effectiveDate}`}>
              {date(act.effectiveDate)} · {act.summary}
              {act.sourceRef ? ` · ${t('source.ref', { ref: act.sourceRef })}` : ''}
            </li>
          ))}
        </ul>
      </Empty>
    </>
  );
}

function CampsView({ camps }: { camps: Camp[] }) {
  return (
    <Empty when={camps.length === 0}>
      <table>
        <caption>{t('view.camps')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('view.camp')}</th>
            <th scope="col">{t('view.establishedOn')}</th>
            <th scope="col">{t('view.patrolDays')}</th>
            <th scope="col">{t('view.patrols')}</th>
            <th scope="col">{t('view.patrolPeriod')}</th>
          </tr>
        </thead>
        <tbody>
          {camps.map((camp) => (
            <tr key={camp.camp}>
              <th scope="row">{tEnum('camp', camp.camp)}</th>
              <td>{date(camp.establishedOn)}</td>
              <td>{number(camp.patrolDays)}</td>
              <td>{number(camp.patrols)}</td>
              <td>{camp.firstPatrolOn ? t('view.fromTo', { from: date(camp.firstPatrolOn), to: date(camp.lastPatrolOn) }) : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Empty>
  );
}

interface ViewAnswer {
  body: { registration?: Registration | null; integrationByRank?: StageBreakdown | null; camps?: Camp[] | null };
}

function OwnView({ body, fields, asOf }: { body: keyof typeof VIEWS; fields: string; asOf: string | null }) {
  const state = useQuery<ViewAnswer>(`query View($body: Body!, $asOf: Date) { body(code: $body, asOf: $asOf) { ${fields} } }`, { body, asOf });
  const view = state.answer?.data?.body;
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title">{t(`view.${body}`)}</h2>
      {!view ? <p role="status">{t(state.unreachable ? 'state.unreachable' : 'state.loading')}</p> : null}
      {view?.registration ? <RegistrationView registration={view.registration} /> : null}
      {view?.integrationByRank ? <BreakdownTable caption={t('view.byRank', { code: PROGRAMME })} by="RANK" stages={[view.integrationByRank]} /> : null}
      {view?.camps ? <CampsView camps={view.camps} /> : null}
    </section>
  );
}

/** What the body itself keeps, as of the page's date: the CNDDR's registration, the Integration Commission's integrated by rank, the MOC's camps and joint patrols. */
export function BodyView({ body, asOf }: { body: string; asOf: string | null }) {
  return body in VIEWS ? <OwnView body={body as keyof typeof VIEWS} fields={VIEWS[body as keyof typeof VIEWS]} asOf={asOf} /> : null;
}
