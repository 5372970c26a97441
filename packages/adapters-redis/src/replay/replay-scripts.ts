import { luaScript, type LuaScript } from "../connection/lua-script.js";

// Values under a replay key. "confirmed" is what the documented RedisReplayStore class writes and
// reads, so keys decided by it read as decided here, and the other way round. A reservation is
// "reserved:<token>"; the documented class writes a bare "reserved" (no token, no expiry).
export const CONFIRMED = "confirmed";
export const RESERVED_PREFIX = "reserved:";
export const DOCUMENTED_RESERVED = "reserved";

/** Replies of {@link CONFIRM_SCRIPT} and {@link RELEASE_SCRIPT}. */
export const ScriptReply = {
  done: 1,
  absent: 0,
  confirmed: 2,
  heldByAnother: 3,
  foreign: -1,
} as const;

// KEYS[1] replay key; ARGV[1] token ("" = the documented form: any reservation);
// ARGV[2] confirmed TTL in ms ("" = keep). Compare-and-set: the reservation becomes "confirmed"
// only if ARGV[1]'s reservation still holds the key. SET drops the reservation's expiry.
export const CONFIRM_SCRIPT: LuaScript = luaScript(`
local value = redis.call('GET', KEYS[1])
if value == false then return 0 end
if value == 'confirmed' then return 2 end
if value ~= 'reserved' and string.sub(value, 1, 9) ~= 'reserved:' then return -1 end
if ARGV[1] ~= '' and value ~= 'reserved:' .. ARGV[1] then return 3 end
if ARGV[2] == '' then
  redis.call('SET', KEYS[1], 'confirmed')
else
  redis.call('SET', KEYS[1], 'confirmed', 'PX', ARGV[2])
end
return 1
`);

// KEYS[1] replay key; ARGV[1] token ("" = any reservation). Compare-and-delete: frees the key
// only while that reservation holds it; a confirmed key, another's reservation or a value that
// is not a reservation stays as it is.
export const RELEASE_SCRIPT: LuaScript = luaScript(`
local value = redis.call('GET', KEYS[1])
if value == false then return 0 end
if ARGV[1] ~= '' then
  if value == 'reserved:' .. ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 1
  end
  return 0
end
if value == 'reserved' or string.sub(value, 1, 9) == 'reserved:' then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`);
