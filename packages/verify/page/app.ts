// The offline verification page: reads attestations and a key or trust root from the form, runs
// @parmanasystems/verify, and shows each check in plain words. Every value from the input is
// written with textContent, never as markup.
import {
  importPublicKey,
  verifyAttestation,
  type AttestationVerificationResult,
  type VerifyAttestationOptions,
} from "../src/index.js";

/** Largest input read, per file or pasted text: bigger files are refused unread. */
const MAX_INPUT_BYTES = 10 * 1024 * 1024;
/** Deepest JSON nesting accepted (attestations nest three levels). */
const MAX_DEPTH = 64;
/** Results shown one by one; beyond that only the summary counts them. */
const MAX_SHOWN = 500;

const CHECKS: readonly (readonly [
  keyof AttestationVerificationResult["checks"],
  string,
  string,
  string,
])[] = [
  [
    "signature_verified",
    "Signature",
    "Signed by the key you gave, and unchanged since it was signed.",
    "The signature does not match: the record was changed after signing, or a different key signed it.",
  ],
  [
    "runtime_verified",
    "Runtime identity",
    "Decided by a Parmana runtime this page trusts.",
    "Decided by a runtime this page does not know (add its runtime hash if you trust it).",
  ],
  [
    "schema_compatible",
    "Schema version",
    "Its schema version is supported.",
    "Its schema version is not supported by this page.",
  ],
  [
    "governed",
    "Well-formed record",
    "Every field is present and in its expected format.",
    "Fields are missing, extra or malformed.",
  ],
];

// Plain-language reasons for the codes a verification reports.
const REASONS: Readonly<Record<string, string>> = {
  "INV-VERIFY-001": "A field is missing or has the wrong type, or the input is not an attestation.",
  "INV-VERIFY-002": "The signature does not verify with this key.",
  "INV-VERIFY-003": "The verifier failed.",
  "INV-VERIFY-004": "The runtime that decided is not trusted.",
  "INV-VERIFY-005": "The runtime version does not match the trusted runtime.",
  "INV-VERIFY-006": "The schema version is not supported.",
  "INV-VERIFY-007": "The execution state contradicts whether the decision needs an override.",
  "INV-VERIFY-008": "A hash, version or time is not in its format.",
  "INV-VERIFY-012": "The record has a field that attestations do not have.",
  "INV-VERIFY-013": "The deprecated evaluatorHash differs from evaluatorSemanticHash.",
  "TRUST-020": "The signing key is not in the trust root.",
  "TRUST-021": "The signing key was revoked before this was signed.",
  "TRUST-022": "The signing key was not yet valid when this was signed.",
  "TRUST-023": "The signing key had expired when this was signed.",
  "TRUST-024": "The signing key may not sign attestations.",
  "TRUST-025": "The signing time is not a valid time, so no key can be chosen.",
  "TRUST-026": "The signature does not verify with the trust root's key.",
};

// Plain-language reasons for a key or trust root that is refused before anything is verified.
const KEY_REASONS: Readonly<Record<string, string>> = {
  "SIG-001": "The key cannot be read: paste the issuer's public key (PEM), a JWK or a trust root.",
  "SIG-002": "This is not an Ed25519 or P-256 key.",
  "SIG-003": "This is a private key. Never share it: paste the public key instead.",
  "SIG-012":
    "This is not a real public key: under it anyone could forge signatures that verify. The key was tampered with; get the issuer's key again.",
  "TRUST-001": "The trust root is not valid JSON.",
  "TRUST-002": "The trust root is not valid, so none of its keys can be trusted.",
};

/** A refused key or trust root in plain words, with its code (weak keys named as such). */
function keyProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const codes = [...message.matchAll(/\[([A-Z]+-[A-Z0-9-]+)\]/g)].map((match) => match[1]);
  const code = codes[0];
  // A trust root holding a weak key: say why, not only that the root is invalid.
  const reason =
    code === "TRUST-002" && codes.includes("SIG-012")
      ? `${KEY_REASONS["TRUST-002"]} It holds a weak key: ${KEY_REASONS["SIG-012"]}`
      : KEY_REASONS[code ?? ""];
  return reason === undefined ? message : `${reason} (${code})`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const form = byId<HTMLFormElement>("form");
