// Malformed inputs of executeFromSignals: each gets its coded error of the right class, and the
// replay store holds no reservation afterwards (the same key can be reserved at once).
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  executeFromSignals,
  InvariantError,
  MemoryPolicyRegistry,
  MemoryReplayStore,
  ParmanaError,
  PolicyError,
  ProvenanceError,
  SignatureError,
  SystemError,
  ValidationError,
  type Verifier,
} from "@parmanasystems/core";
import { LOAN_POLICY, makeKeys } from "../helpers/decision-loop-fixtures.js";

const POLICIES_ROOT = fileURLToPath(new URL("../fixtures/policies", import.meta.url));
const keys = makeKeys();
const MB = "x".repeat(1024 * 1024);

type ErrorClass = abstract new (...args: never[]) => ParmanaError;

/** One malformed call: the input, the expected error, and the replay key a retry would use. */
interface Row {
  readonly name: string;
  readonly input: unknown;
  readonly code: string;
  readonly errorClass: ErrorClass;
}

const loan = (signals: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  executionId: "bad-1",
  policyId: "loan-approval",
  policyVersion: "1.0.0",
  signals,
  ...extra,
});
const claim = (signals: Record<string, unknown>): Record<string, unknown> => ({
  executionId: "bad-1",
  policyId: "claims-approval",
  policyVersion: "1.0.0",
  signals: { claim_amount: 1000, policy_active: true, customer_tier: "gold", ...signals },
});
const hostile = (json: string): unknown => JSON.parse(json) as unknown;

