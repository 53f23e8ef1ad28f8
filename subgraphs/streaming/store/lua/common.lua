-- Shared by every streaming script (prepended by ../lua-script.ts). Time is Redis's own clock, so
-- every replica agrees on "now" for heartbeats, expiry and positions.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- A device is alive while its last heartbeat is newer than the cutoff (now - TTL).
local function device_alive(seen_key, id, cutoff)
  if not id or id == '' then return false end
  local score = redis.call('ZSCORE', seen_key, id)
  return score ~= false and tonumber(score) > cutoff
end

-- Forgets expired devices, so that they are neither listed nor counted against the limit.
local function purge_devices(info_key, seen_key, cutoff)
  local dead = redis.call('ZRANGEBYSCORE', seen_key, '-inf', cutoff)
  if #dead > 0 then
    redis.call('HDEL', info_key, unpack(dead))
    redis.call('ZREMRANGEBYSCORE', seen_key, '-inf', cutoff)
  end
end

-- Both device keys live as long as the most recent heartbeat does: a user whose devices all went
-- quiet leaves nothing behind.
local function keep_devices(info_key, seen_key, ttl_ms)
  redis.call('PEXPIRE', info_key, ttl_ms)
  redis.call('PEXPIRE', seen_key, ttl_ms)
end

local MAX_POSITION_MS = 86400000

-- Where the track is now: the stored position plus the time it has been playing since.
local function position_now(state, playing, now)
  if not playing then return state.positionMs end
  return math.min(state.positionMs + math.max(0, now - state.positionUpdatedAt), MAX_POSITION_MS)
end
