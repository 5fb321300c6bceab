import { useState } from 'preact/hooks';
import { Answered, Refusals } from '../components/common';
import { t } from '../i18n/i18n';
import { formatInstant } from '../i18n/format';
import { language } from '../i18n/i18n';
import { graphql, type ApiError } from '../lib/api';
import { verifyInclusion, type InclusionFile } from '../lib/ledger-check';
import type { Route } from '../lib/route';
import { useQuery } from '../lib/use-query';
import type { DeskPage } from './page';

interface CheckpointFile {
  origin: string;
  size: number;
  root: string;
  signature: string;
}
interface IntegrityAnswer {
  ledgerIntegrity: {
    origin: string;
    publicKey: string;
    treeSize: number;
    eventsSinceCheckpoint: number;
    latestCheckpoint: { size: number; root: string; recordedAt: string; file: CheckpointFile } | null;
  };
}

const INTEGRITY = `{ ledgerIntegrity { origin publicKey treeSize eventsSinceCheckpoint latestCheckpoint { size root recordedAt file } } }`;
const PROOF = `query Proof($eventId: String!) { inclusionProof(eventId: $eventId) { file checkpoint { file } } }`;

type Checked = Awaited<ReturnType<typeof verifyInclusion>>;

function ProofForm({ publicKey }: { publicKey: string }) {
  const [eventId, setEventId] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  async function check(event: Event) {
    event.preventDefault();
    setChecked(null);
    const answer = await graphql<{ inclusionProof: { file: InclusionFile; checkpoint: { file: CheckpointFile } } }>(PROOF, { eventId: eventId.trim() });
    setErrors(answer.errors);
    if (answer.data) setChecked(await verifyInclusion(answer.data.inclusionProof.file, answer.data.inclusionProof.checkpoint.file, publicKey));
  }
  const verdict = checked && checked.included && checked.signed && checked.sameTree;
  return (
    <form onSubmit={(event) => void check(event)}>
      <h2>{t('verify.inclusion')}</h2>
      <div class="field">
        <label for="event-id">{t('verify.eventId')}</label>
        <input id="event-id" value={eventId} required onInput={(event) => setEventId((event.target as HTMLInputElement).value)} />
      </div>
      <button type="submit">{t('verify.check')}</button>
      <Refusals errors={errors} />
      {checked ? (
        <div role="status" class={verdict ? 'recorded' : 'refusal'}>
          <p>
            <strong>{t(verdict ? 'verify.valid' : 'verify.invalid')}</strong>
          </p>
          <ul>
            <li>{t('verify.leaf', { hash: checked.leafHash })}</li>
            <li>{t(checked.included ? 'verify.included' : 'verify.notIncluded')}</li>
            <li>{t(checked.signed ? 'verify.signed' : 'verify.notSigned')}</li>
            <li>{t(checked.sameTree ? 'verify.sameTree' : 'verify.otherTree')}</li>
          </ul>
        </div>
      ) : null}
    </form>
  );
}

function Verification({ route }: { route: Route }) {
  const state = useQuery<IntegrityAnswer>(INTEGRITY, {});
  return (
    <>
      <h1 tabIndex={-1}>{t('page.verification')}</h1>
      <Answered state={state} asOf={route.asOf}>
        {({ ledgerIntegrity: ledger }) => (
          <>
            <dl class="figures">
              <dt>{t('verify.origin')}</dt>
              <dd>{ledger.origin}</dd>
              <dt>{t('verify.treeSize')}</dt>
              <dd>{ledger.treeSize}</dd>
              <dt>{t('verify.checkpoint')}</dt>
              <dd>
                {ledger.latestCheckpoint
                  ? t('verify.checkpointOf', {
                      size: ledger.latestCheckpoint.size,
                      root: ledger.latestCheckpoint.root,
                      at: formatInstant(language.get(), ledger.latestCheckpoint.recordedAt),
                    })
                  : t('verify.noCheckpoint')}
              </dd>
            </dl>
            {ledger.latestCheckpoint ? <ProofForm publicKey={ledger.publicKey} /> : null}
          </>
        )}
      </Answered>
    </>
  );
}

export const verificationPage: DeskPage = {
  id: 'verification',
  title: 'page.verification',
  roles: ['AUDITOR'],
  listed: true,
  render: (route) => <Verification route={route} />,
};
