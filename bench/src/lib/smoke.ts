// BENCH_SMOKE=1 (or `run-all.ts --smoke`, which sets it before any module loads): every module
// runs with tiny sizes, a check that it still runs to the end and prints its tables, not a figure.

/** True in a smoke run: modules use a few calls, one round, small data sets. */
export const SMOKE: boolean = process.env["BENCH_SMOKE"] === "1";
