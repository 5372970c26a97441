import { statSync } from "node:fs";
import type { CliIo } from "../cli/command.types.js";
import { resolvePath } from "../io/resolve-path.js";
import { tinyglobby } from "../io/tinyglobby.js";
import { maxDocumentBytes, refuseDuplicateKeys, tooLarge } from "../io/read-text-file.js";
import { oneLine } from "../cli/report-error.js";
import type { ParmanaError } from "@parmanasystems/core";
import type { VerificationJob } from "./verification.types.js";

/** The inputs of one `parmana verify attestation` run. */
export interface CollectedJobs {
  /** Every input, in order, in batches pulled lazily (stdin is streamed, a batch per chunk read). */
  readonly batches: AsyncIterable<readonly VerificationJob[]>;
  /** How many there are, when known up front (files and globs; not stdin). */
  readonly total: number | undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Expands paths, folders (every `*.json` below them) and globs into file inputs, in the order
 * given (each glob's matches sorted). A glob that matches nothing becomes a `CLI-007` input error.
 */
async function fileJobs(io: CliIo, patterns: readonly string[]): Promise<VerificationJob[]> {
  const jobs: VerificationJob[] = [];
  if (patterns.length === 0) return jobs;
  const { glob, isDynamicPattern } = tinyglobby();
  for (const pattern of patterns) {
    const absolute = resolvePath(io, pattern);
    if (!isDynamicPattern(pattern) || isDirectory(absolute)) {
      if (isDirectory(absolute)) {
        const matches = (await glob("**/*.json", { cwd: absolute, onlyFiles: true })).sort();
        if (matches.length === 0) {
          jobs.push({
            source: pattern,
            error: { code: "CLI-007", message: `[CLI-007] no *.json files in folder ${pattern}` },
          });
        }
        for (const match of matches)
          jobs.push({
            source: `${pattern.replace(/\/+$/, "")}/${match}`,
            path: resolvePath(io, `${pattern}/${match}`),
          });
      } else {
        jobs.push({ source: pattern, path: absolute });
      }
      continue;
    }
    const matches = (
      await glob(pattern, { cwd: io.cwd, onlyFiles: true, expandDirectories: false })
    ).sort();
    if (matches.length === 0) {
      jobs.push({
        source: pattern,
        error: { code: "CLI-007", message: `[CLI-007] no files match ${pattern}` },
      });
    }
    for (const match of matches) jobs.push({ source: match, path: resolvePath(io, match) });
  }
  return jobs;
}

/**
 * Splits a byte stream into lines without ever holding more than `cap` bytes of one line: a
 * longer line is reported (as `undefined`) and skipped up to its newline, so one endless line
 * cannot grow memory. Fed chunk by chunk; each chunk's complete lines are returned together.
 */
class LineSplitter {
  #parts: Buffer[] = [];
  #length = 0;
  #overflowed = false;

  constructor(private readonly cap: number) {}

  /** The lines completed by this chunk (`undefined` for a line over the cap). */
  push(chunk: Buffer): (string | undefined)[] {
    const lines: (string | undefined)[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline < 0 ? chunk.length : newline;
      if (!this.#overflowed) {
        if (this.#length + (end - start) > this.cap) {
          this.#overflowed = true;
          this.#parts = [];
          this.#length = 0;
        } else if (newline >= 0 && this.#length === 0) {
          // The whole line is in this chunk: decode it in place, no copy.
          lines.push(withoutCarriageReturn(chunk.toString("utf8", start, end)));
          start = newline + 1;
          continue;
        } else if (end > start) {
          this.#parts.push(chunk.subarray(start, end));
          this.#length += end - start;
        }
      }
      if (newline < 0) return lines;
      lines.push(this.#take());
      start = newline + 1;
    }
  }

  /** What is left after the last newline, if anything. */
  end(): (string | undefined)[] {
    if (this.#overflowed) return [undefined];
    return this.#length > 0 ? [this.#take()] : [];
  }

  #take(): string | undefined {
    const line = this.#overflowed
      ? undefined
      : withoutCarriageReturn(Buffer.concat(this.#parts, this.#length).toString("utf8"));
    this.#parts = [];
    this.#length = 0;
    this.#overflowed = false;
    return line;
  }
}

function withoutCarriageReturn(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** Where the stdin reader is: NDJSON lines, or the lines of one pretty-printed document. */
class StdinReader {
  #lineNumber = 0;
  #sawContent = false;
  #documentLines: string[] | undefined;
  #documentBytes = 0;
  #documentTooLarge = false;

  constructor(private readonly cap: number) {}

  /** Adds the inputs of these lines to `jobs`. */
  lines(lines: readonly (string | undefined)[], jobs: VerificationJob[]): void {
    for (const line of lines) {
      this.#lineNumber += 1;
      const source = `stdin:${this.#lineNumber}`;
      if (line === undefined) {
        if (this.#documentLines !== undefined) this.#documentTooLarge = true;
        else jobs.push(errorJob(source, tooLarge("line", source, this.cap)));
        continue;
      }
      if (this.#documentLines !== undefined) {
        this.#documentBytes += line.length + 1;
        if (this.#documentBytes > this.cap) this.#documentTooLarge = true;
        if (!this.#documentTooLarge) this.#documentLines.push(line);
        continue;
      }
      if (line.trim() === "") continue;
      // A pretty-printed document starts with a line that is not JSON by itself ("{" or "[").
      if (!this.#sawContent && /^\s*[[{]/.test(line) && !isJson(line)) {
        this.#documentLines = [line];
        this.#documentBytes = line.length + 1;
        continue;
      }
      this.#sawContent = true;
      if (/^\s*\[/.test(line) && isJson(line)) {
        for (const job of documentJobs(line, source)) jobs.push(job);
        continue;
      }
      jobs.push({ source, text: line });
    }
  }

  /** Adds what the end of input completes (a pretty-printed document) to `jobs`. */
  end(jobs: VerificationJob[]): void {
    if (this.#documentTooLarge)
      jobs.push(errorJob("stdin", tooLarge("document", "stdin", this.cap)));
    else if (this.#documentLines !== undefined)
      for (const job of documentJobs(this.#documentLines.join("\n"), "stdin")) jobs.push(job);
  }
}

/**
 * Reads attestations from stdin: NDJSON (one per line), or, when the first line is not JSON on
 * its own, the whole input as one JSON document (an attestation, or an array of them). Streamed:
 * each line, and a whole document, is capped at {@link maxDocumentBytes}; an input over the cap
 * becomes a `CLI-013` error outcome and the rest of the stream is still read. The inputs come in
 * batches, one per chunk read, so a line costs no asynchronous step of its own.
 */
async function* stdinBatches(io: CliIo): AsyncGenerator<VerificationJob[]> {
  const cap = maxDocumentBytes(io.env);
  const splitter = new LineSplitter(cap);
  const reader = new StdinReader(cap);
  for await (const data of io.stdin) {
    const jobs: VerificationJob[] = [];
    reader.lines(
      splitter.push(typeof data === "string" ? Buffer.from(data, "utf8") : (data as Buffer)),
      jobs,
    );
    if (jobs.length > 0) yield jobs;
  }
  const jobs: VerificationJob[] = [];
  reader.lines(splitter.end(), jobs);
  reader.end(jobs);
  if (jobs.length > 0) yield jobs;
}

function errorJob(source: string, error: ParmanaError): VerificationJob {
  return { source, error: { code: error.code, message: oneLine(error.message) } };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * One JSON document: an attestation, or an array of attestations (one input each). Duplicate
 * member names are refused on the document's own text, before its elements are re-serialized.
 */
function* documentJobs(text: string, source: string): Generator<VerificationJob> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Usually several pretty-printed documents one after another (`cat *.json | ...`).
    const reason = error instanceof Error ? error.message : String(error);
    yield {
      source,
      error: {
        code: "CLI-004",
        message: `[CLI-004] stdin is not one JSON document (${reason}); several attestations on stdin must be NDJSON, one per line (e.g. \`jq -c . *.json | parmana verify attestation\`), or pass the files as paths`,
      },
    };
    return;
  }
  if (Array.isArray(parsed)) {
    try {
      refuseDuplicateKeys(text, parsed, "attestation", source);
    } catch (error) {
      yield errorJob(source, error as ParmanaError);
      return;
    }
    for (const [index, element] of parsed.entries())
      yield { source: `${source}[${index}]`, text: JSON.stringify(element) };
  } else {
    yield { source, text };
  }
}

async function* concat(
  files: readonly VerificationJob[],
  stdin: AsyncIterable<VerificationJob[]> | undefined,
): AsyncGenerator<readonly VerificationJob[]> {
  if (files.length > 0) yield files;
  if (stdin !== undefined) yield* stdin;
}

/**
 * Collects the inputs of `parmana verify attestation`: paths, folders and globs, plus stdin when
 * `-` is given or when no path is given and stdin is not a terminal.
 *
 * @param io - working directory and stdin
 * @param positionals - the command's arguments
 * @returns the inputs and their count when known
 */
export async function collectJobs(
  io: CliIo,
  positionals: readonly string[],
): Promise<CollectedJobs> {
  const readStdin =
    positionals.includes("-") || (positionals.length === 0 && io.stdin.isTTY !== true);
  const files = await fileJobs(
    io,
    positionals.filter((value) => value !== "-"),
  );
  return {
    batches: concat(files, readStdin ? stdinBatches(io) : undefined),
    total: readStdin ? undefined : files.length,
  };
}
