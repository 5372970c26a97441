import { expect, it } from "vitest";
import { StoreError } from "@parmanasystems/core";
import { signalConditionSql } from "../../src/query/signal-condition-sql.js";
import { SqlParams } from "../../src/query/sql-params.js";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

const HOSTILE = "x'); DROP TABLE audit_decisions; --";

it("puts every signal name and operand in parameters, never in the SQL text", () => {
  const params = new SqlParams();
  const sql = signalConditionSql(
    {
      any: [
        { signal: "claim_amount", greater_than: 500000 },
        { signal: "customer_tier", in: [HOSTILE, "gold"] },
        { not: { signal: "region", equals: HOSTILE } },
      ],
    },
    params,
    "d.signals",
  );
  expect(sql).not.toContain(HOSTILE);
  expect(sql).not.toContain("500000");
  expect(sql).not.toContain("claim_amount");
  expect(sql).not.toContain("gold");
  expect(sql).toBe(
    "(d.signals IS NOT NULL AND " +
      "(COALESCE(jsonb_typeof(d.signals -> $1::text) = 'number' AND (d.signals -> $1::text) > $2::jsonb, FALSE)" +
      " OR ((d.signals @> $3::jsonb) OR (d.signals @> $4::jsonb))" +
      " OR (NOT (d.signals @> $5::jsonb))))",
  );
  expect(params.values).toEqual([
    "claim_amount",
    "500000",
    JSON.stringify({ customer_tier: HOSTILE }),
    JSON.stringify({ customer_tier: "gold" }),
    JSON.stringify({ region: HOSTILE }),
  ]);
});

it("compiles the catch-all and the never-matching condition to constants", () => {
  expect(signalConditionSql({ all: [] }, new SqlParams(), "d.signals")).toBe(
    "(d.signals IS NOT NULL AND TRUE)",
  );
  expect(signalConditionSql({ any: [] }, new SqlParams(), "d.signals")).toBe(
    "(d.signals IS NOT NULL AND FALSE)",
  );
});

it("refuses what core's policy checker refuses, with its POL- problems in details", () => {
  const error = expectParmanaError(
    () =>
      signalConditionSql(
        { all: [{ signal: "a", between: [1, 2] }, { signal: "b" }] },
        new SqlParams(),
        "d.signals",
      ),
    "STORE-056",
    StoreError,
    /not a valid policy condition/,
  );
  const problems = (error.details as { problems: { code: string; path: string }[] }).problems;
  expect(problems.map((p) => [p.code, p.path])).toEqual([
    ["POL-014", "$.signals.all[0].between"],
    ["POL-013", "$.signals.all[1]"],
  ]);
  let deep: unknown = { signal: "a", equals: 1 };
  for (let i = 0; i < 100; i++) deep = { not: deep };
  expectParmanaError(
    () => signalConditionSql(deep, new SqlParams(), "d.signals"),
    "STORE-056",
    StoreError,
    /deeper than 64/,
  );
  const wide = { any: Array.from({ length: 300 }, (_, i) => ({ signal: `s${i}`, equals: i })) };
  expectParmanaError(
    () => signalConditionSql(wide, new SqlParams(), "d.signals"),
    "STORE-056",
    StoreError,
    /at most 256/,
  );
});
