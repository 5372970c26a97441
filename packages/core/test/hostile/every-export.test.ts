// Every export of @parmanasystems/core, called with hostile values (arbitrary data, Proxies whose
// traps throw, throwing getters, 20,000-deep nesting), either returns (a result, a refusal
// report) or throws or rejects with a coded ParmanaError: never a raw RangeError or TypeError.
// There is no allow-list: any export that lets a raw error out, for any argument, fails the suite.
import { describe, expect, it } from "vitest";
import * as publicApi from "@parmanasystems/core";
import { ParmanaError } from "@parmanasystems/core";
import * as internal from "@parmanasystems/core/internal";
import {
  callablesOf,
  deepArray,
  deepObject,
  outcome,
  throwingGetter,
  throwingProxy,
  describeEveryExportOnHostileInput,
} from "../../../../test-support/hostile-values.js";

// The public entry and the internal one: a building block moved to `internal` stays covered.
const core = { ...publicApi, ...internal };

// Exports that are not operations on input: error classes (constructing one with anything is
// fine by design) and the catalogue helpers. The internal structural checks are skipped too:
// they run on values their callers already hold, inside the guarded entry points tested here.
const STRUCTURAL_CHECKS = [
  "isPlainRecord",
  "isStringKeyedRecord",
  "hasOwn",
  "isThenable",
  "messageOf",
];
const SKIP = new Set([
  ...Object.keys(core).filter((name) => /Error$/.test(name)),
  ...STRUCTURAL_CHECKS,
]);

function isCoded(error: unknown): boolean {
  return ParmanaError.isInstance(error);
}

