import type { PublicKeyInput, Signer } from "@parmanasystems/core";

/** Options of {@link AuditLog}. */
export interface AuditLogOptions {
  /**
   * The log's identity, the first line of every checkpoint and its key name, e.g.
   * `"audit.example.com/decisions"` (no spaces, no "+").
   */
  readonly origin: string;
  /** An Ed25519 signer for checkpoints (`LocalSigner`, or a remote signer). Needed to publish. */
  readonly signer?: Signer;
  /** The signer's public key, for the checkpoint's key ID. Required with `signer`. */
  readonly publicKey?: PublicKeyInput;
}

/** A signed checkpoint as the log stored it. */
export interface PublishedCheckpoint {
  readonly origin: string;
  readonly treeSize: number;
  /** Root hash, standard base64. */
  readonly rootHash: string;
  /** The signed note (C2SP tlog-checkpoint), to hand to auditors unchanged. */
  readonly note: string;
  /** ISO-8601 UTC time the checkpoint was first published. */
  readonly publishedAt: string;
}
