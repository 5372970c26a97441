// The small part of WebCrypto this package uses, typed here so that neither the package nor its
// declarations need the DOM or Node type libraries.

/** A WebCrypto key handle (`CryptoKey`), opaque to this package. */
export interface WebCryptoKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: unknown;
  readonly usages: readonly string[];
}

/** The algorithms imported and verified with. */
export type WebCryptoAlgorithm =
  | { readonly name: "Ed25519" }
  | { readonly name: "ECDSA"; readonly namedCurve: "P-256" }
  | { readonly name: "ECDSA"; readonly hash: "SHA-256" };

/** The `crypto.subtle` methods this package calls. */
export interface WebCryptoSubtle {
  importKey(
    format: "spki",
    keyData: Uint8Array,
    algorithm: WebCryptoAlgorithm,
    extractable: boolean,
    usages: readonly "verify"[],
  ): Promise<WebCryptoKey>;
  verify(
    algorithm: WebCryptoAlgorithm,
    key: WebCryptoKey,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
  digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer>;
}
