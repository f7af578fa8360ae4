-- wrk script: each write carries N pipelined GET requests (for pipelining measurements; run.sh does not use it).
-- Usage: wrk -t1 -c16 -d10s -s benchmarks/pipeline.lua http://127.0.0.1:PORT/ -- 8
init = function(args)
  local n = tonumber(args[1]) or 8
  local r = {}
  for i = 1, n do
    r[i] = wrk.format("GET", "/")
  end
  req = table.concat(r)
end

request = function()
  return req
end
