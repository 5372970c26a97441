// Platform-neutral (no node: import): shared as source with @parmanasystems/verify. Parsing a
// public key and hashing a root are the caller's part, given as a TrustRootInspector.
import { decodeBase64Strict } from "../../crypto/base64.js";
import { ParmanaError, TrustError } from "../../errors/parmana-error.js";
import { isPrefixedHash } from "../../hashing/internal/prefixed-hash.js";
import { parseInstant } from "../../internal/iso-time.js";
import { TRUST_KEY_PURPOSES } from "../trust-key-purposes.js";
import type { TrustRootProblem } from "../trust-root.types.js";
import { isObjectRecord } from "../../internal/type-checks.js";

/** The two facts about a trust root that need cryptography. */
export interface TrustRootInspector {
  /** The algorithm of a PEM public key; throws (a ParmanaError saying why) when unusable. */
  publicKeyAlgorithm(pem: string): string;
  /** `computeTrustRootHash` of the root; throws when it is not plain JSON. */
  rootHash(root: Record<string, unknown>): string;
}

const ROOT_MEMBERS = new Set(["trustRootVersion", "keys", "trustedRuntimeHashes", "rotations"]);
const KEY_MEMBERS = new Set([
  "keyId",
  "algorithm",
  "publicKey",
  "purposes",
  "validFrom",
  "validUntil",
  "revokedAt",
  "description",
]);
const RECORD_MEMBERS = new Set([
  "fromVersion",
  "toVersion",
  "previousRootHash",
  "newRootHash",
  "rotatedAt",
  "signedBy",
  "signature",
]);
const ALGORITHMS = new Set(["ed25519", "ecdsa-p256-sha256"]);
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,63}$/;

/**
 * Every problem with a trust root (see `validateTrustRoot`), with the key parsing and root
 * hashing of `inspector`.
 *
 * @internal
 */
export function trustRootProblems(
  value: unknown,
  inspector: TrustRootInspector,
): TrustRootProblem[] {
  const problems: TrustRootProblem[] = [];
  const add = (code: string, path: string, message: string): void => {
    problems.push({ code, path, message });
  };
  if (!isObjectRecord(value)) {
    add("TRUST-013", "$", "a trust root must be a JSON object");
    return problems;
  }
  for (const key of Object.keys(value))
    if (!ROOT_MEMBERS.has(key)) add("TRUST-014", `$.${key}`, `unknown member ${key}`);

  if (!isVersion(value["trustRootVersion"])) {
    add(
      "TRUST-003",
      "$.trustRootVersion",
      "trustRootVersion must be a non-empty string of letters, digits and . _ : + -",
    );
  }
  checkKeys(value["keys"], add, inspector);

  const hashes = value["trustedRuntimeHashes"];
  if (!Array.isArray(hashes)) {
    add(
      "TRUST-011",
      "$.trustedRuntimeHashes",
      'trustedRuntimeHashes must be a list of "sha256:<hex>" runtime hashes (it may be empty)',
    );
  } else {
    hashes.forEach((hash, index) => {
      if (!isPrefixedHash(hash))
        add(
          "TRUST-011",
          `$.trustedRuntimeHashes[${index}]`,
          'not a "sha256:<64 lowercase hex>" hash',
        );
    });
  }

  if (value["rotations"] !== undefined)
    checkRotations(value, add, problems.length === 0, inspector);
  return problems;
}

type Add = (code: string, path: string, message: string) => void;

function checkKeys(keys: unknown, add: Add, inspector: TrustRootInspector): void {
  if (!Array.isArray(keys) || keys.length === 0) {
    add("TRUST-004", "$.keys", "keys must be a non-empty list of key objects");
    return;
  }
  const seen = new Set<string>();
  keys.forEach((key: unknown, index) => {
    const path = `$.keys[${index}]`;
    if (!isObjectRecord(key)) {
      add("TRUST-004", path, "each key must be an object");
      return;
    }
    for (const member of Object.keys(key))
      if (!KEY_MEMBERS.has(member))
        add("TRUST-014", `${path}.${member}`, `unknown member ${member}`);
    const keyId = key["keyId"];
    if (typeof keyId !== "string" || !KEY_ID.test(keyId)) {
      add(
        "TRUST-005",
        `${path}.keyId`,
        "keyId must be 1-128 characters: letters, digits and . _ : @ / + -",
      );
    } else if (seen.has(keyId)) {
      add("TRUST-006", `${path}.keyId`, `keyId ${keyId} appears more than once`);
    } else {
      seen.add(keyId);
    }
    checkAlgorithmAndKey(key, path, add, inspector);
    checkPurposes(key["purposes"], `${path}.purposes`, add);
    checkValidity(key, path, add);
    if (key["description"] !== undefined && typeof key["description"] !== "string") {
      add("TRUST-004", `${path}.description`, "description must be a string");
    }
  });
}

