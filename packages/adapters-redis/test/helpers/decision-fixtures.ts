import { readFileSync } from "node:fs";
import {
  generateKeyPair,
  LocalSigner,
  LocalVerifier,
  MemoryPolicyRegistry,
  type PolicyDocument,
} from "@parmanasystems/core";

/** The payment-approval policy: large foreign payments need an override by payments-ops or risk-manager. */
export const PAYMENT_POLICY: PolicyDocument = JSON.parse(
  readFileSync(new URL("../fixtures/payment-approval-policy.json", import.meta.url), "utf8"),
) as PolicyDocument;

/** Signals that the policy approves at once. */
export const APPROVED_SIGNALS = {
  amount: 1200,
  currency: "INR",
  merchant_risk: "low",
  merchant_id: "MER-0042",
} as const;

/** Signals that the policy holds for an override (rule hold-large-foreign-payment). */
export const HELD_SIGNALS = {
  amount: 25000,
  currency: "USD",
  merchant_risk: "low",
  merchant_id: "MER-0042",
} as const;

/** A fresh key pair with its signer and verifier. */
export function keyMaterial(): {
  privateKeyPem: string;
  publicKeyPem: string;
  signer: LocalSigner;
  verifier: LocalVerifier;
} {
  const { privateKeyPem, publicKeyPem } = generateKeyPair();
  return {
    privateKeyPem,
    publicKeyPem,
    signer: new LocalSigner(privateKeyPem),
    verifier: new LocalVerifier(publicKeyPem),
  };
}

/** A registry holding the payment policy. */
export function paymentPolicies(): MemoryPolicyRegistry {
  return new MemoryPolicyRegistry([PAYMENT_POLICY]);
}
