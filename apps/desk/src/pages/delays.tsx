import { BarChart } from '../components/bar-chart';
import { Answered } from '../components/common';
import { DownloadCsv } from '../components/download';
import { PeriodForm, periodOf } from '../components/period';
import { t, tEnum } from '../i18n/i18n';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface Delay {
  longestDays: number | null;
  medianDays: number | null;
  oldestDays: number | null;
}
interface DelaysAnswer {
  delays: { byBody: { edges: Array<{ node: Delay & { body: string } }> }; handOffs: { edges: Array<{ node: Delay & { from: string; to: string } }> } };
}

const DELAYS = `query Delays($from: Date!, $to: Date!) {
  delays(from: $from, to: $to) {
    byBody(first: 20) { edges { node { body longestDays medianDays oldestDays } } }
    handOffs(first: 20) { edges { node { from to longestDays medianDays oldestDays } } }
  }
}`;

/** The slowest wait of a row, decided or still open (the API orders rows by it). */
const slowest = (delay: Delay): number | null =>
  delay.longestDays === null && delay.oldestDays === null ? null : Math.max(delay.longestDays ?? 0, delay.oldestDays ?? 0);

function Delays({ route }: { route: Route }) {
  const { from, to } = periodOf(route, '2015-01-01');
  const state = useQuery<DelaysAnswer>(DELAYS, { from, to });
  const columns: [string, string] = [t('delays.longest'), t('delays.median')];
  return (
    <>
      <h1 tabIndex={-1}>{t('page.delays')}</h1>
      <PeriodForm route={route} from={from} to={to} />
      <Answered state={state} asOf={to}>
        {({ delays }) => (
          <>
            <h2>{t('delays.byBody')}</h2>
            <DownloadCsv list="delays-by-body" what={t('delays.byBody')} params={{ from, to }} />
            <BarChart
              title={t('delays.byBody')}
              unit={t('delays.days')}
              columns={columns}
              bars={delays.byBody.edges.map(({ node }) => ({ label: tEnum('body', node.body), value: slowest(node), mark: node.medianDays }))}
            />
            <h2>{t('delays.handOffs')}</h2>
            <DownloadCsv list="delays-hand-offs" what={t('delays.handOffs')} params={{ from, to }} />
            <BarChart
              title={t('delays.handOffs')}
              unit={t('delays.days')}
              columns={columns}
              bars={delays.handOffs.edges.map(({ node }) => ({
                label: t('delays.handOff', { from: tEnum('body', node.from), to: tEnum('body', node.to) }),
                value: slowest(node),
                mark: node.medianDays,
              }))}
            />
          </>
        )}
      </Answered>
    </>
  );
}

export const delaysPage: DeskPage = { id: 'delays', title: 'page.delays', listed: true, render: (route) => <Delays route={route} /> };
