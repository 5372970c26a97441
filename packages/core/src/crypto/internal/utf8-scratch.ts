// Node-only. The UTF-8 bytes of a signing input are signed or verified at once (synchronously)
// and never kept, so they are written into one reused buffer instead of a fresh Buffer per call:
// Buffer.from takes a slice of Node's shared pool, and a new 8 KiB pool every few attestations.

// Texts longer than this get a Buffer of their own, so a huge input leaves nothing large behind.
const MAX_KEPT_BYTES = 64 * 1024;
const INITIAL_BYTES = 4096;

// Allocated outside Node's shared Buffer pool (allocUnsafeSlow): it lives as long as the process,
// so it must not pin a pool, and no other Buffer may ever be a slice of the same memory.
let scratch: Buffer | undefined;
// The view last handed out, reused while the length repeats (it usually does, within a byte or two).
let view: Buffer | undefined;
// Set while a view is lent out: a nested call (a key's getter calling back in) gets a fresh Buffer.
let lent = false;

/**
 * The UTF-8 bytes of `text`, in the shared buffer when it is free. The bytes stay valid until
 * {@link returnUtf8} is called with them; call it in a `finally`, once the bytes have been signed
 * or verified.
 *
 * @param text - the text to encode
 * @returns its UTF-8 bytes (a view of the shared buffer, or a fresh Buffer)
 * @internal
 */
export function borrowUtf8(text: string): Buffer {
  if (lent) return Buffer.from(text, "utf8");
  const length = Buffer.byteLength(text, "utf8");
  if (length > MAX_KEPT_BYTES) return Buffer.from(text, "utf8");
  const buffer = scratchHolding(length);
  buffer.write(text, 0, length, "utf8");
  return lend(buffer, length);
}

/**
 * The UTF-8 bytes of the concatenation of `parts`, written piece by piece (no string of the
 * whole is made), in the shared buffer when it is free; as {@link borrowUtf8} otherwise.
 *
 * @param parts - pieces of well-formed text (no lone surrogate to be joined across two pieces)
 * @returns their UTF-8 bytes, to give back with {@link returnUtf8}
 * @internal
 */
export function borrowUtf8Parts(parts: readonly string[]): Buffer {
  // At most three bytes per UTF-16 code unit.
  let bound = 0;
  for (let index = 0; index < parts.length; index++) bound += 3 * (parts[index] as string).length;
  if (lent || bound > MAX_KEPT_BYTES) return Buffer.from(parts.join(""), "utf8");
  const buffer = scratchHolding(bound);
  let length = 0;
  for (let index = 0; index < parts.length; index++)
    length += buffer.write(parts[index] as string, length, "utf8");
  return lend(buffer, length);
}

// The shared buffer, replaced by one of twice `bytes` (at least INITIAL_BYTES) when it is smaller.
function scratchHolding(bytes: number): Buffer {
  if (scratch === undefined || scratch.length < bytes) {
    scratch = Buffer.allocUnsafeSlow(Math.max(INITIAL_BYTES, 2 * bytes));
    view = undefined;
  }
  return scratch;
}

// Lends the first `length` bytes of the shared buffer, reusing the last view when it is as long.
function lend(buffer: Buffer, length: number): Buffer {
  if (view === undefined || view.length !== length) view = buffer.subarray(0, length);
  lent = true;
  return view;
}

/**
 * Ends the loan of bytes {@link borrowUtf8} returned (a fresh Buffer is simply dropped).
 *
 * @param bytes - what borrowUtf8 returned
 * @internal
 */
export function returnUtf8(bytes: Uint8Array): void {
  if (bytes === view) lent = false;
}
