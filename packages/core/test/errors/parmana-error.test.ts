// ParmanaError (DESIGN §8): stable code, "[CODE] " message prefix, details, cause, name from the
// subclass, retryable, and a Symbol.for marker so that errors from a second installed copy of the
// package (or another realm) are still recognised.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  CanonicalizationError,
  InvariantError,
  OverrideError,
  ParmanaError,
  PolicyError,
  ProvenanceError,
  ReplayError,
  SignatureError,
  StoreError,
  SystemError,
  TrustError,
  ValidationError,
} from "@parmanasystems/core";

const MARKER = Symbol.for("@parmanasystems/core/ParmanaError");
const distCjs = new URL("../../dist/index.cjs", import.meta.url);
const distEsm = new URL("../../dist/index.js", import.meta.url);

const FAMILIES = [
  [ValidationError, ParmanaError],
  [PolicyError, ParmanaError],
  [InvariantError, ParmanaError],
  [ReplayError, InvariantError],
  [SystemError, ParmanaError],
  [OverrideError, SystemError],
  [CanonicalizationError, ParmanaError],
  [SignatureError, ParmanaError],
  [TrustError, ParmanaError],
  [StoreError, ParmanaError],
  [ProvenanceError, ParmanaError],
] as const;

describe("ParmanaError", () => {
  it("keeps the code and prefixes the message with [CODE]", () => {
    const error = new ReplayError("INV-013", "Replay detected: loan-approval:app-42");
    expect(error.code).toBe("INV-013");
    expect(error.message).toBe("[INV-013] Replay detected: loan-approval:app-42");
    expect(String(error)).toBe("ReplayError: [INV-013] Replay detected: loan-approval:app-42");
  });

  it("carries details and the cause through ES2022 error chaining", () => {
    const cause = new TypeError("socket closed");
    const details = { key: "loan-approval:app-42", attempts: 3 };
    const error = new StoreError("STORE-001", "store unreachable", {
      details,
      cause,
      retryable: true,
    });
    expect(error.details).toEqual(details);
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
  });

  it("has no cause property, undefined details and retryable false by default", () => {
    const error = new ValidationError("VAL-004", "missing signal credit_score");
    expect("cause" in error).toBe(false);
    expect(error.details).toBeUndefined();
    expect(error.retryable).toBe(false);
  });

  it.each(FAMILIES)(
    "%o takes its name from the class and is an Error, a ParmanaError and its parent",
    (Family, Parent) => {
      // Any code at run time; the family's prefix is checked by the compiler (errors.test-d.ts).
      const error = new (Family as typeof ParmanaError)("X-001", "message");
      expect(error.name).toBe(Family.name);
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(ParmanaError);
      expect(error).toBeInstanceOf(Parent);
      expect(ParmanaError.isInstance(error)).toBe(true);
      expect(error.stack).toContain(`${Family.name}: [X-001] message`);
    },
  );

  it("takes the name of an application's own subclass", () => {
    class KmsUnavailableError extends StoreError {}
    expect(new KmsUnavailableError("STORE-002", "kms down").name).toBe("KmsUnavailableError");
  });

  it("keeps the marker out of enumerable and JSON output", () => {
    const error = new PolicyError("POL-001", "Policy not found", { details: { policyId: "x" } });
    expect(Object.keys(error)).not.toContain(MARKER.toString());
    expect(Object.getOwnPropertySymbols(error)).toContain(MARKER);
    expect(Object.prototype.propertyIsEnumerable.call(error, MARKER)).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "PolicyError",
      code: "POL-001",
      details: { policyId: "x" },
      retryable: false,
    });
  });
});

