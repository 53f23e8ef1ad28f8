-- KEYS: device info, device seen. ARGV: id, device JSON (without registeredAt), limit, ttl ms.
-- Purges, counts and inserts in one step, so concurrent registrations cannot pass the limit together.
-- Returns the registration time (ms), or 0 when the user has `limit` live devices already.
local now = now_ms()
local ttl_ms = tonumber(ARGV[4])
purge_devices(KEYS[1], KEYS[2], now - ttl_ms)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
local device = cjson.decode(ARGV[2])
device.registeredAt = now
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(device))
redis.call('ZADD', KEYS[2], now, ARGV[1])
keep_devices(KEYS[1], KEYS[2], ttl_ms)
return now