function checkAlgorithmAndKey(
  key: Record<string, unknown>,
  path: string,
  add: Add,
  inspector: TrustRootInspector,
): void {
  const algorithm = key["algorithm"];
  const algorithmKnown = typeof algorithm === "string" && ALGORITHMS.has(algorithm);
  if (!algorithmKnown)
    add(
      "TRUST-007",
      `${path}.algorithm`,
      `algorithm must be "ed25519" or "ecdsa-p256-sha256", got ${JSON.stringify(algorithm) ?? "nothing"}`,
    );
  const publicKey = key["publicKey"];
  if (typeof publicKey !== "string" || !publicKey.includes("-----BEGIN PUBLIC KEY-----")) {
    add(
      "TRUST-008",
      `${path}.publicKey`,
      publicKey !== undefined && String(publicKey).includes("PRIVATE KEY")
        ? "publicKey holds a private key; a trust root must only ever contain public keys"
        : "publicKey must be a PEM SPKI public key (-----BEGIN PUBLIC KEY-----)",
    );
    return;
  }
  let parsedAlgorithm: string;
  try {
    parsedAlgorithm = inspector.publicKeyAlgorithm(publicKey);
  } catch (error) {
    add(
      "TRUST-008",
      `${path}.publicKey`,
      `publicKey cannot be used: ${ParmanaError.isInstance(error) ? error.message : "unparseable PEM"}`,
    );
    return;
  }
  if (algorithmKnown && parsedAlgorithm !== algorithm) {
    add(
      "TRUST-008",
      `${path}.publicKey`,
      `publicKey is an ${parsedAlgorithm} key but algorithm says ${String(algorithm)}`,
    );
  }
}

function checkPurposes(purposes: unknown, path: string, add: Add): void {
  if (!Array.isArray(purposes) || purposes.length === 0) {
    add(
      "TRUST-009",
      path,
      `purposes must be a non-empty list of: ${TRUST_KEY_PURPOSES.join(", ")}`,
    );
    return;
  }
  const seen = new Set<unknown>();
  purposes.forEach((purpose: unknown, index) => {
    if (
      typeof purpose !== "string" ||
      !(TRUST_KEY_PURPOSES as readonly string[]).includes(purpose)
    ) {
      add(
        "TRUST-009",
        `${path}[${index}]`,
        `unknown purpose ${JSON.stringify(purpose) ?? "undefined"}; use one of: ${TRUST_KEY_PURPOSES.join(", ")}`,
      );
    } else if (seen.has(purpose)) {
      add("TRUST-009", `${path}[${index}]`, `purpose ${purpose} is listed twice`);
    }
    seen.add(purpose);
  });
}

function checkValidity(key: Record<string, unknown>, path: string, add: Add): void {
  const validFrom = parseInstant(key["validFrom"]);
  if (validFrom === undefined)
    add(
      "TRUST-010",
      `${path}.validFrom`,
      "validFrom must be an RFC 3339 instant such as 2026-01-01T00:00:00Z",
    );
  for (const name of ["validUntil", "revokedAt"] as const) {
    if (key[name] !== undefined && parseInstant(key[name]) === undefined) {
      add(
        "TRUST-010",
        `${path}.${name}`,
        `${name} must be an RFC 3339 instant such as 2026-01-01T00:00:00Z`,
      );
    }
  }
  const validUntil = parseInstant(key["validUntil"]);
  if (validFrom !== undefined && validUntil !== undefined && validUntil <= validFrom) {
    add("TRUST-010", `${path}.validUntil`, "validUntil must be later than validFrom");
  }
}

