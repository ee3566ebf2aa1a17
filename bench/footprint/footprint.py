#!/usr/bin/env python3
"""Footprint of one consul-alerts daemon at a steady, small workload (see docs/BENCHMARKS.md, "Footprint").

Starts a real Consul agent (-dev, loopback only, ports of its own), registers --checks checks on external catalog nodes
(four a node), sets a 5 s change-threshold and the log notifier in KV, starts the daemon and measures:

- start-up to the first decision: from exec until the daemon's /metrics reports every check with a confirmed status
  (the first health snapshot read, decoded and classified);
- over --duration seconds after a --settle period, while one check changes every --interval seconds (a check goes
  critical, the next change brings it back, each change notified): RSS (VmRSS sampled every second: median and max,
  and VmHWM), CPU-seconds a minute (utime + stime from /proc/<pid>/stat) and Consul requests a minute by endpoint
  (the daemon's consul_alerts_consul_requests_total counters, read once at each end of the window so the scrape costs
  the daemon almost nothing; session renewals included, they go through the same client).

The daemon command is given whole, so the same script measures the native binary and the JIT build:
  footprint.py --consul /path/to/consul --daemon /tmp/native/consul-alerts
  footprint.py --consul /path/to/consul --daemon "dotnet src/ConsulAlerts/bin/Release/net10.0/consul-alerts.dll"
Only loopback addresses are used. Hand-written on the standard library: it must run on a fresh machine next to CI.
"""

import argparse
import base64
import json
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

CHECKS_PER_NODE = 4
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read()


def wait_for(condition, what, patience=120):
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.01)
    raise TimeoutError("gave up waiting for " + what)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime


def status_kb(pid, name):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    return 0


METRIC_LINE = re.compile(r'^(consul_alerts_[a-z_]+)(?:\{([^}]*)\})? ([0-9.eE+-]+)$')


def scrape(api):
    _, body = http("GET", api + "metrics")
    samples = {}
    for line in body.decode().splitlines():
        m = METRIC_LINE.match(line)
        if m:
            samples[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return samples


def requests_by_endpoint(samples):
    out = {}
    for (name, labels), value in samples.items():
        if name == "consul_alerts_consul_requests_total":
            out[re.search(r'endpoint="([^"]*)"', labels).group(1)] = value
    return out


def confirmed_checks(samples):
    return sum(v for (name, labels), v in samples.items() if name == "consul_alerts_checks" and 'status="unknown"' not in labels)


class Consul:
    def __init__(self, binary, directory):
        self.http_port = free_port()
        ports = [str(free_port()) for _ in range(3)]
        args = [binary, "agent", "-dev", "-bind", "127.0.0.1", "-client", "127.0.0.1", "-node", "bench",
                "-http-port", str(self.http_port), "-server-port", ports[0], "-serf-lan-port", ports[1],
                "-serf-wan-port", ports[2], "-dns-port", "-1", "-grpc-port", "-1"]
        self.log = open(os.path.join(directory, "consul.log"), "wb")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.http_port}/"
        wait_for(lambda: http("GET", self.url + "v1/status/leader")[1] not in (b'""', b""), "the Consul leader")
        wait_for(lambda: http("GET", self.url + "v1/catalog/node/bench")[1] != b"null", "the Consul node")

    def kv(self, key, value):
        http("PUT", self.url + "v1/kv/" + key, value.encode())

    def register(self, node, checks):
        http("PUT", self.url + "v1/catalog/register", {
            "Node": node, "Address": "127.0.0.1", "SkipNodeUpdate": True,
            "Checks": [{"CheckID": c, "Name": c + " check", "Status": s} for c, s in checks],
        })

    def stop(self):
        self.process.terminate()
        self.process.wait(30)
        self.log.close()


