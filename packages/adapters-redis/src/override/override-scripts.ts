import { luaScript, type LuaScript } from "../connection/lua-script.js";

/** Replies of {@link RECORD_SCRIPT}. */
export const RecordReply = {
  recorded: 1,
  sameAttestation: 0,
  replaced: 2,
  resolved: -1,
  otherPolicy: -2,
  foreign: -3,
} as const;

// One Redis hash per executionId: hash (of the attestation), policyId, fingerprint, record (the
// serializable part, canonical JSON), and resolved (server time in ms) once resolved.
//
// KEYS[1] record key; ARGV: attestation hash, policyId, fingerprint, record, TTL ms ("" = keep).
// Same rules as the in-memory store, atomically: the same attestation again changes nothing; a
// different one replaces an unresolved record of the same policy (a retry of a failed attempt)
// and is refused otherwise.
export const RECORD_SCRIPT: LuaScript = luaScript(`
local replaced = 0
if redis.call('EXISTS', KEYS[1]) == 1 then
  local existing = redis.call('HGET', KEYS[1], 'hash')
  if existing == false then return -3 end
  if existing == ARGV[1] then return 0 end
  if redis.call('HEXISTS', KEYS[1], 'resolved') == 1 then return -1 end
  if redis.call('HGET', KEYS[1], 'policyId') ~= ARGV[2] then return -2 end
  redis.call('DEL', KEYS[1])
  replaced = 1
end
redis.call('HSET', KEYS[1], 'hash', ARGV[1], 'policyId', ARGV[2], 'fingerprint', ARGV[3], 'record', ARGV[4])
if ARGV[5] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
if replaced == 1 then return 2 end
return 1
`);

// KEYS[1] record key. Check-and-set: of concurrent callers in any number of processes, one gets 1.
export const MARK_RESOLVED_SCRIPT: LuaScript = luaScript(`
if redis.call('HEXISTS', KEYS[1], 'hash') == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'resolved') == 1 then return 0 end
local now = redis.call('TIME')
redis.call('HSET', KEYS[1], 'resolved', tostring(now[1] * 1000 + math.floor(now[2] / 1000)))
return 1
`);
