import { createHash } from 'node:crypto';

interface GraphiqlAsset {
  type: string;
  body: string;
}

export interface GraphiqlPage {
  html: string;
  /** By file name (its content's hash): the page's scripts and styles, served from this origin. */
  assets: Map<string, GraphiqlAsset>;
}

const INLINE = /<(script|style)>([\s\S]*?)<\/\1>/g;

/**
 * Takes the inline scripts and styles out of a rendered page into files named by their hash under `base`,
 * so that the page needs no 'unsafe-inline' script. Order is kept: plain `<script src>` tags run in order,
 * as the inline ones did.
 */
export function graphiqlPage(rendered: string, base: string): GraphiqlPage {
  const assets = new Map<string, GraphiqlAsset>();
  const html = rendered.replace(INLINE, (_, tag: string, body: string) => {
    const script = tag === 'script';
    const file = `${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${script ? 'js' : 'css'}`;
    assets.set(file, { type: script ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', body });
    return script ? `<script src="${base}${file}"></script>` : `<link rel="stylesheet" href="${base}${file}">`;
  });
  return { html, assets };
}
