import type { Verifier } from "../../crypto/signer.types.js";
import { isThenable, messageOf } from "../../internal/type-checks.js";

/** What one verifier call answered: a boolean, or why there is none. */
export interface VerifierAnswer {
  readonly verified: boolean;
  /** Set when the verifier threw, rejected or answered something other than a boolean. */
  readonly problem?: string;
}

/**
 * Calls `verifier.verify` and hands the answer to `finish`: synchronously for a synchronous
 * verifier, through a Promise for an asynchronous one, so verification results keep the
 * verifier's flavour (as `verifyAttestation` does). Never throws.
 */
export function callVerifier<R>(
  verifier: Verifier,
  signingInput: string,
  signature: string,
  finish: (answer: VerifierAnswer) => R,
): R | Promise<R> {
  let outcome: unknown;
  try {
    outcome = verifier.verify(signingInput, signature);
  } catch (error) {
    return finish({ verified: false, problem: `the verifier threw: ${messageOf(error)}` });
  }
  if (isThenable(outcome)) {
    return Promise.resolve(outcome).then(
      (answer) => finish(readAnswer(answer)),
      (error: unknown) =>
        finish({ verified: false, problem: `the verifier failed: ${messageOf(error)}` }),
    );
  }
  return finish(readAnswer(outcome));
}

/**
 * Returns `result` in the verifier's flavour when no verifier call happens (malformed input):
 * a Promise for a verifier whose `verify` is an async function, the value otherwise.
 */
export function inVerifierFlavour<R>(verifier: Verifier, result: R): R | Promise<R> {
  return verifier.verify.constructor?.name === "AsyncFunction" ? Promise.resolve(result) : result;
}

/** Awaits a verifier's answer, mapping throws and non-booleans to `verified: false`. */
export async function askVerifier(
  verifier: Verifier,
  signingInput: string,
  signature: string,
): Promise<VerifierAnswer> {
  return callVerifier(verifier, signingInput, signature, (answer) => answer);
}

function readAnswer(answer: unknown): VerifierAnswer {
  if (answer === true) return { verified: true };
  if (answer === false) return { verified: false };
  return {
    verified: false,
    problem: `the verifier answered ${typeof answer} instead of a boolean`,
  };
}
