import { number, t, tEnum } from '../i18n/i18n';
import type { BreakdownDimension as Dimension, Stage } from '../../../../libs/programmes/src/programme-breakdown.state';
import { ChartTable } from './chart-table';

/** One figure by category, as the API's `StageBreakdown` gives it. */
export interface StageBreakdown {
  stage: Stage;
  total: number;
  categories: Array<{ category: string; count: number }>;
  unreported: number;
}
/** The GraphQL selection for a StageBreakdown. */
export const STAGE_BREAKDOWN = 'stage total categories { category count } unreported';
export {
  BREAKDOWN_DIMENSIONS as DIMENSIONS,
  MOVEMENTS,
  RANKS,
  STAGES,
  type BreakdownDimension as Dimension,
} from '../../../../libs/programmes/src/programme-breakdown.state';

/**
 * Figures by category, a column per figure: the categories reported (movements and ranks by their names in the
 * catalogue, regions and centres as recorded), then what no category accounts for, then the figure itself.
 */
export function BreakdownTable({ caption, by, stages }: { caption: string; by: Dimension; stages: StageBreakdown[] }) {
  const categories = [...new Set(stages.flatMap((stage) => stage.categories.map(({ category }) => category)))];
  const countOf = (stage: StageBreakdown, category: string) => stage.categories.find((entry) => entry.category === category)?.count ?? 0;
  return (
    <ChartTable
      caption={caption}
      columns={stages.map((stage) => t(`measure.${stage.stage}`))}
      rows={[
        ...categories.map((category) => ({ label: tEnum(`category.${by}`, category), cells: stages.map((stage) => number(countOf(stage, category))) })),
        { label: t('breakdown.unreported'), cells: stages.map((stage) => number(stage.unreported)) },
        { label: t('breakdown.total'), cells: stages.map((stage) => number(stage.total)) },
      ]}
    />
  );
}
