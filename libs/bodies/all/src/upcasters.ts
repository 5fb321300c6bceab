import { sourceRefUpcaster, Upcasters, type JsonObject, type Upcaster } from '@ddr/kernel';
import { COMMITMENT_EVENT_TYPES, CONDITION_EVENT_TYPES, INSTRUMENT_EVENT_TYPES, themeOfWords } from '@ddr/coordination';
import { PROGRAMME_EVENT_TYPES, SPLIT_EVENT_TYPES } from '@ddr/programmes';

/** Fields that schema version 2 added beside `source`, with the value a version 1 event meant. */
const ADDED_IN_VERSION_2: Record<string, Record<string, boolean | never[]>> = {
  ConditionSet: { recommendation: false },
  ProgrammeLaunched: { supportedBy: [] },
};

const words = (value: unknown) => (typeof value === 'string' ? value : '');

/** Version 3 of a commitment made or a condition set carries its theme; before it, the theme its words name. */
const THEMED_IN_VERSION_3: Upcaster[] = [
  { type: 'CommitmentMade', fromVersion: 2, upcast: (data) => ({ ...data, theme: data.theme ?? themeOfWords(words(data.description)) }) },
  { type: 'ConditionSet', fromVersion: 2, upcast: (data) => ({ ...data, theme: data.theme ?? themeOfWords(words(data.title), words(data.subject)) }) },
];

/** Version 3 of an instrument's proposal carries its visibility; every instrument proposed before it was public. */
const VISIBLE_IN_VERSION_3: Upcaster = { type: 'InstrumentProposed', fromVersion: 2, upcast: (data) => ({ visibility: 'PUBLIC', ...data }) };

/**
 * Every upcaster of every slice, in one registry that the server, the CLI and the rebuild all use. Version 2 of every
 * act event carries `source` (reference, note, date precision, assumption) where version 1 had `sourceRef`.
 */
export function domainUpcasters(): Upcasters {
  const sourced = [
    ...INSTRUMENT_EVENT_TYPES,
    ...COMMITMENT_EVENT_TYPES,
    ...CONDITION_EVENT_TYPES,
    ...PROGRAMME_EVENT_TYPES,
    'MeetingHeld',
    'MocCampEstablished',
  ];
  // Version 3 of the tranche acts that may be broken down carries `breakdown`; none was reported before.
  const split = SPLIT_EVENT_TYPES.map((type) => ({ type, fromVersion: 2, upcast: (data: JsonObject) => ({ breakdown: {}, ...data }) }));
  return new Upcasters().register(
    ...sourced.map((type) => sourceRefUpcaster(type, ADDED_IN_VERSION_2[type])),
    ...THEMED_IN_VERSION_3,
    VISIBLE_IN_VERSION_3,
    ...split,
  );
}
