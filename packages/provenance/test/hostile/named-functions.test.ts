// The provenance functions a hostile review fed Proxies, throwing getters and 20,000-deep values:
// each keeps its documented contract (a refusal result, false, or a coded error), never a raw
// TypeError or RangeError.
import { describe, expect, it } from "vitest";
import { ParmanaError } from "@parmanasystems/core";
import {
  consumeExecutionAuthority,
  createExecutionReceipt,
  replayLineage,
  validateExecutionRequest,
  verifyLineageChain,
} from "@parmanasystems/provenance";
import { deepObject, throwingProxy } from "../../../../test-support/hostile-values.js";

// The shared hostile values, typed to go anywhere. The getter stays local: it throws on
// `executionId`, a member of every input below, where the shared one throws on `signals`.
const deep = deepObject;
const proxy = throwingProxy as () => never;
const getter = (): never =>
  Object.defineProperty({}, "executionId", {
    enumerable: true,
    get() {
      throw new RangeError("getter");
    },
  }) as never;

describe("hostile values into the named provenance functions", () => {
  it("verifyLineageChain and replayLineage report instead of throwing", () => {
    for (const events of [proxy(), [proxy()], [getter()], [deep()]] as never[]) {
      const chain = verifyLineageChain(events);
      expect(chain.valid).toBe(false);
      expect(chain.errors.length).toBeGreaterThan(0);
      const replay = replayLineage(events);
      expect(replay.valid).toBe(false);
      expect(replay.replayHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it("consumeExecutionAuthority resolves false", async () => {
    for (const input of [proxy(), getter(), { authority: proxy(), store: proxy() } as never]) {
      await expect(consumeExecutionAuthority(input)).resolves.toBe(false);
    }
  });

  it("validateExecutionRequest refuses the request, and a Proxy as options is PROV-016", () => {
    for (const request of [proxy(), getter()]) {
      const result = validateExecutionRequest(request, { clock: () => new Date(0) });
      expect(result.allowed).toBe(false);
      expect(result.reasons.join(" ")).toMatch(/could not be read|plain object|must be/);
    }
    let caught: unknown;
    try {
      validateExecutionRequest({} as never, proxy());
    } catch (error) {
      caught = error;
    }
    expect(ParmanaError.isInstance(caught) && caught.code).toBe("PROV-016");
  });

  it("createExecutionReceipt throws coded errors only", () => {
    for (const input of [proxy(), getter(), { metadata: deep() } as never]) {
      let caught: unknown;
      try {
        createExecutionReceipt(input);
      } catch (error) {
        caught = error;
      }
      expect(ParmanaError.isInstance(caught), String(caught)).toBe(true);
    }
  });
});
