import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { language, setLanguage, t, tEnum } from './i18n/i18n';
import { LANGUAGES } from './i18n/format';
import { retryPending, settled, startRetrying } from './lib/outbox';
import { href, route } from './lib/route';
import { session, signOut, type Session } from './lib/session';
import { useSignal } from './lib/signal';
import { PAGES } from './pages';
import { SignIn } from './sign-in';

function visible(session: Session) {
  return PAGES.filter((page) => !page.roles || page.roles.includes(session.role));
}

function AsOf() {
  const current = useSignal(route);
  return (
    <form
      class="as-of"
      onSubmit={(event) => {
        event.preventDefault();
        const value = event.currentTarget.querySelector<HTMLInputElement>('[name=asOf]')?.value ?? '';
        location.hash = href(current.page, current.argument, { asOf: value || null });
      }}
    >
      <label for="as-of">{t('asOf.label')}</label> <input id="as-of" name="asOf" type="date" value={current.asOf ?? ''} />{' '}
      <button type="submit">{t('asOf.show')}</button>
      {current.asOf ? (
        <a class="today" href={href(current.page, current.argument, { asOf: null })}>
          {t('asOf.today')}
        </a>
      ) : null}
    </form>
  );
}

function Desk() {
  const who = useSignal(session);
  const current = useSignal(route);
  const lang = useSignal(language);
  const retried = useSignal(settled);
  useEffect(() => {
    document.documentElement.lang = lang;
    // Each new page moves the focus to its heading, so a screen reader says where the reader now is.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [current, who, lang]);
  const pages = who ? visible(who) : [];
  const page = pages.find((candidate) => candidate.id === current.page) ?? pages[0];
  useEffect(() => {
    if (page) document.title = `${t(page.title)} · ${t('app.name')}`;
  }, [page, lang]);
  const other = LANGUAGES.find((code) => code !== lang) ?? 'fr';
  return (
    <>
      <a class="skip" href="#main" onClick={(event) => (event.preventDefault(), document.querySelector<HTMLElement>('main h1')?.focus())}>
        {t('app.skip')}
      </a>
      <header>
        <p class="app-name">{t('app.name')}</p>
        {who ? (
          <p class="who">
            {t('session.who', { subject: who.subject, body: tEnum('body', who.body), role: tEnum('role', who.role) })}{' '}
            <button type="button" onClick={signOut}>
              {t('session.signOut')}
            </button>
          </p>
        ) : null}
        <button type="button" lang={other} onClick={() => setLanguage(other)}>
          {t('language.switch')}
        </button>
      </header>
      {who ? (
        <nav aria-label={t('nav.label')}>
          <ul>
            {pages
              .filter((candidate) => candidate.listed)
              .map((candidate) => (
                <li key={candidate.id}>
                  <a href={href(candidate.id)} aria-current={candidate === page ? 'page' : undefined}>
                    {t(candidate.title)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
      {who ? <AsOf /> : null}
      <main id="main">{who && page ? page.render(current, who) : <SignIn />}</main>
      {retried.length > 0 ? (
        <aside role="status" class="settled">
          {retried.map(({ send, outcome }) => (
            <p key={send.commandId}>{t(outcome.kind === 'recorded' ? 'outbox.landed' : 'outbox.refused', { act: tEnum('act', send.mutation) })}</p>
          ))}
        </aside>
      ) : null}
    </>
  );
}

const root = document.getElementById('desk') as HTMLElement;
// The page's own "loading" line goes: Preact adds to a container, it does not replace what is there.
root.textContent = '';
render(<Desk />, root);
startRetrying();
void retryPending();
// The shell is kept by a service worker, so the desk opens on a bad link; GraphQL itself is never cached.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
