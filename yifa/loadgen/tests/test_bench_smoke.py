"""Smoke test of bench/: the benchmark code runs on a tiny load and reports its ratios. It measures nothing
that matters (the tiny load, one round); the benchmarks themselves run only through bench/run."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from bench import bench

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tiny_load():
    call_command("generate_load", scale="tiny", seed=11, until=dt.date(2026, 6, 30), stdout=open("/dev/null", "w"))


def test_the_lists_dashboard_and_memory_measurements_run_and_report_their_ratios(tiny_load):
    result = bench.run(scale="tiny", quick=True, parts={"lists", "dashboard", "memory"}, repeat=1)
    for name in ("list_vs_admin", "list_vs_sql", "dashboard_vs_sql"):
        assert result[name] > 0
    detail = result["detail"]
    assert detail["dashboard"]["sql_queries"] > 0
    assert detail["memory"]["export_citywide"]["status"] == 200
    assert detail["memory"]["list_deep_page_by_offset"]["status"] == 200
    line = json.loads(json.dumps(bench.summary(result), default=str))
    assert line["scale"] == "tiny" and line["records"] > 1000
    assert "list_vs_admin" in bench.table(result)


def test_the_wrk_report_is_read_into_percentiles_and_errors():
    sample = """Running 15s test @ http://127.0.0.1:40000
  2 threads and 50 connections
  Latency Distribution
     50%  412.00ms
     75%  613.33ms
     90%    1.02s
     99%    2.50s
  1200 requests in 15.01s, 30.00MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:     79.95
"""
    out = bench._parse_wrk(sample, 50, 15, 4, 20)
    assert (out["p50_ms"], out["p90_ms"], out["p99_ms"]) == (412.0, 1020.0, 2500.0)
    assert out["requests"] == 1200 and out["requests_per_s"] == 79.95
    assert out["errors"] == 5