const drop = byId<HTMLDivElement>("drop");
const attestationFile = byId<HTMLInputElement>("attestation-file");
const attestationText = byId<HTMLTextAreaElement>("attestation-text");
const keyText = byId<HTMLTextAreaElement>("key-text");
const keyFile = byId<HTMLInputElement>("key-file");
const runtimeHashes = byId<HTMLTextAreaElement>("runtime-hashes");
const status = byId<HTMLParagraphElement>("status");
const results = byId<HTMLDivElement>("results");

/** Files dropped on the page, verified with the next submission. */
let dropped: File[] = [];

async function readLimited(file: File): Promise<string> {
  if (file.size > MAX_INPUT_BYTES) {
    throw new Error(
      `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB`,
    );
  }
  return file.text();
}

/** Nesting depth of a JSON text, counted without parsing (strings skipped). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") deepest = Math.max(deepest, ++depth);
    else if (char === "}" || char === "]") depth--;
  }
  return deepest;
}

interface Item {
  readonly source: string;
  readonly value?: unknown;
  readonly problem?: string;
}

/** One attestation, a JSON array of them, or NDJSON (one per line). */
function parseAttestations(text: string, source: string): Item[] {
  if (text.length > MAX_INPUT_BYTES) {
    return [{ source, problem: `the text is longer than ${MAX_INPUT_BYTES / 1048576} MB` }];
  }
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (jsonDepth(trimmed) > MAX_DEPTH) {
    return [{ source, problem: `the JSON is nested deeper than ${MAX_DEPTH} levels` }];
  }
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value))
      return value.map((entry, index) => ({ source: `${source} [${index}]`, value: entry }));
    return [{ source, value }];
  } catch {
    // Not one JSON document: read it as NDJSON.
  }
  const items: Item[] = [];
  trimmed.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      items.push({ source: `${source}, line ${index + 1}`, value: JSON.parse(line) as unknown });
    } catch {
      items.push({
        source: `${source}, line ${index + 1}`,
        problem: "this line is not valid JSON",
      });
    }
  });
  return items;
}

async function readKey(): Promise<string | object> {
  let text = keyText.value.trim();
  const file = keyFile.files?.[0];
  if (text === "" && file !== undefined) text = (await readLimited(file)).trim();
  if (text === "") throw new Error("Paste or load the issuer's public key or trust root first.");
  if (text.startsWith("-----BEGIN")) return text;
  if (text.startsWith("{")) {
    if (jsonDepth(text) > MAX_DEPTH) throw new Error("The key JSON is nested too deeply.");
    const value = JSON.parse(text) as Record<string, unknown>;
    return value;
  }
  throw new Error(
    "The key must be PEM text (-----BEGIN PUBLIC KEY-----), a JWK or a trust root (JSON).",
  );
}

function describeKey(key: string | object): Promise<string> {
  if (typeof key === "object" && "keys" in key) {
    const version = (key as { trustRootVersion?: unknown }).trustRootVersion;
    return Promise.resolve(`trust root ${typeof version === "string" ? version : "(unnamed)"}`);
  }
  return importPublicKey(key as string).then(
    (imported) => `${imported.algorithm} key ${imported.keyId}`,
  );
}