const ROWS: Row[] = [
  // Signals of the wrong type (VAL-005 number, VAL-006 boolean, VAL-007 integer, VAL-008 string, VAL-009 enum)
  {
    name: "integer given as a string",
    input: loan({ credit_score: "720", loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "integer given a fraction",
    input: loan({ credit_score: 720.5, loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "integer given a boolean",
    input: loan({ credit_score: true, loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "integer given null",
    input: loan({ credit_score: null, loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "integer given an unsafe integer",
    input: loan({ credit_score: 2 ** 53, loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "integer given an object",
    input: loan({ credit_score: { value: "720", unit: "points" }, loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "integer given an array",
    input: loan({ credit_score: [720], loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  {
    name: "number given a string",
    input: loan({ credit_score: 720, loan_amount: "15000" }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given NaN",
    input: loan({ credit_score: 720, loan_amount: Number.NaN }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given Infinity",
    input: loan({ credit_score: 720, loan_amount: Number.POSITIVE_INFINITY }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given -Infinity",
    input: loan({ credit_score: 720, loan_amount: Number.NEGATIVE_INFINITY }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given a bigint",
    input: loan({ credit_score: 720, loan_amount: 15000n }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given a Date",
    input: loan({ credit_score: 720, loan_amount: new Date(0) }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given a function",
    input: loan({ credit_score: 720, loan_amount: () => 15000 }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given a symbol",
    input: loan({ credit_score: 720, loan_amount: Symbol("15000") }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "number given a boxed Number",
    input: loan({ credit_score: 720, loan_amount: Object(15000) as unknown }),
    code: "VAL-005",
    errorClass: ValidationError,
  },
  {
    name: "boolean given a string",
    input: claim({ policy_active: "yes" }),
    code: "VAL-006",
    errorClass: ValidationError,
  },
  {
    name: "boolean given 1",
    input: claim({ policy_active: 1 }),
    code: "VAL-006",
    errorClass: ValidationError,
  },
  {
    name: "enum given a value outside values",
    input: claim({ customer_tier: "platinum" }),
    code: "VAL-009",
    errorClass: ValidationError,
  },
  {
    name: "enum given a different case",
    input: claim({ customer_tier: "Gold" }),
    code: "VAL-009",
    errorClass: ValidationError,
  },
  {
    name: "enum given a number",
    input: claim({ customer_tier: 1 }),
    code: "VAL-009",
    errorClass: ValidationError,
  },
  {
    name: "integer given a 1 MB string",
    input: loan({ credit_score: MB, loan_amount: 1 }),
    code: "VAL-007",
    errorClass: ValidationError,
  },
  // Extra and missing signals
  {
    name: "a signal missing",
    input: loan({ credit_score: 720 }),
    code: "VAL-004",
    errorClass: ValidationError,
  },
  { name: "every signal missing", input: loan({}), code: "VAL-004", errorClass: ValidationError },
  {
    name: "an undeclared signal",
    input: loan({ credit_score: 720, loan_amount: 1, income: 5 }),
    code: "VAL-003",
    errorClass: ValidationError,
  },
  {
    name: "an undeclared signal with a 1 MB name",
    input: loan({ credit_score: 720, loan_amount: 1, [MB]: 1 }),
    code: "VAL-003",
    errorClass: ValidationError,
  },
  {
    name: "hostile key __proto__",
    input: loan(hostile('{"credit_score":720,"loan_amount":1,"__proto__":{"isAdmin":true}}')),
    code: "VAL-003",
    errorClass: ValidationError,
  },
  {
    name: "hostile key constructor",
    input: loan(hostile('{"credit_score":720,"loan_amount":1,"constructor":{"prototype":{}}}')),
    code: "VAL-003",
    errorClass: ValidationError,
  },
  {
    name: "hostile key toString",
    input: loan({ credit_score: 720, loan_amount: 1, toString: "x" }),
    code: "VAL-003",
    errorClass: ValidationError,
  },
  // signals not a plain object
  { name: "signals null", input: loan(null), code: "VAL-010", errorClass: ValidationError },
  {
    name: "signals an array",
    input: loan([720, 15000]),
    code: "VAL-010",
    errorClass: ValidationError,
  },
  {
    name: "signals a string",
    input: loan('{"credit_score":720}'),
    code: "VAL-010",
    errorClass: ValidationError,
  },
  {
    name: "signals a Map",
    input: loan(new Map([["credit_score", 720]])),
    code: "VAL-010",
    errorClass: ValidationError,
  },
  {
    name: "signals a class instance",
    input: loan(
      new (class Signals {
        credit_score = 720;
        loan_amount = 1;
      })(),
    ),
    code: "VAL-010",
    errorClass: ValidationError,
  },
  {
    name: "signals missing",
    input: { executionId: "bad-1", policyId: "loan-approval", policyVersion: "1.0.0" },
    code: "VAL-010",
    errorClass: ValidationError,
  },
  // Input not an object, identifiers malformed
  { name: "input null", input: null, code: "VAL-001", errorClass: ValidationError },
  { name: "input undefined", input: undefined, code: "VAL-001", errorClass: ValidationError },
  { name: "input a string", input: "loan-approval", code: "VAL-001", errorClass: ValidationError },
  {
    name: "input an array",
    input: [loan({ credit_score: 720, loan_amount: 1 })],
    code: "VAL-001",
    errorClass: ValidationError,
  },
  {
    name: "policyId missing",
    input: { executionId: "bad-1", policyVersion: "1.0.0", signals: {} },
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "policyId a number",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyId: 42 }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "policyVersion empty",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyVersion: "" }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "executionId empty",
    input: loan({ credit_score: 720, loan_amount: 1 }, { executionId: "" }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "executionId a number",
    input: loan({ credit_score: 720, loan_amount: 1 }, { executionId: 42 }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "executionId null",
    input: loan({ credit_score: 720, loan_amount: 1 }, { executionId: null }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "executionId an object",
    input: loan({ credit_score: 720, loan_amount: 1 }, { executionId: { id: 1 } }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "executionId a 1 MB string",
    input: loan({ credit_score: 720, loan_amount: 1 }, { executionId: MB }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "executionId with a newline",
    input: loan(
      { credit_score: 720, loan_amount: 1 },
      { executionId: "bad-1\nINFO forged log line" },
    ),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  // Unknown policy, bad versions, unsafe ids
  {
    name: "policyVersion v1",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyVersion: "v1" }),
    code: "POL-022",
    errorClass: PolicyError,
  },
  {
    name: "policyVersion 1.0",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyVersion: "1.0" }),
    code: "POL-022",
    errorClass: PolicyError,
  },
  {
    name: "policyVersion ../1.0.0",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyVersion: "../1.0.0" }),
    code: "POL-022",
    errorClass: PolicyError,
  },
  {
    name: "unknown policy",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyId: "mortgage-approval" }),
    code: "POL-001",
    errorClass: PolicyError,
  },
  {
    name: "unknown version",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyVersion: "9.9.9" }),
    code: "POL-001",
    errorClass: PolicyError,
  },
  {
    name: "policyId with a path separator",
    input: loan({ credit_score: 720, loan_amount: 1 }, { policyId: "../loan-approval" }),
    code: "POL-003",
    errorClass: PolicyError,
  },
  // Strings that are not well-formed Unicode, and malformed provenance
  {
    name: "string signal with a lone surrogate",
    input: {
      executionId: "bad-1",
      policyId: "payment-approval",
      policyVersion: "1.0.0",
      signals: { amount: 10, currency: "INR", merchant_risk: "low", merchant_id: "m\ud800" },
    },
    code: "VAL-008",
    errorClass: ValidationError,
  },
  {
    name: "executionId with a lone surrogate",
    input: loan({ credit_score: 720, loan_amount: 1 }, { executionId: "bad-\udc00" }),
    code: "VAL-002",
    errorClass: ValidationError,
  },
  {
    name: "governed signal with malformed provenance",
    input: loan({ credit_score: { value: 720, provenance: { source: 5 } }, loan_amount: 1 }),
    code: "PROV-002",
    errorClass: ProvenanceError,
  },
];

beforeAll(() => {
  vi.stubEnv("PARMANA_POLICIES_ROOT", POLICIES_ROOT);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe("executeFromSignals bad input", () => {
  it("has at least 40 rows", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const store = new MemoryReplayStore();
    let caught: unknown;
    try {
      await executeFromSignals(row.input as never, keys.signer, keys.verifier, store);
    } catch (error) {
      caught = error;
    }
    expect(ParmanaError.isInstance(caught), `expected a ParmanaError, got ${String(caught)}`).toBe(
      true,
    );
    const error = caught as ParmanaError;
    expect(error).toBeInstanceOf(row.errorClass);
    expect(error.code).toBe(row.code);
    expect(error.message.startsWith(`[${row.code}] `)).toBe(true);
    // Nothing reserved: the store is empty and the key a retry would use is free.
    expect(store.size).toBe(0);
    await store.reserve("loan-approval:bad-1");
  });

  it("reports every signal problem at once in details", async () => {
    const store = new MemoryReplayStore();
    let caught: ParmanaError | undefined;
    try {
      await executeFromSignals(
        loan({ credit_score: "x", extra: 1 }) as never,
        keys.signer,
        keys.verifier,
        store,
      );
    } catch (error) {
      caught = error as ParmanaError;
    }
    const problems = (caught?.details?.["problems"] ?? []) as { code: string }[];
    expect(problems.map((problem) => problem.code).sort()).toEqual([
      "VAL-003",
      "VAL-004",
      "VAL-007",
    ]);
  });

  it("no rule matched is SYS-006 and leaves the key free", async () => {
    const store = new MemoryReplayStore();
    const policies = new MemoryPolicyRegistry([
      { ...LOAN_POLICY, rules: LOAN_POLICY.rules.slice(0, 1) },
    ]);
    let caught: unknown;
    try {
      await executeFromSignals(
        loan({ credit_score: 720, loan_amount: 1 }) as never,
        keys.signer,
        keys.verifier,
        { replayStore: store, policies },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SystemError);
    expect((caught as ParmanaError).code).toBe("SYS-006");
    await store.reserve("loan-approval:bad-1");
  });

  it("a missing store is INV-REPLAY-001 for otherwise valid input", async () => {
    let caught: unknown;
    try {
      await executeFromSignals(
        loan({ credit_score: 720, loan_amount: 1 }) as never,
        keys.signer,
        keys.verifier,
        undefined as never,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvariantError);
    expect((caught as ParmanaError).message).toMatch(/^\[INV-REPLAY-001\] /);
  });
});

describe("executeFromSignals with a verifier that breaks its contract", () => {
  it('says a verifier returning "true" (a string) is broken, not that the keys differ', async () => {
    const stringly = { verify: (): unknown => "true" } as unknown as Verifier;
    const error = await executeFromSignals(
      loan({ credit_score: 720, loan_amount: 15000 }) as never,
      keys.signer,
      stringly,
      {
        replayStore: new MemoryReplayStore({ warnInProduction: false }),
        policies: new MemoryPolicyRegistry([LOAN_POLICY]),
      },
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).code).toBe("SIG-006");
    expect((error as SignatureError).message).toContain(
      'the verifier returned "true" instead of the boolean true or false',
    );
  });
});
