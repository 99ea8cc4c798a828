// Three projects so that `npm test` can report them apart and run the slow browser
// suite last; every project uses swc (ts-jest does not support TypeScript 7).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/fuzz/**/*.test.ts'] },
    { ...common, displayName: 'bundle', testMatch: ['<rootDir>/test/bundle/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
