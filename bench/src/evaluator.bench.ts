// The compiled policy evaluator against json-rules-engine (a popular interpreted rules engine,
// dev dependency for comparison only) on the same loan policies and the same signals. The
// policy is translated mechanically into json-rules-engine rules (priority = rule order, the
// engine stops at the first success, so both are first-match), and both must return the same
// action and rule for every signal set before anything is timed.
import { readFileSync } from "node:fs";
import {
  Engine,
  type NestedCondition,
  type RuleProperties,
  type TopLevelCondition,
} from "json-rules-engine";
import { Bench } from "tinybench";
import {
  compilePolicy,
  evaluatePolicy,
  type CompiledPolicy,
  type Condition,
  type PolicyDocument,
} from "@parmanasystems/core";
import { measure, printResults, resultOf, typicalMicros, type CaseResult } from "./lib/compare.js";
import { loanPolicy } from "./lib/loan-bench.js";
import { recordRatio } from "./lib/report.js";
import { SMOKE } from "./lib/smoke.js";

const AIM = 20;

interface Scenario {
  readonly label: string;
  readonly policy: PolicyDocument;
  /** Signal sets that between them reach several rules; both engines see them in the same order. */
  readonly signalSets: readonly Record<string, unknown>[];
}

const SCENARIOS: readonly Scenario[] = [
  {
    label: "loan-approval 1.0.0 (2 signals, 4 rules; the seeds' policy)",
    policy: readJson(
      new URL(
        "../../packages/core/test/fixtures/policies/loan-approval/1.0.0/policy.json",
        import.meta.url,
      ),
    ),
    signalSets: [
      { credit_score: 720, loan_amount: 15000 },
      { credit_score: 705, loan_amount: 900000 },
      { credit_score: 650, loan_amount: 15000 },
      { credit_score: 540, loan_amount: 2500.5 },
    ],
  },
  {
    label: "loan-approval 1.4.2 (9 signals, 7 rules, nested all/any/not)",
    policy: loanPolicy(),
    signalSets: [
      applicant({ credit_score: 790, debt_to_income: 0.2 }),
      applicant({ credit_score: 720, months_at_employer: 24 }),
      applicant({ credit_score: 690, employment_status: "self_employed" }),
      applicant({ credit_score: 610 }),
      applicant({ kyc_verified: false }),
      applicant({ fraud_score: 0.9 }),
    ],
  },
];

function applicant(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    credit_score: 742,
    annual_income: 1850000.5,
    requested_amount: 750000,
    debt_to_income: 0.38,
    employment_status: "employed",
    months_at_employer: 6,
    kyc_verified: true,
    fraud_score: 0.07,
    country: "IN",
    ...overrides,
  };
}

function readJson(url: URL): PolicyDocument {
  return JSON.parse(readFileSync(url, "utf8")) as PolicyDocument;
}

const OPERATORS: Readonly<Record<string, string>> = {
  equals: "equal",
  not_equals: "notEqual",
  greater_than: "greaterThan",
  greater_than_or_equal: "greaterThanInclusive",
  less_than: "lessThan",
  less_than_or_equal: "lessThanInclusive",
  in: "in",
  not_in: "notIn",
};

function toEngineCondition(condition: Condition): NestedCondition {
  if ("all" in condition) return { all: condition.all.map(toEngineCondition) };
  // json-rules-engine treats an empty `any` as true; ours never matches
  if ("any" in condition)
    return condition.any.length === 0
      ? { not: { all: [] } }
      : { any: condition.any.map(toEngineCondition) };
  if ("not" in condition) return { not: toEngineCondition(condition.not) };
  const leaf = condition as Record<string, unknown>;
  const operator = Object.keys(leaf).find((key) => key !== "signal") as string;
  return { fact: condition.signal, operator: OPERATORS[operator] as string, value: leaf[operator] };
}

function toTopLevel(condition: Condition): TopLevelCondition {
  const translated = toEngineCondition(condition);
  return "all" in translated || "any" in translated || "not" in translated
    ? (translated as TopLevelCondition)
    : { all: [translated] };
}