describe("ParmanaError.isInstance", () => {
  it("is false for plain errors and non-errors", () => {
    for (const value of [
      new Error("[VAL-004] looks coded"),
      new TypeError("x"),
      null,
      undefined,
      "INV-013",
      13,
      {},
      { code: "INV-013" },
    ]) {
      expect(ParmanaError.isInstance(value)).toBe(false);
    }
  });

  it("is false for a look-alike marker that is not the registered symbol, or not exactly true", () => {
    expect(ParmanaError.isInstance({ [Symbol("@parmanasystems/core/ParmanaError")]: true })).toBe(
      false,
    );
    expect(ParmanaError.isInstance({ [MARKER]: "true" })).toBe(false);
    expect(ParmanaError.isInstance({ [MARKER]: 1 })).toBe(false);
  });

  it("is true for an error from another copy of the package (it carries the registered marker)", () => {
    const fromOtherCopy = Object.assign(new Error("[INV-013] Replay detected: k"), {
      code: "INV-013",
      [MARKER]: true,
    });
    expect(fromOtherCopy).not.toBeInstanceOf(ParmanaError);
    expect(ParmanaError.isInstance(fromOtherCopy)).toBe(true);
  });

  it("is true for an error created in another realm (node:vm) that sets the marker", () => {
    const foreign: unknown = vm.runInNewContext(`
      class ParmanaError extends Error {}
      const error = new ParmanaError("[SIG-001] from another realm");
      Object.defineProperty(error, Symbol.for("@parmanasystems/core/ParmanaError"), { value: true });
      error;
    `);
    expect(foreign instanceof Error).toBe(false);
    expect(ParmanaError.isInstance(foreign)).toBe(true);
  });

  it.skipIf(!existsSync(distCjs))(
    "recognises errors of the built CommonJS copy loaded in another realm",
    () => {
      const hostRequire = createRequire(distCjs);
      const context = vm.createContext({});
      // Host globals the bundle may use at load time (URL, TextEncoder, Buffer, process, ...);
      // the realm keeps its own intrinsics (Error, Object, Array).
      const intrinsics = new Set(
        Object.getOwnPropertyNames(vm.runInContext("globalThis", context)),
      );
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (!intrinsics.has(name)) context[name] = (globalThis as Record<string, unknown>)[name];
      }
      // The built entry requires the chunks it shares with core's other entry: those load in the
      // same realm (once each), Node built-ins from the host.
      const loaded = new Map<string, Record<string, unknown>>();
      const load = (file: URL): Record<string, unknown> => {
        const known = loaded.get(file.href);
        if (known !== undefined) return known;
        const module = { exports: {} as Record<string, unknown> };
        loaded.set(file.href, module.exports);
        const wrapper = vm.runInContext(
          `(function (module, exports, require, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`,
          context,
          { filename: fileURLToPath(file) },
        ) as (...args: unknown[]) => void;
        const require = (specifier: string): unknown =>
          specifier.startsWith("./") ? load(new URL(specifier, file)) : hostRequire(specifier);
        wrapper(
          module,
          module.exports,
          require,
          fileURLToPath(file),
          fileURLToPath(new URL(".", file)),
        );
        loaded.set(file.href, module.exports);
        return module.exports;
      };
      const module = { exports: load(distCjs) };
      const OtherValidationError = module.exports["ValidationError"] as new (
        code: string,
        message: string,
      ) => Error & { code: string };
      expect(OtherValidationError).not.toBe(ValidationError);
      const error = new OtherValidationError("VAL-004", "missing signal x");
      expect(error instanceof ParmanaError).toBe(false);
      expect(error instanceof Error).toBe(false); // the other realm's Error
      expect(ParmanaError.isInstance(error)).toBe(true);
      expect(error.code).toBe("VAL-004");
      expect(error.message).toBe("[VAL-004] missing signal x");
      // and the other copy recognises ours
      const OtherParmanaError = module.exports["ParmanaError"] as {
        isInstance(value: unknown): boolean;
      };
      expect(OtherParmanaError.isInstance(new ValidationError("VAL-004", "x"))).toBe(true);
    },
  );

  it.skipIf(!existsSync(distEsm))(
    "recognises errors of the built ESM copy (a second installed copy)",
    async () => {
      const other = (await import(/* @vite-ignore */ distEsm.href)) as {
        SignatureError: typeof SignatureError;
      };
      expect(other.SignatureError).not.toBe(SignatureError);
      const error = new other.SignatureError("SIG-001", "malformed key");
      expect(error).not.toBeInstanceOf(SignatureError);
      expect(ParmanaError.isInstance(error)).toBe(true);
    },
  );
});
