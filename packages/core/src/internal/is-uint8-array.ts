/**
 * Structural Uint8Array check (Buffer included). `instanceof` fails for arrays made in another
 * realm (vm contexts, some test environments), which must still be accepted as bytes.
 */
export function isUint8Array(value: unknown): value is Uint8Array {
  return (
    ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === "[object Uint8Array]"
  );
}
