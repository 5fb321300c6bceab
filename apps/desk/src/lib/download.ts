import { language } from '../i18n/i18n';
import { session } from './session';

/** What an export refused: its code and message, as `GET /exports` answers them (`{ error: { code, message } }`). */
export class ExportRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Downloads `/exports/<list>.csv` and saves it. A plain link cannot carry the token, so the file is fetched with the
 * Authorization header and handed to the browser as an object URL; empty parameters are left out, the header row
 * follows the reader's language.
 */
export async function downloadCsv(list: string, params: Record<string, string | null | undefined>): Promise<void> {
  const query = new URLSearchParams({ lang: language.get() });
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const token = session.get()?.token;
  const response = await fetch(`/exports/${list}.csv?${query.toString()}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const refusal = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ExportRefused(refusal.error?.code ?? 'INTERNAL_SERVER_ERROR', refusal.error?.message ?? `HTTP ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: `${list}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the next task may let the blob go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
