import { useEffect, useState } from 'preact/hooks';
import { AnsweredAt, Empty, Refusals } from '../components/common';
import { DownloadCsv } from '../components/download';
import { date, dueOn, t, tEnum } from '../i18n/i18n';
import { daysBetween, today } from '../i18n/format';
import { followEvents } from '../lib/api';
import { href, type Route } from '../lib/route';
import type { Session } from '../lib/session';
import { useQuery } from '../lib/use-query';
import { BODIES } from './bodies';
import { BodyView } from './body-views';
import type { DeskPage } from './page';

interface Waiting {
  id: string;
  title: string;
  awaiting: { body: string; action: string; awaitedSince: string | null; daysWaited: number | null; dueDate: string | null; overdue: boolean } | null;
}
interface Connection<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
}
interface MyBodyAnswer {
  body: {
    awaiting: Connection<Waiting>;
    waitingOnOthers: Connection<Waiting>;
    decidedRecently: Array<{ instrumentId: string; action: string; outcome: string; effectiveDate: string; meeting: string | null }>;
  };
  overdue: Connection<{ id: string; description: string; dueDate: string }>;
  unmet: Connection<{ id: string; title: string; setOn: string; blockedBy: string[] }>;
}

type Params = Record<string, string | null>;

const MY_BODY = `query MyBody($body: Body!, $asOf: Date) {
  body(code: $body, asOf: $asOf) {
    awaiting(first: 20) { totalCount edges { node { ...Waiting } } }
    waitingOnOthers(first: 20) { totalCount edges { node { ...Waiting } } }
    decidedRecently(last: 10) { instrumentId action outcome effectiveDate meeting }
  }
  overdue: commitmentsPage(body: $body, status: OVERDUE, asOf: $asOf, first: 20) { totalCount edges { node { id description dueDate } } }
  unmet: conditionsPage(body: $body, met: false, asOf: $asOf, first: 20) { totalCount edges { node { id title setOn blockedBy } } }
}
fragment Waiting on Instrument { id title awaiting { body action awaitedSince daysWaited dueDate overdue } }`;

function Queue({ label, connection, own, params }: { label: string; connection: Connection<Waiting>; own: boolean; params: Params }) {
  const title = t(own ? 'body.awaiting' : 'body.waitingOnOthers', { count: connection.totalCount });
  return (
    <section aria-labelledby={`${label}-title`}>
      <h2 id={`${label}-title`}>{title}</h2>
      <DownloadCsv list={own ? 'awaiting' : 'waiting-on-others'} what={title} params={params} />
      <Empty when={connection.edges.length === 0}>
        <ol class="queue">
          {connection.edges.map(({ node }) => (
            <li key={node.id}>
              <a href={href('instrument', node.id)}>{node.title}</a>
              {node.awaiting ? (
                <span class="meta">
                  {tEnum('body', node.awaiting.body)} · {tEnum('action', node.awaiting.action)}
                  {node.awaiting.awaitedSince
                    ? ` · ${t('body.waitingSince', { date: date(node.awaiting.awaitedSince), days: node.awaiting.daysWaited ?? 0 })}`
                    : ''}
                  {node.awaiting.dueDate ? ` · ${dueOn(node.awaiting.dueDate, node.awaiting.overdue)}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </Empty>
    </section>
  );
}

function MyBody({ route, session }: { route: Route; session: Session }) {
  const body = route.argument || session.body;
  const { answer, unreachable, reload } = useQuery<MyBodyAnswer>(MY_BODY, { body, asOf: route.asOf });
  const [live, setLive] = useState<string | null>(null);
  const position = answer?.position ?? null;
  useEffect(() => {
    if (!position) return undefined;
    // Live: every event that concerns the body after what this page shows reads the page again.
    return followEvents(body, position, (at) => {
      setLive(at);
      reload();
    });
    // Subscribed once per body and page load; later positions arrive through the subscription itself.
  }, [body, position === null]);
  const on = route.asOf ?? today();
  const params = { body, asOf: route.asOf };
  return (
    <>
      <h1 tabIndex={-1}>{t('page.body.heading', { body: tEnum('body', body) })}</h1>
      <form class="inline" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('body.choose')}{' '}
          <select value={body} onChange={(event) => (location.hash = href('body', (event.target as HTMLSelectElement).value))}>
            {BODIES.map((code) => (
              <option key={code} value={code}>
                {tEnum('body', code)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p role="status" aria-live="polite" class="live">
        {live ? t('live.updated', { position: live }) : ''}
      </p>
      {unreachable ? <p role="status">{t('state.unreachable')}</p> : null}
      {!answer ? <p role="status">{t('state.loading')}</p> : null}
      {answer ? <Refusals errors={answer.errors} /> : null}
      {answer?.data ? (
        <div class="brief">
          <Queue label="awaiting" connection={answer.data.body.awaiting} own params={params} />
          <Queue label="waiting" connection={answer.data.body.waitingOnOthers} own={false} params={params} />
          <section aria-labelledby="overdue-title">
            <h2 id="overdue-title">{t('body.overdue', { count: answer.data.overdue.totalCount })}</h2>
            <DownloadCsv list="commitments" what={t('body.overdue', { count: answer.data.overdue.totalCount })} params={{ ...params, status: 'OVERDUE' }} />
            <Empty when={answer.data.overdue.edges.length === 0}>
              <ul>
                {answer.data.overdue.edges.map(({ node }) => (
                  <li key={node.id}>
                    {node.description} <span class="meta">{t('commitment.due', { date: date(node.dueDate), days: daysBetween(node.dueDate, on) })}</span>
                  </li>
                ))}
              </ul>
            </Empty>
          </section>
          <section aria-labelledby="unmet-title">
            <h2 id="unmet-title">{t('body.unmet', { count: answer.data.unmet.totalCount })}</h2>
            <DownloadCsv list="conditions" what={t('body.unmet', { count: answer.data.unmet.totalCount })} params={{ ...params, met: 'false' }} />
            <Empty when={answer.data.unmet.edges.length === 0}>
              <ul>
                {answer.data.unmet.edges.map(({ node }) => (
                  <li key={node.id}>
                    {node.title} <span class="meta">{node.blockedBy.join(' · ')}</span>
                  </li>
                ))}
              </ul>
            </Empty>
          </section>
          <section aria-labelledby="decided-title">
            <h2 id="decided-title">{t('body.decided')}</h2>
            <Empty when={answer.data.body.decidedRecently.length === 0}>
              <ul>
                {answer.data.body.decidedRecently.map((decision) => (
                  <li key={`${decision.instrumentId}-${decision.action}-${decision.effectiveDate}`}>
                    {date(decision.effectiveDate)} · <a href={href('instrument', decision.instrumentId)}>{decision.instrumentId}</a> ·{' '}
                    {tEnum('action', decision.action)} · {tEnum('outcome', decision.outcome)}
                    {decision.meeting ? ` · ${decision.meeting}` : ''}
                  </li>
                ))}
              </ul>
            </Empty>
          </section>
          <BodyView body={body} asOf={route.asOf} />
        </div>
      ) : null}
      {answer ? <AnsweredAt position={answer.position} asOf={route.asOf} /> : null}
      <button type="button" class="no-print" onClick={() => window.print()}>
        {t('body.print')}
      </button>
    </>
  );
}

export const myBodyPage: DeskPage = { id: 'body', title: 'page.body', listed: true, render: (route, session) => <MyBody route={route} session={session} /> };