def run_once(args, directory):
    consul = Consul(args.consul, directory)
    try:
        nodes = [f"node-{n:04d}" for n in range(args.checks // CHECKS_PER_NODE)]
        for node in nodes:
            consul.register(node, [(f"{node}-check-{i}", "passing") for i in range(CHECKS_PER_NODE)])
        log_path = os.path.join(directory, "notifications.log")
        consul.kv("consul-alerts/config/checks/change-threshold", "5")
        consul.kv("consul-alerts/config/notifiers/log/enabled", "true")
        consul.kv("consul-alerts/config/notifiers/log/path", log_path)

        alert_port = free_port()
        api = f"http://127.0.0.1:{alert_port}/"
        command = shlex.split(args.daemon) + [
            "start", f"--alert-addr=127.0.0.1:{alert_port}", f"--consul-addr=127.0.0.1:{consul.http_port}"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CONSUL_")}
        daemon_log = open(os.path.join(directory, "daemon.log"), "wb")
        started = time.monotonic()
        daemon = subprocess.Popen(command, stdout=daemon_log, stderr=subprocess.STDOUT, env=env)
        try:
            total = len(nodes) * CHECKS_PER_NODE
            wait_for(lambda: confirmed_checks(scrape(api)) >= total, f"{total} checks with a confirmed status")
            startup = time.monotonic() - started

            stop = threading.Event()
            changes = []

            def change_loop():
                # Change n: check n//2 goes critical (n even), then back to passing (n odd), each held past 5 s.
                n = 0
                while not stop.wait(args.interval if n else 0):
                    node = nodes[(n // 2) % len(nodes)]
                    consul.register(node, [(f"{node}-check-0", "critical" if n % 2 == 0 else "passing")])
                    changes.append(time.monotonic())
                    n += 1

            changer = threading.Thread(target=change_loop, daemon=True)
            changer.start()
            time.sleep(args.settle)

            before = scrape(api)
            cpu_before = cpu_seconds(daemon.pid)
            window_start = time.monotonic()
            rss = []
            while time.monotonic() - window_start < args.duration:
                rss.append(status_kb(daemon.pid, "VmRSS"))
                time.sleep(1)
            cpu_after = cpu_seconds(daemon.pid)
            window = time.monotonic() - window_start
            after = scrape(api)
            stop.set()
            changer.join()

            minutes = window / 60
            req_before, req_after = requests_by_endpoint(before), requests_by_endpoint(after)
            by_endpoint = {e: (req_after[e] - req_before.get(e, 0)) / minutes for e in req_after if req_after[e] > req_before.get(e, 0)}
            with open(log_path) as f:
                notified = sum(1 for _ in f)
            return {
                "startup_s": startup,
                "rss_median_mb": statistics.median(rss) / 1024,
                "rss_max_mb": max(rss) / 1024,
                "hwm_mb": status_kb(daemon.pid, "VmHWM") / 1024,
                "rss_anon_mb": status_kb(daemon.pid, "RssAnon") / 1024,
                "rss_file_mb": status_kb(daemon.pid, "RssFile") / 1024,
                "threads": status_kb(daemon.pid, "Threads"),
                "cpu_s_per_min": (cpu_after - cpu_before) / minutes,
                "requests_per_min": sum(by_endpoint.values()),
                "by_endpoint": dict(sorted(by_endpoint.items(), key=lambda kv: -kv[1])),
                "changes": len(changes),
                "notified": notified,
            }
        finally:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(30)
            except subprocess.TimeoutExpired:
                daemon.kill()
            daemon_log.close()
    finally:
        consul.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--consul", required=True, help="Consul binary")
    parser.add_argument("--daemon", required=True, help="command that runs consul-alerts (before 'start ...')")
    parser.add_argument("--checks", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=10, help="seconds between check changes")
    parser.add_argument("--settle", type=float, default=20, help="seconds of changes before measuring")
    parser.add_argument("--duration", type=float, default=120, help="seconds measured")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print each run as JSON")
    args = parser.parse_args()

    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="consul-alerts-footprint-") as directory:
            result = run_once(args, directory)
        if args.json:
            print(json.dumps(result), flush=True)
        else:
            endpoints = ", ".join(f"{e} {v:.1f}" for e, v in result["by_endpoint"].items())
            print(f"run {run + 1}: start-up {result['startup_s'] * 1000:.0f} ms | RSS median {result['rss_median_mb']:.1f} MB, "
                  f"max {result['rss_max_mb']:.1f} MB, VmHWM {result['hwm_mb']:.1f} MB (at the end: anonymous {result['rss_anon_mb']:.1f} MB, "
                  f"file {result['rss_file_mb']:.1f} MB; {result['threads']} threads) | CPU {result['cpu_s_per_min']:.3f} s/min | "
                  f"Consul {result['requests_per_min']:.1f} requests/min ({endpoints}) | "
                  f"changes {result['changes']}, notifications {result['notified']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
