/**
 * The queue-mode suite: a real n8n 2.40.7 scaled out (main, webhook process, two workers) over
 * Postgres and Redis started by the suite itself (see e2e/queue/). Run with
 * `npm run test:e2e:queue`. Test files end in `.e2e.ts`, so the unit run (`jest`) skips them.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	testTimeout: 240_000,
	maxWorkers: 1,
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { label: 'e2e-queue' }]],
};
