/** The Content-Security-Policy of every HTML page: this origin only, never framed. */
const BASE_POLICY: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

/**
 * The headers every HTML page is served with (DESIGN.md): a CSP that allows only the server's own origin,
 * `frame-ancestors 'none'`, no MIME sniffing, no referrer. A page widens a directive only where what it runs
 * needs it, and says why where it does.
 */
export function htmlSecurityHeaders(widen: Record<string, string> = {}): Record<string, string> {
  const policy = { ...BASE_POLICY, ...widen };
  return {
    'content-security-policy': Object.entries(policy)
      .map(([directive, sources]) => `${directive} ${sources}`)
      .join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}
