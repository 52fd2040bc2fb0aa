"""The production stack under HTTP load, on the demo catalog and on 10,000 tools, in one run.

    make bench        # or: .venv/bin/python bench/load.py [--seconds 3]

Builds a fresh PostgreSQL database (BENCH_DATABASE_URL, default the local
server's `bench`), starts gunicorn with deploy/gunicorn.conf.py (DEBUG off,
Redis cache from BENCH_REDIS_URL) and drives each endpoint with wrk for a
fixed time: a whitenoise static file of about a page's size (the stack's
ceiling), the floor view (bench/urls.py), every public page warm (from the page
cache) and cold (rendered: a cookie that bypasses the cache), a directory
search and a vote POST. Then it adds 10,000 tools, a million votes, 100,000
bookmarks and 100,000 subscribers (manage.py seed_synthetic) and drives them
again. Then the digest: messages per second to a local SMTP sink and the
sender's peak memory at 1,000 and 10,000 subscribers. Then the compare page
through nginx's proxy_cache, if nginx is installed.

Prints a table and writes bench/results.json: the raw figures and `ratios`.
Needs wrk (Debian's package); the figures are this machine's, in one run.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
CSRF = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, cookie and field alike

PAGES = {
    "home": "/",
    "compare": "/compare/moorhen-vs-patchwright/",
    "tool": "/tools/patchwright/",
    "directory": "/tools/",
    "category": "/categories/{category}/",
    "panel": "/panel/",
    "persona": "/panel/builder/",
    "archive": "/newsletter/archive/",
    "feed": "/feeds/verdicts/",
    "sitemap index": "/sitemap.xml",
    # A page of the comparisons section: a few dozen addresses on the demo
    # catalog, a full page (URLS_PER_PAGE) on 10,000 tools, the same at any size
    # beyond; "sitemap last full page" shows the end of the catalog costs no more.
    "sitemap page": "/sitemap-comparisons.xml",
    # What other sites and programs fetch, and the lens (never page-cached).
    "lens": "/compare/moorhen-vs-patchwright/?lens=skeptic",
    "history": "/tools/patchwright/history/",
    "tool badge": "/tools/patchwright/badge.svg",
    "compare badge": "/compare/moorhen-vs-patchwright/badge.svg",
    "share image": "/compare/moorhen-vs-patchwright/share.png",
    "tool json": "/tools/patchwright.json",
    "compare json": "/compare/moorhen-vs-patchwright.json",
}
# Endpoints whose work is not the same on both catalogs by design.
UNEQUAL_WORK = {"sitemap page", "sitemap last full page"}
SEARCH = "/tools/?q=design"
# Readers who have voted before change their votes on a compare page's two
# tools, as htmx sends them: each its own visitor cookie, the CSRF token,
# HX-Request; the answer is the vote widget with the new counts. Each request
# changes a vote (the value alternates for each reader), so each one writes.
VOTE_SCRIPT = """
local visitors = {VISITORS}
local paths = {PATHS}
local counter = 0
request = function()
  counter = counter + 1
  local visitor = visitors[(counter % #visitors) + 1]
  local value = (math.floor(counter / #visitors) % 2 == 0) and "skip" or "ship"
  local body = "csrfmiddlewaretoken=TOKEN&vote=" .. value
  return wrk.format("POST", paths[(counter % #paths) + 1], {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=TOKEN; " .. visitor,
    ["HX-Request"] = "true",
  }, body)
end
"""
VOTERS = 32


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(static_root: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "console:",
        "DATABASE_URL": DATABASE,
        "REDIS_URL": REDIS,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "STATIC_ROOT": str(static_root),
        "GUNICORN_ACCESS_LOG": "0",
        # The benchmark is one client address casting thousands of votes.
        "VOTE_RATE_PER_IP": "1000000000",
        "VOTE_RATE_PER_VISITOR": "1000000000",
        "NEW_VISITOR_VOTES_PER_TOOL_PER_DAY": "1000000000",
        # ...and fetching the JSON verdicts thousands of times a second.
        "MACHINE_READ_RATE_PER_IP": "1000000000",
    }


def manage(env, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def database_recreate():
    import psycopg

    name = DATABASE.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def redis_flush():
    import redis

    redis.Redis.from_url(REDIS).flushdb()


class Server:
    def __init__(self, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "deploy/gunicorn.conf.py", "compare.wsgi"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(30)


def wrk(url, seconds, *, headers=(), script=None, connections=16):
    """One run of wrk against `url`: requests/s, p50 and p99 latency, non-2xx/3xx answers."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for header in headers:
        command[1:1] = ["-H", header]
    if script:
        command[1:1] = ["-s", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    settle(url)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency(out, "50%"),
        "p99_ms": latency(out, "99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def settle(url):
    """Wait until requests wrk left queued are done, so they do not slow the next endpoint."""
    base = url.split("/", 3)[:3]
    for _ in range(600):
        began = time.monotonic()
        fetch("/".join(base) + "/healthz")
        if time.monotonic() - began < 0.05:
            return
        time.sleep(0.1)


def latency(out, percentile):
    number, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def fetch(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as answer:
        return answer.read()


PASSES = 3


def median_run(runs: list[dict]) -> dict:
    """The run with the median rate, and every run's rate beside it."""
    ordered = sorted(runs, key=lambda run: run["rps"])
    return {**ordered[len(ordered) // 2], "runs": [run["rps"] for run in runs]}


def drive(server, seconds, category, work_dir, *, extra=()):
    """Every endpoint, warm and cold, in PASSES passes; returns {name: median run}.

    The two cores are shared with wrk, PostgreSQL and whatever else runs, so
    one run of an endpoint can be a third off its neighbour's: each endpoint
    runs once per pass, the passes interleave, and the median is the figure.
    The baselines (static file, floor) run between every few pages.
    """
    cold = ["Cookie: visitor=bench"]
    script = work_dir / "vote.lua"
    paths = ["/votes/tools/patchwright/", "/votes/tools/moorhen/"]
    # Reader i always votes on paths[i % 2]: their first vote is a ship there.
    visitors = [first_vote(server.base + paths[i % 2], reader=i) for i in range(VOTERS)]
    script.write_text(
        VOTE_SCRIPT.replace("TOKEN", CSRF)
        .replace("{VISITORS}", "{" + ", ".join(f'"{v}"' for v in visitors) + "}")
        .replace("{PATHS}", "{" + ", ".join(f'"{p}"' for p in paths) + "}")
    )
    endpoints = {}
    for name, path in [*PAGES.items(), *extra]:
        url = server.base + path.format(category=category)
        fetch(url)  # now in the page cache
        endpoints[f"warm {name}"] = {"url": url}
        endpoints[f"cold {name}"] = {"url": url, "headers": cold}
    endpoints["cold search"] = {"url": server.base + SEARCH, "headers": cold}
    endpoints["vote POST"] = {"url": server.base + "/", "script": str(script)}
    baselines = {
        "static": {"url": server.base + "/static/bench-page.html"},
        "floor": {"url": server.base + "/bench/floor/"},
    }

    runs = {name: [] for name in [*baselines, *endpoints]}
    wrk(server.base + "/bench/floor/", 1)  # warm up every worker
    for _ in range(PASSES):
        for number, (name, endpoint) in enumerate(endpoints.items()):
            if number % 6 == 0:
                for baseline, figures in baselines.items():
                    runs[baseline].append(wrk(seconds=seconds, **figures))
            runs[name].append(wrk(seconds=seconds, **endpoint))
    return {name: median_run(found) for name, found in runs.items()}


def first_vote(url, *, reader: int) -> str:
    """Cast one vote as a new reader; returns the visitor cookie it set, as `name=value`."""
    request = urllib.request.Request(
        url,
        data=f"csrfmiddlewaretoken={CSRF}&vote=ship".encode(),
        # Its own browser: first writes from one address and browser share a visitor.
        headers={
            "Cookie": f"csrftoken={CSRF}",
            "HX-Request": "true",
            "User-Agent": f"bench-reader-{reader}",
        },
    )
    with urllib.request.urlopen(request) as answer:
        cookies = answer.headers.get_all("Set-Cookie")
    return next(c.split(";", 1)[0] for c in cookies if c.startswith("visitor="))


def digest_run(env, subscribers, work_dir):
    """Send one digest to `subscribers` addresses through a local SMTP sink."""
    database_recreate()
    manage(env, "migrate", "-v0")
    manage(
        env,
        "seed_synthetic",
        "--tools",
        "0",
        "--votes",
        "0",
        "--bookmarks",
        "0",
        "--subscribers",
        str(subscribers),
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    sink = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    try:
        began = time.monotonic()
        sender = subprocess.Popen(
            [PYTHON, "manage.py", "send_digest", "--week", "2026-W48"],
            cwd=ROOT,
            env={
                **env,
                "EMAIL_URL": f"smtp://127.0.0.1:{port}",
                "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            },
            stdout=subprocess.PIPE,
            text=True,
        )
        _, _status, usage = os.wait4(sender.pid, 0)
        elapsed = time.monotonic() - began
        output = sender.stdout.read()
    finally:
        sink.terminate()
        sink.wait(10)
    sent = int(re.search(r"(\d+) sent", output).group(1))
    return {
        "sent": sent,
        "seconds": round(elapsed, 2),
        "messages_per_s": round(sent / elapsed, 1),
        "peak_memory_mb": round(usage.ru_maxrss / 1024, 1),
    }


NGINX = """
{user}
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    proxy_cache_path {dir}/cache keys_zone=bench:10m;
    upstream app {{ server 127.0.0.1:{app}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_cache bench;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
        }}
    }}
}}
"""


def through_nginx(server, seconds, work_dir):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        return None
    port = free_port()
    config = work_dir / "nginx.conf"
    # As root, nginx would hand its workers to an account that cannot write the cache.
    user = "user root;" if os.geteuid() == 0 else ""
    config.write_text(NGINX.format(user=user, dir=work_dir, app=server.port, port=port))
    process = subprocess.Popen([nginx, "-c", str(config), "-g", "daemon off;"])
    time.sleep(1)
    try:
        url = f"http://127.0.0.1:{port}{PAGES['compare']}"
        fetch(url)
        return wrk(url, seconds)
    finally:
        process.terminate()
        process.wait(10)


def ratio(a, b):
    return round(a / b, 3) if b else None


def large_vs_small(figures, name):
    """An endpoint on 10,000 tools against the demo catalog, each as a share of its floor.

    The two catalogs run minutes apart, and the machine's own speed moves
    more than that between them (the floor's runs in results.json): each
    figure is read against the floor view measured in the same phase, which
    does the same work on both catalogs.
    """
    demo, large = figures["demo"], figures["large"]
    return ratio(
        large[name]["rps"] / large["floor"]["rps"], demo[name]["rps"] / demo["floor"]["rps"]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2)
    parser.add_argument("--tools", type=int, default=10_000)
    args = parser.parse_args()
    seconds = args.seconds
    if not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk: sudo apt-get install wrk")

    work_dir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        run(args, seconds, work_dir)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


def run(args, seconds, work_dir):
    env = environment(work_dir / "static")
    database_recreate()
    redis_flush()
    manage(env, "migrate", "-v0")
    manage(env, "load_demo", stdout=subprocess.DEVNULL)
    manage(env, "collectstatic", "--noinput", "-v0")
    figures = {"machine": {"cores": os.cpu_count(), "seconds_per_endpoint": seconds}}

    server = Server(env)
    try:
        compare_page = fetch(server.base + PAGES["compare"])
        (work_dir / "static" / "bench-page.html").write_bytes(compare_page)
        server.stop()
        server = Server(env)  # whitenoise sees the new file
        category = re.search(rb'href="/categories/([a-z0-9-]+)/"', compare_page).group(1)
        category = category.decode()
        figures["compare_page_bytes"] = len(compare_page)
        print("demo catalog…", flush=True)
        figures["demo"] = drive(server, seconds, category, work_dir)
        print(f"adding {args.tools:,} tools…", flush=True)
        manage(env, "seed_synthetic", "--tools", str(args.tools), stdout=subprocess.DEVNULL)
        redis_flush()  # seeded in SQL: no signal told the page cache
        print("large catalog…", flush=True)
        # The comparisons section's last full page, to set beside its first.
        index = fetch(server.base + "/sitemap.xml").decode()
        pages = re.findall(r"<loc>http://[^/]+(/sitemap-comparisons\.xml[^<]*)</loc>", index)
        last_full = pages[-2] if len(pages) > 1 else pages[-1]
        figures["large"] = drive(
            server,
            seconds,
            category,
            work_dir,
            extra=[("sitemap last full page", last_full.replace("&amp;", "&"))],
        )
        figures["nginx compare"] = through_nginx(server, seconds, work_dir)
    finally:
        server.stop()

    print("digest…", flush=True)
    figures["digest"] = {
        "1k": digest_run(env, 1_112, work_dir),  # nine in ten confirmed: ~1,000 copies
        "10k": digest_run(env, 11_112, work_dir),
    }

    demo, large = figures["demo"], figures["large"]
    figures["ratios"] = {
        "warm_compare_vs_static": ratio(demo["warm compare"]["rps"], demo["static"]["rps"]),
        "cold_compare_vs_floor": ratio(demo["cold compare"]["rps"], demo["floor"]["rps"]),
        "large_vs_small_compare": large_vs_small(figures, "cold compare"),
        "vote_vs_floor": ratio(demo["vote POST"]["rps"], demo["floor"]["rps"]),
        # The floor measured beside it, on the same catalog.
        "search_vs_floor": ratio(large["cold search"]["rps"], large["floor"]["rps"]),
        "digest_memory_10k_vs_1k": ratio(
            figures["digest"]["10k"]["peak_memory_mb"], figures["digest"]["1k"]["peak_memory_mb"]
        ),
    }
    figures["large_vs_small"] = {
        name: large_vs_small(figures, name) for name in demo if name in large
    }
    figures["large_vs_small_raw"] = {
        name: ratio(large[name]["rps"], demo[name]["rps"]) for name in demo if name in large
    }
    pages = {
        name: value
        for name, value in figures["large_vs_small"].items()
        if name.split(" ", 1)[0] in ("warm", "cold") and name.split(" ", 1)[1] not in UNEQUAL_WORK
    }
    figures["pages_large_vs_small_min"] = min(pages.values())
    figures["sitemap_last_vs_first_page"] = ratio(
        large["cold sitemap last full page"]["rps"], large["cold sitemap page"]["rps"]
    )
    report(figures)
    (ROOT / "bench" / "results.json").write_text(json.dumps(figures, indent=2) + "\n")
    # A figure for answers that were errors (a 429, a 500) measures the wrong thing.
    failed = [
        f"{phase} {name}"
        for phase in ("demo", "large")
        for name, run in figures[phase].items()
        if run["errors"]
    ]
    if failed:
        sys.exit("endpoints that answered errors: " + ", ".join(failed))


def report(figures):
    demo, large = figures["demo"], figures["large"]
    print(
        f"\n{'endpoint':<24}{'demo req/s':>11}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'10k req/s':>11}{'p50 ms':>8}{'p99 ms':>8}{'10k/demo':>10}"
    )
    empty = {"rps": 0, "p50_ms": 0, "p99_ms": 0, "errors": 0}
    for name in [*demo, *(name for name in large if name not in demo)]:
        d, big = demo.get(name, empty), large.get(name, empty)
        print(
            f"{name:<24}{d['rps']:>11.0f}{d['p50_ms']:>8.1f}{d['p99_ms']:>8.1f}"
            f"{big['rps']:>11.0f}{big['p50_ms']:>8.1f}{big['p99_ms']:>8.1f}"
            f"{figures['large_vs_small'].get(name) or 0:>10.2f}"
            + (f"  ({d['errors']}/{big['errors']} errors)" if d["errors"] or big["errors"] else "")
        )
    print("10k/demo: each endpoint as a share of the floor view run beside it (large_vs_small)")
    if figures.get("nginx compare"):
        print(f"{'compare via nginx':<24}{figures['nginx compare']['rps']:>11.0f}")
    for size, digest in figures["digest"].items():
        print(
            f"digest {size}: {digest['sent']} copies, {digest['messages_per_s']} msg/s, "
            f"peak {digest['peak_memory_mb']} MB"
        )
    print("\nratios (goal):")
    goals = {
        "warm_compare_vs_static": ">= 0.6",
        "cold_compare_vs_floor": ">= 0.4",
        "large_vs_small_compare": ">= 0.9",
        "vote_vs_floor": ">= 0.3",
        "search_vs_floor": ">= 0.25",
        "digest_memory_10k_vs_1k": "<= 1.2",
    }
    for name, value in figures["ratios"].items():
        print(f"  {name:<26}{value:>8}  ({goals[name]})")
    print(f"  {'every page 10k vs demo':<26}{figures['pages_large_vs_small_min']:>8}  (>= 0.8)")
    print(
        f"  {'sitemap last full vs 1st':<26}{figures['sitemap_last_vs_first_page']:>8}"
        "  (10k: the end costs what the start does)"
    )


if __name__ == "__main__":
    main()
