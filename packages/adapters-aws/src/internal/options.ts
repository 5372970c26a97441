import { StoreError, type Clock } from "@parmanasystems/core";
import { describeValue, readClockInstant } from "@parmanasystems/core/internal";

export type { Clock };

/**
 * Refuses option names the adapter does not know (a misspelt `reservationTTLMs` would otherwise
 * be ignored silently and the default used).
 *
 * @throws StoreError `STORE-001` naming the unknown option
 */
export function checkOptionNames(
  options: unknown,
  allowed: readonly string[],
  owner: string,
): asserts options is Record<string, unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new StoreError("STORE-001", `${owner} options must be an object`);
  }
  for (const name of Object.keys(options)) {
    if (!allowed.includes(name)) {
      throw new StoreError(
        "STORE-001",
        `${owner} does not know the option "${name}" (known: ${allowed.join(", ")})`,
        { details: { option: name } },
      );
    }
  }
}

/** A positive whole number of milliseconds, or the default. */
export function positiveMs(value: unknown, fallback: number, name: string, owner: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new StoreError(
      "STORE-001",
      `${owner} option ${name} must be a positive whole number of milliseconds, got ${describeValue(value)}`,
      { details: { option: name } },
    );
  }
  return value;
}

/** A non-empty string (a table name, a key id, a region). */
export function nonEmptyString(value: unknown, name: string, owner: string): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    throw new StoreError(
      "STORE-001",
      `${owner} needs ${name} as a non-empty string, got ${describeValue(value)}`,
      {
        details: { option: name },
      },
    );
  }
  return value;
}

/** The caller's clock, or the wall clock. */
export function clockOption(value: unknown, owner: string): Clock {
  if (value === undefined) return () => new Date();
  if (typeof value !== "function") {
    throw new StoreError(
      "STORE-001",
      `${owner} option clock must be a function returning a Date or epoch milliseconds`,
      { details: { option: "clock" } },
    );
  }
  return value as Clock;
}

/** Epoch milliseconds from a clock, refusing a clock that returns something else. */
export function nowMs(clock: Clock, owner: string): number {
  const ms = readClockInstant(clock, "date-or-epoch-ms");
  if (ms === undefined) {
    throw new StoreError(
      "STORE-001",
      `${owner} clock must return a valid Date or epoch milliseconds`,
      { details: { option: "clock" } },
    );
  }
  return ms;
}

/** The structural shape of an AWS SDK v3 client: `send(command, options)` and `destroy()`. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
}

/**
 * Accepts any AWS SDK v3 client by shape, so a client from another installed copy of the SDK still
 * works.
 *
 * @throws StoreError `STORE-001` when `value` is not a client
 */
export function sdkClientOption(value: unknown, kind: string, owner: string): SdkClient {
  const candidate = value as Partial<SdkClient> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.send !== "function" ||
    typeof candidate.destroy !== "function"
  ) {
    throw new StoreError("STORE-001", `${owner} option client must be a ${kind} (AWS SDK v3)`, {
      details: { option: "client" },
    });
  }
  return candidate as SdkClient;
}

/** The AWS region adapters use when the documented positional form names none. */
export const DEFAULT_REGION = "us-east-1";

/**
 * The client of an options object: the caller's `client` (never closed by the adapter), or one
 * the adapter creates for `region` (closed by the adapter).
 *
 * @throws StoreError `STORE-001` when both `client` and `region` are given, or either is malformed
 */
export function clientFromOptions(
  options: Record<string, unknown>,
  kind: string,
  owner: string,
  create: (region: string) => SdkClient,
): { client: SdkClient; ownsClient: boolean } {
  if (options["client"] !== undefined) {
    if (options["region"] !== undefined) {
      throw new StoreError(
        "STORE-001",
        `${owner} takes either client or region, not both (the client has its own region)`,
        { details: { option: "region" } },
      );
    }
    return { client: sdkClientOption(options["client"], kind, owner), ownsClient: false };
  }
  const region =
    options["region"] === undefined
      ? DEFAULT_REGION
      : nonEmptyString(options["region"], "region", owner);
  return { client: create(region), ownsClient: true };
}
