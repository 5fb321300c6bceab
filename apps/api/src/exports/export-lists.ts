/**
 * The lists a secretariat can download as CSV (`GET /exports/<name>.csv`), one entry each. An entry names
 * the GraphQL query that reads the list, where the list is in its answer, and the columns (a field path
 * and its header in English and French); the selection is made from the columns. The export runs that
 * query with the caller's own token, page after page: what GraphQL refuses, the export refuses.
 */

/**
 * How a list comes back: a Relay connection, the timeline's entries, a short list bounded by the domain
 * (a roll-up's groups), or one object (a programme's figures).
 */
export type ExportShape = 'connection' | 'entries' | 'list' | 'single';

export interface ExportColumn {
  /** A field of the node, dotted into a nested object: `source.ref`. */
  path: string;
  en: string;
  fr: string;
}

export interface ExportList {
  name: string;
  /** The query-string parameters it takes: each a variable of the query, with its GraphQL type (`!`: required). */
  parameters: Readonly<Record<string, string>>;
  /** The query, with `$first` and `$after` when paged, and `LIST` where the list's selection goes. */
  query: string;
  /** The path to the list in the answer's `data`. */
  at: readonly string[];
  shape: ExportShape;
  columns: readonly ExportColumn[];
  /** A list field of each node that gives one row per element (a stage's categories), the node's own fields repeated. */
  spread?: string;
}

const SOURCE: ExportColumn[] = [
  { path: 'source.ref', en: 'Source', fr: 'Source' },
  { path: 'source.datePrecision', en: 'Date precision', fr: 'Précision de la date' },
  { path: 'source.assumption', en: 'Assumption', fr: 'Hypothèse' },
];

/** An instrument of a body's queue: the step it awaits, and how long it has waited by the date asked. */
const INSTRUMENT: ExportColumn[] = [
  { path: 'id', en: 'Instrument', fr: 'Instrument' },
  { path: 'title', en: 'Title', fr: 'Titre' },
  { path: 'kind', en: 'Kind', fr: 'Type' },
  { path: 'leadBody', en: 'Lead body', fr: 'Organe chef de file' },
  { path: 'status', en: 'Status', fr: 'Statut' },
  { path: 'awaiting.body', en: 'Awaits', fr: 'En attente de' },
  { path: 'awaiting.action', en: 'Step', fr: 'Étape' },
  { path: 'awaiting.awaitedSince', en: 'Awaited since', fr: 'En attente depuis' },
  { path: 'awaiting.daysWaited', en: 'Days waited', fr: 'Jours d’attente' },
  { path: 'awaiting.dueDate', en: 'Due date', fr: 'Échéance' },
  { path: 'awaiting.overdue', en: 'Overdue', fr: 'En retard' },
  { path: 'proposedOn', en: 'Proposed on', fr: 'Proposé le' },
  { path: 'lastActOn', en: 'Last act on', fr: 'Dernier acte le' },
  ...SOURCE,
];

/**
 * A list read at `path`: a root field, and the list field inside it when there is one (`body.awaiting`).
 * The parameters are the root field's arguments, by the same names unless `argument` renames them
 * (`body` is `code` on `body`), but for those named in `ofList` (`by` of `programme.breakdown`); the page
 * (`first`, `after`) is asked of the list field.
 */
function listOf(
  name: string,
  path: readonly [string] | readonly [string, string],
  parameters: Record<string, string>,
  columns: readonly ExportColumn[],
  {
    shape = 'connection',
    argument = {},
    ofList = [],
    spread,
  }: { shape?: ExportShape; argument?: Record<string, string>; ofList?: readonly string[]; spread?: string } = {},
): ExportList {
  const page = shape === 'single' || shape === 'list' ? [] : ['first: $first', 'after: $after'];
  const variables = [
    ...Object.entries(parameters).map(([parameter, type]) => `$${parameter}: ${type}`),
    ...(page.length ? ['$first: Int!', '$after: String'] : []),
  ];
  const asked = (parameters: string[]) => parameters.map((parameter) => `${argument[parameter] ?? parameter}: $${parameter}`);
  const rootArguments = asked(Object.keys(parameters).filter((parameter) => !ofList.includes(parameter)));
  const listArguments = [...asked([...ofList]), ...page];
  const call = (field: string, args: string[]) => (args.length ? `${field}(${args.join(', ')})` : field);
  const [root, list] = path;
  const selection = list ? `${call(root, rootArguments)} { ${call(list, listArguments)} { LIST } }` : `${call(root, [...rootArguments, ...page])} { LIST }`;
  return { name, parameters, query: `query(${variables.join(', ')}) { ${selection} }`, at: path, shape, columns, ...(spread ? { spread } : {}) };
}

