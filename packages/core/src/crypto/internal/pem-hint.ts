/**
 * Why a string given as a PEM key did not parse, when the cause is a common mistake: a file
 * path passed instead of the file's content, or a PEM whose line breaks arrived as the two
 * characters `\n` (keys kept in environment variables). Returns "" when no such cause is seen.
 * Never echoes key material; a path is shown (shortened), as it is what the caller typed.
 *
 * @internal
 */
export function pemHint(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.includes("-----BEGIN")) {
    if (
      trimmed.length > 0 &&
      trimmed.length <= 4096 &&
      !/\s/.test(trimmed) &&
      /[\\/]|\.pem$|\.key$/i.test(trimmed)
    ) {
      const shown = trimmed.length > 80 ? `…${trimmed.slice(-79)}` : trimmed;
      return `: ${JSON.stringify(shown)} looks like a file path, not PEM text; pass the file's content (readFileSync(path, "utf8")) or use LocalSigner.fromFile(path)`;
    }
    return ': no "-----BEGIN ... KEY-----" line was found';
  }
  if (trimmed.includes("\\n")) {
    return ': it contains the two characters "\\n" where line breaks belong (as happens when a key is kept in an environment variable); turn them into newlines first: pem.replace(/\\\\n/g, "\\n")';
  }
  return "";
}