function field(record: unknown, ...path: string[]): string | undefined {
  let value: unknown = record;
  for (const name of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return typeof value === "string" ? value : undefined;
}

function mark(passed: boolean): HTMLSpanElement {
  const span = element("span", passed ? "✓ " : "✗ ", passed ? "pass" : "fail");
  span.setAttribute("aria-hidden", "true");
  return span;
}

function renderResult(
  index: number,
  item: Item,
  result: AttestationVerificationResult | undefined,
  problem?: string,
): HTMLElement {
  const valid = result?.valid === true;
  const article = element("article", undefined, valid ? "valid" : "invalid");
  article.dataset["verdict"] = valid ? "valid" : "invalid";
  const heading = element("h3");
  heading.append(mark(valid), element("span", valid ? "Valid" : "Not valid", "verdict"));
  const executionId = field(item.value, "executionId");
  heading.append(document.createTextNode(` — ${executionId ?? item.source}`));
  article.append(heading);
  article.setAttribute("aria-label", `Result ${index + 1}: ${valid ? "valid" : "not valid"}`);

  const facts = element("dl");
  const add = (name: string, value: string | undefined): void => {
    if (value === undefined) return;
    facts.append(element("dt", name), element("dd", value));
  };
  add("Source", item.source);
  add("Decision", field(item.value, "decision", "action"));
  add("Reason", field(item.value, "decision", "reason"));
  add("State", field(item.value, "execution_state"));
  const policyId = field(item.value, "policyId");
  const policyVersion = field(item.value, "policyVersion");
  add("Policy", policyId === undefined ? undefined : `${policyId} ${policyVersion ?? ""}`.trim());
  add("Issued at", field(item.value, "issuedAt"));
  add("Signed by", field(item.value, "signerKeyId"));
  article.append(facts);

  if (problem !== undefined || result === undefined) {
    article.append(element("p", `Could not be verified: ${problem ?? "unknown problem"}.`, "fail"));
    return article;
  }
  const list = element("ul");
  for (const [check, name, passText, failText] of CHECKS) {
    const passed = result.checks[check];
    const entry = element("li");
    entry.dataset["check"] = check;
    entry.dataset["passed"] = String(passed);
    entry.append(mark(passed), element("span", passed ? "Passed: " : "Failed: ", "sr-only"));
    entry.append(
      element("strong", `${name}: `),
      document.createTextNode(passed ? passText : failText),
    );
    list.append(entry);
  }
  article.append(list);
  if (result.errors.length > 0 || result.warnings.length > 0) {
    const reasons = element("ul");
    reasons.setAttribute("aria-label", "Reasons");
    for (const message of [...result.errors, ...result.warnings]) {
      const code = /^\[([A-Z]+-[A-Z0-9-]+)\]/.exec(message)?.[1];
      const entry = element("li", REASONS[code ?? ""] ?? message.replace(/^\[[^\]]+\]\s*/, ""));
      if (code !== undefined) entry.append(element("code", ` (${code})`));
      reasons.append(entry);
    }
    const details = element("details");
    details.append(element("summary", "Technical details"));
    for (const message of [...result.errors, ...result.warnings])
      details.append(element("p", message));
    article.append(reasons, details);
  }
  return article;
}

async function collectItems(): Promise<Item[]> {
  const items: Item[] = [];
  const files = [...(attestationFile.files ?? []), ...dropped];
  for (const file of files) {
    try {
      items.push(...parseAttestations(await readLimited(file), file.name));
    } catch (error) {
      items.push({
        source: file.name,
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
  items.push(...parseAttestations(attestationText.value, "pasted text"));
  return items;
}

async function verifyAll(): Promise<void> {
  results.replaceChildren();
  status.textContent = "Verifying…";
  let key: string | object;
  let keyName: string;
  try {
    key = await readKey();
    keyName = await describeKey(key);
  } catch (error) {
    status.textContent = `Cannot use the key: ${keyProblem(error)}`;
    return;
  }
  const items = await collectItems();
  if (items.length === 0) {
    status.textContent = "Choose, drop or paste at least one attestation.";
    return;
  }
  const hashes = runtimeHashes.value.split(/\s+/).filter((line) => line !== "");
  const options: VerifyAttestationOptions =
    hashes.length > 0 ? { trustedRuntimeHashes: hashes } : {};
  let valid = 0;
  const fragment = document.createDocumentFragment();
  for (const [index, item] of items.entries()) {
    let result: AttestationVerificationResult | undefined;
    let problem = item.problem;
    if (problem === undefined) {
      try {
        result = await verifyAttestation(item.value, key as string, options);
      } catch (error) {
        problem = keyProblem(error);
      }
    }
    if (result?.valid === true) valid++;
    if (index < MAX_SHOWN) fragment.append(renderResult(index, item, result, problem));
  }
  results.append(fragment);
  const more = items.length > MAX_SHOWN ? ` (the first ${MAX_SHOWN} are shown)` : "";
  status.textContent = `${items.length} checked with ${keyName}: ${valid} valid, ${items.length - valid} not valid${more}.`;
  status.dataset["valid"] = String(valid);
  status.dataset["invalid"] = String(items.length - valid);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  verifyAll().catch((error: unknown) => {
    status.textContent = `Verification stopped: ${error instanceof Error ? error.message : String(error)}`;
  });
});

drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
document.addEventListener("dragover", (event) => event.preventDefault());
document.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  dropped = [...(event.dataTransfer?.files ?? [])];
  status.textContent = `${dropped.length} file${dropped.length === 1 ? "" : "s"} dropped: ${dropped
    .map((file) => file.name)
    .join(", ")}. Press Verify.`;
  verifyAll().catch(() => undefined);
});
