"""Profile one staff page end to end: its SQL (each statement with its time) and a cProfile of the request.

    bench/run --quick --exec .venv/bin/python bench/profile_page.py "/mediation/?status=closed" [--user city.ducha]
        [--repeat 20] [--explain] [--top 30]

The page is fetched through Django's test client as the given user (the city 督察 by default) after a warm-up;
``--repeat`` requests are timed, then one is profiled. ``--explain`` prints EXPLAIN ANALYZE of the slowest
statements. Nothing is written to the database except the session of the test client.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("YIFA_HTTPS", "0")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--user", default="city.ducha")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after the warm-up, as config/wsgi.py does")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from yifa.core.models import User

    call_command("migrate", verbosity=0)
    user = User.objects.get(username=args.user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def fetch():
        response = client.get(args.url)
        assert response.status_code == 200, response.status_code
        return response

    for _ in range(3):
        fetch()
    gc_time = {"s": 0.0, "n": 0, "t0": 0.0}

    def on_gc(phase, info):
        if phase == "start":
            gc_time["t0"] = time.perf_counter()
        else:
            gc_time["s"] += time.perf_counter() - gc_time["t0"]
            gc_time["n"] += 1 if info["generation"] == 2 else 0

    import gc

    gc.callbacks.append(on_gc)
    if args.gc_freeze:
        gc.freeze()
    times, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fetch()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(f"{args.url}: median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} "
          f"over {args.repeat}; this process's CPU {statistics.median(cpu):.1f} ms; garbage collection {gc_time['s'] * 1000 / args.repeat:.1f} ms a request "
          f"({gc_time['n']} full collections, {len(gc.get_objects()):,} objects tracked)")

    with CaptureQueriesContext(connection) as captured:
        t0 = time.perf_counter()
        response = fetch()
        total = (time.perf_counter() - t0) * 1000
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(f"\n{len(captured.captured_queries)} statements, {sql_ms:.1f} ms of {total:.1f} ms, "
          f"{len(response.content):,} bytes")
    for q in captured.captured_queries:
        print(f"  {float(q['time']) * 1000:7.2f} ms  {q['sql'][:400]}")

    if args.explain:
        slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
        with connection.cursor() as cursor:
            for q in slowest:
                if not q["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                print("\n" + q["sql"][:300])
                print("\n".join(row[0] for row in cursor.fetchall()))

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        fetch()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
