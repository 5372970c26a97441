// What the pages' snippets take from the text around them: a public key read by the reader,
// an attestation returned by executeFromSignals, the attestation payload (`token`), and, for the
// "Storing attestations" snippet, the verifier and import of the "Verifying" snippet before it.
import type {
  AttestationPayload,
  ExecutionAttestation,
  LocalVerifier,
  verifyAttestation as VerifyAttestation,
} from "@parmanasystems/core";

declare global {
  const publicKey: string;
  const attestation: ExecutionAttestation;
  const token: AttestationPayload;
  const verifier: LocalVerifier;
  const verifyAttestation: typeof VerifyAttestation;
}