function checkRotations(
  root: Record<string, unknown>,
  add: Add,
  rootValid: boolean,
  inspector: TrustRootInspector,
): void {
  const rotations = root["rotations"];
  if (!Array.isArray(rotations) || rotations.length === 0) {
    add(
      "TRUST-012",
      "$.rotations",
      "rotations must be a non-empty list of rotation records when present",
    );
    return;
  }
  let recordsValid = true;
  rotations.forEach((record: unknown, index) => {
    const path = `$.rotations[${index}]`;
    if (!isObjectRecord(record)) {
      add("TRUST-012", path, "each rotation record must be an object");
      recordsValid = false;
      return;
    }
    for (const member of Object.keys(record))
      if (!RECORD_MEMBERS.has(member))
        add("TRUST-014", `${path}.${member}`, `unknown member ${member}`);
    const fieldProblems: string[] = [];
    if (!isVersion(record["fromVersion"])) fieldProblems.push("fromVersion");
    if (!isVersion(record["toVersion"])) fieldProblems.push("toVersion");
    if (!isPrefixedHash(record["previousRootHash"])) fieldProblems.push("previousRootHash");
    if (!isPrefixedHash(record["newRootHash"])) fieldProblems.push("newRootHash");
    if (parseInstant(record["rotatedAt"]) === undefined) fieldProblems.push("rotatedAt");
    if (typeof record["signedBy"] !== "string" || !KEY_ID.test(record["signedBy"]))
      fieldProblems.push("signedBy");
    if (
      typeof record["signature"] !== "string" ||
      decodeBase64Strict(record["signature"]) === undefined
    )
      fieldProblems.push("signature");
    for (const field of fieldProblems)
      add("TRUST-012", `${path}.${field}`, `${field} is missing or malformed`);
    if (fieldProblems.length > 0) recordsValid = false;
  });
  if (!recordsValid) return;
  const records = rotations as Record<string, string>[];
  for (let index = 1; index < records.length; index++) {
    const previous = records[index - 1] as Record<string, string>;
    const current = records[index] as Record<string, string>;
    if (
      current["fromVersion"] !== previous["toVersion"] ||
      current["previousRootHash"] !== previous["newRootHash"]
    ) {
      add(
        "TRUST-012",
        `$.rotations[${index}]`,
        "the record does not continue from the one before it (fromVersion/previousRootHash)",
      );
    }
    if (
      (parseInstant(current["rotatedAt"]) as number) <
      (parseInstant(previous["rotatedAt"]) as number)
    ) {
      add("TRUST-012", `$.rotations[${index}].rotatedAt`, "rotations must be listed in time order");
    }
  }
  const last = records[records.length - 1] as Record<string, string>;
  if (last["toVersion"] !== root["trustRootVersion"]) {
    add(
      "TRUST-012",
      `$.rotations[${records.length - 1}].toVersion`,
      "the last rotation record must lead to this root's trustRootVersion",
    );
  }
  // The hash is only meaningful once the rest of the root is well formed.
  if (rootValid && last["newRootHash"] !== safeRootHash(root, inspector)) {
    add(
      "TRUST-012",
      `$.rotations[${records.length - 1}].newRootHash`,
      "the last rotation record names a different root hash than this root's",
    );
  }
}

function safeRootHash(
  root: Record<string, unknown>,
  inspector: TrustRootInspector,
): string | undefined {
  try {
    return inspector.rootHash(root);
  } catch {
    return undefined;
  }
}

function isVersion(value: unknown): value is string {
  return typeof value === "string" && VERSION.test(value);
}

/**
 * The `TRUST-002` error for an invalid root: the first problem in the message, all of them in
 * `details.problems`.
 *
 * @internal
 */
export function invalidTrustRootError(
  problems: readonly TrustRootProblem[],
  extraDetails: Record<string, unknown> = {},
): TrustError {
  const first = problems[0] as TrustRootProblem;
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})`
      : "";
  return new TrustError(
    "TRUST-002",
    `invalid trust root: [${first.code}] ${first.path}: ${first.message}${more}`,
    { details: { problems, ...extraDetails } },
  );
}
