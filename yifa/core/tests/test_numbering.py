"""Gap-free numbers per unit/kind/year, unique under concurrent requests."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from yifa.core.models import NumberSequence
from yifa.core.numbering import next_number


def test_numbers_run_from_one_per_unit_kind_and_year(tree):
    with transaction.atomic():
        first = next_number(tree.township, "mediation", 2026, fmt="{abbr}调〔{year}〕{n:03d}号")
        second = next_number(tree.township, "mediation", 2026, fmt="{abbr}调〔{year}〕{n:03d}号")
        other_year = next_number(tree.township, "mediation", 2027)
        other_unit = next_number(tree.sibling, "mediation", 2026)
    assert (first.value, second.value, other_year.value, other_unit.value) == (1, 2, 1, 1)
    assert second.text == "东街调〔2026〕002号"


def test_a_rolled_back_action_gives_its_number_back(tree):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            next_number(tree.township, "case", 2026)
            raise RuntimeError("保存失败")
    with transaction.atomic():
        assert next_number(tree.township, "case", 2026).value == 1


@pytest.mark.django_db(transaction=True)
def test_it_must_run_inside_a_transaction():
    from yifa.core.testing import build_tree

    tree = build_tree()
    with pytest.raises(RuntimeError):
        next_number(tree.township, "case", 2026)


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_get_distinct_gap_free_numbers():
    from yifa.core.testing import build_tree

    org = build_tree().township
    threads, results, errors = 8, [], []
    per_thread = 6
    barrier = threading.Barrier(threads)

    def worker():
        try:
            barrier.wait()
            for _ in range(per_thread):
                with transaction.atomic():
                    results.append(next_number(org, "case", 2026).value)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, threads * per_thread + 1))
    assert NumberSequence.objects.get(org=org, kind="case", year=2026).last == threads * per_thread
