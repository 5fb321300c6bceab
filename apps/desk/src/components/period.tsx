import { t } from '../i18n/i18n';
import { today } from '../i18n/format';
import { href, type Route } from '../lib/route';

/** The period a page reads, from `from` and `to` in its address; up to the date read by default. */
export function periodOf(route: Route, defaultFrom: string): { from: string; to: string } {
  return { from: route.params.get('from') ?? defaultFrom, to: route.params.get('to') ?? route.asOf ?? today() };
}

/** Two dates and a button: the page's address changes, so the period is a link one can share. */
export function PeriodForm({ route, from, to }: { route: Route; from: string; to: string }) {
  return (
    <form
      class="inline"
      onSubmit={(event) => {
        event.preventDefault();
        const field = (name: string) => event.currentTarget.querySelector<HTMLInputElement>(`[name=${name}]`)?.value ?? null;
        location.hash = href(route.page, route.argument, { from: field('from'), to: field('to') });
      }}
    >
      <label>
        {t('period.from')} <input type="date" name="from" value={from} required />
      </label>{' '}
      <label>
        {t('period.to')} <input type="date" name="to" value={to} required />
      </label>{' '}
      <button type="submit">{t('period.show')}</button>
    </form>
  );
}
