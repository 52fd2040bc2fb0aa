"""Rate limits counted by several processes at once, as several web workers count them.

Each process here is a fresh interpreter on the project's settings that hits
the same limit 50 times, all at once. With Redis (REDIS_URL, as in CI and
production; else the server on 127.0.0.1:6379) the over-limit answers add up
exactly; with the per-process default each process counts alone, which is
why a production setup without Redis is warned about (plumbing.W001).
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.conf import settings

HITS, LIMIT, PROCESSES = 50, 60, 4

SCRIPT = """
import json, os, sys
import django
from django.conf import settings
django.setup()
settings.CACHES = json.loads(os.environ["LIMITS_CACHE"])
from plumbing.ratelimit import hit
key, limit, hits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.stdin.readline()  # start together
print(sum(hit(key, limit=limit, window=60) for _ in range(hits)))
"""


def redis_cache() -> dict:
    location = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
    try:
        redis.Redis.from_url(location, socket_connect_timeout=2).ping()
    except redis.ConnectionError as error:
        pytest.fail(f"These tests need a Redis server at {location} (set REDIS_URL): {error}")
    return {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }


def over_limit_answers(cache: dict) -> list[int]:
    """Start the processes, let them hit one key together, return each one's over-limit count."""
    key = f"test-shared-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "compare.settings",
        "LIMITS_CACHE": json.dumps(cache),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, key, str(LIMIT), str(HITS)],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results.append(int(out))
    return results


def test_redis_holds_one_limit_across_processes():
    answers = over_limit_answers(redis_cache())
    # 200 hits on a limit of 60: exactly 140 refused, wherever they landed.
    assert sum(answers) == HITS * PROCESSES - LIMIT, answers


def test_a_per_process_cache_lets_each_process_count_alone():
    # Why production without Redis fails `check --deploy` (tests/test_settings.py).
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert over_limit_answers(local) == [0] * PROCESSES  # 200 hits, none refused
