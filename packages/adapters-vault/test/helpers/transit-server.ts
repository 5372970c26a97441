// A Vault Transit-compatible HTTP server for the tests (no Vault or OpenBao build can be
// installed on these machines). It speaks the documented HTTP API over real sockets, with real
// keys (node:crypto), so the adapter is exercised exactly as against Vault:
//
//   POST /v1/<mount>/keys/<name>             create (type ed25519 | ecdsa-p256 | ecdsa-p384 |
//                                            aes256-gcm96), 204
//   GET  /v1/<mount>/keys/<name>             read: type, latest_version, min_decryption_version,
//                                            min_encryption_version, keys (per version:
//                                            name, public_key, creation_time; only versions
//                                            >= min_decryption_version, as Vault archives older
//                                            ones); 404 {"errors":[]} when missing
//   POST /v1/<mount>/keys/<name>/rotate      new version, 204
//   POST /v1/<mount>/keys/<name>/config      min_decryption_version, min_encryption_version,
//                                            deletion_allowed, 204
//   DELETE /v1/<mount>/keys/<name>           only when deletion_allowed, 204
//   POST /v1/<mount>/sign/<name>(/<hash>)    input, key_version, hash_algorithm,
//                                            marshaling_algorithm (asn1 | jws), prehashed false;
//                                            answers {"data":{"signature":"vault:vN:<b64>"}}
//   POST /v1/<mount>/verify/<name>(/<hash>)  input, signature "vault:vN:<b64>"; 200 valid
//                                            true/false, 400 for a malformed or too-old signature
//   POST /v1/auth/<approle mount>/login      role_id, secret_id -> auth.client_token,
//                                            lease_duration, renewable
//   POST /v1/auth/token/renew-self           extends the calling token up to its max TTL
//   X-Vault-Namespace                        selects a separate key space per namespace
//
// Errors use Vault's body `{"errors": ["..."]}` with its status codes: 400 bad request, 403
// "permission denied" for a missing, unknown or expired token, 404 unknown key or route.
//
// Test controls that are not part of Vault: injected faults (a status and body, a hang, a reset
// connection, a huge body, a gzip bomb, a non-JSON page, a redirect), a movable clock for token
// expiry, stop/restart on the same port with the same state, and a log of every request.
//
// NOT modelled (the adapter does not depend on them): ACL policies (any valid token may do
// anything; 403 comes only from bad tokens), namespace prefixes in the path, batch_input,
// derived keys and context, prehashed input, RSA and other key types' signatures, key
// export/backup/import, HMAC, encryption, auto-rotation, leases other than the auth token's,
// response wrapping, request forwarding / standby nodes, rate-limit quotas, exact wording of
// every error message (the status codes and the body shape are Vault's).
import {
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

type KeyType = "ed25519" | "ecdsa-p256" | "ecdsa-p384" | "aes256-gcm96";

interface KeyVersion {
  readonly privateKey: KeyObject | undefined;
  readonly publicKey: KeyObject | undefined;
  readonly createdAt: Date;
}

interface TransitKey {
  readonly type: KeyType;
  readonly versions: Map<number, KeyVersion>;
  latest: number;
  minDecryptionVersion: number;
  minEncryptionVersion: number;
  deletionAllowed: boolean;
}

interface TokenEntry {
  /** Server-clock ms; undefined = never expires. */
  expiresAt: number | undefined;
  readonly ttlSeconds: number;
  readonly maxExpiresAt: number | undefined;
  readonly renewable: boolean;
}

interface AppRole {
  readonly roleId: string;
  readonly secretId: string;
  readonly tokenTtlSeconds: number;
  readonly tokenMaxTtlSeconds: number;
  readonly renewable: boolean;
}

/** A fault the next matching requests get instead of a normal answer. */
export type Fault =
  | { readonly kind: "status"; readonly status: number; readonly body?: string }
  | { readonly kind: "hang" }
  /** Closes the connection without an answer, like a keep-alive socket closed as it is reused. */
  | { readonly kind: "reset" }
  | { readonly kind: "huge-body"; readonly bytes: number }
  | { readonly kind: "non-json"; readonly status?: number }
  /** A small gzip body that inflates to `bytes` bytes (a decompression bomb). */
  | { readonly kind: "gzip-bomb"; readonly bytes: number }
  /** A standby node without request forwarding: 307 to another address. */
  | { readonly kind: "redirect"; readonly location: string };

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly namespace: string | undefined;
  readonly token: string | undefined;
  readonly body: Record<string, unknown> | undefined;
}

