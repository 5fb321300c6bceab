import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTS } from '../pages/acts';
import { BREAKDOWN_DIMENSIONS as DIMENSIONS, MOVEMENTS, RANKS, STAGES } from '../../../../libs/programmes/src/programme-breakdown.state';
import { BODIES, ROLES } from '../pages/bodies';
import en from './en.json';
import fr from './fr.json';

const SOURCE = join(__dirname, '..');
const catalogues: Record<string, Record<string, string>> = { fr, en };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every key the desk's code names: `t('...')` and `title: '...'` literals, and the enum values shown through tEnum. */
function keysUsed(): string[] {
  const literal = sources(SOURCE).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:\bt\(|title: )'([a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((match) => match[1]),
  );
  const enums = [
    ...BODIES.map((body) => `body.${body}`),
    ...ACTS.flatMap((act) => [`act.${act.mutation}`, ...act.fields.map((field) => `field.${field.name}`)]),
    ...ACTS.flatMap((act) => act.fields.flatMap((field) => field.choices?.values.map((value) => `${field.choices?.prefix}.${value}`) ?? [])),
    ...ROLES.map((role) => `role.${role}`),
    ...['OPEN', 'FULFILLED', 'OVERDUE'].map((status) => `commitment.${status}`),
    ...['BAD_USER_INPUT', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND', 'UNAUTHENTICATED'].map((code) => `error.${code}`),
    ...STAGES.map((stage) => `measure.${stage}`),
    ...DIMENSIONS.map((dimension) => `breakdown.${dimension}`),
    ...MOVEMENTS.map((movement) => `category.MOVEMENT.${movement}`),
    ...RANKS.map((rank) => `category.RANK.${rank}`),
    ...['CNDDR', 'INTEGRATION_COMMISSION', 'MOC'].map((body) => `view.${body}`),
    ...['GAO', 'TIMBUKTU', 'KIDAL'].map((camp) => `camp.${camp}`),
  ];
  return [...new Set([...literal, ...enums])];
}

describe("the desk's catalogues, one per language", () => {
  it('hold the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [language, catalogue] of Object.entries(catalogues))
      for (const [key, text] of Object.entries(catalogue)) expect({ language, key, empty: text.trim() === '' }).toEqual({ language, key, empty: false });
  });

  it('have every key the code uses, in both languages', () => {
    const used = keysUsed();
    expect(used.length).toBeGreaterThan(150);
    for (const [language, catalogue] of Object.entries(catalogues))
      expect({ language, missing: used.filter((key) => !(key in catalogue)) }).toEqual({ language, missing: [] });
  });

  it('fill the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(fr) as Array<keyof typeof fr>) expect({ key, en: placeholders(en[key]) }).toEqual({ key, en: placeholders(fr[key]) });
  });

  it('name the bodies as people say them', () => {
    expect(
      ['CNDDR', 'INTEGRATION_COMMISSION', 'CSA', 'SCDS', 'CTS', 'MOC', 'COUNCIL_OF_MINISTERS', 'PRESIDENCY', 'FAMA', 'MINUSMA'].map(
        (body) => fr[`body.${body}` as keyof typeof fr],
      ),
    ).toEqual(['CNDDR', "Commission d'intégration", 'CSA', 'SCDS', 'CTS', 'MOC', 'Conseil des ministres', 'Présidence', 'FAMa', 'MINUSMA']);
  });
});
