/** One entry of the error catalogue: what a code means and what to do about it. */
export interface ErrorCodeEntry {
  /** Short title, e.g. "Replay detected". */
  readonly title: string;
  /** What causes the error. */
  readonly cause: string;
  /** What the caller can do about it. */
  readonly fix: string;
}
