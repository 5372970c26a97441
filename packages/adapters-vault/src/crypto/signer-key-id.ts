/**
 * `signerKeyId` of one key version: `vault:[<namespace>/]<mount>/<key>:v<N>`. Mount, namespace
 * and key names are restricted to characters that need no JSON escaping, so the id appears
 * verbatim in canonical JSON.
 */
export function versionKeyId(keyIdBase: string, version: number): string {
  return `${keyIdBase}:v${version}`;
}

/**
 * The key version a signing input names for this key: the `signerKeyId` field written into
 * attestations (and other Parmana artifacts) by executeFromSignals. Canonical JSON puts the
 * top-level field after any nested object that sorts before it, so the last occurrence is the
 * artifact's own. A hint only: callers still check the signature.
 *
 * @returns the version, or undefined when the payload names none for this key
 */
export function versionNamedIn(payload: string, keyIdBase: string): number | undefined {
  const marker = `"signerKeyId":"${keyIdBase}:v`;
  const at = payload.lastIndexOf(marker);
  if (at === -1) return undefined;
  const start = at + marker.length;
  const end = payload.indexOf('"', start);
  if (end === -1 || end - start > 9) return undefined;
  const digits = payload.slice(start, end);
  return /^[1-9][0-9]*$/.test(digits) ? Number(digits) : undefined;
}
