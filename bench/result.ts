/** One row of `npm run bench`: our figure beside a reference measured in the same run. */
export interface BenchResult {
  /** The budget row in shared/PERFORMANCE.md this measures. */
  name: string;
  /** Our figure, with its unit. */
  ours: string;
  /** The reference figure, measured beside ours on the same machine. */
  reference: string;
  /** How ours compares to the reference, e.g. '9,800x faster'. */
  ratio: string;
  /** The budget, as PERFORMANCE.md states it. */
  budget: string;
  pass: boolean;
}
