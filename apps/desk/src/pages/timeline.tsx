import { Answered, Empty, SOURCE, Source, type SourceFields } from '../components/common';
import { DownloadCsv } from '../components/download';
import { PeriodForm, periodOf } from '../components/period';
import { date, t, tEnum } from '../i18n/i18n';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface TimelineAnswer {
  timeline: {
    hasNextPage: boolean;
    entries: Array<{
      position: string;
      effectiveDate: string | null;
      body: string | null;
      type: string;
      summary: string;
      corrects: number | null;
      correctedBy: number[];
      source: SourceFields | null;
    }>;
  };
}

const TIMELINE = `query Timeline($from: Date!, $to: Date!) {
  timeline(from: $from, to: $to, first: 200) { hasNextPage entries { position effectiveDate body type summary corrects correctedBy ${SOURCE} } }
}`;

function Timeline({ route }: { route: Route }) {
  const { from, to } = periodOf(route, '2019-01-01');
  const state = useQuery<TimelineAnswer>(TIMELINE, { from, to });
  return (
    <>
      <h1 tabIndex={-1}>{t('page.timeline')}</h1>
      <PeriodForm route={route} from={from} to={to} />
      <DownloadCsv list="timeline" what={t('page.timeline')} params={{ from, to }} />
      <Answered state={state} asOf={to}>
        {({ timeline }) => (
          <Empty when={timeline.entries.length === 0}>
            <ol class="timeline">
              {timeline.entries.map((entry) => (
                <li key={entry.position}>
                  <strong>{date(entry.effectiveDate, entry.source?.datePrecision)}</strong> · {tEnum('body', entry.body)} · {tEnum('event', entry.type)} ·{' '}
                  {entry.summary}
                  {entry.corrects !== null ? ` · ${t('history.corrects', { revision: entry.corrects })}` : ''}
                  {entry.correctedBy.length > 0 ? ` · ${t('history.correctedBy', { revisions: entry.correctedBy.join(', ') })}` : ''} ·{' '}
                  <Source source={entry.source} />
                </li>
              ))}
            </ol>
            {timeline.hasNextPage ? <p class="note">{t('timeline.more')}</p> : null}
          </Empty>
        )}
      </Answered>
    </>
  );
}

export const timelinePage: DeskPage = { id: 'timeline', title: 'page.timeline', listed: true, render: (route) => <Timeline route={route} /> };
