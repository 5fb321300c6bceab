// Module boundaries: the architecture the code is meant to have, checked on every `npm run lint`.
// Paths are relative to the repository root; the tsconfig `paths` aliases (@ddr/...) resolve to files under libs/.

/** The pure decider layer: commands, events, state, decisions and evaluations, no infrastructure. */
const DECIDER_LAYER = '\\.(decider|events|state|commands|evaluation)\\.ts$';
/** Files that only tests use. */
const TEST_ONLY = ['\\.spec\\.ts$', '/testing/'];
/** The write side: command handlers, their descriptors, the desks and the decision runner. */
const WRITE_SIDE = ['\\.handlers\\.ts$', '\\.descriptors\\.ts$', '^libs/desks/', '^libs/decision-runner/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'kernel-is-pure',
      comment: 'The domain kernel (@ddr/kernel) imports nothing but itself: no other @ddr library, no node: module, no npm package.',
      severity: 'error',
      from: { path: '^libs/kernel/src/', pathNot: TEST_ONLY },
      to: { pathNot: '^libs/kernel/src/(?!testing/)' },
    },
    {
      name: 'kernel-testing-is-pure',
      comment: "The kernel's test helpers (@ddr/kernel/testing) import the kernel and jest's own helpers only.",
      severity: 'error',
      from: { path: '^libs/kernel/src/testing/' },
      to: { pathNot: ['^libs/kernel/src/', '^node_modules/(@jest/[^/]+|expect|jest-[^/]+)/'] },
    },
    {
      name: 'deciders-are-pure',
      comment:
        'Deciders, their commands, events, state and evaluations import only @ddr/kernel and other decider-layer files: no NestJS, no event store, no class-validator.',
      severity: 'error',
      from: { path: '^libs/.+' + DECIDER_LAYER },
      to: { pathNot: ['^libs/kernel/src/(?!testing/|nest/)', '^libs/.+' + DECIDER_LAYER] },
    },
    {
      name: 'ledger-core-is-pure',
      comment: "The ledger core (libs/ledger/src/*.ts, not live/ or testing/) imports only node: built-ins and the ledger core's own files.",
      severity: 'error',
      from: { path: '^libs/ledger/src/[^/]+\\.ts$', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/ledger/src/[^/]+\\.ts$', dependencyTypesNot: ['core'] },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Libraries are used by the apps, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'read-model-not-write-side',
      comment: 'The read model projects events; it never imports command handlers, descriptors, desks or the decision runner.',
      severity: 'error',
      from: { path: '^libs/read-model/src/' },
      to: { path: WRITE_SIDE },
    },
    {
      // Checked from the read model's entry points (@ddr/read-model, @ddr/read-model/testing), so that one barrel
      // import reports once per write-side file rather than once per read-model file.
      name: 'read-model-not-write-side-via-barrels',
      comment: 'Nothing the read model exports may load the write side, not even through a library barrel (index.ts) that re-exports it.',
      severity: 'error',
      from: { path: '^libs/read-model/src/(testing/)?index\\.ts$' },
      to: { path: WRITE_SIDE, reachable: true },
    },
    {
      name: 'production-not-dev-dependencies',
      comment:
        'The image prunes devDependencies (Dockerfile: npm prune --omit=dev): apps and libs outside tests may not need them. The desk (apps/desk) is bundled by `npm run build` before the prune, so its packages are build-time ones.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [...TEST_ONLY, '^apps/desk/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      // Type-only imports count too (tsPreCompilationDeps below): a circle of types is still modules that cannot be
      // understood, moved or tested apart. (Today's circle in libs/read-model is closed by `import type` lines.)
      comment: 'This import closes a circle of modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'This import names a module that does not exist.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'This import names an npm package that package.json does not declare.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    // Type-only imports are dependencies too (see no-circular); `import type` must respect the layers as well.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // test/rules/fixtures holds deliberately bad code for the rules' own test.
    exclude: { path: ['^dist/', '^test/rules/fixtures/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
