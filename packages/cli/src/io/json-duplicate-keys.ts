/**
 * The first member name that appears twice in one object of a JSON text (I-JSON, RFC 7493 §2.3),
 * or undefined. `JSON.parse` silently keeps the last of duplicate members, so a file whose first
 * `decision` says approve and whose last says reject would be judged on a value a human reader of
 * the top of the file never sees. Names are compared after unescaping (`"a"` and `"\u0061"` are
 * the same name). Iterative: any nesting depth runs in constant stack.
 *
 * The text must already be valid JSON (call after `JSON.parse` succeeded).
 *
 * @param text - valid JSON text
 * @returns the duplicated name, or undefined
 */
export function findDuplicateKey(text: string): string | undefined {
  // One entry per open container: the member names seen so far, or null for an array.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (code === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (code === 0x2c /* , */) {
      expectKey = stack.at(-1) instanceof Set;
    } else if (code === 0x22 /* " */) {
      const end = stringEnd(text, index);
      if (expectKey) {
        const raw = text.slice(index, end + 1);
        const name = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const names = stack.at(-1) as Set<string>;
        if (names.has(name)) return name;
        names.add(name);
        expectKey = false;
      }
      index = end;
    }
  }
  return undefined;
}

/** Index of the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote < 0) return text.length - 1;
    let backslashes = 0;
    for (let back = quote - 1; text.charCodeAt(back) === 0x5c; back -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    index = quote + 1;
  }
}
