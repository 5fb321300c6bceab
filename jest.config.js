// Jest cannot require() the ES-module builds of NestJS 12 on Node 20, so SWC
// compiles our TypeScript and those packages to CommonJS on the fly.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|content-disposition|file-type|cookie|strtok3|token-types|peek-readable|uint8array-extras|@tokenizer|load-esm|openid-client|oauth4webapi|jose|oidc-provider)/)',
  ],
  moduleNameMapper: {
    '^@ddr/bodies/([^/]+)$': '<rootDir>/libs/bodies/$1/src/index.ts',
    '^@ddr/([^/]+)/desk$': '<rootDir>/libs/$1/src/desk.ts',
    '^@ddr/([^/]+)/(testing|live|nest|esdb|prometheus)$': '<rootDir>/libs/$1/src/$2/index.ts',
    '^@ddr/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testTimeout: 20_000,
};
