import type { CliIo, OutputStream } from "./command.types.js";

/** Colours for a terminal, or plain text for pipes and files (and when NO_COLOR is set). */
export interface Style {
  readonly ok: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const plain = (text: string): string => text;

/**
 * Picks colours for a stream.
 *
 * @param io - gives the environment (NO_COLOR, FORCE_COLOR)
 * @param stream - the stream the text goes to
 * @returns the style
 */
export function styleFor(io: CliIo, stream: OutputStream): Style {
  const color =
    io.env.NO_COLOR === undefined &&
    (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0" ? true : stream.isTTY === true);
  if (!color) return { ok: plain, bad: plain, dim: plain, bold: plain };
  const wrap = (open: number, close: number) => (text: string) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
  return { ok: wrap(32, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** Check mark and cross used in every report. */
export const MARKS: Readonly<{ pass: "✓"; fail: "✗" }> = Object.freeze({ pass: "✓", fail: "✗" });