/** How long steps waited: per body or per hand-off (the delays query). */
const DELAY: ExportColumn[] = [
  { path: 'decided', en: 'Steps decided', fr: 'Étapes décidées' },
  { path: 'medianDays', en: 'Median wait (days)', fr: 'Attente médiane (jours)' },
  { path: 'p90Days', en: '90th percentile (days)', fr: '90e centile (jours)' },
  { path: 'longestDays', en: 'Longest wait (days)', fr: 'Attente la plus longue (jours)' },
  { path: 'stillWaiting', en: 'Still waiting', fr: 'Toujours en attente' },
  { path: 'oldestSince', en: 'Oldest waiting since', fr: 'Plus ancienne en attente depuis' },
  { path: 'oldestDays', en: 'Its days of waiting', fr: 'Ses jours d’attente' },
  { path: 'oldestInstrumentId', en: 'Its instrument', fr: 'Son instrument' },
];
const PERIOD = { from: 'Date', to: 'Date', asOf: 'Date' };

/** A group of graded items: its mean grade and the count at each level of the Peace Accords Matrix scale. */
const ROLLUP = (prefix: string, en: string, fr: string): ExportColumn[] =>
  [
    ['items', 'Items', 'Éléments'],
    ['graded', 'Graded', 'Notés'],
    ['ungraded', 'Ungraded', 'Non notés'],
    ['meanGrade', 'Mean grade', 'Note moyenne'],
    ['notStarted', '0 not started', '0 non commencé'],
    ['minimal', '1 minimal', '1 minimal'],
    ['intermediate', '2 intermediate', '2 intermédiaire'],
    ['complete', '3 complete', '3 achevé'],
  ].map(([field, english, french]) => ({ path: `${prefix}${field}`, en: `${en}${english}`, fr: `${fr}${french}` }));
const GRADED = { kind: 'GradedKind', assessor: 'Body' };
const QUEUE = { body: 'Body!', asOf: 'Date' };

