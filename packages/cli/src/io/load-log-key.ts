import {
  exportEd25519PublicKeyRaw,
  parseNoteVerifierKey,
  type LogVerificationKey,
} from "@parmanasystems/core";
import { readTextFile } from "./read-text-file.js";
import { resolvePath } from "./resolve-path.js";
import { withPath } from "./with-path.js";

/**
 * Loads a transparency log's public key: a PEM Ed25519 public key (its key name is then the
 * checkpoint's origin) or a note verifier key line (`name+keyid+base64`).
 *
 * @param io - working directory
 * @param path - the key file as typed
 * @returns the key in a form `verifyInclusion` / `verifyConsistency` take
 * @throws CliError `CLI-002`/`CLI-003`; SignatureError `SIG-001`/`SIG-002`/`SIG-003` for a PEM key
 *   that is malformed, not Ed25519 or private; TrustError `TRUST-087` for a malformed vkey
 */
export function loadLogKey(io: { readonly cwd: string }, path: string): LogVerificationKey {
  const text = readTextFile(resolvePath(io, path), "log key", path);
  try {
    if (text.includes("-----BEGIN")) {
      exportEd25519PublicKeyRaw(text); // refuses private, malformed and non-Ed25519 keys now
      return text;
    }
    parseNoteVerifierKey(text.trim()); // checks the vkey's form and key ID now
    return text.trim();
  } catch (error) {
    throw withPath(error, path);
  }
}
