import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { SystemError } from "../../errors/parmana-error.js";

/** Name of the file `parmana keygen` writes beside a key to remember the key id chosen for it. */
export const KEY_INFO_FILE = "key.json";

// A PEM private key is a few hundred bytes; anything far larger is not a key file.
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * Reads a private key file's text. @internal
 *
 * @throws SystemError `SYS-030` when it cannot be read
 */
export function readPrivateKeyFile(path: string): string {
  try {
    if (statSync(path).size > MAX_KEY_FILE_BYTES) {
      throw new SystemError(
        "SYS-030",
        `${path} is larger than ${MAX_KEY_FILE_BYTES} bytes: not a key file`,
      );
    }
    return readFileSync(path, "utf8");
  } catch (cause) {
    if (cause instanceof SystemError) throw cause;
    // Node's file-system errors always carry a code; "error" only guards a non-Node throw.
    /* v8 ignore next */
    const code = (cause as { code?: unknown }).code ?? "error";
    throw new SystemError("SYS-030", `cannot read key file ${path} (${String(code)})`, {
      cause,
    });
  }
}

/**
 * The key id recorded in `key.json` beside a key file, when the file exists and describes this
 * very key (its `publicKey` names a PEM file holding `publicKeyPem`). @internal
 *
 * @returns the id, or undefined without a key.json
 * @throws SystemError `SYS-031` for a key.json that is malformed or describes another key
 */
export function recordedKeyId(keyPath: string, publicKeyPem: string): string | undefined {
  const infoPath = join(dirname(keyPath), KEY_INFO_FILE);
  let text: string;
  try {
    text = readFileSync(infoPath, "utf8");
  } catch {
    return undefined; // no key.json: the id is derived from the key
  }
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch (cause) {
    throw new SystemError("SYS-031", `${infoPath} is not valid JSON`, { cause });
  }
  const record = info as { keyId?: unknown; publicKey?: unknown } | null;
  if (
    typeof record !== "object" ||
    record === null ||
    typeof record.keyId !== "string" ||
    record.keyId === ""
  ) {
    throw new SystemError("SYS-031", `${infoPath} has no keyId string`);
  }
  if (typeof record.publicKey === "string") {
    let recordedPem: string;
    try {
      recordedPem = readFileSync(join(dirname(keyPath), record.publicKey), "utf8");
    } catch (cause) {
      throw new SystemError(
        "SYS-031",
        `${infoPath} names public key ${record.publicKey}, which cannot be read`,
        { cause },
      );
    }
    // Only trust the recorded id when it belongs to this very key.
    if (recordedPem.trim() !== publicKeyPem.trim()) {
      throw new SystemError(
        "SYS-031",
        `${infoPath} describes another key: ${record.publicKey} is not the public half of ${keyPath}`,
      );
    }
  }
  return record.keyId;
}
