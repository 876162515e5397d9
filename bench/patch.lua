-- wrk script: PATCH requests that always change the image (a new __description each time), spread over
-- IMAGES images (ids 00000000-0000-4000-8000-000000000000 ...), or all on one image when IMAGES=1.
-- MAX_PER_THREAD, when set, stops each thread after that many answers (for a fixed request count).
local images = tonumber(os.getenv("IMAGES") or "1000")
local token = os.getenv("TOKEN")
local cap = tonumber(os.getenv("MAX_PER_THREAD") or "0")
local counter = 0
local answered = 0
local seed = 0
local threads = {}

function setup(thread)
  seed = seed + 1
  thread:set("seed", seed)
  table.insert(threads, thread)
end

function init(args)
  counter = seed * 100000000
end

function request()
  counter = counter + 1
  local n = (counter * 7919) % images
  local id = string.format("00000000-0000-4000-8000-%012d", n)
  local body = '[{"op":"replace","path":"/__description","value":"bench ' .. counter .. '"}]'
  return wrk.format("PATCH", "/v2/cloudimages/" .. id,
    {["Content-Type"] = "application/json", ["X-Auth-Token"] = token}, body)
end

function response(status, headers, body)
  answered = answered + 1
  if cap > 0 and answered >= cap then
    wrk.thread:stop()
  end
end
