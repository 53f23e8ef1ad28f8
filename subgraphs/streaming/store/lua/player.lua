-- One change to a user's playback state (or a read of it), applied atomically: Redis runs a script
-- alone, so two devices acting at once are applied one after the other, each on the other's result,
-- and each change gets the next version.
--
-- KEYS: player, context, order, queue, version, device info, device seen (see ../keys.ts).
-- ARGV: command, expected version ('' for none), device TTL ms, retention s, then the command's own.
-- Returns JSON: { state, alive, queue, contextLength, contextIndex } or { error, currentVersion }.
--
-- The state (KEYS[1], JSON): deviceId ('' for none), trackId, contextKind (TRACKS / PLAYLIST /
-- ALBUM), contextId, cursor (position in the play order: the context's order, or KEYS[3] while
-- shuffling), fromQueue (the track came from the queue; cursor still names the last context track),
-- isPlaying, positionMs and positionUpdatedAt (ms), volumePercent, shuffle, repeat (OFF / TRACK /
-- CONTEXT), version, updatedAt (ms).

local player, context, order, queue, version_key, info_key, seen_key =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local command, expected = ARGV[1], ARGV[2]
local ttl_ms, retention = tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local cutoff = now - ttl_ms

local stored = redis.call('GET', player)
local state = nil
if stored then state = cjson.decode(stored) end

local function fail(code)
  return cjson.encode({ error = code, currentVersion = tonumber(redis.call('GET', version_key) or '0') })
end

local function context_index(s)
  if s.shuffle then return tonumber(redis.call('LINDEX', order, s.cursor)) end
  return s.cursor
end

local function snapshot(s)
  local index = -1
  if not s.fromQueue then index = context_index(s) end
  return cjson.encode({
    state = s,
    alive = device_alive(seen_key, s.deviceId, cutoff),
    queue = redis.call('LRANGE', queue, 0, -1),
    contextLength = redis.call('LLEN', context),
    contextIndex = index,
  })
end

local function commit(s)
  s.version = redis.call('INCR', version_key)
  s.updatedAt = now
  redis.call('SET', player, cjson.encode(s), 'EX', retention)
  redis.call('EXPIRE', context, retention)
  redis.call('EXPIRE', order, retention)
  redis.call('EXPIRE', queue, retention)
  return snapshot(s)
end

local function push_all(key, values, first, last)
  for i = first, last, 500 do
    redis.call('RPUSH', key, unpack(values, i, math.min(i + 499, last)))
  end
end

