import { canonicalHash } from "../hashing/sha256.js";
import type {
  CompiledPolicy,
  PolicyCompilationResult,
  PolicyProblem,
} from "./compiled-policy.types.js";
import type { PolicyDocument } from "./policy.types.js";
import { checkPolicyDocument } from "./internal/check-policy-document.js";
import { createCompiledPolicy } from "./internal/create-compiled-policy.js";
import { deepFreeze } from "./internal/deep-freeze.js";
import { describeValue, isPlainRecord } from "../internal/type-checks.js";
import { readPolicyFile } from "./internal/read-policy-file.js";
import { codedInputError } from "../errors/internal/coded-input-guard.js";
import { PolicyError } from "../errors/parmana-error.js";

/** Options of {@link compilePolicy}. */
export interface CompilePolicyOptions {
  /**
   * The policyId the document must carry, e.g. the name of the folder it was loaded from
   * (`POL-008` otherwise). The file registry passes the folder names.
   */
  readonly expectedPolicyId?: string;
  /** The policyVersion the document must carry (`POL-008` otherwise). */
  readonly expectedPolicyVersion?: string;
}

/**
 * Type-checks a policy and compiles it into an evaluator. Every problem is reported at once,
 * each with its `POL-` code and JSON path; warnings (`POL-021` no catch-all, `POL-023`
 * unreachable, `POL-024` shadowed, `POL-025` never matches) do not stop compilation.
 *
 * The compiled policy holds a deep-frozen copy of the document (later changes to the argument
 * have no effect) and `policyHash = canonicalHash(document)`, so the same content has the same
 * hash whatever its key order, whitespace or line endings.
 *
 * @param pathOrJson - a path to `policy.json` or to the folder holding it (read as UTF-8,
 *   CRLF → LF), or the parsed policy document
 * @param options - identity the document must have (used by the file registry)
 * @returns `{ valid, errors, warnings, policy?, source? }`; `policy` is present exactly when `valid`
 * @example
 * ```ts
 * const result = compilePolicy("policies/loan-approval/1.0.0");
 * if (!result.valid) {
 *   for (const e of result.errors) console.error(`${e.code} ${e.path}: ${e.message}`);
 * } else {
 *   result.policy.evaluate({ credit_score: 720, loan_amount: 15000 })?.action; // "approve"
 * }
 * ```
 */
export function compilePolicy(
  pathOrJson: string | unknown,
  options: CompilePolicyOptions = {},
): PolicyCompilationResult {
  try {
    if (typeof pathOrJson !== "string") return compileDocument(pathOrJson, options, undefined);
    const read = readPolicyFile(pathOrJson);
    if (!read.ok) return result([read.problem], [], undefined, read.filePath);
    return compileDocument(read.json, options, read.filePath);
  } catch (error) {
    throw codedInputError(error, PolicyError, "POL-030", "compilePolicy");
  }
}

function compileDocument(
  json: unknown,
  options: CompilePolicyOptions,
  source: string | undefined,
): PolicyCompilationResult {
  const check = checkPolicyDocument(json);
  const errors = [...check.errors, ...identityProblems(json, options)];
  if (errors.length > 0) return result(errors, check.warnings, undefined, source);

  // Compile a private copy (author's key order kept), immune to later mutation of the caller's
  // object; it is checked again below, so a getter that changes its answer cannot slip through.
  let document: PolicyDocument;
  try {
    document = deepFreeze(structuredClone(json) as PolicyDocument);
  } catch (error) {
    return result([notPlainJson(error)], check.warnings, undefined, source);
  }
  const recheck = checkPolicyDocument(document);
  if (recheck.errors.length > 0) return result(recheck.errors, recheck.warnings, undefined, source);
  const policy = createCompiledPolicy(document, canonicalHash(document));
  return result([], recheck.warnings, policy, source);
}

function identityProblems(json: unknown, options: CompilePolicyOptions): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!isPlainRecord(json)) return problems;
  const { expectedPolicyId, expectedPolicyVersion } = options;
  if (expectedPolicyId !== undefined && json["policyId"] !== expectedPolicyId) {
    problems.push({
      code: "POL-008",
      path: "$.policyId",
      message: `policyId ${describeValue(json["policyId"])} does not match its folder "${expectedPolicyId}"`,
    });
  }
  if (expectedPolicyVersion !== undefined && json["policyVersion"] !== expectedPolicyVersion) {
    problems.push({
      code: "POL-008",
      path: "$.policyVersion",
      message: `policyVersion ${describeValue(json["policyVersion"])} does not match its folder "${expectedPolicyVersion}"`,
    });
  }
  return problems;
}

function notPlainJson(error: unknown): PolicyProblem {
  return {
    code: "POL-030",
    path: "$",
    message: `the policy could not be read as plain JSON: ${error instanceof Error ? error.message : String(error)}`,
  };
}

function result(
  errors: readonly PolicyProblem[],
  warnings: readonly PolicyProblem[],
  policy: CompiledPolicy | undefined,
  source: string | undefined,
): PolicyCompilationResult {
  const common = {
    errors: Object.freeze([...errors]),
    warnings: Object.freeze([...warnings]),
    ...(source === undefined ? {} : { source }),
  };
  // A compiled policy exists exactly when there are no errors.
  return Object.freeze(
    policy !== undefined && errors.length === 0
      ? { ...common, valid: true as const, policy }
      : { ...common, valid: false as const },
  );
}
