// Each error family class accepts only its own prefix's codes; every one is still a
// ParmanaError whose `code` is typed. Checked by `pnpm typecheck`.
import {
  OverrideError,
  ParmanaError,
  PolicyError,
  ProvenanceError,
  ReplayError,
  SignatureError,
  StoreError,
  TrustError,
  ValidationError,
  type ParmanaErrorCode,
  type ParmanaErrorCodeOf,
} from "@parmanasystems/core";
import { expectType } from "./assert-type.js";

const trust = new TrustError("TRUST-001", "trust root missing");
expectType<ParmanaErrorCodeOf<"TRUST">>()(trust.code);
const base: ParmanaError = trust;
expectType<ParmanaErrorCode | (string & {})>()(base.code);
new ValidationError("VAL-001", "bad input");
new PolicyError("POL-001", "policy missing", { details: { path: "x" } });
new StoreError("STORE-001", "store unreachable", { retryable: true });
new ReplayError("INV-013", "Replay detected: k");
new OverrideError("SYS-020", "no pending override");
new SignatureError("SIG-001", "bad key");
new ProvenanceError("PROV-001", "bad provenance");
// Other packages and applications may still use their own codes with the base class.
new ParmanaError("CLI-001", "usage");

// @ts-expect-error a TRUST- class refuses a VAL- code
new TrustError("VAL-001", "wrong family");
// @ts-expect-error a STORE- class refuses a code that is not in the catalogue
new StoreError("STORE-999", "unknown code");
// @ts-expect-error ReplayError is an INV- error
new ReplayError("SYS-006", "wrong family");
// @ts-expect-error a family class refuses an arbitrary string
new SignatureError("sig failed" as string, "untyped code");

const codes: ParmanaErrorCodeOf<"CANONICAL">[] = ["CANONICAL-001"];
// @ts-expect-error ParmanaErrorCodeOf keeps only the family's codes
codes.push("POL-001");
