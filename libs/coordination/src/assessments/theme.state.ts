/**
 * The themes of the Agreement's defence and security part that the brief follows: cantonment, DDR, integration,
 * security sector reform and the MOC. Commitments, conditions and provisions each belong to one.
 */
export const THEMES = ['CANTONMENT', 'DDR', 'INTEGRATION', 'SECURITY_SECTOR_REFORM', 'MOC'] as const;
export type Theme = (typeof THEMES)[number];

/** The words that name a theme, tried in this order; DDR when none does. */
const THEME_WORDS: ReadonlyArray<[Theme, RegExp]> = [
  ['CANTONMENT', /cantonment/i],
  ['MOC', /\bMOC\b|operational coordination mechanism/i],
  ['SECURITY_SECTOR_REFORM', /security sector|\bSSR\b/i],
  ['INTEGRATION', /integrat|\bquota\b|\branks?\b/i],
];

/**
 * The theme a text's words name: what a commitment or condition recorded without one is taken to belong to (those
 * recorded before themes existed are lifted with it too). Cantonment before the MOC: the MOC's purpose is to secure
 * the cantonment sites, so a text naming both is about cantonment.
 */
export const themeOfWords = (...texts: string[]): Theme => THEME_WORDS.find(([, words]) => texts.some((text) => words.test(text)))?.[0] ?? 'DDR';
