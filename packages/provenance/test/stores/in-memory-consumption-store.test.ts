import { describe, expect, it } from "vitest";
import { ProvenanceError, ParmanaError } from "@parmanasystems/core";
import {
  InMemoryConsumptionStore,
  createExecutionAuthority,
  type ExecutionAuthority,
} from "@parmanasystems/provenance";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";
import {
  ATTESTATION,
  AUTHORITY_EXPIRES,
  AUTHORITY_ISSUED,
  EXECUTOR,
} from "../helpers/lifecycle-fixtures.js";

const NOW = "2024-05-01T10:01:00.000Z";
const HASH = `sha256:${"c3".repeat(32)}`;

function authority(): ExecutionAuthority {
  return createExecutionAuthority({
    executionId: "loan-42",
    attestationHash: ATTESTATION,
    authorizedAction: "disburse_loan",
    authorizedParameters: null,
    executorIdentity: EXECUTOR,
    ttlSeconds: 300,
    issuedAt: AUTHORITY_ISSUED,
  });
}

describe("InMemoryConsumptionStore — record form (ExecutionConsumptionStore, page example)", () => {
  it("consumes once and reports the winner to later callers", async () => {
    const store = new InMemoryConsumptionStore();
    const input = {
      authorityHash: HASH,
      executionId: "loan-42",
      consumerIdentity: "svc-a",
      consumedAt: NOW,
    };
    expect(await store.consume(input)).toEqual({
      consumed: true,
      consumedAt: NOW,
      consumerIdentity: "svc-a",
    });
    expect(
      await store.consume({
        ...input,
        consumerIdentity: "svc-b",
        consumedAt: "2024-05-01T10:02:00.000Z",
      }),
    ).toEqual({
      consumed: false,
      consumedAt: NOW,
      consumerIdentity: "svc-a",
    });
    expect(await store.get(HASH)).toEqual({
      consumed: true,
      consumedAt: NOW,
      consumerIdentity: "svc-a",
    });
    expect(await store.get(`sha256:${"d4".repeat(32)}`)).toBeNull();
  });

  it("lets exactly one of 500 concurrent record-form consumers win", async () => {
    const store = new InMemoryConsumptionStore();
    const results = await Promise.all(
      Array.from({ length: 500 }, (_v, index) =>
        store.consume({
          authorityHash: HASH,
          executionId: "loan-42",
          consumerIdentity: `svc-${index}`,
          consumedAt: NOW,
        }),
      ),
    );
    const winners = results.filter((result) => result.consumed);
    expect(winners).toHaveLength(1);
    expect(
      results.every((result) => result.consumerIdentity === winners[0]!.consumerIdentity),
    ).toBe(true);
  });

  it.each([
    ["null", null],
    [
      "bad hash",
      { authorityHash: "abc", executionId: "e", consumerIdentity: "c", consumedAt: NOW },
    ],
    [
      "empty executionId",
      { authorityHash: HASH, executionId: "", consumerIdentity: "c", consumedAt: NOW },
    ],
    [
      "bad consumedAt",
      { authorityHash: HASH, executionId: "e", consumerIdentity: "c", consumedAt: "now" },
    ],
  ])(
    "refuses malformed record input (%s) with consumed:false and stores nothing",
    async (_name, input) => {
      const store = new InMemoryConsumptionStore();
      expect(await store.consume(input as never)).toEqual({ consumed: false });
      expect(await store.get(HASH)).toBeNull();
    },
  );

  it("rejects get with a malformed hash (PROV-033)", async () => {
    await expectRejectsParmanaError(
      new InMemoryConsumptionStore().get("nope"),
      "PROV-033",
      ParmanaError,
      /authorityHash must be a sha256: hash/,
    );
  });
});

describe("InMemoryConsumptionStore — authority form (AuthorityConsumptionStore)", () => {
  it("consumes once, and the record form sees the same consumption", async () => {
    const store = new InMemoryConsumptionStore({ clock: () => new Date(NOW) });
    const token = authority();
    expect(await store.getStatus(token)).toBe("available");
    expect(await store.consume(token, EXECUTOR)).toBe(true);
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(await store.getStatus(token)).toBe("consumed");
    expect(await store.get(token.authorityHash)).toEqual({
      consumed: true,
      consumedAt: NOW,
      consumerIdentity: EXECUTOR,
    });
    const viaRecord = await store.consume({
      authorityHash: token.authorityHash,
      executionId: "loan-42",
      consumerIdentity: EXECUTOR,
      consumedAt: NOW,
    });
    expect(viaRecord.consumed).toBe(false);
  });

  it("an authority consumed in record form cannot be consumed in authority form", async () => {
    const store = new InMemoryConsumptionStore({ clock: () => new Date(NOW) });
    const token = authority();
    await store.consume({
      authorityHash: token.authorityHash,
      executionId: "loan-42",
      consumerIdentity: EXECUTOR,
      consumedAt: NOW,
    });
    expect(await store.consume(token, EXECUTOR)).toBe(false);
    expect(await store.getStatus(token)).toBe("consumed");
  });

  it("lets exactly one of 500 concurrent authority-form consumers win", async () => {
    const store = new InMemoryConsumptionStore({ clock: () => new Date(NOW) });
    const token = authority();
    const results = await Promise.all(
      Array.from({ length: 500 }, () => store.consume(token, EXECUTOR)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuses by its own clock at expiresAt, accepts 1 ms before", async () => {
    const token = authority();
    const at = (time: string) => new InMemoryConsumptionStore({ clock: () => Date.parse(time) });
    expect(await at(AUTHORITY_EXPIRES).consume(token, EXECUTOR)).toBe(false);
    expect(await at(AUTHORITY_EXPIRES).getStatus(token)).toBe("expired");
    expect(await at("2024-05-01T10:04:59.999Z").consume(token, EXECUTOR)).toBe(true);
  });

  it("refuses a consumer other than the executor, a tampered authority, and a broken clock", async () => {
    const store = new InMemoryConsumptionStore({ clock: () => new Date(NOW) });
    const token = authority();
    expect(await store.consume(token, "intruder")).toBe(false);
    expect(await store.consume({ ...token, executionId: "loan-43" }, EXECUTOR)).toBe(false);
    expect(await store.getStatus({ ...token, executionId: "loan-43" })).toBe("invalid");
    const broken = new InMemoryConsumptionStore({ clock: () => Number.NaN });
    expect(await broken.consume(token, EXECUTOR)).toBe(false);
    await expectRejectsParmanaError(
      broken.getStatus(token),
      "PROV-021",
      ParmanaError,
      /clock returned an invalid time/,
    );
    expect(await store.getStatus(token)).toBe("available");
  });

  it("refuses malformed options with PROV-021", () => {
    expectParmanaError(
      () => new InMemoryConsumptionStore(null as never),
      "PROV-021",
      ProvenanceError,
      /options must be a plain object/,
    );
    expectParmanaError(
      () => new InMemoryConsumptionStore({ clock: "now" as never }),
      "PROV-021",
      ProvenanceError,
      /options.clock must be a function/,
    );
  });
});
