import { StoreError, type Clock, type ParmanaError } from "@parmanasystems/core";
import { readClockInstant } from "@parmanasystems/core/internal";
import type { VaultVerifierOptions } from "./vault-options.types.js";

/** Validated connection settings every part of the adapter works from. */
export interface VaultConfig {
  readonly address: string;
  readonly keyName: string;
  readonly mount: string;
  readonly namespace: string | undefined;
  readonly auth:
    | { readonly kind: "token"; readonly token: string }
    | {
        readonly kind: "approle";
        readonly roleId: string;
        readonly secretId: string;
        readonly mount: string;
      };
  readonly timeoutMs: number;
  readonly ca: readonly string[] | undefined;
  /** The current time in epoch milliseconds, from the `clock` option (STORE-001 when it misbehaves). */
  readonly now: () => number;
  /** `vault:[<namespace>/]<mount>/<key>`: the key part of every signerKeyId. */
  readonly keyIdBase: string;
}

export const DEFAULT_TIMEOUT_MS: number = 10_000;
const MAX_TIMEOUT_MS = 600_000;

const CONNECTION_OPTIONS = [
  "address",
  "keyName",
  "mount",
  "namespace",
  "auth",
  "timeoutMs",
  "operationTimeoutMs",
  "ca",
  "clock",
] as const;
const VERIFIER_OPTIONS = [...CONNECTION_OPTIONS, "mode", "onDiagnostic", "keyCacheTtlMs"] as const;

// One path segment of a mount, namespace or key name. Narrower than Vault allows on purpose:
// these names end up in URLs and in signerKeyId, where they must need no escaping.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// Vault tokens, role ids and secret ids are visible ASCII. Anything else (a newline left by
// reading a file, a space) would be refused by fetch with the value in the error message.
const CREDENTIAL = /^[\x21-\x7e]+$/;

/** Builds the config of the positional form `(vaultAddr, token, keyName)`. */
export function resolvePositional(
  vaultAddr: unknown,
  token: unknown,
  keyName: unknown,
): VaultConfig {
  return resolveConnection({ address: vaultAddr, token, keyName }, "positional");
}

/** Validates the options form of a signer. */
export function resolveSignerOptions(options: unknown): VaultConfig {
  checkKnown(options, CONNECTION_OPTIONS);
  return resolveConnection(options as Record<string, unknown>, "options");
}

/** Validated verifier settings. */
export interface VaultVerifierConfig {
  readonly connection: VaultConfig;
  readonly mode: "local" | "remote";
  readonly onDiagnostic: ((diagnostic: ParmanaError) => void) | undefined;
  readonly keyCacheTtlMs: number;
}

/** Validates the options form of a verifier. */
export function resolveVerifierOptions(options: unknown): VaultVerifierConfig {
  checkKnown(options, VERIFIER_OPTIONS);
  const record = options as VaultVerifierOptions;
  const connection = resolveConnection(options as Record<string, unknown>, "options");
  return {
    connection,
    ...verifierExtras(record),
  };
}

/** The verifier defaults for the positional form. */
export function verifierExtras(record: Partial<VaultVerifierOptions>): {
  mode: "local" | "remote";
  onDiagnostic: VaultVerifierConfig["onDiagnostic"];
  keyCacheTtlMs: number;
} {
  const mode = record.mode ?? "local";
  if (mode !== "local" && mode !== "remote") invalid(`mode must be "local" or "remote"`);
  if (record.onDiagnostic !== undefined && typeof record.onDiagnostic !== "function") {
    invalid("onDiagnostic must be a function");
  }
  const keyCacheTtlMs = record.keyCacheTtlMs ?? 300_000;
  if (!Number.isSafeInteger(keyCacheTtlMs) || keyCacheTtlMs < 0) {
    invalid("keyCacheTtlMs must be a non-negative integer number of milliseconds");
  }
  return { mode, onDiagnostic: record.onDiagnostic, keyCacheTtlMs };
}

function resolveConnection(
  record: Record<string, unknown>,
  form: "positional" | "options",
): VaultConfig {
  const address = resolveAddress(
    record["address"],
    form === "positional" ? "vaultAddr" : "address",
  );
  const keyName = record["keyName"];
  if (typeof keyName !== "string" || !SEGMENT.test(keyName)) {
    invalid("keyName must be a Transit key name of letters, digits, '.', '_' and '-'");
  }
  const mount = resolvePath(record["mount"] ?? "transit", "mount");
  const namespace =
    record["namespace"] === undefined ? undefined : resolvePath(record["namespace"], "namespace");
  const auth =
    form === "positional" ? resolveToken(record["token"], "token") : resolveAuth(record["auth"]);
  const timeoutMs = resolveTimeout(record["timeoutMs"], record["operationTimeoutMs"]);
  const ca = resolveCa(record["ca"], address);
  const clock = record["clock"];
  if (clock !== undefined && typeof clock !== "function") {
    invalid("clock must be a function returning a Date or epoch milliseconds");
  }
  return {
    address,
    keyName,
    mount,
    namespace,
    auth,
    timeoutMs,
    ca,
    now: clock === undefined ? Date.now : () => readInjectedClock(clock as Clock),
    keyIdBase: `vault:${namespace === undefined ? "" : `${namespace}/`}${mount}/${keyName}`,
  };
}