/** Scope of an admin operation. */
export interface KeyScope {
  readonly namespace?: string;
  readonly mount?: string;
}

export interface TransitServer {
  readonly address: string;
  readonly rootToken: string;
  readonly requests: RecordedRequest[];
  /** Bytes written by the last huge-body fault before the client went away. */
  readonly hugeBodyBytesSent: number;
  createKey(name: string, type: KeyType, scope?: KeyScope): void;
  rotate(name: string, scope?: KeyScope): number;
  configure(
    name: string,
    config: {
      minDecryptionVersion?: number;
      minEncryptionVersion?: number;
      deletionAllowed?: boolean;
    },
    scope?: KeyScope,
  ): void;
  deleteKey(name: string, scope?: KeyScope): void;
  /** The private key of a version (tests use it to forge or compare). */
  privateKeyOf(name: string, version: number, scope?: KeyScope): KeyObject;
  addToken(token: string, options?: { ttlSeconds?: number; renewable?: boolean }): void;
  /** Revokes a token: later requests with it get 403. */
  revokeToken(token: string): void;
  /** Tokens issued by AppRole logins so far. */
  readonly issuedTokens: readonly string[];
  addAppRole(role: AppRole & { mount?: string }): void;
  /** Apply `fault` to the next `times` requests whose path matches (all by default). */
  setFault(fault: Fault | undefined, options?: { times?: number; match?: RegExp }): void;
  /** Moves the server clock (token expiry). */
  advance(ms: number): void;
  /** The server clock, for the adapter's `clock` option. */
  clock(): Date;
  /** Requests matching `pathPart` since the last `resetRequests()`. */
  count(pathPart: string | RegExp): number;
  resetRequests(): void;
  /** Stops listening and drops every connection, keeping the keys and tokens (a crash). */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same state (the restart after a crash). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startTransitServer(
  options: { mounts?: readonly string[]; tls?: { key: string; cert: string } } = {},
): Promise<TransitServer> {
  const mounts = new Set(options.mounts ?? ["transit"]);
  const keys = new Map<string, TransitKey>();
  const tokens = new Map<string, TokenEntry>();
  const appRoles = new Map<string, AppRole>();
  const requests: RecordedRequest[] = [];
  const rootToken = "root-token-for-tests";
  tokens.set(rootToken, {
    expiresAt: undefined,
    ttlSeconds: 0,
    maxExpiresAt: undefined,
    renewable: false,
  });
  let offsetMs = 0;
  let fault: { fault: Fault; remaining: number; match: RegExp | undefined } | undefined;
  let hugeBodyBytesSent = 0;
  let tokenCounter = 0;
  const hanging = new Set<ServerResponse>();

  const now = (): number => Date.now() + offsetMs;
  const scopeKey = (name: string, scope: KeyScope = {}): string =>
    `${scope.namespace ?? ""}|${scope.mount ?? "transit"}|${name}`;

  const newVersion = (type: KeyType): KeyVersion => {
    const createdAt = new Date(now());
    if (type === "ed25519") {
      const pair = generateKeyPairSync("ed25519");
      return { privateKey: pair.privateKey, publicKey: pair.publicKey, createdAt };
    }
    if (type === "ecdsa-p256" || type === "ecdsa-p384") {
      const pair = generateKeyPairSync("ec", {
        namedCurve: type === "ecdsa-p256" ? "prime256v1" : "secp384r1",
      });
      return { privateKey: pair.privateKey, publicKey: pair.publicKey, createdAt };
    }
    return { privateKey: undefined, publicKey: undefined, createdAt };
  };

  const createKey = (name: string, type: KeyType, scope?: KeyScope): void => {
    keys.set(scopeKey(name, scope), {
      type,
      versions: new Map([[1, newVersion(type)]]),
      latest: 1,
      minDecryptionVersion: 1,
      minEncryptionVersion: 0,
      deletionAllowed: false,
    });
  };
  const mustKey = (name: string, scope?: KeyScope): TransitKey => {
    const key = keys.get(scopeKey(name, scope));
    if (key === undefined) throw new Error(`no key ${name}`);
    return key;
  };
  const rotate = (key: TransitKey): number => {
    key.latest += 1;
    key.versions.set(key.latest, newVersion(key.type));
    return key.latest;
  };
  const configure = (
    key: TransitKey,
    config: {
      minDecryptionVersion?: number;
      minEncryptionVersion?: number;
      deletionAllowed?: boolean;
    },
  ): string | undefined => {
    const minDecryption = config.minDecryptionVersion ?? key.minDecryptionVersion;
    const minEncryption = config.minEncryptionVersion ?? key.minEncryptionVersion;
    if (minDecryption > key.latest)
      return "cannot set min decryption version greater than latest version";
    if (minEncryption !== 0 && minEncryption < minDecryption) {
      return "min encryption version must be 0 or greater than or equal to min decryption version";
    }
    key.minDecryptionVersion = Math.max(1, minDecryption);
    key.minEncryptionVersion = minEncryption;
    if (config.deletionAllowed !== undefined) key.deletionAllowed = config.deletionAllowed;
    return undefined;
  };

  const issueToken = (role: AppRole): { token: string; entry: TokenEntry } => {
    tokenCounter += 1;
    const token = `hvs.approle-token-${tokenCounter}`;
    const entry: TokenEntry = {
      expiresAt: now() + role.tokenTtlSeconds * 1000,
      ttlSeconds: role.tokenTtlSeconds,
      maxExpiresAt: now() + role.tokenMaxTtlSeconds * 1000,
      renewable: role.renewable,
    };
    tokens.set(token, entry);
    return { token, entry };
  };

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  };
  const error = (res: ServerResponse, status: number, ...messages: string[]): void =>
    send(res, status, { errors: messages });

