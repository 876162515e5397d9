-- wrk script: pre-signed AK/SK PATCH requests (bench/SignedRequests.java writes them to SIGNED), replayed in
-- order, each thread from its own starting point; every request changes its image (values alternate).
local requests, date, host = dofile(os.getenv("SIGNED"))
local counter = 0
local seed = 0
local threads = {}

function setup(thread)
  seed = seed + 1
  thread:set("seed", seed)
  table.insert(threads, thread)
end

function init(args)
  counter = seed * 7919
end

function request()
  counter = counter + 1
  local r = requests[(counter % #requests) + 1]
  return wrk.format("PATCH", r[1], {["Content-Type"] = "application/json", ["Host"] = host,
    ["X-Sdk-Date"] = date, ["Authorization"] = r[2]}, r[3])
end
