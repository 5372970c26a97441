export {
  createVerificationBundle,
  VERIFICATION_BUNDLE_SCHEMA_VERSION,
} from "./create-verification-bundle.js";
export { verifyVerificationBundle, checkVerificationBundle } from "./verify-verification-bundle.js";
export { hashVerificationBundle } from "./hash-verification-bundle.js";
export type {
  VerificationBundle,
  CreateVerificationBundleInput,
  CreateVerificationBundleOptions,
  VerificationBundleCheckResult,
  VerificationBundleCheck,
} from "./verification-bundle.types.js";