export const EXPORT_LISTS: readonly ExportList[] = [
  listOf('awaiting', ['body', 'awaiting'], QUEUE, INSTRUMENT, { argument: { body: 'code' } }),
  listOf('waiting-on-others', ['body', 'waitingOnOthers'], QUEUE, INSTRUMENT, { argument: { body: 'code' } }),
  listOf('commitments', ['commitmentsPage'], { body: 'Body', status: 'CommitmentStatus', asOf: 'Date' }, [
    { path: 'id', en: 'Commitment', fr: 'Engagement' },
    { path: 'body', en: 'Body', fr: 'Organe' },
    { path: 'description', en: 'Description', fr: 'Description' },
    { path: 'dueDate', en: 'Due date', fr: 'Échéance' },
    { path: 'status', en: 'Status', fr: 'Statut' },
    { path: 'madeOn', en: 'Made on', fr: 'Pris le' },
    { path: 'fulfilledOn', en: 'Fulfilled on', fr: 'Tenu le' },
    { path: 'instrumentId', en: 'Instrument', fr: 'Instrument' },
    { path: 'lastNote', en: 'Last note', fr: 'Dernière note' },
    { path: 'recordedBy', en: 'Recorded by', fr: 'Enregistré par' },
    ...SOURCE,
  ]),
  listOf('conditions', ['conditionsPage'], { body: 'Body', met: 'Boolean', asOf: 'Date' }, [
    { path: 'id', en: 'Condition', fr: 'Condition' },
    { path: 'body', en: 'Body', fr: 'Organe' },
    { path: 'title', en: 'Title', fr: 'Intitulé' },
    { path: 'subject', en: 'Holds back', fr: 'Ce qu’elle retient' },
    { path: 'met', en: 'Met', fr: 'Remplie' },
    { path: 'blockedBy', en: 'Blocked by', fr: 'Bloquée par' },
    { path: 'recommendation', en: 'Recommendation', fr: 'Recommandation' },
    { path: 'setOn', en: 'Set on', fr: 'Posée le' },
    ...SOURCE,
  ]),
  listOf(
    'timeline',
    ['timeline'],
    { from: 'Date!', to: 'Date!', body: 'Body' },
    [
      { path: 'effectiveDate', en: 'Effective date', fr: 'Date d’effet' },
      { path: 'body', en: 'Recorded by', fr: 'Enregistré par' },
      { path: 'type', en: 'Event', fr: 'Événement' },
      { path: 'summary', en: 'Summary', fr: 'Résumé' },
      { path: 'streamId', en: 'Stream', fr: 'Flux' },
      { path: 'revision', en: 'Revision', fr: 'Révision' },
      { path: 'corrects', en: 'Corrects revision', fr: 'Corrige la révision' },
      { path: 'recordedAt', en: 'Recorded at', fr: 'Enregistré à' },
      ...SOURCE,
    ],
    { shape: 'entries' },
  ),
  listOf(
    'programme',
    ['programme'],
    { code: 'String!', asOf: 'Date', knownAt: 'DateTime' },
    [
      { path: 'code', en: 'Programme', fr: 'Programme' },
      { path: 'launchedOn', en: 'Launched on', fr: 'Lancé le' },
      { path: 'target', en: 'Target', fr: 'Objectif' },
      { path: 'targetDeserters', en: 'Target of deserters', fr: 'Objectif de déserteurs' },
      { path: 'eligibleCandidates', en: 'Eligible candidates', fr: 'Candidats éligibles' },
      { path: 'registered', en: 'Registered', fr: 'Enregistrés' },
      { path: 'deserters', en: 'Deserters', fr: 'Déserteurs' },
      { path: 'screenedFit', en: 'Screened fit', fr: 'Déclarés aptes' },
      { path: 'screenedUnfit', en: 'Screened unfit', fr: 'Déclarés inaptes' },
      { path: 'referredToReinsertion', en: 'Referred to reinsertion', fr: 'Orientés vers la réinsertion' },
      { path: 'weaponsHandedOver', en: 'Weapons handed over', fr: 'Armes remises' },
      { path: 'inTraining', en: 'In training', fr: 'En formation' },
      { path: 'trained', en: 'Trained', fr: 'Formés' },
      { path: 'integrated', en: 'Integrated', fr: 'Intégrés' },
      { path: 'redeployed', en: 'Redeployed', fr: 'Redéployés' },
      { path: 'integratedShareOfTarget', en: 'Integrated, share of target', fr: 'Intégrés, part de l’objectif' },
      { path: 'unreported', en: 'Unreported figures', fr: 'Chiffres non communiqués' },
      ...SOURCE,
    ],
    { shape: 'single' },
  ),
  listOf(
    'programme-breakdown',
    ['programme', 'breakdown'],
    { code: 'String!', by: 'BreakdownDimension!', asOf: 'Date', knownAt: 'DateTime' },
    [
      { path: 'stage', en: 'Figure', fr: 'Chiffre' },
      { path: 'total', en: 'Total', fr: 'Total' },
      { path: 'categories.category', en: 'Category', fr: 'Catégorie' },
      { path: 'categories.count', en: 'Count', fr: 'Nombre' },
      { path: 'unreported', en: 'Not reported by category', fr: 'Non ventilés par catégorie' },
    ],
    { shape: 'list', ofList: ['by'], spread: 'categories' },
  ),
  listOf('webhook-attempts', ['webhookAttempts'], { endpointId: 'ID!' }, [
    { path: 'attemptedAt', en: 'Attempted at', fr: 'Tentée à' },
    { path: 'webhookId', en: 'Webhook id', fr: 'Identifiant du webhook' },
    { path: 'kind', en: 'Kind', fr: 'Type' },
    { path: 'position', en: 'Log position', fr: 'Position dans le journal' },
    { path: 'status', en: 'HTTP status', fr: 'Statut HTTP' },
    { path: 'latencyMs', en: 'Latency (ms)', fr: 'Latence (ms)' },
    { path: 'error', en: 'Error', fr: 'Erreur' },
  ]),
  listOf('delays-by-body', ['delays', 'byBody'], PERIOD, [{ path: 'body', en: 'Body awaited', fr: 'Organe attendu' }, ...DELAY]),
  listOf('delays-hand-offs', ['delays', 'handOffs'], PERIOD, [
    { path: 'from', en: 'Handed over by', fr: 'Transmis par' },
    { path: 'to', en: 'Body awaited', fr: 'Organe attendu' },
    ...DELAY,
  ]),
  listOf('graded-items', ['gradedItems'], { ...GRADED, theme: 'Theme', body: 'Body', chapter: 'String', asOf: 'Date' }, [
    { path: 'kind', en: 'Kind', fr: 'Nature' },
    { path: 'id', en: 'Item', fr: 'Élément' },
    { path: 'title', en: 'Title', fr: 'Intitulé' },
    { path: 'body', en: 'Body', fr: 'Organe' },
    { path: 'theme', en: 'Theme', fr: 'Thème' },
    { path: 'chapter', en: 'Chapter', fr: 'Chapitre' },
    { path: 'latest.grade', en: 'Grade', fr: 'Note' },
    { path: 'latest.level', en: 'Level', fr: 'Niveau' },
    { path: 'latest.assessor', en: 'Assessor', fr: 'Évaluateur' },
    { path: 'latest.effectiveDate', en: 'Assessed on', fr: 'Évalué le' },
    { path: 'latest.finding', en: 'Finding', fr: 'Constat' },
    { path: 'latest.source.ref', en: 'Source', fr: 'Source' },
  ]),
  listOf(
    'grade-rollup',
    ['gradeRollup'],
    { by: 'RollupDimension!', asOf: 'Date', ...GRADED },
    [{ path: 'key', en: 'Group', fr: 'Groupe' }, ...ROLLUP('', '', '')],
    {
      shape: 'list',
    },
  ),
  listOf(
    'grade-trend',
    ['gradeTrend'],
    { by: 'RollupDimension!', from: 'Date!', to: 'Date', ...GRADED },
    [
      { path: 'key', en: 'Group', fr: 'Groupe' },
      ...ROLLUP('then.', 'Then: ', 'Avant : '),
      ...ROLLUP('now.', 'Now: ', 'Après : '),
      { path: 'change', en: 'Change of the mean grade', fr: 'Évolution de la note moyenne' },
    ],
    { shape: 'list' },
  ),
];