-- Shuffled play order: `first` (the track playing) first, then the rest in a Fisher-Yates order
-- drawn from `seed` (Park-Miller, exact in doubles), so the script stays deterministic.
local function build_order(n, first, seed)
  local rest = {}
  for i = 0, n - 1 do
    if i ~= first then rest[#rest + 1] = i end
  end
  local x = seed
  for i = #rest, 2, -1 do
    x = (x * 48271) % 2147483647
    local j = (x % i) + 1
    rest[i], rest[j] = rest[j], rest[i]
  end
  redis.call('DEL', order)
  redis.call('RPUSH', order, first)
  if #rest > 0 then push_all(order, rest, 1, #rest) end
end

local function track_at(s)
  return redis.call('LINDEX', context, context_index(s))
end

local function defaults()
  return {
    deviceId = '', trackId = '', contextKind = 'TRACKS', contextId = '', cursor = 0, fromQueue = false,
    isPlaying = false, positionMs = 0, positionUpdatedAt = now, volumePercent = 100, shuffle = false,
    ['repeat'] = 'OFF', version = 0, updatedAt = now,
  }
end

-- A context of one track, for a report of a track that is neither queued nor in the context.
local function single_track_context(s, track)
  redis.call('DEL', context, order)
  redis.call('RPUSH', context, track)
  if s.shuffle then redis.call('RPUSH', order, 0) end
  s.contextKind, s.contextId, s.cursor, s.fromQueue = 'TRACKS', '', 0, false
end

-- The play-order position of `track` in the context, looking forward from the cursor.
local function find_in_order(s, track)
  local tracks = redis.call('LRANGE', context, 0, -1)
  local n = #tracks
  local ord = nil
  if s.shuffle then ord = redis.call('LRANGE', order, 0, -1) end
  for step = 1, n do
    local p = (s.cursor + step) % n
    local idx = p
    if ord then idx = tonumber(ord[p + 1]) end
    if tracks[idx + 1] == track then return p end
  end
  return nil
end

local function start_track(s, playing)
  s.positionMs, s.positionUpdatedAt, s.isPlaying = 0, now, playing
end

if command == 'read' then
  if not state then return cjson.encode({ none = true }) end
  return snapshot(state)
end

if expected ~= '' and tonumber(expected) ~= tonumber(redis.call('GET', version_key) or '0') then
  return fail('CONFLICT')
end

local alive = state ~= nil and device_alive(seen_key, state.deviceId, cutoff)
local playing = alive and state.isPlaying

if command == 'play' then
  -- ARGV[5..]: device ('' for the active one), offset, position ms, context kind, context id, seed, tracks...
  local device, offset, position = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
  local first_track, last_track = 11, #ARGV
  if device == '' then
    if not alive then return fail('NO_ACTIVE_DEVICE') end
    device = state.deviceId
  elseif not device_alive(seen_key, device, cutoff) then
    return fail('DEVICE_NOT_FOUND')
  end
  state = state or defaults()
  redis.call('DEL', context, order)
  push_all(context, ARGV, first_track, last_track)
  if state.shuffle then
    build_order(last_track - first_track + 1, offset, tonumber(ARGV[10]))
    state.cursor = 0
  else
    state.cursor = offset
  end
  state.deviceId, state.contextKind, state.contextId, state.fromQueue = device, ARGV[8], ARGV[9], false
  state.trackId = ARGV[first_track + offset]
  state.positionMs, state.positionUpdatedAt, state.isPlaying = position, now, true
  return commit(state)
end

if command == 'report' then
  -- A device says what it plays: it becomes the active device, and its report is a heartbeat.
  -- ARGV[5..]: device, track, playing ('1' / '0'), position ms.
  local device, track = ARGV[5], ARGV[6]
  if not device_alive(seen_key, device, cutoff) then return fail('DEVICE_NOT_FOUND') end
  redis.call('ZADD', seen_key, now, device)
  keep_devices(info_key, seen_key, ttl_ms)
  if not state then
    state = defaults()
    single_track_context(state, track)
  elseif track ~= state.trackId then
    if redis.call('LINDEX', queue, 0) == track then
      redis.call('LPOP', queue)
      state.fromQueue = true
    else
      local found = find_in_order(state, track)
      if found then
        state.cursor, state.fromQueue = found, false
      else
        single_track_context(state, track)
      end
    end
  end
  state.deviceId, state.trackId = device, track
  state.isPlaying, state.positionMs, state.positionUpdatedAt = ARGV[7] == '1', tonumber(ARGV[8]), now
  return commit(state)
end

if command == 'transfer' then
  -- ARGV[5..]: device, play ('1' / '0' / '' to keep playing or paused as it was).
  if not state then return fail('NO_PLAYBACK') end
  if not device_alive(seen_key, ARGV[5], cutoff) then return fail('DEVICE_NOT_FOUND') end
  state.positionMs = position_now(state, playing, now)
  state.positionUpdatedAt = now
  if ARGV[6] == '' then state.isPlaying = playing else state.isPlaying = ARGV[6] == '1' end
  state.deviceId = ARGV[5]
  return commit(state)
end

-- Modes and the queue need something playing or played; the transport needs a live active device.
if command == 'shuffle' or command == 'repeat' or command == 'queue' then
  if not state then return fail('NO_PLAYBACK') end
elseif not alive then
  return fail('NO_ACTIVE_DEVICE')
end

if command == 'pause' then
  state.positionMs, state.positionUpdatedAt, state.isPlaying = position_now(state, playing, now), now, false
elseif command == 'resume' then
  state.positionMs, state.positionUpdatedAt, state.isPlaying = position_now(state, playing, now), now, true
elseif command == 'seek' then
  state.positionMs, state.positionUpdatedAt = math.min(tonumber(ARGV[5]), MAX_POSITION_MS), now
elseif command == 'volume' then
  state.volumePercent = tonumber(ARGV[5])
elseif command == 'next' then
  -- The queue first; then the context, which wraps around with repeat CONTEXT and otherwise
  -- stops at its first track, paused. Repeat TRACK is the device's own loop: `next` still skips.
  local queued = redis.call('LPOP', queue)
  if queued then
    state.trackId, state.fromQueue = queued, true
    start_track(state, true)
  else
    local n = redis.call('LLEN', context)
    local c = state.cursor + 1
    local wrapped = c >= n
    if wrapped then c = 0 end
    state.cursor, state.fromQueue = c, false
    state.trackId = track_at(state)
    start_track(state, not wrapped or state['repeat'] == 'CONTEXT')
  end
elseif command == 'previous' then
  -- From a queued track back to the context track before it; at the start, wrap with repeat
  -- CONTEXT, otherwise start the first track again.
  if state.fromQueue then
    state.fromQueue = false
  else
    local c = state.cursor - 1
    if c < 0 then
      if state['repeat'] == 'CONTEXT' then c = redis.call('LLEN', context) - 1 else c = 0 end
    end
    state.cursor = c
  end
  state.trackId = track_at(state)
  start_track(state, true)
elseif command == 'shuffle' then
  -- ARGV[5..]: on ('1' / '0'), seed.
  local on = ARGV[5] == '1'
  if on and not state.shuffle then
    build_order(redis.call('LLEN', context), context_index(state), tonumber(ARGV[6]))
    state.cursor, state.shuffle = 0, true
  elseif not on and state.shuffle then
    state.cursor = context_index(state)
    redis.call('DEL', order)
    state.shuffle = false
  end
elseif command == 'repeat' then
  state['repeat'] = ARGV[5]
elseif command == 'queue' then
  -- ARGV[5..]: track, queue limit.
  if redis.call('LLEN', queue) >= tonumber(ARGV[6]) then return fail('QUEUE_FULL') end
  redis.call('RPUSH', queue, ARGV[5])
else
  return redis.error_reply('unknown player command ' .. command)
end

return commit(state)
