import { statSync } from "node:fs";
import { createInterface } from "node:readline";
import { glob, isDynamicPattern } from "tinyglobby";
import type { CliIo } from "../cli/command.types.js";
import { resolvePath } from "../io/resolve-path.js";
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
 * Reads attestations from stdin: NDJSON (one per line), or, when the first line is not JSON on
 * its own, the whole input as one JSON document (an attestation, or an array of them).
 */
async function* stdinJobs(io: CliIo): AsyncGenerator<VerificationJob> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let sawContent = false;
  let documentLines: string[] | undefined;
  for await (const line of lines) {
    lineNumber += 1;
    if (documentLines !== undefined) {
      documentLines.push(line);
      continue;
    }
    if (line.trim() === "") continue;
    // A pretty-printed document starts with a line that is not JSON by itself ("{" or "[").
    if (!sawContent && /^\s*[[{]/.test(line) && !isJson(line)) {
      documentLines = [line];
      continue;
    }
    sawContent = true;
    if (/^\s*\[/.test(line) && isJson(line)) {
      yield* documentJobs(line, `stdin:${lineNumber}`);
      continue;
    }
    yield { source: `stdin:${lineNumber}`, text: line };
  }
  if (documentLines !== undefined) yield* documentJobs(documentLines.join("\n"), "stdin");
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One JSON document: an attestation, or an array of attestations (one input each). */
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
