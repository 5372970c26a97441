import type { ExecutionAttestation } from "@parmanasystems/core";

// The JSON example of the page, verbatim, as a value of the library's type.
export const example: ExecutionAttestation = {
  "executionId": "claim-CLM-2024-00441",
  "execution_fingerprint": "a3f8d2c1e4b5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1",
  "policyId": "claims-approval",
  "policyVersion": "1.0.0",
  "schemaVersion": "1.0.0",
  "runtimeVersion": "1.0.0",
  "runtimeHash": "sha256:c9d4e5f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9",
  "decision": {
    "action": "approve",
    "requires_override": false,
    "reason": "Approved: gold tier within standard limit."
  },
  "execution_state": "completed",
  "signalsHash": "a3f8d2c1e4b5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1",
  "bundleHash": "sha256:bundle1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0",
  "manifestHash": "sha256:manifest1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9",
  "manifestSignature": "base64EncodedSignatureHere",
  "trustRootVersion": "2026-01",
  "signerKeyId": "parmanasystems-root-2026",
  "evaluatorHash": "sha256:evaluator1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9",
  "evaluatorSemanticHash": "sha256:semantic1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9",
  "evaluatorArtifactHash": "sha256:artifact1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9",
  "releaseManifestHash": "sha256:release1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0",
  "signature": "ed25519SignatureBase64EncodedHere"
};
