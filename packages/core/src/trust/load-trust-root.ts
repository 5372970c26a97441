import { readFileSync } from "node:fs";
import { TrustError } from "../errors/parmana-error.js";
import type { TrustRoot } from "./trust-root.types.js";
import { invalidTrustRootError } from "./internal/trust-root-problems.js";
import { validateTrustRoot } from "./validate-trust-root.js";

/**
 * Loads and validates a trust root, reporting every problem at once. Accepts a path to
 * `trust-root.json`, its JSON text, or the parsed object; returns a deep-frozen copy.
 *
 * @param pathOrJson - a file path, JSON text (starting with `{`), or a parsed object
 * @returns the validated trust root
 * @throws TrustError `TRUST-001` the file cannot be read or is not JSON; `TRUST-002` the root is
 *   invalid, with every problem (`TRUST-003`..`TRUST-014`) in `details.problems`
 * @example
 * ```ts
 * const trustRoot = loadTrustRoot("trust/trust-root.json");
 * const verifier = createTrustRootVerifier(trustRoot);
 * ```
 */
export function loadTrustRoot(
  pathOrJson: string | TrustRoot | Readonly<Record<string, unknown>>,
): TrustRoot {
  const value = typeof pathOrJson === "string" ? readTrustRootText(pathOrJson) : pathOrJson;
  // An object whose getters or Proxy traps throw (or that nests without end) is refused as an
  // invalid root, never with a raw error.
  const unreadable = (cause: unknown): TrustError =>
    new TrustError(
      "TRUST-002",
      `invalid trust root: it could not be read as plain JSON data (${cause instanceof Error ? cause.name : typeof cause} thrown)`,
      { cause },
    );
  let problems: ReturnType<typeof validateTrustRoot>;
  try {
    problems = validateTrustRoot(value);
  } catch (cause) {
    throw unreadable(cause);
  }
  if (problems.length > 0) {
    throw invalidTrustRootError(problems, {
      source: typeof pathOrJson === "string" && !looksLikeJson(pathOrJson) ? pathOrJson : undefined,
    });
  }
  // A JSON round trip makes a private copy that later changes to the caller's object cannot reach.
  let copy: TrustRoot;
  try {
    copy = JSON.parse(JSON.stringify(value)) as TrustRoot;
  } catch (cause) {
    throw unreadable(cause);
  }
  return deepFreeze(copy);
}

function readTrustRootText(pathOrJson: string): unknown {
  const isJson = looksLikeJson(pathOrJson);
  let text = pathOrJson;
  if (!isJson) {
    try {
      text = readFileSync(pathOrJson, "utf8");
    } catch (cause) {
      throw new TrustError(
        "TRUST-001",
        `cannot read trust root ${pathOrJson}: ${(cause as { code?: string }).code ?? "read error"}`,
        {
          cause,
          details: { path: pathOrJson },
        },
      );
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new TrustError(
      "TRUST-001",
      `trust root ${isJson ? "text" : pathOrJson} is not valid JSON`,
      {
        cause,
        details: isJson ? {} : { path: pathOrJson },
      },
    );
  }
}

function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith("{");
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
