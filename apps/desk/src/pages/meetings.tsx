import { Answered, Empty, SOURCE, Source, type SourceFields } from '../components/common';
import { PeriodForm, periodOf } from '../components/period';
import { date, t, tEnum } from '../i18n/i18n';
import { href, type Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface MeetingsAnswer {
  meetings: Array<{
    meeting: string;
    body: string;
    effectiveDate: string;
    title: string | null;
    source: SourceFields;
    decisions: Array<{ instrumentId: string; action: string; outcome: string; body: string }>;
  }>;
}

const MEETINGS = `query Meetings($from: Date, $to: Date) {
  meetings(from: $from, to: $to, first: 100) { meeting body effectiveDate title ${SOURCE} decisions(first: 50) { instrumentId action outcome body } }
}`;

function Meetings({ route }: { route: Route }) {
  const { from, to } = periodOf(route, '2015-01-01');
  const state = useQuery<MeetingsAnswer>(MEETINGS, { from, to });
  return (
    <>
      <h1 tabIndex={-1}>{t('page.meetings')}</h1>
      <PeriodForm route={route} from={from} to={to} />
      <Answered state={state} asOf={to}>
        {({ meetings }) => (
          <Empty when={meetings.length === 0}>
            <ul>
              {meetings.map((meeting) => (
                <li key={meeting.meeting}>
                  <strong>
                    {meeting.meeting} · {tEnum('body', meeting.body)} · {date(meeting.effectiveDate, meeting.source.datePrecision)}
                  </strong>
                  {meeting.title ? ` · ${meeting.title}` : ''} · <Source source={meeting.source} />
                  <ul>
                    {meeting.decisions.map((decision) => (
                      <li key={`${decision.instrumentId}-${decision.action}`}>
                        <a href={href('instrument', decision.instrumentId)}>{decision.instrumentId}</a> · {tEnum('action', decision.action)} ·{' '}
                        {tEnum('outcome', decision.outcome)}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </Empty>
        )}
      </Answered>
    </>
  );
}

export const meetingsPage: DeskPage = { id: 'meetings', title: 'page.meetings', listed: true, render: (route) => <Meetings route={route} /> };
