import { readFileSync } from "node:fs";
import { normalizeArtifactText } from "./internal/bundle-content.js";

export { normalizeArtifactText, POLICY_ARTIFACT } from "./internal/bundle-content.js";

/** File name of the manifest inside a bundle folder. */
export const BUNDLE_MANIFEST_FILE = "bundle.manifest.json";
/** File name of the manifest signature inside a bundle folder. */
export const BUNDLE_SIGNATURE_FILE = "bundle.sig";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A file read as bundle content: its normalised text, or why it could not be read. @internal */
export type ArtifactRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads a text artifact the way it is hashed: strict UTF-8, a leading BOM dropped, CRLF turned
 * into LF, so the same policy saved on Windows and elsewhere has the same hash.
 *
 * @internal
 */
export function readArtifactText(path: string): ArtifactRead {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      reason: code === "ENOENT" || code === "ENOTDIR" ? "missing" : `unreadable (${String(code)})`,
    };
  }
  try {
    return { ok: true, text: normalizeArtifactText(UTF8.decode(bytes)) };
  } catch {
    return { ok: false, reason: "not valid UTF-8" };
  }
}
