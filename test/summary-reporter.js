/**
 * Ends a jest run with one plain line, "<label>: N passed, N failed[, N skipped]", the closing
 * line CI reads to tell a run that tested something from one that ran nothing.
 */
class SummaryReporter {
	constructor(_globalConfig, options = {}) {
		this.label = options.label ?? 'jest';
	}

	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const line = `${this.label}: ${results.numPassedTests} passed, ${failed} failed`;
		process.stdout.write(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
	}
}

module.exports = SummaryReporter;
