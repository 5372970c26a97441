export {};

interface Signer {
  sign(payload: string): string | Promise<string>;
}

interface Verifier {
  verify(payload: string, signature: string): boolean | Promise<boolean>;
}

interface ReplayStore {
  reserve(fingerprint: string): Promise<void>;   // claim the slot - reject if already exists
  confirm(fingerprint: string): Promise<void>;   // mark as confirmed
  hasExecuted(fingerprint: string): Promise<boolean>;
  markExecuted(fingerprint: string): Promise<void>;
}

// Appended (not part of the guide): the library's built-in signer and verifier satisfy the guide's
// interfaces, and an implementation of the guide's interfaces satisfies the library's. The
// built-in MemoryReplayStore satisfies the library's ReplayStore, whose reserve may return a
// fencing token (the guide's reserve returns nothing, which the library still accepts).
import type * as Library from "@parmanasystems/core";
import { LocalSigner, LocalVerifier, MemoryReplayStore } from "@parmanasystems/core";
export const builtIns: [Signer, Verifier, Library.ReplayStore] = [
  new LocalSigner(""),
  new LocalVerifier(""),
  new MemoryReplayStore(),
];
export function toLibrary(signer: Signer, verifier: Verifier, store: ReplayStore) {
  const forLibrary: [Library.Signer, Library.Verifier, Library.ReplayStore] = [signer, verifier, store];
  return forLibrary;
}
