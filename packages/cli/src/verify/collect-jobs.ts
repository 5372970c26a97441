import { statSync } from "node:fs";
import { glob, isDynamicPattern } from "tinyglobby";
import type { CliIo } from "../cli/command.types.js";
import { resolvePath } from "../io/resolve-path.js";
import { maxDocumentBytes, refuseDuplicateKeys, tooLarge } from "../io/read-text-file.js";
import { oneLine } from "../cli/report-error.js";
import type { ParmanaError } from "@parmanasystems/core";
import type { VerificationJob } from "./verification.types.js";

/** The inputs of one `parmana verify attestation` run. */
export interface CollectedJobs {
  /** Every input, pulled lazily (stdin is streamed). */
  readonly jobs: AsyncIterable<VerificationJob>;
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
 * cannot grow memory.
 */
async function* boundedLines(
  input: AsyncIterable<unknown>,
  cap: number,
): AsyncGenerator<string | undefined> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflowed = false;
  for await (const data of input) {
    let chunk = typeof data === "string" ? Buffer.from(data, "utf8") : (data as Buffer);
    while (chunk.length > 0) {
      const newline = chunk.indexOf(0x0a);
      const piece = newline < 0 ? chunk : chunk.subarray(0, newline);
      if (!overflowed) {
        if (length + piece.length > cap) {
          overflowed = true;
          parts = [];
          length = 0;
        } else {
          parts.push(piece);
          length += piece.length;
        }
      }
      if (newline < 0) break;
      yield overflowed ? undefined : lineText(parts, length);
      parts = [];
      length = 0;
      overflowed = false;
      chunk = chunk.subarray(newline + 1);
    }
  }
  if (overflowed) yield undefined;
  else if (length > 0) yield lineText(parts, length);
}

function lineText(parts: Buffer[], length: number): string {
  const text = Buffer.concat(parts, length).toString("utf8");
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/**
 * Reads attestations from stdin: NDJSON (one per line), or, when the first line is not JSON on
 * its own, the whole input as one JSON document (an attestation, or an array of them). Streamed:
 * each line, and a whole document, is capped at {@link maxDocumentBytes}; an input over the cap
 * becomes a `CLI-013` error outcome and the rest of the stream is still read.
 */
async function* stdinJobs(io: CliIo): AsyncGenerator<VerificationJob> {
  const cap = maxDocumentBytes(io.env);
  let lineNumber = 0;
  let sawContent = false;
  let documentLines: string[] | undefined;
  let documentBytes = 0;
  let documentTooLarge = false;
  for await (const line of boundedLines(io.stdin, cap)) {
    lineNumber += 1;
    if (line === undefined) {
      if (documentLines !== undefined) documentTooLarge = true;
      else yield errorJob(`stdin:${lineNumber}`, tooLarge("line", `stdin:${lineNumber}`, cap));
      continue;
    }
    if (documentLines !== undefined) {
      documentBytes += line.length + 1;
      if (documentBytes > cap) documentTooLarge = true;
      if (!documentTooLarge) documentLines.push(line);
      continue;
    }
    if (line.trim() === "") continue;
    // A pretty-printed document starts with a line that is not JSON by itself ("{" or "[").
    if (!sawContent && /^\s*[[{]/.test(line) && !isJson(line)) {
      documentLines = [line];
      documentBytes = line.length + 1;
      continue;
    }
    sawContent = true;
    if (/^\s*\[/.test(line) && isJson(line)) {
      yield* documentJobs(line, `stdin:${lineNumber}`);
      continue;
    }
    yield { source: `stdin:${lineNumber}`, text: line };
  }
  if (documentTooLarge) yield errorJob("stdin", tooLarge("document", "stdin", cap));
  else if (documentLines !== undefined) yield* documentJobs(documentLines.join("\n"), "stdin");
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
      refuseDuplicateKeys(text, "attestation", source);
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
  stdin: AsyncIterable<VerificationJob> | undefined,
): AsyncGenerator<VerificationJob> {
  yield* files;
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
    jobs: concat(files, readStdin ? stdinJobs(io) : undefined),
    total: readStdin ? undefined : files.length,
  };
}
