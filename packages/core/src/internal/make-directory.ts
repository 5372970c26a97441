import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p` that always terminates. Node 20's `mkdirSync(path, { recursive: true })` loops
 * forever on some pseudo file systems (a path under /proc keeps answering ENOENT), so the missing
 * folders are found first and created one level at a time; each non-recursive call either
 * succeeds or throws its own errno.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let current = resolve(path);
  while (!exists(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (let index = missing.length - 1; index >= 0; index--) {
    try {
      mkdirSync(missing[index] as string);
    } catch (error) {
      // Another process may create the same folder between the check and the call.
      if ((error as { code?: unknown }).code !== "EEXIST") throw error;
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
