import type { OutputStream } from "../cli/command.types.js";

/** Text held for a stream and written out in large pieces. */
export interface OutputBuffer {
  /** Holds the text; writes everything held once it passes the limit. */
  write(text: string): void;
  /** Writes everything held, if anything. */
  flush(): void;
}

/**
 * Buffers text for a stream, so that many short lines cost one write (a pipe's write is a system
 * call) instead of one each. The caller flushes when it is about to wait, and before writing to
 * another stream that shares the terminal, so the output order is unchanged.
 *
 * @param stream - where the text goes
 * @param limit - characters held before writing without being asked
 * @returns the buffer
 */
export function bufferOutput(stream: OutputStream, limit: number = 64 * 1024): OutputBuffer {
  let held = "";
  const flush = (): void => {
    if (held === "") return;
    const text = held;
    held = "";
    stream.write(text);
  };
  return {
    write(text) {
      held += text;
      if (held.length >= limit) flush();
    },
    flush,
  };
}
