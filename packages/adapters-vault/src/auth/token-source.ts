import { SignatureError } from "@parmanasystems/core";
import { vaultErrors, vaultHttp, VaultTransportFailure } from "../http/vault-http.js";
import type { VaultConfig } from "../options/resolve-options.js";

/** Hands out the token to send, and learns when Vault refused it. */
export interface TokenSource {
  /** The token to send now (logs in or renews first when needed). */
  token(): Promise<string>;
  /**
   * Vault answered 403 to `rejected`. Returns true when a new token may help (AppRole: the next
   * `token()` logs in again), false when retrying is pointless (a static token).
   */
  rejected(rejected: string): boolean;
  /** Secrets that must never appear in a message (token, secret id). */
  secrets(): readonly string[];
}

/** Creates the token source the config names. */
export function createTokenSource(config: VaultConfig): TokenSource {
  return config.auth.kind === "token"
    ? staticTokenSource(config.auth.token)
    : new AppRoleTokenSource(config, config.auth);
}

function staticTokenSource(token: string): TokenSource {
  return {
    token: () => Promise.resolve(token),
    rejected: () => false,
    secrets: () => [token],
  };
}

interface Lease {
  readonly token: string;
  /** Epoch ms after which the token is dead; undefined for a token without expiry. */
  readonly expiresAt: number | undefined;
  /** Epoch ms from which the token is renewed (or replaced) before use. */
  readonly renewAt: number | undefined;
  readonly renewable: boolean;
}

// Renew once two thirds of the lease have passed, so a slow renewal still beats expiry.
const RENEW_FRACTION = 2 / 3;

/**
 * AppRole login with lazy renewal: no timer runs in the background (nothing keeps a process
 * alive); the lease is checked before each call. Concurrent callers share one login or renewal.
 */
class AppRoleTokenSource implements TokenSource {
  readonly #config: VaultConfig;
  readonly #auth: { roleId: string; secretId: string; mount: string };
  #lease: Lease | undefined;
  #pending: Promise<Lease> | undefined;

  constructor(config: VaultConfig, auth: { roleId: string; secretId: string; mount: string }) {
    this.#config = config;
    this.#auth = auth;
  }

  async token(): Promise<string> {
    const lease = this.#lease;
    const now = this.#config.now();
    if (lease !== undefined) {
      if (lease.renewAt === undefined || now < lease.renewAt) return lease.token;
      if (lease.expiresAt !== undefined && now >= lease.expiresAt) this.#lease = undefined;
    }
    this.#pending ??= this.#refresh(this.#lease).finally(() => {
      this.#pending = undefined;
    });
    return (await this.#pending).token;
  }

  rejected(rejected: string): boolean {
    if (this.#lease?.token === rejected) this.#lease = undefined;
    return true;
  }

  secrets(): readonly string[] {
    return this.#lease === undefined
      ? [this.#auth.secretId]
      : [this.#auth.secretId, this.#lease.token];
  }

  async #refresh(current: Lease | undefined): Promise<Lease> {
    if (current?.renewable === true) {
      try {
        this.#lease = await this.#renew(current);
        return this.#lease;
      } catch {
        // A token past its max TTL or revoked cannot be renewed: log in afresh.
      }
    }
    this.#lease = await this.#login();
    return this.#lease;
  }

  async #login(): Promise<Lease> {
    const response = await this.#call({
      method: "POST",
      path: `auth/${this.#auth.mount}/login`,
      body: { role_id: this.#auth.roleId, secret_id: this.#auth.secretId },
    });
    return this.#leaseFrom(response, "login");
  }

  async #renew(current: Lease): Promise<Lease> {
    const response = await this.#call({
      method: "POST",
      path: "auth/token/renew-self",
      token: current.token,
      body: {},
    });
    return this.#leaseFrom(response, "renewal");
  }

  async #call(
    request: Parameters<typeof vaultHttp>[1],
  ): Promise<{ status: number; body: unknown }> {
    try {
      return await vaultHttp(this.#config, request);
    } catch (error) {
      if (error instanceof VaultTransportFailure) {
        throw new SignatureError("SIG-011", `Vault AppRole login failed: ${error.message}`, {
          details: {
            reason: error.kind,
            ...(error.status === undefined ? {} : { status: error.status }),
          },
          retryable: error.kind !== "not-json" && error.kind !== "too-large",
        });
      }
      throw error;
    }
  }

  #leaseFrom(response: { status: number; body: unknown }, step: "login" | "renewal"): Lease {
    if (response.status !== 200) {
      throw new SignatureError(
        "SIG-011",
        `Vault refused the AppRole ${step} (HTTP ${response.status})`,
        {
          details: {
            status: response.status,
            vaultErrors: vaultErrors(response.body, this.#auth.secretId),
          },
          retryable: response.status >= 500,
        },
      );
    }
    const auth = (response.body as { auth?: unknown } | undefined)?.auth as
      { client_token?: unknown; lease_duration?: unknown; renewable?: unknown } | undefined;
    const token = auth?.client_token;
    const leaseSeconds = auth?.lease_duration;
    if (
      typeof token !== "string" ||
      !/^[\x21-\x7e]+$/.test(token) ||
      typeof leaseSeconds !== "number" ||
      !Number.isFinite(leaseSeconds) ||
      leaseSeconds < 0
    ) {
      throw new SignatureError("SIG-030", `Vault's AppRole ${step} answer has no usable token`, {
        details: { status: response.status },
      });
    }
    const now = this.#config.now();
    // lease_duration 0 means the token does not expire.
    const expiresAt = leaseSeconds === 0 ? undefined : now + leaseSeconds * 1000;
    return {
      token,
      expiresAt,
      renewAt: expiresAt === undefined ? undefined : now + leaseSeconds * 1000 * RENEW_FRACTION,
      renewable: auth?.renewable === true,
    };
  }
}
