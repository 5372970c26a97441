// C2SP signed notes and tlog checkpoints: the specification's example and the Go reference
// implementation's PeterNeumann note (test/vectors/signed-note.json), byte for byte, plus the
// format's strictness rules.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LocalSigner,
  TrustError,
  createNoteSigner,
  ed25519PrivateKeyFromRaw,
  exportPublicKeyPem,
  formatCheckpoint,
  formatNoteVerifierKey,
  formatSignedNote,
  generateKeyPair,
  noteKeyId,
  noteVerifierKey,
  openCheckpoint,
  openSignedNote,
  parseCheckpoint,
  parseNoteVerifierKey,
  parseSignedNote,
  signCheckpoint,
  signNote,
} from "@parmanasystems/core";
import {
  expectParmanaError,
  expectRejectsParmanaError,
} from "../../../../test-support/expect-parmana-error.js";

const vectors = JSON.parse(
  readFileSync(new URL("../vectors/signed-note.json", import.meta.url), "utf8"),
) as {
  c2sp: { vkey: string; note: string; text: string };
  go: { vkey: string; skey: string; text: string; note: string };
};

function goSigner(): { signer: LocalSigner; publicKeyPem: string } {
  // PRIVATE+KEY+<name>+<id>+<base64>; the base64 part may itself hold "+".
  const material = Buffer.from(vectors.go.skey.split("+").slice(4).join("+"), "base64");
  expect(material[0]).toBe(0x01);
  const privateKey = ed25519PrivateKeyFromRaw(new Uint8Array(material.subarray(1)));
  return { signer: new LocalSigner(privateKey), publicKeyPem: exportPublicKeyPem(privateKey) };
}

describe("published signed-note vectors", () => {
  it("opens the C2SP example note with its vkey", () => {
    const key = parseNoteVerifierKey(vectors.c2sp.vkey);
    expect(key.name).toBe("example.com/foo");
    expect(key.keyId).toBe(0x530d903a);
    expect(formatNoteVerifierKey(key)).toBe(vectors.c2sp.vkey);
    expect(openSignedNote(vectors.c2sp.note, [key])).toEqual({
      text: vectors.c2sp.text,
      verifiedBy: ["example.com/foo"],
    });
  });

  it("signs the Go reference note byte for byte from its private key", async () => {
    const { signer, publicKeyPem } = goSigner();
    const vkey = formatNoteVerifierKey(noteVerifierKey("PeterNeumann", publicKeyPem));
    expect(vkey).toBe(vectors.go.vkey);
    const noteSigner = createNoteSigner("PeterNeumann", signer, publicKeyPem);
    expect(noteSigner.keyId).toBe(0xc74f20a3);
    expect(await signNote(vectors.go.text, noteSigner)).toBe(vectors.go.note);
    expect(openSignedNote(vectors.go.note, [parseNoteVerifierKey(vectors.go.vkey)]).text).toBe(
      vectors.go.text,
    );
  });

  it("round-trips parse and format exactly", () => {
    for (const note of [vectors.c2sp.note, vectors.go.note]) {
      expect(formatSignedNote(parseSignedNote(note))).toBe(note);
      expect(formatSignedNote(parseSignedNote(new TextEncoder().encode(note)))).toBe(note);
    }
  });
});

