/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];

// `feed` ships only ES modules; Jest's CommonJS runtime needs it compiled (swc, like our own code).
const esmOnlyPackages = ['feed'];

const shared = {
  transform: { '^.+\\.ts$': swc, [`node_modules/(${esmOnlyPackages.join('|')})/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@madoguchi/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@madoguchi/([a-z-]+)/domain$': '<rootDir>/libs/$1/src/domain',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Most suites wait on Postgres, Redis, SMTP or Chromium: two workers keep both cores busy (on two
  // cores Jest would otherwise run one).
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
