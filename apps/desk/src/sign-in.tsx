import { useState } from 'preact/hooks';
import { t } from './i18n/i18n';
import { signIn } from './lib/session';

/** Sign in with the token `npm run ddr -- token` prints, pasted here (or opened as its link, `/#token=...`). */
export function SignIn() {
  const [token, setToken] = useState('');
  const [refused, setRefused] = useState(false);
  return (
    <form
      class="sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        setRefused(!signIn(token));
      }}
    >
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p>{t('signIn.help')}</p>
      <pre>npm run ddr -- token --body SCDS --role SECRETARIAT</pre>
      <div class="field">
        <label for="token">{t('signIn.token')}</label>
        <textarea
          id="token"
          rows={4}
          value={token}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={refused ? 'true' : undefined}
          onInput={(event) => setToken((event.target as HTMLTextAreaElement).value)}
        />
      </div>
      {refused ? <p role="alert">{t('signIn.refused')}</p> : null}
      <button type="submit">{t('signIn.submit')}</button>
    </form>
  );
}
