const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * JSON path of an object member: `$.rules` for identifier-like names, `$["a-b"]` otherwise, so
 * every path reads back unambiguously.
 */
export function memberPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** JSON path of an array element: `$.rules[2]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
