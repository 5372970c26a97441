export {
  ParmanaError,
  ValidationError,
  PolicyError,
  InvariantError,
  ReplayError,
  SystemError,
  OverrideError,
  CanonicalizationError,
  SignatureError,
  TrustError,
  StoreError,
  ProvenanceError,
} from "./parmana-error.js";
export type { ParmanaErrorOptions, ParmanaErrorCodeOf } from "./parmana-error.js";
export { ERROR_CATALOG, describeErrorCode } from "./catalog.js";
export type { ErrorCodeEntry } from "./error-code-entry.js";
export type { ParmanaErrorCode } from "./error-code.types.js";
