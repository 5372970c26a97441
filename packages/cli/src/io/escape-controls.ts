// C0 controls, DEL, C1 controls, and the Unicode bidirectional overrides and isolates: what can
// move a terminal's cursor, recolour it, retitle it, or reorder the text a reader sees.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same class, for a test that keeps no state between calls (the global one's lastIndex would).
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Makes text from input data safe to print to a terminal: every C0/C1 control character (ESC,
 * CR, BEL, newline...), DEL and bidi override is written as a visible `\uXXXX` escape, so a forged
 * attestation cannot repaint a line to read `✓ VALID`.
 *
 * @param text - text taken from a file, stdin or a command-line argument
 * @returns the text with those characters escaped
 * @example
 * ```ts
 * escapeControls("id\u001b[2K"); // "id\\u001b[2K"
 * ```
 */
export function escapeControls(text: string): string {
  if (!HAS_UNSAFE.test(text)) return text;
  return text.replace(
    UNSAFE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
