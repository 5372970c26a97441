// Values that reach canonicalize's rarer refusals: prototypes that are neither a realm's
// Object.prototype / Array.prototype nor null, and foreign code that throws something other than
// an Error.
import { describe, expect, it } from "vitest";
import { CanonicalizationError, canonicalize } from "@parmanasystems/core";
import { expectParmanaError } from "../../../../test-support/expect-parmana-error.js";

describe("canonicalize: unusual prototypes", () => {
  it("refuses an array whose prototype is null", () => {
    const array = Object.setPrototypeOf([1, 2], null) as unknown[];
    expectParmanaError(() => canonicalize(array), "CANONICAL-007", CanonicalizationError);
  });

  it("refuses an object whose prototype is a function", () => {
    const object = Object.setPrototypeOf({ a: 1 }, function Object() {}) as object;
    expectParmanaError(() => canonicalize(object), "CANONICAL-007", CanonicalizationError);
  });

  it("refuses an object whose prototype is a look-alike Object.prototype with a parent", () => {
    // constructor.name is "Object", but its prototype chain does not end right after it.
    const fake = Object.create({ constructor: Object }) as object;
    expectParmanaError(
      () => canonicalize(Object.create(fake) as object),
      "CANONICAL-007",
      CanonicalizationError,
    );
  });
});

describe("canonicalize: foreign code throwing a non-Error", () => {
  it("names the thrown value's type in CANONICAL-011 and keeps it as the cause", () => {
    const value = {
      get amount(): number {
        throw "not an Error";
      },
    };
    const error = expectParmanaError(
      () => canonicalize(value),
      "CANONICAL-011",
      CanonicalizationError,
      "reading the value threw string",
    );
    expect(error.cause).toBe("not an Error");
  });
});
