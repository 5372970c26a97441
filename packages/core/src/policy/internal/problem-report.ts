import type { PolicyProblem } from "../compiled-policy.types.js";

/** Collects every problem of one validation run, in document order. */
export class ProblemReport {
  readonly errors: PolicyProblem[] = [];
  readonly warnings: PolicyProblem[] = [];

  error(code: string, path: string, message: string): void {
    this.errors.push(Object.freeze({ code, message, path }));
  }

  warning(code: string, path: string, message: string): void {
    this.warnings.push(Object.freeze({ code, message, path }));
  }
}