describe("the functions the hostile review named", () => {
  it("deep nesting, throwing getters and Proxies give coded errors", async () => {
    const deep = deepObject();
    const cases: [string, () => unknown, string][] = [
      ["canonicalize(deep)", () => core.canonicalize(deepArray()), "CANONICAL-010"],
      ["canonicalHash(deep)", () => core.canonicalHash(deep), "CANONICAL-010"],
      ["canonicalize(getter)", () => core.canonicalize(throwingGetter()), "CANONICAL-011"],
      ["hashEvidencePayload(deep)", () => core.hashEvidencePayload(deep), "CANONICAL-010"],
      [
        "hashEvidencePayload(Proxy)",
        () => core.hashEvidencePayload(throwingProxy()),
        "CANONICAL-011",
      ],
      [
        "withProvenance(1, deep metadata)",
        () =>
          core.withProvenance(1, {
            source: "s",
            sourceType: "api",
            sourceVerified: true,
            metadata: deep,
          } as never),
        "PROV-002",
      ],
      [
        "withProvenance(1, Proxy)",
        () => core.withProvenance(1, throwingProxy() as never),
        "PROV-002",
      ],
      ["attestationPayload(null)", () => core.attestationPayload(null as never), "INV-VERIFY-001"],
      [
        "attestationPayload(Proxy)",
        () => core.attestationPayload(throwingProxy() as never),
        "INV-VERIFY-001",
      ],
      ["computeBundleHash({})", () => core.computeBundleHash({} as never), "TRUST-070"],
      [
        "computeBundleHash(Proxy)",
        () => core.computeBundleHash(throwingProxy() as never),
        "TRUST-070",
      ],
      [
        "checkRuntimeRequirements({})",
        () => core.checkRuntimeRequirements({} as never),
        "TRUST-070",
      ],
      ["sha256Hex(null)", () => core.sha256Hex(null as never), "CANONICAL-012"],
      ["encodeBase64({})", () => core.encodeBase64({} as never), "CANONICAL-012"],
    ];
    for (const [label, run, code] of cases) {
      const error = await outcome(run);
      expect(isCoded(error), `${label}: ${String(error)}`).toBe(true);
      expect((error as ParmanaError).code, label).toBe(code);
    }
  });

  it("a Proxy where a policy, store, trust root, key or options object belongs: the code of that input kind", async () => {
    const proxy = throwingProxy;
    const cases: [string, () => unknown, string][] = [
      [
        "new MemoryReplayStore(Proxy)",
        () => new core.MemoryReplayStore(proxy() as never),
        "INV-EXEC-003",
      ],
      [
        "new MemoryPendingOverrideStore(Proxy)",
        () => new core.MemoryPendingOverrideStore(proxy() as never),
        "SYS-024",
      ],
      [
        "new MemoryPolicyRegistry(Proxy)",
        () => new core.MemoryPolicyRegistry(proxy() as never),
        "POL-030",
      ],
      [
        "new FilePolicyRegistry(Proxy)",
        () => new core.FilePolicyRegistry(proxy() as never),
        "VAL-020",
      ],
      ["resolvePoliciesRoot(Proxy)", () => core.resolvePoliciesRoot(proxy() as never), "VAL-020"],
      [
        "evaluatePolicy(Proxy)",
        () => core.evaluatePolicy(proxy() as never, {} as never),
        "POL-030",
      ],
      ["policyCapabilities(Proxy)", () => core.policyCapabilities(proxy() as never), "POL-030"],
      ["createTrustRoot(Proxy)", () => core.createTrustRoot(proxy() as never), "TRUST-070"],
      [
        "computeTrustRootHash(Proxy)",
        () => core.computeTrustRootHash(proxy() as never),
        "TRUST-013",
      ],
      [
        "selectTrustedKey(Proxy)",
        () => core.selectTrustedKey(proxy() as never, "k", {} as never),
        "TRUST-013",
      ],
      [
        "createRuntimeManifest(Proxy)",
        () => core.createRuntimeManifest(proxy() as never),
        "TRUST-070",
      ],
      ["verifyRuntime(Proxy)", () => core.verifyRuntime(proxy() as never), "TRUST-070"],
      [
        "attestationSigningInput(Proxy)",
        () => core.attestationSigningInput(proxy() as never),
        "INV-VERIFY-001",
      ],
      ["overrideSigningInput(Proxy)", () => core.overrideSigningInput(proxy() as never), "SYS-024"],
      [
        "confirmExecution(Proxy)",
        () => core.confirmExecution(proxy() as never, {} as never, {} as never),
        "SYS-029",
      ],
      ["hashMerkleLeaf(Proxy)", () => core.hashMerkleLeaf(proxy() as never), "TRUST-083"],
      [
        "planInclusionProof(deep)",
        () => core.planInclusionProof(deepArray() as never, 1),
        "TRUST-089",
      ],
      ["formatSignedNote(Proxy)", () => core.formatSignedNote(proxy() as never), "TRUST-080"],
      ["formatCheckpoint(Proxy)", () => core.formatCheckpoint(proxy() as never), "TRUST-081"],
      ["noteKeyId(name, Proxy)", () => core.noteKeyId("log", proxy() as never), "TRUST-087"],
      [
        "normalizeGovernedSignals(getter)",
        () => core.normalizeGovernedSignals(throwingGetter() as never),
        "PROV-001",
      ],
      ["validateProvenance(Proxy)", () => core.validateProvenance(proxy() as never), "PROV-001"],
    ];
    for (const [label, run, code] of cases) {
      const error = await outcome(run);
      expect(isCoded(error), `${label}: ${String(error)}`).toBe(true);
      expect((error as ParmanaError).code, label).toBe(code);
    }
    // Predicates answer false and validators report, as documented, instead of throwing.
    expect(core.compilePolicy(proxy()).valid).toBe(false);
    expect(core.isReplayStore(proxy())).toBe(false);
    expect(core.isCompiledPolicy(proxy())).toBe(false);
    expect(core.isGovernedSignal(proxy())).toBe(false);
    expect(core.describeErrorCode(deepArray() as never)).toBeUndefined();
    expect(core.validateTrustRoot(proxy()).map((problem) => problem.code)).toEqual(["TRUST-013"]);
    expect(core.validateExecutionInputShape(throwingGetter()).map((p) => p.code)).toEqual([
      "VAL-001",
    ]);
    expect(core.validateSignalsAgainstSchema(throwingGetter(), {}).map((p) => p.code)).toEqual([
      "VAL-010",
    ]);
  });

  it("executeFromSignals with 20,000-deep provenance metadata: CANONICAL-010, nothing reserved", async () => {
    const store = new core.MemoryReplayStore();
    const keys = core.generateKeyPair();
    const error = await outcome(() =>
      core.executeFromSignals(
        {
          policyId: "p",
          policyVersion: "1.0.0",
          signals: {
            x: core.withProvenance(1, {
              source: "s",
              sourceType: "api",
              sourceVerified: true,
              metadata: { nested: deepObject() },
            } as never),
          },
        },
        new core.LocalSigner(keys.privateKeyPem),
        new core.LocalVerifier(keys.publicKeyPem),
        { replayStore: store, policies: new core.MemoryPolicyRegistry([]) },
      ),
    );
    expect(isCoded(error), String(error)).toBe(true);
    expect(store.size).toBe(0);
  });
});

describeEveryExportOnHostileInput("core", callablesOf(core, SKIP), 50);
