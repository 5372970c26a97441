// The issuer's trust root, as the page's second example is given it.
import type { TrustRoot } from "@parmanasystems/core";
import { writeTrustRootOfSigner } from "../../trust-root-files.js";

export const trustRoot: TrustRoot = writeTrustRootOfSigner();
