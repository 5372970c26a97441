// Runs the golden corpus against a build of @parmanasystems/verify. Plain JavaScript with no
// imports, so the same file runs in Node, Chromium, Deno, Bun and workerd.

/** The verdict fields the corpus records, in its order. */
export function summarize(result) {
  const errors = [...result.errors];
  return {
    valid: result.valid,
    ...("checks" in result ? { checks: result.checks } : {}),
    codes: errors.flatMap((error) => /^\[([A-Z]+-[A-Z0-9-]+)\]/.exec(error)?.slice(1) ?? []),
    errors,
    ...("warnings" in result ? { warnings: [...result.warnings] } : {}),
  };
}

/** What a case records when the key, trust root or trust chain itself is refused (thrown). */
export function summarizeRefusal(error) {
  return { refused: { code: error?.code, message: String(error?.message ?? error) } };
}

/** The key of a case in the requested form: "pem", "jwk" or "raw" (raw only for Ed25519 and P-256). */
function keyInput(key, form) {
  if (form === "jwk") return key.jwk;
  if (form === "raw") {
    const decode = (text) =>
      Uint8Array.from(
        atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4)),
        (c) => c.charCodeAt(0),
      );
    if (key.jwk.kty === "OKP") return decode(key.jwk.x);
    return Uint8Array.from([4, ...decode(key.jwk.x), ...decode(key.jwk.y)]);
  }
  return key.publicKeyPem;
}

/** Runs one case with the package's exports. */
async function verifyCase(verify, corpus, item, keyForm) {
  const { input } = item;
  if (item.kind === "inclusion")
    return verify.verifyInclusion(
      input.attestation,
      input.proof,
      input.checkpoint,
      corpus.logKeys[item.logKey],
    );
  if (item.kind === "consistency")
    return verify.verifyConsistency(
      input.oldCheckpoint,
      input.newCheckpoint,
      input.proof,
      corpus.logKeys[item.logKey],
    );
  const trust =
    item.trustChain !== undefined
      ? await verify.walkTrustChain(
          corpus.trustRoots[item.trustChain[0]],
          item.trustChain.slice(1).map((name) => corpus.trustRoots[name]),
        )
      : item.trustRoot !== undefined
        ? corpus.trustRoots[item.trustRoot]
        : keyInput(corpus.keys[item.key], keyForm);
  return item.kind === "attestation"
    ? verify.verifyAttestation(input.attestation, trust)
    : item.kind === "override"
      ? verify.verifyOverride(input.record, input.attestation, trust)
      : verify.verifyExecutionIntegrity(input.proof, trust, input.attestation);
}

/**
 * Verifies every case with `verify` (the package's exports) and compares the result with the
 * expected one, exactly (verdict, checks, codes, messages, warnings), or, for a case whose key,
 * trust root or trust chain is refused, the code and message of the error thrown.
 *
 * @returns {{ checked: number, mismatches: { id: string, expected?: unknown, actual?: unknown, threw?: string }[] }}
 */
export async function runCorpus(verify, corpus, options = {}) {
  const keyForm = options.keyForm ?? "pem";
  const mismatches = [];
  let checked = 0;
  for (const item of corpus.cases) {
    let result;
    let refusal;
    try {
      result = await verifyCase(verify, corpus, item, keyForm);
    } catch (error) {
      if (item.expected.refused === undefined) {
        mismatches.push({ id: item.id, threw: String(error?.message ?? error) });
        continue;
      }
      refusal = error;
    }
    checked++;
    const actual = refusal !== undefined ? summarizeRefusal(refusal) : summarize(result);
    if (JSON.stringify(actual) !== JSON.stringify(item.expected))
      mismatches.push({ id: item.id, expected: item.expected, actual });
  }
  return { checked, mismatches };
}
