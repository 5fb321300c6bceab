import { sourceRefUpcaster, Upcasters, type JsonObject } from '@ddr/kernel';
import { COMMITMENT_EVENT_TYPES, CONDITION_EVENT_TYPES, INSTRUMENT_EVENT_TYPES } from '@ddr/coordination';
import { PROGRAMME_EVENT_TYPES, SPLIT_EVENT_TYPES } from '@ddr/programmes';

/** Fields that schema version 2 added beside `source`, with the value a version 1 event meant. */
const ADDED_IN_VERSION_2: Record<string, Record<string, boolean | never[]>> = {
  ConditionSet: { recommendation: false },
  ProgrammeLaunched: { supportedBy: [] },
};

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
  return new Upcasters().register(...sourced.map((type) => sourceRefUpcaster(type, ADDED_IN_VERSION_2[type])), ...split);
}
