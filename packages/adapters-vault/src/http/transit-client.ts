import { createTokenSource, type TokenSource } from "../auth/token-source.js";
import type { VaultConfig } from "../options/resolve-options.js";
import { vaultErrors, vaultHttp, type VaultHttpResponse } from "./vault-http.js";

/** A Vault answer plus the trimmed, secret-free `errors` it carried. */
export interface TransitResponse extends VaultHttpResponse {
  readonly errors: readonly string[];
}

/**
 * Authenticated calls to one Transit key. A 403 makes an AppRole source log in again and the
 * call is repeated once; a static token's 403 is returned as it is.
 */
export class TransitClient {
  readonly config: VaultConfig;
  readonly #tokens: TokenSource;
  readonly #keyPath: string;

  constructor(config: VaultConfig) {
    this.config = config;
    this.#tokens = createTokenSource(config);
    this.#keyPath = encodeURIComponent(config.keyName);
  }

  /** `GET <mount>/keys/<name>`. */
  readKey(): Promise<TransitResponse> {
    return this.#call("GET", `${this.config.mount}/keys/${this.#keyPath}`, undefined);
  }

  /** `POST <mount>/sign/<name>`. */
  sign(body: Record<string, unknown>): Promise<TransitResponse> {
    return this.#call("POST", `${this.config.mount}/sign/${this.#keyPath}`, body);
  }

  /** `POST <mount>/verify/<name>`. */
  verify(body: Record<string, unknown>): Promise<TransitResponse> {
    return this.#call("POST", `${this.config.mount}/verify/${this.#keyPath}`, body);
  }

  /** Removes every credential from a text that may reach an error message. */
  scrub(text: string): string {
    let result = text;
    for (const secret of this.#tokens.secrets()) result = result.split(secret).join("[redacted]");
    return result;
  }

  async #call(method: "GET" | "POST", path: string, body: unknown): Promise<TransitResponse> {
    let token = await this.#tokens.token();
    let response = await vaultHttp(this.config, { method, path, token, body, repeatable: true });
    if (response.status === 403 && this.#tokens.rejected(token)) {
      token = await this.#tokens.token();
      response = await vaultHttp(this.config, { method, path, token, body, repeatable: true });
    }
    return { ...response, errors: vaultErrors(response.body, token).map((e) => this.scrub(e)) };
  }
}
