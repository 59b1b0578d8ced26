-- wrk script for load.sh: every request POSTs one callback lead with a unique name to the mock CRM.
-- Arguments (after `--`): TOKEN QUOTA OUTDIR TAG [close]
--   QUOTA   answers each wrk thread reads before it stops itself (wrk itself only knows durations)
--   OUTDIR  each thread n writes there, line-buffered: answered-n.txt (the lead name of every 2xx answer),
--           other-n.txt (the status of every other answer), and done-n.txt once its quota is reached;
--           load.sh then interrupts wrk, which prints the RESULT line
--   TAG     prefix of every lead name, so that phases and runs never share a name
--   close   send `Connection: close`: a new connection for every request
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  token, quota, outdir, tag = args[1], tonumber(args[2]), args[3], args[4]
  headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
  if args[5] == "close" then headers["Connection"] = "close" end
  sent, answered = 0, 0
  names = io.open(string.format("%s/answered-%d.txt", outdir, thread_number), "w")
  names:setvbuf("line")
  others = io.open(string.format("%s/other-%d.txt", outdir, thread_number), "w")
  others:setvbuf("line")
end

function request()
  sent = sent + 1
  local body = string.format(
    '{"name":"%s-%d-%d","company":"Load Test Ltd","reason":"soak test lead","phone_number":"+14155550123"}',
    tag, thread_number, sent)
  return wrk.format("POST", "/callbacks", headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status >= 200 and status < 300 then
    -- The CRM answers {"id":..,"status":..,"lead":{"id":..,"name":..}}: the first "name" is the lead's.
    names:write(string.match(body, '"name":"([^"]*)"') or "?", "\n")
  else
    others:write(status, "\n")
  end
  if answered == quota then
    local done = io.open(string.format("%s/done-%d.txt", outdir, thread_number), "w")
    done:write(sent, " ", answered, "\n")
    done:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d connect=%d read=%d write=%d timeout=%d "
    .. "seconds=%.2f rps=%.0f p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max))
end