function resolveAddress(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length === 0) invalid(`${name} must be a URL string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid(`${name} must be an absolute http(s) URL such as https://vault.internal:8200`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    invalid(`${name} must use http or https`);
  }
  if (url.username !== "" || url.password !== "") {
    // Never echo the URL: it holds a credential.
    invalid(`${name} must not contain credentials; use auth instead`);
  }
  if (url.search !== "" || url.hash !== "") invalid(`${name} must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function resolvePath(value: unknown, name: string): string {
  if (typeof value !== "string") invalid(`${name} must be a string`);
  const trimmed = value.replace(/^\/+|\/+$/g, "");
  const segments = trimmed.split("/");
  if (trimmed.length === 0 || !segments.every((segment) => SEGMENT.test(segment))) {
    invalid(`${name} must be path segments of letters, digits, '.', '_' and '-'`);
  }
  return trimmed;
}

function resolveAuth(value: unknown): VaultConfig["auth"] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    invalid("auth must be { token } or { roleId, secretId, mount? }");
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if ("token" in record) {
    if (keys.length !== 1) invalid("auth { token } takes no other field");
    return resolveToken(record["token"], "auth.token");
  }
  const unknown = keys.filter((key) => !["roleId", "secretId", "mount"].includes(key));
  if (unknown.length > 0) invalid(`auth has unknown field(s): ${unknown.join(", ")}`);
  checkCredential(record["roleId"], "auth.roleId");
  checkCredential(record["secretId"], "auth.secretId");
  return {
    kind: "approle",
    roleId: record["roleId"] as string,
    secretId: record["secretId"] as string,
    mount: resolvePath(record["mount"] ?? "approle", "auth.mount"),
  };
}

function resolveToken(value: unknown, name: string): VaultConfig["auth"] {
  checkCredential(value, name);
  return { kind: "token", token: value as string };
}

function checkCredential(value: unknown, name: string): void {
  if (typeof value !== "string" || value.length === 0)
    invalid(`${name} must be a non-empty string`);
  if (!CREDENTIAL.test(value)) {
    // The value is a secret: say what is wrong with it, never what it is.
    invalid(
      `${name} contains whitespace or a control character (a trailing newline read from a file?); it was not sent`,
    );
  }
}

function resolveTimeout(timeoutMs: unknown, operationTimeoutMs: unknown): number {
  if (
    timeoutMs !== undefined &&
    operationTimeoutMs !== undefined &&
    timeoutMs !== operationTimeoutMs
  ) {
    invalid("give timeoutMs or operationTimeoutMs, not two different values");
  }
  const value = timeoutMs ?? operationTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (
    !Number.isSafeInteger(value) ||
    (value as number) <= 0 ||
    (value as number) > MAX_TIMEOUT_MS
  ) {
    invalid(`timeoutMs must be an integer number of milliseconds in 1..${MAX_TIMEOUT_MS}`);
  }
  return value as number;
}

function resolveCa(value: unknown, address: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === "string" ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((item) => typeof item === "string" && item.includes("BEGIN CERTIFICATE"))
  ) {
    invalid("ca must be PEM certificate text or a non-empty array of them");
  }
  if (!address.startsWith("https:")) invalid("ca is only meaningful with an https address");
  return Object.freeze([...(list as string[])]);
}

function checkKnown(options: unknown, known: readonly string[]): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    invalid("options must be an object");
  }
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    invalid(`unknown option(s): ${unknown.join(", ")}; known options are ${known.join(", ")}`);
  }
}

// An injected clock is read at every use (token renewal, key-cache age); a reading that is not a
// valid time, or a clock that throws, is the same configuration error as a clock of the wrong type.
function readInjectedClock(clock: Clock): number {
  let ms: number | undefined;
  try {
    ms = readClockInstant(clock, "date-or-epoch-ms");
  } catch (error) {
    throw new StoreError("STORE-001", "clock threw instead of returning the current time", {
      cause: error,
    });
  }
  if (ms === undefined) {
    invalid("clock must return a valid Date or epoch milliseconds");
  }
  return ms;
}

function invalid(message: string): never {
  throw new StoreError("STORE-001", message);
}