function createEngine(policy: PolicyDocument): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  policy.rules.forEach((rule, index) => {
    const properties: RuleProperties = {
      name: rule.id,
      priority: policy.rules.length - index, // higher runs first: rule order
      conditions: toTopLevel(rule.condition),
      event: { type: rule.outcome.action, params: { ruleId: rule.id } },
    };
    engine.addRule(properties);
  });
  engine.on("success", () => {
    engine.stop(); // first match wins
  });
  return engine;
}

async function engineDecision(engine: Engine, signals: Record<string, unknown>): Promise<string> {
  const { events } = await engine.run(signals);
  const [first] = events;
  return first === undefined ? "none" : `${first.type}/${String(first.params?.["ruleId"])}`;
}

function ourDecision(policy: CompiledPolicy, signals: Record<string, unknown>): string {
  const decision = policy.evaluate(signals);
  return decision === undefined ? "none" : `${decision.action}/${decision.rule_id}`;
}

/** Like `measure` from lib/compare.ts (medians over rounds), for one async case. */
async function measureAsync(
  name: string,
  fn: () => Promise<unknown>,
  rounds = SMOKE ? 1 : 5,
  timeMs = SMOKE ? 10 : 400,
): Promise<CaseResult> {
  const medians: number[] = [];
  const means: number[] = [];
  let rme = 0;
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: timeMs, warmupTime: SMOKE ? 5 : 100, throws: true });
    bench.add(name, fn);
    const [task] = await bench.run();
    const result = task?.result;
    if (result === undefined) throw new Error(`no result for ${name}`);
    medians.push((result.latency.p50 ?? result.latency.mean) * 1000);
    means.push(result.latency.mean * 1000);
    rme = result.latency.rme;
  }
  const medianMicros = median(medians);
  return { name, opsPerSecond: 1e6 / medianMicros, medianMicros, meanMicros: median(means), rme };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs the comparison for each loan policy and prints its table and ratios. */
export async function runBench(): Promise<void> {
  for (const { label, policy: document, signalSets } of SCENARIOS) {
    const result = compilePolicy(document);
    if (result.policy === undefined)
      throw new Error(`${label} does not compile: ${JSON.stringify(result.errors)}`);
    const policy = result.policy;
    const engine = createEngine(document);

    const reached = new Set<string>();
    for (const signals of signalSets) {
      const ours = ourDecision(policy, signals);
      const theirs = await engineDecision(engine, signals);
      if (ours !== theirs)
        throw new Error(
          `${label}: decisions differ for ${JSON.stringify(signals)}: ours ${ours}, json-rules-engine ${theirs}`,
        );
      reached.add(ours);
    }

    // Same rotation of signal sets for every case.
    let next = 0;
    const pick = (): Record<string, unknown> =>
      signalSets[(next = (next + 1) % signalSets.length)] as Record<string, unknown>;
    const sync = measure([
      { name: "compiled evaluate", fn: () => policy.evaluate(pick()) },
      { name: "evaluatePolicy (validate + evaluate)", fn: () => evaluatePolicy(policy, pick()) },
    ]);
    const engineResult = await measureAsync("json-rules-engine run", () => engine.run(pick()));
    const results = [...sync, engineResult];
    printResults(
      `policy evaluation: ${label}; ${signalSets.length} signal sets reaching ${reached.size} rules, same decisions`,
      results,
    );
    for (const ours of ["compiled evaluate", "evaluatePolicy (validate + evaluate)"]) {
      const result = resultOf(results, ours);
      // Sub-microsecond medians are coarse (timer resolution), so the mean-time ratio is shown too
      // and the aim is judged on the smaller of the two.
      const byMedian = typicalMicros(engineResult) / typicalMicros(result);
      const byMean = engineResult.meanMicros / result.meanMicros;
      const ratio = Math.min(byMedian, byMean);
      console.log(
        `ratio json-rules-engine / ${ours} time = ${byMedian.toFixed(0)}× by median, ${byMean.toFixed(0)}× by mean (aim: >= ${AIM}×) ${ratio >= AIM ? "MET" : "NOT MET"}`,
      );
      recordRatio({
        label: `${label}: json-rules-engine / ${ours}`,
        basis: "time",
        note: `by mean ${byMean.toFixed(1)}; the aim is judged on the smaller of the two`,
        median: byMedian,
        aim: { op: ">=", value: AIM },
        met: ratio >= AIM,
      });
    }
  }
}
