-- KEYS: device info, device seen, player, version. ARGV: id, ttl ms.
-- Removes a live device. When it was the active device and playing, playback pauses where it was,
-- as one more version of the state. Returns { removed (0/1), new version or 0 }.
local now = now_ms()
local cutoff = now - tonumber(ARGV[2])
purge_devices(KEYS[1], KEYS[2], cutoff)
local alive = device_alive(KEYS[2], ARGV[1], cutoff)
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return { 0, 0 } end
redis.call('ZREM', KEYS[2], ARGV[1])
local stored = redis.call('GET', KEYS[3])
if not stored then return { 1, 0 } end
local state = cjson.decode(stored)
if state.deviceId ~= ARGV[1] or not state.isPlaying then return { 1, 0 } end
state.positionMs = position_now(state, alive, now)
state.positionUpdatedAt = now
state.isPlaying = false
state.version = redis.call('INCR', KEYS[4])
state.updatedAt = now
redis.call('SET', KEYS[3], cjson.encode(state), 'KEEPTTL')
return { 1, state.version }
