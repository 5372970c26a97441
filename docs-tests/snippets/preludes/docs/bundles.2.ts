// The trust root the strict registry is given.
import { writeTrustRootOfSigner } from "../trust-root-files.js";

writeTrustRootOfSigner();
