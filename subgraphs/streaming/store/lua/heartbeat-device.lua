-- KEYS: device info, device seen. ARGV: id, ttl ms.
-- Marks a live device as seen now. Returns { now, device JSON }, or an empty table for a device that
-- is not the user's or has expired (an expired device must register again).
local now = now_ms()
local ttl_ms = tonumber(ARGV[2])
purge_devices(KEYS[1], KEYS[2], now - ttl_ms)
local info = redis.call('HGET', KEYS[1], ARGV[1])
if not info then return {} end
redis.call('ZADD', KEYS[2], now, ARGV[1])
keep_devices(KEYS[1], KEYS[2], ttl_ms)
return { tostring(now), info }
