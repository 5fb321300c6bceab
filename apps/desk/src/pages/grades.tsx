import { BarChart } from '../components/bar-chart';
import { Answered, Empty } from '../components/common';
import { date, t, tEnum } from '../i18n/i18n';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface GradesAnswer {
  gradeRollup: Array<{ key: string; items: number; graded: number; ungraded: number; meanGrade: number | null }>;
  gradedItems: {
    edges: Array<{
      node: { kind: string; id: string; title: string; body: string | null; latest: { level: string; effectiveDate: string; assessor: string } | null };
    }>;
  };
}

const GRADES = `query Grades($asOf: Date) {
  gradeRollup(by: BODY, asOf: $asOf) { key items graded ungraded meanGrade }
  gradedItems(asOf: $asOf, first: 100) { edges { node { kind id title body latest { level effectiveDate assessor } } } }
}`;

/** Commitments, conditions and the Agreement's provisions with their implementation grade (0 to 3) as of a date. */
function Grades({ route }: { route: Route }) {
  const state = useQuery<GradesAnswer>(GRADES, { asOf: route.asOf });
  return (
    <>
      <h1 tabIndex={-1}>{t('page.grades')}</h1>
      <Answered state={state} asOf={route.asOf}>
        {({ gradeRollup, gradedItems }) => (
          <>
            <h2>{t('grades.byBody')}</h2>
            <BarChart
              title={t('grades.byBody')}
              unit="/ 3"
              max={3}
              drawMark={false}
              columns={[t('grades.mean'), t('grades.ungraded')]}
              bars={gradeRollup.map((group) => ({ label: tEnum('body', group.key), value: group.meanGrade, mark: group.ungraded }))}
            />
            <h2>{t('grades.items')}</h2>
            <Empty when={gradedItems.edges.length === 0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('grades.item')}</th>
                    <th scope="col">{t('commitments.body')}</th>
                    <th scope="col">{t('grades.level')}</th>
                  </tr>
                </thead>
                <tbody>
                  {gradedItems.edges.map(({ node }) => (
                    <tr key={`${node.kind}-${node.id}`}>
                      <td>
                        {tEnum('kind', node.kind)} · {node.title}
                      </td>
                      <td>{tEnum('body', node.body)}</td>
                      <td>
                        {node.latest
                          ? `${tEnum('level', node.latest.level)} · ${t('grades.by', { body: tEnum('body', node.latest.assessor), date: date(node.latest.effectiveDate) })}`
                          : t('grades.none')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Empty>
          </>
        )}
      </Answered>
    </>
  );
}

export const gradesPage: DeskPage = { id: 'grades', title: 'page.grades', listed: true, render: (route) => <Grades route={route} /> };
