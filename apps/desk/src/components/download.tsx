import { useState } from 'preact/hooks';
import { t, tEnum } from '../i18n/i18n';
import { downloadCsv, ExportRefused } from '../lib/download';
import { explain } from '../lib/refusals';

/** A list's CSV download (docs/api.md, CSV exports), read with the page's own date or period. */
export function DownloadCsv({ list, what, params }: { list: string; what: string; params: Record<string, string | null | undefined> }) {
  const [refused, setRefused] = useState<string | null>(null);
  async function onClick() {
    setRefused(null);
    try {
      await downloadCsv(list, params);
    } catch (error) {
      setRefused(error instanceof ExportRefused ? `${tEnum('error', error.code)} ${explain(error.message)}` : t('state.unreachable'));
    }
  }
  return (
    <p class="download no-print">
      <button type="button" aria-label={t('export.download', { what })} onClick={() => void onClick()}>
        {t('export.csv')}
      </button>
      {refused ? <span role="alert"> {refused}</span> : null}
    </p>
  );
}
