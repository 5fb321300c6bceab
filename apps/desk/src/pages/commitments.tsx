import { Answered, Empty, SOURCE, Source, type SourceFields } from '../components/common';
import { DownloadCsv } from '../components/download';
import { date, dueOn, onDate, t, tEnum } from '../i18n/i18n';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface CommitmentsAnswer {
  commitments: {
    totalCount: number;
    edges: Array<{ node: { id: string; body: string; description: string; dueDate: string; status: string; lastNote: string | null; source: SourceFields } }>;
  };
  conditions: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        title: string;
        body: string;
        met: boolean;
        blockedBy: string[];
        setOn: string;
        dueDate: string | null;
        overdue: boolean;
        source: SourceFields;
      };
    }>;
  };
}

const COMMITMENTS = `query Commitments($asOf: Date) {
  commitments: commitmentsPage(asOf: $asOf, first: 100) { totalCount edges { node { id body description dueDate status lastNote ${SOURCE} } } }
  conditions: conditionsPage(asOf: $asOf, first: 100) { totalCount edges { node { id title body met blockedBy setOn dueDate overdue ${SOURCE} } } }
}`;

function Commitments({ route }: { route: Route }) {
  const state = useQuery<CommitmentsAnswer>(COMMITMENTS, { asOf: route.asOf });
  return (
    <>
      <h1 tabIndex={-1}>{t('page.commitments')}</h1>
      <Answered state={state} asOf={route.asOf}>
        {({ commitments, conditions }) => (
          <>
            <h2>{t('commitments.title', { count: commitments.totalCount })}</h2>
            <DownloadCsv list="commitments" what={t('commitments.title', { count: commitments.totalCount })} params={{ asOf: route.asOf }} />
            <Empty when={commitments.edges.length === 0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('commitments.body')}</th>
                    <th scope="col">{t('commitments.description')}</th>
                    <th scope="col">{t('commitments.due')}</th>
                    <th scope="col">{t('commitments.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {commitments.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{tEnum('body', node.body)}</td>
                      <td>
                        {node.description}
                        {node.lastNote ? <div class="meta">{node.lastNote}</div> : null}
                        <Source source={node.source} />
                      </td>
                      <td>{date(node.dueDate)}</td>
                      <td class={`status-${node.status.toLowerCase()}`}>{tEnum('commitment', node.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Empty>
            <h2>{t('conditions.title', { count: conditions.totalCount })}</h2>
            <DownloadCsv list="conditions" what={t('conditions.title', { count: conditions.totalCount })} params={{ asOf: route.asOf }} />
            <Empty when={conditions.edges.length === 0}>
              <ul>
                {conditions.edges.map(({ node }) => (
                  <li key={node.id}>
                    <strong>{node.title}</strong> · {tEnum('body', node.body)} · {node.met ? t('conditions.met') : t('conditions.unmet')}
                    {node.dueDate ? <span class="meta"> · {dueOn(node.dueDate, node.overdue)}</span> : null}
                    {node.blockedBy.length > 0 ? <div class="meta">{node.blockedBy.join(' · ')}</div> : null}
                    <div>
                      {t('conditions.setOn', { on: onDate(node.setOn, node.source.datePrecision) })} · <Source source={node.source} />
                    </div>
                  </li>
                ))}
              </ul>
            </Empty>
          </>
        )}
      </Answered>
    </>
  );
}

export const commitmentsPage: DeskPage = { id: 'commitments', title: 'page.commitments', listed: true, render: (route) => <Commitments route={route} /> };
