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

/**
 * {@link findDuplicateKey}, cheap when there is no duplicate (the usual case). `JSON.parse`
 * keeps one member per distinct name, so when the text has as many members (colons outside
 * strings) as the parsed value has own keys in all its objects together, no object repeats a
 * name; only when the counts differ is the text scanned for the name.
 *
 * @param text - valid JSON text
 * @param parsed - `JSON.parse(text)`, without a reviver
 * @returns the duplicated name, or undefined
 */
export function duplicateKeyOf(text: string, parsed: unknown): string | undefined {
  return textMemberCount(text) === parsedMemberCount(parsed) ? undefined : findDuplicateKey(text);
}

/** Members in valid JSON text: every member has one colon outside strings, nothing else has. */
function textMemberCount(text: string): number {
  let count = 0;
  let index = 0;
  for (;;) {
    const quote = text.indexOf('"', index);
    const stop = quote < 0 ? text.length : quote;
    for (let at = index; at < stop; at += 1) if (text.charCodeAt(at) === 0x3a /* : */) count += 1;
    if (quote < 0) return count;
    index = stringEnd(text, quote) + 1;
  }
}

/** Own keys of every object in a parsed JSON value. Iterative, like the scan. */
function parsedMemberCount(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null) continue;
    if (Array.isArray(current)) {
      for (const element of current)
        if (typeof element === "object" && element !== null) pending.push(element);
      continue;
    }
    const keys = Object.keys(current);
    count += keys.length;
    for (const key of keys) {
      const member = (current as Record<string, unknown>)[key];
      if (typeof member === "object" && member !== null) pending.push(member);
    }
  }
  return count;
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
