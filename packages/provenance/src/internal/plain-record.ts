// A plain object without symbol keys (the shape of a JSON object read from untrusted input), and
// its copy without undefined members: core's, shared by every package.
export { isStringKeyedRecord, withoutUndefinedMembers } from "@parmanasystems/core/internal";

/**
 * Reads an own member; inherited members (including `__proto__`'s accessor) read as undefined.
 *
 * @param record - a plain object
 * @param key - the member name
 * @returns the own member's value or undefined
 */
export function ownMember(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
