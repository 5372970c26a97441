import { createHash } from "node:crypto";

/** A Lua script and its SHA-1, sent by `EVALSHA` (then `EVAL` once per server that lacks it). */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

/** Prepares a Lua script for {@link CommandRunner.script}. */
export function luaScript(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source, "utf8").digest("hex") };
}