  const applyFault = (res: ServerResponse, path: string): boolean => {
    if (fault === undefined || fault.remaining <= 0) return false;
    if (fault.match !== undefined && !fault.match.test(path)) return false;
    fault.remaining -= 1;
    const current = fault.fault;
    if (current.kind === "status") {
      const text = current.body ?? JSON.stringify({ errors: ["internal error"] });
      res.writeHead(current.status, { "content-type": "application/json" }).end(text);
    } else if (current.kind === "gzip-bomb") {
      const inflated = Buffer.concat([
        Buffer.from('{"data":{"signature":"'),
        Buffer.alloc(current.bytes, 0x41),
        Buffer.from('"}}'),
      ]);
      const compressed = gzipSync(inflated);
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": compressed.length,
      });
      res.end(compressed);
    } else if (current.kind === "redirect") {
      res.writeHead(307, { location: current.location }).end();
    } else if (current.kind === "reset") {
      res.socket?.destroy();
    } else if (current.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
    } else if (current.kind === "non-json") {
      res.writeHead(current.status ?? 200, { "content-type": "text/html" });
      res.end("<html><body>502 Bad Gateway</body></html>");
    } else {
      hugeBodyBytesSent = 0;
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('{"data":{"signature":"');
      const pump = (): void => {
        while (hugeBodyBytesSent < current.bytes && !res.destroyed) {
          hugeBodyBytesSent += chunk.length;
          if (!res.write(chunk)) {
            res.once("drain", pump);
            return;
          }
        }
        if (!res.destroyed) res.end('"}}');
      };
      pump();
    }
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const namespaceHeader = req.headers["x-vault-namespace"];
    const namespace = typeof namespaceHeader === "string" ? namespaceHeader : undefined;
    const tokenHeader = req.headers["x-vault-token"];
    const token = typeof tokenHeader === "string" ? tokenHeader : undefined;
    let body: Record<string, unknown> | undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch (cause) {
        requests.push({ method: req.method ?? "", path, namespace, token, body: undefined });
        error(res, 400, `failed to parse JSON input: ${(cause as Error).message}`);
        return;
      }
    }
    requests.push({ method: req.method ?? "", path, namespace, token, body });
    if (applyFault(res, path)) return;
    if (!path.startsWith("/v1/")) return error(res, 404, "no handler for route");
    const segments = path
      .slice(4)
      .split("/")
      .filter((segment) => segment.length > 0);

    // Auth endpoints that need no token.
    if (segments[0] === "auth" && segments[2] === "login" && req.method === "POST") {
      const role = appRoles.get(`${namespace ?? ""}|${segments[1]}|${String(body?.["role_id"])}`);
      if (role === undefined || role.secretId !== body?.["secret_id"]) {
        return error(res, 400, "invalid role or secret ID");
      }
      const issued = issueToken(role);
      return send(res, 200, {
        request_id: "00000000-0000-0000-0000-000000000000",
        lease_id: "",
        renewable: false,
        lease_duration: 0,
        data: null,
        auth: {
          client_token: issued.token,
          accessor: `accessor-${tokenCounter}`,
          policies: ["default", "parmana-signer"],
          token_policies: ["default", "parmana-signer"],
          metadata: { role_name: "parmana" },
          lease_duration: role.tokenTtlSeconds,
          renewable: role.renewable,
          entity_id: "",
          token_type: "service",
          orphan: true,
        },
      });
    }

    // Everything else needs a live token.
    const entry = token === undefined ? undefined : tokens.get(token);
    if (entry === undefined || (entry.expiresAt !== undefined && now() >= entry.expiresAt)) {
      return error(res, 403, "permission denied");
    }

    if (path === "/v1/auth/token/renew-self" && req.method === "POST") {
      if (!entry.renewable) return error(res, 400, "lease is not renewable");
      const increment =
        typeof body?.["increment"] === "number" ? body["increment"] : entry.ttlSeconds;
      let expiresAt = now() + increment * 1000;
      if (entry.maxExpiresAt !== undefined) expiresAt = Math.min(expiresAt, entry.maxExpiresAt);
      entry.expiresAt = expiresAt;
      return send(res, 200, {
        auth: {
          client_token: token,
          lease_duration: Math.max(0, Math.floor((expiresAt - now()) / 1000)),
          renewable: true,
          policies: ["default", "parmana-signer"],
        },
      });
    }

    const [mount, operation, name, extra, ...rest] = segments;
    if (mount === undefined || !mounts.has(mount) || name === undefined || rest.length > 0) {
      return error(res, 404, `no handler for route "${path.slice(4)}". route entry not found.`);
    }
    const scope = { ...(namespace === undefined ? {} : { namespace }), mount };
    const key = keys.get(scopeKey(name, scope));

    if (operation === "keys") {
      if (extra === undefined && req.method === "GET") {
        if (key === undefined) return send(res, 404, { errors: [] });
        return send(res, 200, { data: readKey(name, key) });
      }
      if (extra === undefined && req.method === "POST") {
        const type = (body?.["type"] ?? "aes256-gcm96") as KeyType;
        if (!["ed25519", "ecdsa-p256", "ecdsa-p384", "aes256-gcm96"].includes(type)) {
          return error(res, 400, `unknown key type: ${String(type)}`);
        }
        if (key === undefined) createKey(name, type, scope);
        return send(res, 204, undefined);
      }
      if (extra === undefined && req.method === "DELETE") {
        if (key === undefined) return send(res, 204, undefined);
        if (!key.deletionAllowed) {
          return error(
            res,
            400,
            `error deleting policy ${name}: deletion is not allowed for this key`,
          );
        }
        keys.delete(scopeKey(name, scope));
        return send(res, 204, undefined);
      }
      if (key === undefined) return error(res, 400, "key not found");
      if (extra === "rotate" && req.method === "POST") {
        rotate(key);
        return send(res, 204, undefined);
      }
      if (extra === "config" && req.method === "POST") {
        const problem = configure(key, {
          ...(typeof body?.["min_decryption_version"] === "number"
            ? { minDecryptionVersion: body["min_decryption_version"] }
            : {}),
          ...(typeof body?.["min_encryption_version"] === "number"
            ? { minEncryptionVersion: body["min_encryption_version"] }
            : {}),
          ...(typeof body?.["deletion_allowed"] === "boolean"
            ? { deletionAllowed: body["deletion_allowed"] }
            : {}),
        });
        if (problem !== undefined) return error(res, 400, problem);
        return send(res, 204, undefined);
      }
      return error(res, 405, "unsupported operation");
    }

    if ((operation === "sign" || operation === "verify") && req.method === "POST") {
      if (key === undefined) return error(res, 400, "encryption key not found");
      if (key.type === "aes256-gcm96") {
        return error(
          res,
          400,
          `key type ${key.type} does not support ${operation === "sign" ? "signing" : "verification"}`,
        );
      }
      const hashName = extra ?? (body?.["hash_algorithm"] as string | undefined) ?? "sha2-256";
      const hash = { "sha2-256": "sha256", "sha2-384": "sha384", "sha2-512": "sha512" }[hashName];
      if (hash === undefined) return error(res, 400, `invalid hash algorithm "${hashName}"`);
      const marshaling = (body?.["marshaling_algorithm"] as string | undefined) ?? "asn1";
      if (marshaling !== "asn1" && marshaling !== "jws") {
        return error(res, 400, `invalid marshaling type "${marshaling}"`);
      }
      if (body?.["prehashed"] === true) return error(res, 400, "prehashed input is not modelled");
      const inputText = typeof body?.["input"] === "string" ? body["input"] : "";
      const input = Buffer.from(inputText, "base64");
      if (input.toString("base64") !== inputText) {
        return error(res, 400, "unable to decode input as base64: illegal base64 data");
      }
      const algorithm = key.type === "ed25519" ? null : hash;
      const dsaEncoding = marshaling === "jws" ? "ieee-p1363" : "der";

      if (operation === "sign") {
        const requested = typeof body?.["key_version"] === "number" ? body["key_version"] : 0;
        const version = requested === 0 ? key.latest : requested;
        if (key.minEncryptionVersion > 0 && version < key.minEncryptionVersion) {
          return error(
            res,
            400,
            "requested version for signing is less than the minimum encryption key version",
          );
        }
        const material =
          version >= key.minDecryptionVersion ? key.versions.get(version) : undefined;
        if (material?.privateKey === undefined || version > key.latest) {
          return error(res, 400, "requested version for signing does not exist");
        }
        const signature = cryptoSign(algorithm, input, { key: material.privateKey, dsaEncoding });
        const encoded =
          marshaling === "jws" ? signature.toString("base64url") : signature.toString("base64");
        return send(res, 200, { data: { signature: `vault:v${version}:${encoded}` } });
      }

      const signatureText = body?.["signature"];
      if (typeof signatureText !== "string") {
        return error(res, 400, "neither a 'signature' nor an 'hmac' were given to verify");
      }
      const match = /^vault:v(\d+):(.*)$/.exec(signatureText);
      if (match === null) return error(res, 400, "invalid signature: no prefix");
      const version = Number(match[1]);
      if (version < key.minDecryptionVersion) {
        return error(res, 400, "ciphertext or signature version is disallowed by policy (too old)");
      }
      const material = key.versions.get(version);
      if (material?.publicKey === undefined) return error(res, 400, "invalid key version");
      const signature = Buffer.from(match[2] ?? "", marshaling === "jws" ? "base64url" : "base64");
      let valid: boolean;
      try {
        valid = cryptoVerify(algorithm, input, { key: material.publicKey, dsaEncoding }, signature);
      } catch {
        valid = false;
      }
      return send(res, 200, { data: { valid } });
    }

    return error(res, 404, `no handler for route "${path.slice(4)}". route entry not found.`);
  };

  const readKey = (name: string, key: TransitKey): Record<string, unknown> => {
    const listed: Record<string, unknown> = {};
    for (const [version, material] of key.versions) {
      if (version < key.minDecryptionVersion) continue;
      if (key.type === "aes256-gcm96") {
        listed[String(version)] = Math.floor(material.createdAt.getTime() / 1000);
        continue;
      }
      const publicKey = material.publicKey as KeyObject;
      listed[String(version)] = {
        name: key.type === "ed25519" ? "ed25519" : key.type === "ecdsa-p256" ? "P-256" : "P-384",
        public_key:
          key.type === "ed25519"
            ? publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("base64")
            : publicKey.export({ format: "pem", type: "spki" }).toString(),
        certificate_chain: "",
        creation_time: material.createdAt.toISOString(),
      };
    }
    const signing = key.type !== "aes256-gcm96";
    return {
      name,
      type: key.type,
      derived: false,
      deletion_allowed: key.deletionAllowed,
      exportable: false,
      allow_plaintext_backup: false,
      keys: listed,
      latest_version: key.latest,
      min_available_version: 0,
      min_decryption_version: key.minDecryptionVersion,
      min_encryption_version: key.minEncryptionVersion,
      supports_encryption: !signing,
      supports_decryption: !signing,
      supports_signing: signing,
      supports_derivation: key.type === "ed25519" || !signing,
      auto_rotate_period: 0,
      imported_key: false,
    };
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  };
  const server: Server =
    options.tls === undefined ? createServer(listener) : createTlsServer(options.tls, listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `${options.tls === undefined ? "http" : "https"}://127.0.0.1:${port}`,
    rootToken,
    requests,
    get hugeBodyBytesSent() {
      return hugeBodyBytesSent;
    },
    createKey,
    rotate: (name, scope) => rotate(mustKey(name, scope)),
    configure: (name, config, scope) => {
      const problem = configure(mustKey(name, scope), config);
      if (problem !== undefined) throw new Error(problem);
    },
    deleteKey: (name, scope) => {
      keys.delete(scopeKey(name, scope));
    },
    privateKeyOf: (name, version, scope) => {
      const material = mustKey(name, scope).versions.get(version)?.privateKey;
      if (material === undefined) throw new Error(`no version ${version}`);
      return material;
    },
    addToken: (token, tokenOptions = {}) => {
      const ttl = tokenOptions.ttlSeconds;
      tokens.set(token, {
        expiresAt: ttl === undefined ? undefined : now() + ttl * 1000,
        ttlSeconds: ttl ?? 0,
        maxExpiresAt: undefined,
        renewable: tokenOptions.renewable ?? false,
      });
    },
    revokeToken: (token) => {
      tokens.delete(token);
    },
    get issuedTokens() {
      return [...tokens.keys()].filter((token) => token.startsWith("hvs.approle-token-"));
    },
    addAppRole: (role) => {
      appRoles.set(`|${role.mount ?? "approle"}|${role.roleId}`, role);
    },
    setFault: (next, faultOptions = {}) => {
      fault =
        next === undefined
          ? undefined
          : { fault: next, remaining: faultOptions.times ?? Infinity, match: faultOptions.match };
    },
    advance: (ms) => {
      offsetMs += ms;
    },
    clock: () => new Date(now()),
    count: (pathPart) =>
      requests.filter((request) =>
        typeof pathPart === "string"
          ? request.path.includes(pathPart)
          : pathPart.test(request.path),
      ).length,
    resetRequests: () => {
      requests.length = 0;
    },
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    restart: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: async () => {
      if (!server.listening) return;
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The PEM SPKI of a private key's public half. */
export function publicPemOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: "pem", type: "spki" }).toString();
}