describe("note verification rules", () => {
  const key = parseNoteVerifierKey(vectors.go.vkey);

  it("ignores signatures by unknown keys, and refuses a note with none by a trusted key", () => {
    const other = parseNoteVerifierKey(vectors.c2sp.vkey);
    const both = vectors.go.note + vectors.c2sp.note.slice(vectors.c2sp.note.indexOf("\u2014"));
    // The C2SP signature is over another text: ignored, because its key is unknown here.
    expect(openSignedNote(both, [key]).verifiedBy).toEqual(["PeterNeumann"]);
    // ...but refused when that key is trusted, since it then must verify.
    expectParmanaError(
      () => openSignedNote(both, [key, other]),
      "TRUST-082",
      TrustError,
      /does not verify/,
    );
    expectParmanaError(
      () => openSignedNote(vectors.go.note, [other]),
      "TRUST-082",
      TrustError,
      /no signature by a trusted key/,
    );
  });

  it("needs name and key ID to match: same name with another ID, or same ID under another name, is unknown", () => {
    const renamed = vectors.go.note.replace("\u2014 PeterNeumann ", "\u2014 PeterNeumann2 ");
    expectParmanaError(() => openSignedNote(renamed, [key]), "TRUST-082", TrustError);
    const sig = Buffer.from(parseSignedNote(vectors.go.note).signatures[0]!.signature);
    const otherId = formatSignedNote({
      text: vectors.go.text,
      signatures: [{ keyName: "PeterNeumann", keyId: 0xc74f20a4, signature: sig }],
    });
    expectParmanaError(() => openSignedNote(otherId, [key]), "TRUST-082", TrustError);
  });

  it("refuses an altered text or signature", () => {
    const altered = vectors.go.note.replace("cryptography", "Cryptography");
    expectParmanaError(
      () => openSignedNote(altered, [key]),
      "TRUST-082",
      TrustError,
      /PeterNeumann does not verify/,
    );
    const parsed = parseSignedNote(vectors.go.note);
    const sig = Uint8Array.from(parsed.signatures[0]!.signature);
    sig[10] = (sig[10] as number) ^ 1;
    const bad = formatSignedNote({
      text: parsed.text,
      signatures: [{ ...parsed.signatures[0]!, signature: sig }],
    });
    expectParmanaError(() => openSignedNote(bad, [key]), "TRUST-082", TrustError);
  });

  it.each([
    ["no blank line", "hello\n\u2014 k AAAAAAA=\n"],
    ["no signature", "hello\n\n"],
    ["no final newline", vectors.go.note.slice(0, -1)],
    ["a hyphen, not an em dash", vectors.go.note.replace("\u2014", "-")],
    ["a key name with a +", vectors.go.note.replace("PeterNeumann", "Peter+Neumann")],
    [
      "a key name with a no-break space",
      vectors.go.note.replace("PeterNeumann", "Peter\u00a0Neumann"),
    ],
    ["two spaces", vectors.go.note.replace("PeterNeumann ", "PeterNeumann  ")],
    ["non-canonical base64", vectors.go.note.replace("AM=\n", "AN=\n")],
    ["base64 without padding", vectors.go.note.replace("AM=\n", "AM\n")],
    ["a signature shorter than 5 bytes", "hello\n\n\u2014 k AAAA\n"],
    ["a tab", vectors.go.note.replace("you don't", "you\tdon't")],
    ["a carriage return", vectors.go.note.replace(",\n", ",\r\n")],
    ["a trailing empty line", `${vectors.go.note}\n`],
  ])("refuses a note with %s (TRUST-080)", (_what, note) => {
    expectParmanaError(() => parseSignedNote(note), "TRUST-080", TrustError);
  });

  it("refuses invalid UTF-8 and oversized notes", () => {
    const bytes = new TextEncoder().encode(vectors.go.note);
    const broken = Uint8Array.from([...bytes.subarray(0, 5), 0xff, ...bytes.subarray(5)]);
    expectParmanaError(() => parseSignedNote(broken), "TRUST-080", TrustError, /UTF-8/);
    const big = `${"a".repeat(600 * 1024)}\n${vectors.go.note.slice(vectors.go.text.length)}`;
    expectParmanaError(() => parseSignedNote(big), "TRUST-080", TrustError, /exceeds/);
    const many = vectors.go.text + "\n" + "\u2014 k AAAAAAA=\n".repeat(65);
    expectParmanaError(() => parseSignedNote(many), "TRUST-080", TrustError, /more than 64/);
  });

  it("keeps empty lines inside the text: the last blank line separates the signatures", () => {
    const note = "a\n\nb\n\n\u2014 k AAAAAAA=\n";
    expect(parseSignedNote(note).text).toBe("a\n\nb\n");
  });

  it.each([
    ["two parts", "PeterNeumann+c74f20a3"],
    ["an upper-case ID", vectors.go.vkey.replace("c74f20a3", "C74F20A3")],
    ["a wrong ID", vectors.go.vkey.replace("c74f20a3", "c74f20a4")],
    ["another name", vectors.go.vkey.replace("PeterNeumann", "PeterNeumann2")],
    ["an unknown key type", vectors.go.vkey.replace("+AR", "+Ah")],
    ["a short key", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10Q="],
  ])("refuses a vkey with %s (TRUST-087)", (_what, vkey) => {
    expectParmanaError(() => parseNoteVerifierKey(vkey), "TRUST-087", TrustError);
  });

  it("refuses a signer whose signatures do not verify under the public key given", async () => {
    const { signer } = goSigner();
    const stranger = generateKeyPair();
    const noteSigner = createNoteSigner("PeterNeumann", signer, stranger.publicKeyPem);
    await expectRejectsParmanaError(
      signNote("x\n", noteSigner),
      "TRUST-087",
      TrustError,
      /does not verify/,
    );
    expectParmanaError(
      () => createNoteSigner("bad name", signer, stranger.publicKeyPem),
      "TRUST-087",
      TrustError,
      /not a valid note key name/,
    );
    expectParmanaError(
      () =>
        createNoteSigner(
          "log",
          { sign: () => "", algorithm: "ecdsa-p256-sha256" },
          stranger.publicKeyPem,
        ),
      "TRUST-087",
      TrustError,
      /Ed25519/,
    );
  });

  it("computes key IDs as SHA-256(name || 0x0A || 0x01 || key)[:4]", () => {
    const { publicKeyPem } = goSigner();
    expect(noteKeyId("PeterNeumann", publicKeyPem)).toBe(0xc74f20a3);
  });
});

describe("checkpoints", () => {
  const ROOT = Buffer.from("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", "base64");
  const TEXT = "audit.example.com/decisions\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";

  it("formats and parses the three-line body exactly", () => {
    const body = formatCheckpoint({
      origin: "audit.example.com/decisions",
      treeSize: 8,
      rootHash: ROOT,
    });
    expect(body).toBe(TEXT);
    const parsed = parseCheckpoint(TEXT);
    expect(parsed.origin).toBe("audit.example.com/decisions");
    expect(parsed.treeSize).toBe(8);
    expect(Buffer.from(parsed.rootHash).equals(ROOT)).toBe(true);
    expect(parsed.extensions).toEqual([]);
    const withExtension = `${TEXT}ext one\n`;
    expect(parseCheckpoint(withExtension).extensions).toEqual(["ext one"]);
    expect(formatCheckpoint(parseCheckpoint(withExtension))).toBe(withExtension);
    expect(parseCheckpoint("log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n").treeSize).toBe(
      0,
    );
  });

  it.each([
    ["two lines", "log\n8\n"],
    ["a leading zero", TEXT.replace("\n8\n", "\n08\n")],
    ["a signed size", TEXT.replace("\n8\n", "\n+8\n")],
    ["a size beyond 2^53", TEXT.replace("\n8\n", "\n18446744073709551615\n")],
    [
      "a 31-byte root",
      TEXT.replace(
        "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
        Buffer.alloc(31).toString("base64"),
      ),
    ],
    ["a root in base64url", TEXT.replace("+Nw7/", "-Nw7_")],
    ["an empty origin", TEXT.replace("audit.example.com/decisions", "")],
    ["an empty extension line", `${TEXT}\n`],
    ["no final newline", TEXT.slice(0, -1)],
  ])("refuses a checkpoint with %s (TRUST-081)", (_what, text) => {
    expectParmanaError(() => parseCheckpoint(text), "TRUST-081", TrustError);
  });

  it("signs with the log key named by the origin and opens with a PEM key, a vkey or { name, publicKey }", async () => {
    const pair = generateKeyPair();
    const origin = "audit.example.com/decisions";
    const note = await signCheckpoint(
      { origin, treeSize: 8, rootHash: ROOT },
      createNoteSigner(origin, new LocalSigner(pair.privateKeyPem), pair.publicKeyPem),
    );
    expect(note.startsWith(`${TEXT}\n\u2014 ${origin} `)).toBe(true);
    const vkey = formatNoteVerifierKey(noteVerifierKey(origin, pair.publicKeyPem));
    for (const key of [
      pair.publicKeyPem,
      pair.publicKeyRaw,
      pair.publicKey,
      vkey,
      { name: origin, publicKey: pair.publicKeyPem },
    ]) {
      expect(openCheckpoint(note, key).treeSize).toBe(8);
    }
    const stranger = generateKeyPair();
    expectParmanaError(() => openCheckpoint(note, stranger.publicKeyPem), "TRUST-082", TrustError);
    expectParmanaError(
      () => openCheckpoint(note, { name: "other", publicKey: pair.publicKeyPem }),
      "TRUST-082",
      TrustError,
    );
    expectParmanaError(() => openCheckpoint(note, pair.privateKeyPem), "TRUST-087", TrustError);
    expectParmanaError(() => openCheckpoint("garbage", pair.publicKeyPem), "TRUST-080", TrustError);
  });

  it("refuses to write a checkpoint with bad fields", () => {
    expectParmanaError(
      () => formatCheckpoint({ origin: "a\nb", treeSize: 1, rootHash: ROOT }),
      "TRUST-081",
      TrustError,
    );
    expectParmanaError(
      () => formatCheckpoint({ origin: "log", treeSize: -1, rootHash: ROOT }),
      "TRUST-081",
      TrustError,
    );
    expectParmanaError(
      () => formatCheckpoint({ origin: "log", treeSize: 1, rootHash: ROOT.subarray(1) }),
      "TRUST-081",
      TrustError,
    );
  });
});
