// The cheapest node:crypto SHA-256 of a string as hex: crypto.hash (one-shot, Node 20.12+) where it
// exists, else createHash. The library uses crypto.hash too, so a raw side using this is no slower
// than the library's own digests.
import * as nodeCrypto from "node:crypto";
import { createHash } from "node:crypto";

type OneShotHash = (algorithm: string, data: string, encoding: "hex") => string;
const oneShotHash = (nodeCrypto as { hash?: OneShotHash }).hash;

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  return typeof oneShotHash === "function"
    ? oneShotHash("sha256", text, "hex")
    : createHash("sha256").update(text).digest("hex");
}
