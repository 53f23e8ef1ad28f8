-- KEYS: device info, device seen. ARGV: ttl ms, and optionally one device id to find.
-- Returns { device JSON, last seen ms, ... } for live devices, most recently seen first.
local now = now_ms()
local cutoff = now - tonumber(ARGV[1])
purge_devices(KEYS[1], KEYS[2], cutoff)
local ids
if ARGV[2] then
  local score = redis.call('ZSCORE', KEYS[2], ARGV[2])
  if not score then return {} end
  ids = { ARGV[2], score }
else
  ids = redis.call('ZREVRANGE', KEYS[2], 0, -1, 'WITHSCORES')
end
local out = {}
for i = 1, #ids, 2 do
  local info = redis.call('HGET', KEYS[1], ids[i])
  if info then
    out[#out + 1] = info
    out[#out + 1] = ids[i + 1]
  end
end
return out
