import { SignatureError } from "@parmanasystems/core";
import {
  describeProviderFailure,
  failureText,
  isTransient,
  type ProviderFailure,
} from "../internal/send-with-deadline.js";

/** AWS error types that mean the credentials themselves were refused. */
const AUTH_ERRORS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "ExpiredTokenException",
  "ExpiredToken",
  "MissingAuthenticationTokenException",
  "InvalidClientTokenId",
  "CredentialsProviderError",
]);

/** AWS error types that mean the key cannot be used for signing by Parmana. */
const UNSUPPORTED_KEY_ERRORS = new Set([
  "InvalidKeyUsageException",
  "UnsupportedOperationException",
]);

/**
 * Turns a KMS failure into a coded error. The message names the operation and the AWS error type
 * and status; never the key id, ARN or alias (AWS's own messages often name the key, so they are
 * not kept, and the SDK error is not attached as `cause`).
 *
 * @param operation - `"GetPublicKey"` or `"Sign"`
 * @param code - the code for this operation's failures (`SIG-009` key unavailable, `SIG-005` signing failed)
 */
export function kmsFailure(
  error: unknown,
  operation: string,
  code: "SIG-005" | "SIG-009",
): SignatureError {
  if (error instanceof SignatureError) return error;
  const failure = describeProviderFailure(error);
  const details = { operation, ...failure };
  if (AUTH_ERRORS.has(failure.providerError)) {
    return new SignatureError(
      "SIG-011",
      `AWS KMS refused the credentials on ${operation}: ${failureText(failure)}`,
      { details },
    );
  }
  if (UNSUPPORTED_KEY_ERRORS.has(failure.providerError)) {
    return new SignatureError(
      "SIG-007",
      `the KMS key cannot be used for signing: ${operation} answered ${failureText(failure)}`,
      { details },
    );
  }
  const what = code === "SIG-005" ? "KMS could not sign" : "the KMS key is unavailable";
  return new SignatureError(code, `${what}: ${operation} answered ${failureText(failure)}`, {
    details,
    retryable: isTransient(failure),
  });
}

/** The sanitised facts of a KMS failure, for the verifier's diagnostics. */
export function kmsFailureFacts(error: unknown): ProviderFailure {
  return describeProviderFailure(error);
}
