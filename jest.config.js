/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // wechaty and friends ship ESM builds that must pass through the transform
  transformIgnorePatterns: ['/node_modules/(?!(wechaty|wechaty-puppet|wechaty-puppet-mock|file-box|gerror|state-switch|brolog)/)'],
  testTimeout: 30000,
  // One worker per core, not jest's default of one fewer: most suites wait on servers, timers and Chromium,
  // so on 2 cores two workers ran the suite in 593 s against 950 s with one.
  maxWorkers: '100%',
  // A worker that has run many files holds many services' memory (models, databases): start a fresh one past this.
  workerIdleMemoryLimit: '1500MB',
};
