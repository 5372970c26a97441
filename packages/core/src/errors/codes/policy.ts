import type { ErrorCodeEntry } from "../error-code-entry.js";

/**
 * `POL-` codes: policy files and compilation. `compilePolicy` / `validatePolicy` report them as
 * problems (each with a JSON path); registries and `evaluatePolicy` throw a `PolicyError` with
 * the first one. `POL-021`, `POL-023`, `POL-024` and `POL-025` are warnings: the policy compiles.
 * `POL-001`..`POL-013` and `POL-020`..`POL-022` keep the meanings the Parmana product documents;
 * `POL-014`..`POL-019` and `POL-023` onwards are this library's further checks.
 */
export const POLICY_CODES: Readonly<Record<string, ErrorCodeEntry>> = {
  "POL-001": {
    title: "Policy not found",
    cause:
      "No policy file exists at the path tried (`policies/{policyId}/{policyVersion}/policy.json` under the policies root), or no policy with that id and version is registered in memory.",
    fix: "Check policyId and policyVersion, the policies root (`policiesRootPath`, `PARMANA_POLICIES_ROOT`, `./policies`) or register the policy first.",
  },
  "POL-002": {
    title: "Policy file unreadable or not valid JSON",
    cause: "The policy file could not be read, is not valid UTF-8, or its text is not valid JSON.",
    fix: "Fix the JSON syntax (the message gives the parser's position) and save the file as UTF-8.",
  },
  "POL-003": {
    title: "Missing or invalid policyId",
    cause:
      "policyId is missing, not a string, or not a safe folder name (letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters), in a policy document or in a registry lookup.",
    fix: 'Use a kebab-case id such as "loan-approval", equal to the policy\'s folder name.',
  },
  "POL-004": {
    title: "Missing or invalid policyVersion",
    cause: "policyVersion is missing or not a string.",
    fix: 'Set policyVersion to a semantic version string such as "1.0.0", equal to the version folder name.',
  },
  "POL-005": {
    title: "Missing schemaVersion",
    cause: "The policy document has no schemaVersion member.",
    fix: 'Add "schemaVersion": "1.0.0".',
  },
  "POL-006": {
    title: "Missing or invalid signalsSchema",
    cause: "signalsSchema is missing or not a JSON object mapping signal names to declarations.",
    fix: 'Declare the signals as an object, e.g. { "credit_score": { "type": "integer" } }.',
  },
  "POL-007": {
    title: "Missing or invalid rules",
    cause: "rules is missing, not an array, or empty.",
    fix: "Provide an ordered, non-empty array of { id, condition, outcome } rules ending with a catch-all.",
  },
  "POL-008": {
    title: "Policy identity does not match its location",
    cause:
      "The file's policyId or policyVersion differs from the folder names policies/{policyId}/{policyVersion}/ it was loaded from.",
    fix: "Move the file to the matching folder or fix policyId / policyVersion in the file.",
  },
  "POL-009": {
    title: "Unsupported schemaVersion",
    cause:
      'schemaVersion names a policy format this runtime does not support (only "1.0.0"), or is not a string.',
    fix: 'Set schemaVersion to "1.0.0", or upgrade @parmanasystems/core.',
  },
  "POL-010": {
    title: "Signal declaration without type",
    cause: "A signal declaration in signalsSchema has no type member.",
    fix: "Give every signal a type: integer, number, boolean, string or enum.",
  },
  "POL-011": {
    title: "Invalid signal type",
    cause: "A signal's type is not one of integer, number, boolean, string, enum.",
    fix: "Use one of the five supported types.",
  },
  "POL-012": {
    title: "Enum without values",
    cause: "A signal of type enum has no values (missing or empty array).",
    fix: 'Add the allowed values: { "type": "enum", "values": ["gold", "silver"] }.',
  },
  "POL-013": {
    title: "Malformed rule or condition",
    cause:
      "A rule is not an object, has no non-empty string id, or lacks a condition or outcome; or a condition is not a leaf { signal, <operator>: operand } with exactly one operator, nor a composite with exactly one of all (array), any (array) or not (condition); or conditions nest deeper than 64 levels.",
    fix: "Write each rule as { id, condition, outcome } and each condition as a leaf or a single all/any/not.",
  },
  "POL-014": {
    title: "Unknown operator",
    cause:
      "A leaf condition uses an operator other than equals, not_equals, greater_than, greater_than_or_equal, less_than, less_than_or_equal, in, not_in.",
    fix: 'Use one of the supported operator names (e.g. greater_than_or_equal rather than ">=" or "gte").',
  },
  "POL-015": {
    title: "Undeclared signal in condition",
    cause: "A condition refers to a signal that signalsSchema does not declare.",
    fix: "Declare the signal in signalsSchema or fix its name in the condition.",
  },
  "POL-016": {
    title: "Operator not valid for the signal's type",
    cause:
      "Ordering operators (greater_than, ...) are used on a non-numeric signal, or in/not_in on a boolean. Booleans take equals/not_equals only; strings and enums also take in/not_in.",
    fix: "Use an operator that fits the signal's type, or change the signal's type.",
  },
  "POL-017": {
    title: "Operand of the wrong type",
    cause:
      "The operand does not match the signal's type: an integer signal needs a safe integer, a number signal a finite number, a boolean signal true/false, string and enum signals a string; in/not_in need a non-empty array of such values and the other operators a single value.",
    fix: 'Write the operand with the signal\'s type, e.g. 700 rather than "700".',
  },
  "POL-018": {
    title: "Enum operand outside values",
    cause: "A condition compares an enum signal with a value its declaration does not list.",
    fix: "Use one of the declared values, or add the value to the enum.",
  },
  "POL-019": {
    title: "Malformed outcome",
    cause:
      "A rule's outcome is not an object with action (non-empty string), requires_override (boolean) and reason (string).",
    fix: 'Write the outcome as { "action": "approve", "requires_override": false, "reason": "..." }.',
  },
  "POL-020": {
    title: "Duplicate rule id",
    cause: "Two rules have the same id; the matched rule_id of a decision would be ambiguous.",
    fix: "Give every rule a unique id.",
  },
  "POL-021": {
    title: "No catch-all rule (warning)",
    cause:
      "No rule always matches, so some signals may match no rule; executing them fails with SYS-006 and no attestation.",
    fix: 'End the rules with a catch-all: { "condition": { "all": [] }, ... }.',
  },
  "POL-022": {
    title: "policyVersion is not semver",
    cause:
      'policyVersion (in a document or a registry lookup) is not a semantic version such as "1.0.0"; "v1" is not.',
    fix: "Use MAJOR.MINOR.PATCH, optionally with a pre-release or build suffix.",
  },
  "POL-023": {
    title: "Unreachable rule (warning)",
    cause: "An earlier rule always matches (a catch-all), so this rule can never be reached.",
    fix: "Move the catch-all to the end or remove the unreachable rule.",
  },
  "POL-024": {
    title: "Shadowed rule (warning)",
    cause:
      "An earlier rule has an identical condition, so every signal this rule would match is decided by the earlier rule.",
    fix: "Remove the duplicate rule or change its condition.",
  },
  "POL-025": {
    title: "Rule never matches (warning)",
    cause:
      'The rule\'s condition can never be true (for example { "any": [] } or not of a catch-all).',
    fix: "Fix or remove the rule.",
  },
  "POL-026": {
    title: "Invalid override_roles",
    cause: "A rule's override_roles is not a non-empty array of distinct non-empty strings.",
    fix: 'List the roles allowed to approve an override, e.g. ["claims-manager"], or omit override_roles to allow any role.',
  },
  "POL-027": {
    title: "Unknown or invalid member",
    cause:
      'The policy, a signal declaration, a rule or an outcome has a member the format does not define (often a misspelling such as "overide_roles"), or a description that is not a string.',
    fix: 'Remove or rename the member; free text goes in "description" (a string).',
  },
  "POL-029": {
    title: "Conflicting policy registration",
    cause:
      "A different policy document is already registered under the same policyId and policyVersion; a version is immutable.",
    fix: "Publish the change under a new policyVersion.",
  },
  "POL-030": {
    title: "Policy is not a JSON object",
    cause:
      "The policy document is not a plain JSON object, or contains values JSON cannot represent.",
    fix: "The file must contain one object with policyId, policyVersion, schemaVersion, signalsSchema and rules.",
  },
  "POL-031": {
    title: "Invalid signal declaration",
    cause:
      "A signal name is not an identifier (letters, digits, '_', '.', '-', starting with a letter or '_'; never \"__proto__\"), or its declaration is not an object or has a member of the wrong type.",
    fix: "Rename the signal, and make each declaration an object { type, values?, description? }.",
  },
  "POL-032": {
    title: "Invalid enum values",
    cause:
      "An enum's values is not an array of distinct non-empty strings, or values is given for a signal that is not an enum.",
    fix: "List each allowed value once as a string, and only on signals of type enum.",
  },
};
