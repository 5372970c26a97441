import { InvariantError } from "../errors/parmana-error.js";
import { codedBoundary, rawErrorName } from "../internal/coded-boundary.js";
import { canonicalize } from "../canonical/canonicalize.js";
import { canonicalizeForSigning, SIGNING_DOMAINS } from "../canonical/signing-domains.js";
import type { AttestationPayload, ExecutionAttestation } from "./attestation.types.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";

/**
 * The signed payload of an attestation: every own field except `signature`. Unknown fields are
 * kept, so a field added after signing makes the signature fail.
 *
 * @param attestation - an attestation (or a parsed JSON object that claims to be one)
 * @returns a new object without `signature`
 * @throws InvariantError `INV-VERIFY-001` when `attestation` is not an object or cannot be read
 */
export function attestationPayload(
  attestation: ExecutionAttestation | Readonly<Record<string, unknown>>,
): AttestationPayload {
  if (typeof attestation !== "object" || attestation === null) {
    throw new InvariantError(
      "INV-VERIFY-001",
      `an attestation must be an object, got ${attestation === null ? "null" : typeof attestation}`,
    );
  }
  return codedBoundary(
    () => copyPayload(attestation),
    (raw) =>
      new InvariantError(
        "INV-VERIFY-001",
        `the attestation could not be read (${rawErrorName(raw)} thrown)`,
        { cause: raw },
      ),
  );
}

