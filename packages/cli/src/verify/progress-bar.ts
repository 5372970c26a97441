import type { OutputStream } from "../cli/command.types.js";

/** A progress line on stderr, redrawn at most every 100 ms; silent when stderr is not a terminal. */
export interface ProgressBar {
  tick(): void;
  /** Clears the bar so a result line can be printed; the next tick redraws it. */
  clear(): void;
  done(): void;
}

/**
 * Starts a progress bar.
 *
 * @param stream - stderr
 * @param total - how many inputs, when known
 * @param now - clock in milliseconds (injectable)
 * @returns the bar (a no-op unless `stream` is a TTY)
 */
export function createProgressBar(
  stream: OutputStream,
  total: number | undefined,
  now: () => number = Date.now,
): ProgressBar {
  if (stream.isTTY !== true) return { tick() {}, clear() {}, done() {} };
  const started = now();
  let count = 0;
  let lastDraw = 0;
  let drawn = false;
  const draw = (): void => {
    const elapsed = Math.max(1, now() - started) / 1000;
    const rate = Math.round(count / elapsed);
    let line: string;
    if (total !== undefined && total > 0) {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40));
      const filled = Math.round((count / total) * width);
      line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count}/${total} ${Math.floor((count / total) * 100)}% ${rate}/s`;
    } else {
      line = `${count} verified ${rate}/s`;
    }
    stream.write(`\r\u001b[K${line}`);
    drawn = true;
  };
  return {
    tick() {
      count += 1;
      const time = now();
      if (time - lastDraw >= 100) {
        lastDraw = time;
        draw();
      }
    },
    clear() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
    done() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
