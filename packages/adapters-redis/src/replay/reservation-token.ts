import { randomBytes } from "node:crypto";

const TOKEN_BYTES = 16;
const POOL_BYTES = TOKEN_BYTES * 256;

// Random bytes drawn in batches: one call per 256 tokens instead of one per reservation, on the
// hot path. Every byte is used once.
let pool: Buffer = Buffer.alloc(0);
let offset = 0;

/** A fresh fencing token: 16 bytes from the CSPRNG, base64url (22 characters). */
export function newToken(): string {
  if (offset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const token = pool.toString("base64url", offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return token;
}