function copyPayload(
  attestation: ExecutionAttestation | Readonly<Record<string, unknown>>,
): AttestationPayload {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(attestation)) {
    if (key === "signature") continue;
    // defineProperty keeps hostile names such as __proto__ as data.
    Object.defineProperty(payload, key, {
      value: (attestation as Record<string, unknown>)[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return payload as unknown as AttestationPayload;
}

// Every field an attestation may carry, in RFC 8785 member order (UTF-16 code units: the default
// sort, the same comparison canonicalize uses), each with its `"name":` text made once.
const KNOWN_FIELDS: readonly string[] = [
  "executionId",
  "execution_fingerprint",
  "policyId",
  "policyVersion",
  "schemaVersion",
  "runtimeVersion",
  "runtimeHash",
  "decision",
  "execution_state",
  "signalsHash",
  "bundleHash",
  "manifestHash",
  "releaseManifestHash",
  "evaluatorHash",
  "evaluatorSemanticHash",
  "evaluatorArtifactHash",
  "manifestSignature",
  "trustRootVersion",
  "signerKeyId",
  "issuedAt",
  "provenance",
  "signature",
];
const SIGNED_MEMBERS: readonly (readonly [string, string])[] = KNOWN_FIELDS.filter(
  (field) => field !== "signature",
)
  .sort()
  .map((field) => [field, `${JSON.stringify(field)}:`] as const);
// Every signed member, and provenance's (the only optional one).
const ALL_MEMBERS = (1 << SIGNED_MEMBERS.length) - 1;
const PROVENANCE_BIT = 1 << SIGNED_MEMBERS.findIndex(([field]) => field === "provenance");
// Each known field's bit: its index in SIGNED_MEMBERS; `signature` (never signed) has none set.
const MEMBER_BITS: ReadonlyMap<string, number> = new Map([
  ...SIGNED_MEMBERS.map(([field], index) => [field, 1 << index] as const),
  ["signature", 0],
]);
// The canonical text of the last string seen in each member: most members (runtime, policy and
// key identity) repeat from one attestation to the next, so their text is reused, not rebuilt.
// Each member's last piece of text, `,"name":<canonical value>`, is kept whole.
const MEMBER_PIECE_STARTS: readonly string[] = SIGNED_MEMBERS.map(([, prefix]) => `,${prefix}`);
const lastStrings: (string | undefined)[] = SIGNED_MEMBERS.map(() => undefined);
const lastValueTexts: (string | undefined)[] = SIGNED_MEMBERS.map(() => undefined);
const lastPieces: string[] = SIGNED_MEMBERS.map(() => "");
// The canonical text of each member's last value (the piece without its `,"name":`).
const lastTexts: string[] = SIGNED_MEMBERS.map(() => "");
const ENVELOPE_START = `{"domain":${JSON.stringify(SIGNING_DOMAINS.attestation)},"payload":{`;
const ENVELOPE_END = "}}";

/**
 * Consecutive members whose pieces did not change since the last call (the runtime, policy and key
 * identity between the per-decision members) are kept as one flat text, by the index of their
 * first member: the signing input is then a handful of strings rather than one per member, which
 * is what its UTF-8 encoding and hashing pay for. A run is reused only when every piece in it is
 * equal to the one it was made of.
 */
interface Run {
  readonly pieces: readonly string[];
  /** The pieces joined, each with its leading comma. */
  readonly text: string;
  /** The same without the first comma, for a run that opens the payload. */
  readonly opening: string;
}
const runs: (Run | undefined)[] = SIGNED_MEMBERS.map(() => undefined);
// The pieces of the run being laid out; only used outside a nested call (see `laying`).
const runPieces: string[] = [];
// Set while a record is laid out with the run cache: a getter on a hostile record that calls
// back in is laid out without it, so it cannot disturb the outer call's `runPieces`.
let laying = false;

/**
 * The exact string an attestation's `signature` covers:
 * `canonicalizeForSigning(payload, SIGNING_DOMAINS.attestation)`, where the payload is every
 * field except `signature`. Any RFC 8785 implementation reproduces it from the JSON.
 *
 * A record that has only attestation fields (the normal case) is laid out from the member order
 * computed once, each value canonicalised on its own, which gives the same bytes as canonicalising
 * the whole payload without copying it or sorting its keys on every call; anything else (unknown
 * fields, symbol keys, a non-plain object) takes the general path.
 *
 * @param attestation - a signed attestation, or its payload
 * @returns the canonical signing input (sign or verify its UTF-8 bytes)
 * @throws CanonicalizationError `CANONICAL-` codes when a field is not plain JSON
 * @example
 * ```ts
 * const ok = verifier.verify(attestationSigningInput(attestation), attestation.signature);
 * ```
 */
export function attestationSigningInput(
  attestation: ExecutionAttestation | AttestationPayload | Readonly<Record<string, unknown>>,
): string {
  try {
    const parts = partsOf(attestation as Readonly<Record<string, unknown>>);
    if (parts === undefined) {
      return canonicalizeForSigning(
        attestationPayload(attestation as Readonly<Record<string, unknown>>),
        SIGNING_DOMAINS.attestation,
      );
    }
    return joinSigningParts(parts);
  } catch (error) {
    throw codedInputError(error, InvariantError, "INV-VERIFY-001", "attestationSigningInput");
  }
}

/**
 * The signing input of an attestation as consecutive pieces of text (their concatenation is
 * {@link attestationSigningInput}), for a caller that encodes the pieces one after another
 * instead of making one string of them first.
 *
 * @param attestation - as for attestationSigningInput
 * @returns the pieces
 * @throws as attestationSigningInput
 * @internal
 */
export function attestationSigningParts(
  attestation: ExecutionAttestation | AttestationPayload | Readonly<Record<string, unknown>>,
): readonly string[] {
  try {
    return (
      partsOf(attestation as Readonly<Record<string, unknown>>) ?? [
        attestationSigningInput(attestation),
      ]
    );
  } catch (error) {
    throw codedInputError(error, InvariantError, "INV-VERIFY-001", "attestationSigningInput");
  }
}

/**
 * The pieces' concatenation: the signing input.
 *
 * @param parts - what attestationSigningParts returned
 * @returns the signing input
 * @internal
 */
export function joinSigningParts(parts: readonly string[]): string {
  let out = "";
  for (let index = 0; index < parts.length; index++) out += parts[index] as string;
  return out;
}

/**
 * {@link attestationSigningParts} of the record `executeFromSignals` builds: a plain object made
 * there with every attestation field (provenance only when `withProvenance`), `signature` among
 * them, all plain JSON, and a decision object of the usual form made there too. Its members are
 * therefore known without being listed, and a decision equal to the last one laid out is reused
 * without its form being checked again.
 *
 * @param record - the attestation record under construction
 * @param withProvenance - whether it has a `provenance` member
 * @returns the pieces
 * @throws CanonicalizationError as attestationSigningInput
 * @internal
 */
export function ownRecordSigningParts(
  record: Readonly<Record<string, unknown>>,
  withProvenance: boolean,
): readonly string[] {
  const present = withProvenance ? ALL_MEMBERS : ALL_MEMBERS & ~PROVENANCE_BIT;
  return layOutOnce(record, present, true) ?? attestationSigningParts(record);
}

/** The pieces of a record with only attestation members, or undefined for the general path. */
function partsOf(record: Readonly<Record<string, unknown>>): string[] | undefined {
  const present = signedMembersOf(record);
  if (present === undefined) return undefined;
  return layOutOnce(record, present, false);
}

/** layOut with the run cache, or without it in a nested call (see `laying`). */
function layOutOnce(
  record: Readonly<Record<string, unknown>>,
  present: number,
  own: boolean,
): string[] | undefined {
  if (laying) return layOut(record, present, false, own);
  laying = true;
  try {
    return layOut(record, present, true, own);
  } finally {
    laying = false;
  }
}

/**
 * The signing input of a record with only attestation members (`present`), laid out member by
 * member as pieces; undefined when a member is `undefined` (the general path throws
 * canonicalize's error).
 */
function layOut(
  record: Readonly<Record<string, unknown>>,
  present: number,
  withRuns: boolean,
  own: boolean,
): string[] | undefined {
  const parts: string[] = [ENVELOPE_START];
  let first = true;
  let runStart = 0;
  let runLength = 0;
  for (let index = 0; index < SIGNED_MEMBERS.length; index++) {
    // Own enumerable members only, as canonicalize (Object.keys, then each value) sees them.
    if ((present & (1 << index)) === 0) continue;
    const field = (SIGNED_MEMBERS[index] as readonly [string, string])[0];
    const value = record[field];
    // canonicalize refuses undefined members; keep that (the general path throws the same error).
    if (value === undefined) return undefined;
    let changed = false;
    if (typeof value === "string") {
      if (lastStrings[index] !== value) {
        const text = canonicalize(value);
        lastPieces[index] = `${MEMBER_PIECE_STARTS[index] as string}${text}`;
        lastTexts[index] = text;
        lastStrings[index] = value;
        lastValueTexts[index] = undefined;
        changed = true;
      }
    } else {
      const text =
        field !== "decision"
          ? canonicalize(value)
          : own && isLastDecision(value as OwnDecision)
            ? lastDecisionText
            : canonicalDecision(value);
      if (lastValueTexts[index] !== text) {
        lastPieces[index] = `${MEMBER_PIECE_STARTS[index] as string}${text}`;
        lastTexts[index] = text;
        lastValueTexts[index] = text;
        changed = true;
      }
      // The piece is no longer the last string's: a string in this member is rebuilt.
      lastStrings[index] = undefined;
    }
    if (withRuns && !changed) {
      if (runLength === 0) runStart = index;
      runPieces[runLength++] = lastPieces[index] as string;
      continue;
    }
    if (runLength > 0) {
      parts.push(runText(runStart, runLength, first));
      first = false;
      runLength = 0;
    }
    // `,"name":` (`"name":` for the first member), then the value's text: two flat pieces.
    const member = SIGNED_MEMBERS[index] as readonly [string, string];
    parts.push(
      first ? member[1] : (MEMBER_PIECE_STARTS[index] as string),
      lastTexts[index] as string,
    );
    first = false;
  }
  if (runLength > 0) parts.push(runText(runStart, runLength, first));
  parts.push(ENVELOPE_END);
  return parts;
}

/** The text of the `length` pieces in `runPieces`, the run starting at member `start`. */
function runText(start: number, length: number, opening: boolean): string {
  let run = runs[start];
  if (run === undefined || !sameRun(run.pieces, length)) {
    const pieces = runPieces.slice(0, length);
    // join makes one flat string (concatenation would make a tree of them).
    const text = pieces.join("");
    run = { pieces, text, opening: text.slice(1) };
    runs[start] = run;
  }
  return opening ? run.opening : run.text;
}

function sameRun(pieces: readonly string[], length: number): boolean {
  if (pieces.length !== length) return false;
  for (let index = 0; index < length; index++) {
    if (pieces[index] !== runPieces[index]) return false;
  }
  return true;
}

// The canonical text of the last decision seen, by content: decisions repeat (one per rule).
let lastAction: string | undefined;
let lastReason: string | undefined;
let lastRequiresOverride: boolean | undefined;
let lastDecisionText = "";

/** The decision object executeFromSignals makes. */
interface OwnDecision {
  readonly action: string;
  readonly reason: string;
  readonly requires_override: boolean;
}

/** Members equal to the last decision laid out (whose text was made from exactly these). */
function isLastDecision(decision: OwnDecision): boolean {
  return (
    lastAction !== undefined &&
    decision.action === lastAction &&
    decision.reason === lastReason &&
    decision.requires_override === lastRequiresOverride
  );
}

/**
 * `canonicalize(decision)`. A decision of the usual form (a plain object with exactly the string
 * members `action` and `reason` and the boolean `requires_override`) is laid out from those
 * values, each read once, in RFC 8785 member order (`action`, then `reason`, then `requires_override`): the
 * same bytes, without sorting its names. Anything else takes `canonicalize` as it is.
 */
function canonicalDecision(value: unknown): string {
  const members = usualDecision(value);
  // Anything else (and lone surrogates): canonicalize as it is, with its own errors and paths.
  if (members === undefined) return canonicalize(value);
  const [action, reason, requiresOverride] = members;
  if (action !== lastAction || reason !== lastReason || requiresOverride !== lastRequiresOverride) {
    lastDecisionText = `{"action":${canonicalize(action)},"reason":${canonicalize(reason)},"requires_override":${requiresOverride ? "true" : "false"}}`;
    lastAction = action;
    lastReason = reason;
    lastRequiresOverride = requiresOverride;
  }
  return lastDecisionText;
}

/** The members of a decision of the usual form, each read once; undefined for anything else. */
function usualDecision(value: unknown): [string, string, boolean] | undefined {
  try {
    if (
      typeof value !== "object" ||
      value === null ||
      Object.getPrototypeOf(value) !== Object.prototype ||
      !hasDecisionMembers(value)
    ) {
      return undefined;
    }
    const {
      action,
      reason,
      requires_override: requiresOverride,
    } = value as Record<string, unknown>;
    return typeof action === "string" &&
      typeof reason === "string" &&
      typeof requiresOverride === "boolean" &&
      action.isWellFormed() &&
      reason.isWellFormed()
      ? [action, reason, requiresOverride]
      : undefined;
  } catch {
    // A throwing getter or Proxy trap: canonicalize reads it again and reports it (CANONICAL-011).
    return undefined;
  }
}

const DECISION_MEMBERS: ReadonlySet<string> = new Set(["action", "reason", "requires_override"]);

/** Own enumerable names exactly action, reason and requires_override, and no symbol keys. */
function hasDecisionMembers(value: object): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === 3 &&
    DECISION_MEMBERS.has(keys[0] as string) &&
    DECISION_MEMBERS.has(keys[1] as string) &&
    DECISION_MEMBERS.has(keys[2] as string) &&
    Object.getOwnPropertySymbols(value).length === 0
  );
}

/**
 * The signed members a record has, as bits of {@link SIGNED_MEMBERS} indexes, read from its own
 * enumerable names (Object.keys, as canonicalize reads them); undefined unless the record is a
 * plain object with only attestation fields and no symbol keys.
 */
function signedMembersOf(record: Readonly<Record<string, unknown>>): number | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  const proto: unknown = Object.getPrototypeOf(record);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(record);
  let present: number | undefined;
  if (sameNames(keys, lastNames)) {
    present = lastPresent;
  } else {
    present = 0;
    for (let index = 0; index < keys.length; index++) {
      const bit = MEMBER_BITS.get(keys[index] as string);
      if (bit === undefined) return undefined;
      present |= bit;
    }
    lastNames = keys;
    lastPresent = present;
  }
  return Object.getOwnPropertySymbols(record).length === 0 ? present : undefined;
}

// The names of the last record whose names were all attestation fields, and its bits: records of
// one layout come one after another, and comparing names costs less than looking each one up.
// The names array is never changed once kept.
let lastNames: readonly string[] = [];
let lastPresent = 0;

function sameNames(names: readonly string[], known: readonly string[]): boolean {
  if (names.length !== known.length) return false;
  for (let index = 0; index < names.length; index++) {
    if (names[index] !== known[index]) return false;
  }
  return true;
}
