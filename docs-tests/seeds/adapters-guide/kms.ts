import { KMSClient, SignCommand, VerifyCommand } from "@aws-sdk/client-kms";
import type { Signer, Verifier } from "@parmanasystems/core";

export class KMSSigner implements Signer {
  private client: KMSClient;
  private keyId:  string;

  constructor(keyId: string, region = "us-east-1") {
    this.client = new KMSClient({ region });
    this.keyId  = keyId;
  }

  async sign(payload: string): Promise<string> {
    const { Signature } = await this.client.send(new SignCommand({
      KeyId:            this.keyId,
      Message:          Buffer.from(payload),
      MessageType:      "RAW",
      SigningAlgorithm: "ECDSA_SHA_256",
    }));
    return Buffer.from(Signature!).toString("base64");
  }
}

export class KMSVerifier implements Verifier {
  private client: KMSClient;
  private keyId:  string;

  constructor(keyId: string, region = "us-east-1") {
    this.client = new KMSClient({ region });
    this.keyId  = keyId;
  }

  async verify(payload: string, signature: string): Promise<boolean> {
    try {
      const { SignatureValid } = await this.client.send(new VerifyCommand({
        KeyId:            this.keyId,
        Message:          Buffer.from(payload),
        MessageType:      "RAW",
        Signature:        Buffer.from(signature, "base64"),
        SigningAlgorithm: "ECDSA_SHA_256",
      }));
      return SignatureValid === true;
    } catch {
      return false;
    }
  }
}
