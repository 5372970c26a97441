import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreError } from "@parmanasystems/core";
import type { AuditDb, DecisionRow } from "@parmanasystems/audit-db";
import { claimSignals, claimsIssuer, type DecidedClaim } from "../helpers/claims.js";
import { forEachEngine, type OpenedDb } from "../helpers/databases.js";
import { expectRejectsParmanaError } from "../../../../test-support/expect-parmana-error.js";

const CLAIMS = 240;
const issuer = claimsIssuer();
const claims: DecidedClaim[] = [];
beforeAll(async () => {
  for (let i = 0; i < CLAIMS; i++)
    claims.push(await issuer.decide(`CLM-${String(i).padStart(4, "0")}`, claimSignals(i)));
});

async function allPages(
  db: AuditDb,
  filter: Parameters<AuditDb["queryDecisions"]>[0],
): Promise<DecisionRow[]> {
  const rows: DecisionRow[] = [];
  let page = await db.queryDecisions(filter);
  rows.push(...page.rows);
  while (page.nextCursor !== undefined) {
    page = await db.queryDecisions({ ...filter, cursor: page.nextCursor });
    rows.push(...page.rows);
  }
  return rows;
}

forEachEngine("queryDecisions on a seeded claims table", (engine) => {
  let opened: OpenedDb;
  beforeAll(async () => {
    opened = await engine.open();
    await opened.db.recordDecisions(
      claims.map(({ attestation, signals }) => ({ attestation, signals })),
    );
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  it("answers the inspector's query: all reject decisions for claims above 500000", async () => {
    const expected = claims
      .filter((c) => c.attestation.decision.action === "reject" && c.signals.claim_amount > 500_000)
      .map((c) => c.attestation.executionId)
      .reverse();
    // The seed must make the query meaningful: rejects on both sides of the bound.
    expect(expected.length).toBeGreaterThan(5);
    expect(
      claims.some(
        (c) => c.attestation.decision.action === "reject" && c.signals.claim_amount <= 500_000,
      ),
    ).toBe(true);
    const rows = await allPages(opened.db, {
      decision: "reject",
      signals: { all: [{ signal: "claim_amount", greater_than: 500000 }] },
      limit: 7,
    });
    expect(rows.map((r) => r.execution_id)).toEqual(expected);
    for (const row of rows) expect(row.attestation.decision.action).toBe("reject");
  });

  it("pages with a keyset cursor, newest first, without gaps or repeats", async () => {
    const rows = await allPages(opened.db, { policyId: "claims-approval", limit: 50 });
    expect(rows.map((r) => r.execution_id)).toEqual(
      claims.map((c) => c.attestation.executionId).reverse(),
    );
    const first = await opened.db.queryDecisions({ limit: 1000 });
    expect(first.rows).toHaveLength(CLAIMS);
    expect(first.nextCursor).toBeUndefined();
  });

  it("matches the evaluator's semantics for every operator and composite", async () => {
    const cases: [unknown, (s: DecidedClaim["signals"]) => boolean][] = [
      [{ signal: "customer_tier", equals: "gold" }, (s) => s.customer_tier === "gold"],
      [{ signal: "customer_tier", not_equals: "gold" }, (s) => s.customer_tier !== "gold"],
      [
        { signal: "customer_tier", in: ["silver", "bronze"] },
        (s) => ["silver", "bronze"].includes(s.customer_tier),
      ],
      [{ signal: "customer_tier", not_in: ["silver"] }, (s) => s.customer_tier !== "silver"],
      [{ signal: "policy_active", equals: false }, (s) => !s.policy_active],
      [
        { signal: "claim_amount", greater_than_or_equal: 1000000 },
        (s) => s.claim_amount >= 1_000_000,
      ],
      [{ signal: "claim_amount", less_than: 100000 }, (s) => s.claim_amount < 100_000],
      [{ signal: "fraud_score", less_than_or_equal: 10 }, (s) => s.fraud_score <= 10],
      [{ signal: "claim_amount", equals: 500000 }, (s) => s.claim_amount === 500_000],
      [
        { not: { signal: "claim_amount", greater_than: 200000 } },
        (s) => !(s.claim_amount > 200_000),
      ],
      [
        {
          any: [
            { signal: "fraud_score", greater_than: 90 },
            {
              all: [
                { signal: "customer_tier", equals: "gold" },
                { signal: "policy_active", equals: true },
              ],
            },
          ],
        },
        (s) => s.fraud_score > 90 || (s.customer_tier === "gold" && s.policy_active),
      ],
      [{ signal: "no_such_signal", not_equals: 1 }, () => true],
      [{ signal: "no_such_signal", greater_than: 1 }, () => false],
      [{ all: [] }, () => true],
      [{ any: [] }, () => false],
    ];
    for (const [condition, predicate] of cases) {
      const rows = await allPages(opened.db, { signals: condition as never, limit: 1000 });
      const expected = claims
        .filter((c) => predicate(c.signals))
        .map((c) => c.attestation.executionId)
        .reverse();
      expect(
        rows.map((r) => r.execution_id),
        JSON.stringify(condition),
      ).toEqual(expected);
    }
  });

  it("filters on policy version, state, decisions and time, and the timeline's documented filters", async () => {
    const pending = await allPages(opened.db, { executionState: "pending_override", limit: 1000 });
    expect(pending.length).toBe(
      claims.filter((c) => c.attestation.execution_state === "pending_override").length,
    );
    const two = await allPages(opened.db, {
      decision: ["approve", "reject"],
      policyVersion: "1.0.0",
      limit: 1000,
    });
    expect(two.length).toBe(
      claims.filter((c) => c.attestation.decision.action !== "manual_review").length,
    );
    const issued = claims.map((c) => Date.parse(c.attestation.issuedAt!));
    const middle = new Date(issued[Math.floor(CLAIMS / 2)]!);
    const after = await allPages(opened.db, { from: middle, limit: 1000 });
    expect(after.length).toBe(issued.filter((t) => t >= middle.getTime()).length);
    const before = await allPages(opened.db, { to: middle.toISOString(), limit: 1000 });
    expect(after.length + before.length).toBe(CLAIMS);
    const timeline = await opened.db.getDecisionTimeline(5, {
      decision: "reject",
      policy_id: "claims-approval",
    });
    expect(timeline).toHaveLength(5);
    for (const row of timeline) expect(row.decision).toBe("reject");
    const times = timeline.map((r) => r.executed_at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(
      await opened.db.getDecisionTimeline(10, { from_date: new Date(Date.now() + 86_400_000) }),
    ).toEqual([]);
  });

  describe("refuses bad filters with STORE-056 and never builds SQL from values", () => {
    const bad: [string, unknown, RegExp][] = [
      ["unknown member", { decisionn: "reject" }, /unknown member "decisionn"/],
      ["wrong type", { policyId: 7 }, /policyId must be a non-empty string/],
      ["NUL", { policyId: "a\u0000b" }, /NUL/],
      ["limit", { limit: 0 }, /limit must be a whole number/],
      ["limit type", { limit: "10; DROP TABLE x" }, /limit must be a whole number/],
      ["cursor", { cursor: "1 OR 1=1" }, /cursor must be the nextCursor/],
      ["state", { executionState: "done" }, /executionState/],
      ["time", { from: "yesterday" }, /from must be a Date/],
      [
        "unknown operator",
        { signals: { signal: "claim_amount", ">": 5 } },
        /POL-014.*did you mean "greater_than"/,
      ],
      [
        "ordering on strings",
        { signals: { signal: "customer_tier", greater_than: "gold" } },
        /POL-016/,
      ],
      [
        "mixed operand types",
        {
          signals: {
            all: [
              { signal: "x", equals: 1 },
              { signal: "x", equals: "1" },
            ],
          },
        },
        /POL-017/,
      ],
      ["hostile signal name", { signals: { signal: "x') OR 1=1 --", equals: 1 } }, /POL-0\d\d/],
      ["not an object", { signals: "claim_amount > 5" }, /POL-013/],
      ["empty in", { signals: { signal: "x", in: [] } }, /POL-017/],
    ];
    for (const [name, filter, message] of bad) {
      it(name, async () => {
        await expectRejectsParmanaError(
          opened.db.queryDecisions(filter as never),
          "STORE-056",
          StoreError,
          message,
        );
      });
    }
    it("a hostile string compares as data", async () => {
      const page = await opened.db.queryDecisions({
        decision: "reject' OR '1'='1",
        policyId: 'claims-approval"; DROP TABLE audit_decisions; --',
        signals: { signal: "customer_tier", in: ["gold' OR 'x'='x", '\\"', "$1"] },
      });
      expect(page.rows).toEqual([]);
      expect((await opened.db.getStats()).total_decisions).toBe(String(CLAIMS));
    });
  });
});
