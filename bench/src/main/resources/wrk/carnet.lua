-- One load of Carnet's bench for wrk (Debian's wrk 4.1, LuaJIT). The bench writes what a load
-- sends into a Lua file (its method, headers, paths, and a body template) and passes it here:
--
--   wrk -t2 -c8 -d20s --timeout 30s -s carnet.lua URL -- SPEC RUN THREADS
--
-- SPEC  the load's file: return { method=, expect=, large_responses=, headers={}, paths={},
--       body=FILE, nirs={}, tokens={} }
--       tokens, when not empty, holds one Authorization value per path, sent with it (each
--       patient reads their own conversations and agenda with their own token)
-- RUN   unique per run, so that the unique ids of two runs (warm-up, measured) never collide
-- THREADS  wrk's -t, to spread the requests over the records evenly
--
-- A body template holds {{ID}} (replaced by RUN-thread-counter, unique per request) and {{NIR}}
-- (the records' NIRs in turn): a push is a new document each time, as a hospital's would be.
-- done() prints one line the bench parses: counts, failures (any status but the expected one, as
-- wrk itself only counts those above 399), socket errors and the latency percentiles.

local spec, run, threads
local pieces = nil -- the body template split at its placeholders: text, name, text, name, text
local counter = 0
local statuses = {}
-- Globals, so that done() can read them from each thread with thread:get().
unexpected = 0
status_list = ""

local all_threads = {}
local next_thread = 0

-- Runs in wrk's main Lua state, once per thread before its init(): numbers the threads (the
-- global thread_id of each thread's own state).
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(all_threads, thread)
end

local function read_file(name)
  local file = assert(io.open(name, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

local function split(template)
  local parts = {}
  local from = 1
  while true do
    local first, last, name = string.find(template, "{{(%u+)}}", from)
    if not first then
      break
    end
    table.insert(parts, string.sub(template, from, first - 1))
    table.insert(parts, name)
    from = last + 1
  end
  table.insert(parts, string.sub(template, from))
  return parts
end

-- The headers of request n: the load's, with path n's own bearer when the load has one per path.
local function headers_for(n)
  if not spec.tokens or #spec.tokens == 0 then
    return spec.headers
  end
  local headers = {}
  for name, value in pairs(spec.headers) do
    headers[name] = value
  end
  headers["Authorization"] = spec.tokens[n % #spec.tokens + 1]
  return headers
end

function init(args)
  spec = dofile(args[1])
  run = args[2]
  threads = tonumber(args[3]) or 1
  if spec.body then
    pieces = split(read_file(spec.body))
  end
  -- wrk hands each response's headers and body to Lua only if response() is defined (it asks
  -- after the first thread's init): for large responses that costs wrk more than the rest of its
  -- work, so then only its own count of statuses above 399 is kept.
  if spec.large_responses then
    response = nil
  end
  -- A GET never changes: every request of the load is formatted once, here.
  if not pieces then
    spec.formatted = {}
    for i, path in ipairs(spec.paths) do
      spec.formatted[i] = wrk.format(spec.method, path, headers_for(i - 1))
    end
  end
end

function request()
  -- Request i of this thread goes to record (i * threads + thread) in turn.
  local n = counter * threads + thread_id
  counter = counter + 1
  if not pieces then
    return spec.formatted[n % #spec.formatted + 1]
  end
  local body = {}
  for i, part in ipairs(pieces) do
    if i % 2 == 1 then
      body[i] = part
    elseif part == "ID" then
      body[i] = run .. "-" .. thread_id .. "-" .. counter
    elseif part == "NIR" then
      body[i] = spec.nirs[n % #spec.nirs + 1]
    else
      error("unknown placeholder {{" .. part .. "}}")
    end
  end
  return wrk.format(spec.method, spec.paths[n % #spec.paths + 1], headers_for(n), table.concat(body))
end

-- Defining response() makes wrk parse every response's headers: the price of counting a 200
-- where a 201 was expected as the failure it is.
function response(status, headers, body)
  if status ~= spec.expect then
    unexpected = unexpected + 1
    statuses[status] = (statuses[status] or 0) + 1
    -- The statuses seen instead of the expected one, as "404:3,500:1" (rare, so rebuilt here).
    local list = {}
    for code, count in pairs(statuses) do
      table.insert(list, code .. ":" .. count)
    end
    status_list = table.concat(list, ",")
  end
end

function done(summary, latency, requests)
  local wrong, seen = 0, {}
  for _, thread in ipairs(all_threads) do
    wrong = wrong + (thread:get("unexpected") or 0)
    local text = thread:get("status_list")
    if text and text ~= "" then
      table.insert(seen, text)
    end
  end
  local e = summary.errors
  -- wrk's standard output is its only channel to the bench (WrkDriver parses this one line):
  -- counts and latencies, never a token, a NIR or a response body.
  io.write(string.format(
    "CARNET-WRK requests=%d duration_us=%d bytes=%d unexpected=%d connect=%d read=%d write=%d"
      .. " timeout=%d status_over_399=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d statuses=%s\n",
    summary.requests, summary.duration, summary.bytes, wrong, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    table.concat(seen, ",")))
end
