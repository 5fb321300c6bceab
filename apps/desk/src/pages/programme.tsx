import { Answered, SOURCE, Source, type SourceFields } from '../components/common';
import { useState } from 'preact/hooks';
import { BreakdownTable, DIMENSIONS, STAGE_BREAKDOWN, type Dimension, type StageBreakdown } from '../components/breakdown';
import { DownloadCsv } from '../components/download';
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

const BREAKDOWN = `query Breakdown($code: String!, $asOf: Date, $by: BreakdownDimension!) {
  programme(code: $code, asOf: $asOf) { breakdown(by: $by) { ${STAGE_BREAKDOWN} } }
}`;
/** ADDR-I's figures by movement, region, rank or centre, as of the page's date, with what no category accounts for. */
function Breakdowns({ code, asOf }: { code: string; asOf: string | null }) {
  const [by, setBy] = useState<Dimension>('MOVEMENT');
  const state = useQuery<{ programme: { breakdown: StageBreakdown[] } | null }>(BREAKDOWN, { code, asOf, by });
  const caption = t('breakdown.caption', { code, by: t(`breakdown.${by}`) });
  return (
    <section aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">{t('breakdown.title')}</h2>
      <form class="inline" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('breakdown.by')}{' '}
          <select value={by} onChange={(event) => setBy((event.target as HTMLSelectElement).value as Dimension)}>
            {DIMENSIONS.map((dimension) => (
              <option key={dimension} value={dimension}>
                {t(`breakdown.${dimension}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <DownloadCsv list="programme-breakdown" what={caption} params={{ code, by, asOf }} />
      {state.answer?.data?.programme ? (
        <BreakdownTable caption={caption} by={by} stages={state.answer.data.programme.breakdown} />
      ) : (
        <p role="status">{t(state.unreachable ? 'state.unreachable' : 'state.loading')}</p>
      )}
    </section>
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
            <DownloadCsv list="programme" what={programme.code} params={{ code, asOf: route.asOf }} />
            <Trend code={code} dates={chartDates(programme.reports, route.asOf ?? today())} target={programme.target} />
            <Breakdowns code={code} asOf={route.asOf} />
            <h2>{t('programme.reports')}</h2>
            <ul>
              {programme.reports.map((report, index) => (
                <li key={index}>
                  {date(report.effectiveDate, report.source.datePrecision)} · {report.summary} · <Source source={report.source} />
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
