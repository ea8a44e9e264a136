/**
 * The headless report (METRICS.md §8): `npm run report -- <file> --out <dir> [options]`.
 * Exit codes: 0 imported, 2 rejected, 3 an answer is needed, 1 usage or internal error.
 */
import { runReport } from './report-lib.ts';

runReport(process.argv.slice(2)).then((code) => process.exit(code));
