"""HTTP load: ``wrk`` (a real load generator, C, from Debian: ``apt-get install wrk``) against
``POST /api/ask`` of ``python -m assistant serve`` on loopback, N concurrent connections each
for a fixed duration.

Every request is a new question text (an eval question plus a request number), so the server's
query caches never answer for it: these are uncached figures. wrk runs one thread: on a 2-core
machine the load generator competes with the server for CPU, and one thread keeps that small.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .coldstart import ROOT, start_server, vm_hwm_mb, wait_first_answer

LUA = r"""
local prefixes = {
%(prefixes)s
}
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"question": ' .. prefixes[(counter %% #prefixes) + 1] .. ' ' .. counter .. '", "history": []}'
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %%d, "duration_us": %%d, "p50": %%.3f, "p95": %%.3f, ' ..
    '"p99": %%.3f, "non2xx": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def lua_script(questions: list[str]) -> str:
    # Each prefix is the question's JSON string without its closing quote; Lua long brackets
    # keep it verbatim.
    prefixes = ",\n".join(f"  [==[{json.dumps(q)[:-1]}]==]" for q in questions)
    return LUA % {"prefixes": prefixes}


def parse(output: str) -> dict[str, Any]:
    line = next((ln for ln in output.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{output[-2000:]}")
    data = json.loads(line[len("WRKJSON "):])
    seconds = data["duration_us"] / 1e6
    errors = data["non2xx"] + data["connect"] + data["read"] + data["write"] + data["timeout"]
    return {"requests": data["requests"], "seconds": round(seconds, 2),
            "answers_per_s": round((data["requests"] - data["non2xx"]) / seconds, 1),
            "p50": data["p50"], "p95": data["p95"], "p99": data["p99"], "errors": errors,
            "error_detail": {k: data[k] for k in ("non2xx", "connect", "read", "write", "timeout")}}


def run(clients: list[int], seconds: float, port: int) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    questions = [json.loads(line)["text"] for line in (ROOT / "eval" / "queries.jsonl").read_text("utf-8").splitlines()
                 if line.strip()]
    url = f"http://127.0.0.1:{port}"
    server = start_server(port)
    levels = []
    try:
        if wait_first_answer(server, url) is None:
            return {"skipped": f"the server on port {port} did not answer"}
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
            fh.write(lua_script(questions))
            script = Path(fh.name)
        for n in clients:
            result = subprocess.run([wrk, "-t", "1", "-c", str(n), "-d", f"{seconds:g}s", "--timeout", "10s",
                                     "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60,
                                    check=False)
            levels.append({"clients": n, **parse(result.stdout)})
        script.unlink(missing_ok=True)
        peak = vm_hwm_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"tool": "wrk 1 thread, loopback, uncached questions", "seconds_per_level": seconds,
            "levels": levels, "peak_rss_mb": round(peak, 1) if peak else None}
