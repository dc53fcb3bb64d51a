/**
 * The end-to-end suite: a real n8n (see e2e/ and scripts/e2e-prepare.ts) with this package
 * installed from its tarball, driven over n8n's REST API against the local sandbox.
 * Run with `npm run test:e2e` (prepares n8n first); `N8N_E2E_VERSION=1.123.x` picks n8n 1.x.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	// Every step waits with its own, shorter timeout and a clear message; this is the backstop.
	testTimeout: 240_000,
	maxWorkers: 1,
	reporters: ['default', ['<rootDir>/test/summary-reporter.js', { label: 'e2e' }]],
};
