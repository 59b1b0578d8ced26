-- wrk script for dashboard_bench.sh: every request POSTs one callback lead (the shared bench's workload).
wrk.method = "POST"
wrk.path = "/callbacks"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token"
wrk.body = '{"name":"Ada Lovelace","company":"Analytical Engines Ltd","reason":"Wants a callback about the quote","phone_number":"+14155550123"}'

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d errors=%d rps=%.0f p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99)))
end
