import { signal } from './signal';

/** Who is signed in, as their token says (the server checks the token; the page only reads it to adapt). */
export interface Session {
  token: string;
  subject: string;
  body: string;
  role: 'SECRETARIAT' | 'LIAISON' | 'AUDITOR' | 'OPERATOR';
  expiresAt: number;
}

const STORED = 'desk.token';

/** The claims of a token, or null when it is not a token the server issues (three parts, a body, a role). */
export function sessionOf(token: string): Session | null {
  const payload = token.trim().split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    if (typeof claims.body !== 'string' || typeof claims.role !== 'string' || typeof claims.exp !== 'number') return null;
    if (claims.exp * 1000 <= Date.now()) return null;
    return {
      token: token.trim(),
      subject: typeof claims.sub === 'string' ? claims.sub : '',
      body: claims.body,
      role: claims.role as Session['role'],
      expiresAt: claims.exp * 1000,
    };
  } catch {
    return null;
  }
}

/** A token handed over in a link (`/#token=...`) is taken and removed from the address at once. */
function fromLinkOrStorage(): Session | null {
  const linked = /[#&]token=([^&]+)/.exec(location.hash)?.[1];
  if (linked) {
    history.replaceState(null, '', location.pathname);
    const session = sessionOf(decodeURIComponent(linked));
    if (session) localStorage.setItem(STORED, session.token);
    return session;
  }
  return sessionOf(localStorage.getItem(STORED) ?? '');
}

export const session = signal<Session | null>(fromLinkOrStorage());

export function signIn(token: string): boolean {
  const next = sessionOf(token);
  if (!next) return false;
  localStorage.setItem(STORED, next.token);
  session.set(next);
  return true;
}

export function signOut(): void {
  localStorage.removeItem(STORED);
  session.set(null);
}

/** A secretariat records its own body's acts; no other role records any. */
export const mayRecord = (current: Session | null): boolean => current?.role === 'SECRETARIAT';
