// Records the run's counts in dist/test-summary.json; tools/scripts/test.mjs prints them as the
// last line of `npm test` ("tests: N passed, N failed, N skipped"), after jest's own output.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    const dir = join(__dirname, '..', '..', 'dist');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'test-summary.json'), JSON.stringify(summary));
  }
}
module.exports = SummaryReporter;
