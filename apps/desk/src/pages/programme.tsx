import { Answered, SOURCE, Source, type SourceFields } from '../components/common';
import { LineChart } from '../components/line-chart';
import { date, number, t } from '../i18n/i18n';
import { today } from '../i18n/format';
import { chartDates } from '../lib/chart-dates';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

const MEASURES = ['registered', 'trained', 'integrated', 'redeployed'] as const;
type Figures = Record<(typeof MEASURES)[number], number | null>;
interface ProgrammeAnswer {
  programme:
    | (Figures & {
        code: string;
        title: string;
        target: number;
        unreported: string[];
        source: SourceFields;
        reports: Array<{ effectiveDate: string; summary: string; source: SourceFields }>;
      })
    | null;
}

const PROGRAMME = `query Programme($code: String!, $asOf: Date) {
  programme(code: $code, asOf: $asOf) { code title target registered trained integrated redeployed unreported ${SOURCE} reports { effectiveDate summary ${SOURCE} } }
}`;
function Trend({ code, dates, target }: { code: string; dates: string[]; target: number }) {
  const query = `query Trend($code: String!) { ${dates.map((at, i) => `p${i}: programme(code: $code, asOf: "${at}") { ${MEASURES.join(' ')} }`).join(' ')} }`;
  const state = useQuery<Record<string, Figures | null>>(query, { code });
  const answered = state.answer?.data;
  if (!answered) return <p role="status">{t('state.loading')}</p>;
  return (
    <LineChart
      title={t('programme.chart', { code })}
      dates={dates}
      ceiling={{ label: t('programme.target'), value: target }}
      series={MEASURES.map((measure) => ({ label: t(`measure.${measure}`), values: dates.map((_, i) => answered[`p${i}`]?.[measure] ?? null) }))}
    />
  );
}

function Programme({ route }: { route: Route }) {
  const code = route.argument || 'ADDR-I';
  const state = useQuery<ProgrammeAnswer>(PROGRAMME, { code, asOf: route.asOf });
  return (
    <Answered state={state} asOf={route.asOf}>
      {({ programme }) =>
        programme ? (
          <>
            <h1 tabIndex={-1}>
              {programme.code} · {programme.title}
            </h1>
            <dl class="figures">
              <dt>{t('programme.target')}</dt>
              <dd>{number(programme.target)}</dd>
              {MEASURES.map((measure) => (
                <>
                  <dt key={`${measure}-label`}>{t(`measure.${measure}`)}</dt>
                  <dd key={measure}>{number(programme[measure])}</dd>
                </>
              ))}
            </dl>
            <Trend code={code} dates={chartDates(programme.reports, route.asOf ?? today())} target={programme.target} />
            <h2>{t('programme.reports')}</h2>
            <ul>
              {programme.reports.map((report, index) => (
                <li key={index}>
                  {date(report.effectiveDate)} · {report.summary} · <Source source={report.source} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <h1 tabIndex={-1}>{t('programme.missing', { code })}</h1>
        )
      }
    </Answered>
  );
}

export const programmePage: DeskPage = { id: 'programme', title: 'page.programme', listed: true, render: (route) => <Programme route={route} /> };
