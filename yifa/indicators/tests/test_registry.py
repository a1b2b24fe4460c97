"""Every entry of the registry that this deployment can compute does, on an empty register too, and lists its
records; every quantitative item of the shipped schemes is bound to an entry of the registry."""

import datetime as dt

from yifa.indicators import actions, registry

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_every_available_entry_computes_and_lists_its_records(tree):
    assert {"core.deadline_on_time_rate", "oversight.suggestion_on_time_rate"} <= set(registry.available())
    for code, entry in registry.available().items():
        measure = registry.compute(code, [tree.township], YEAR)
        assert measure is not None and (measure.value is None or measure.value >= 0), code
        if entry.is_rate and measure.denominator == 0:
            assert measure.value is None, code
        if entry.records is not None and code != "legal_review.adviser_coverage":  # its rows are the 村（社区）
            assert list(entry.records([tree.township], YEAR)) == [], code
        if entry.part is not None:
            assert list(entry.part([tree.township], YEAR)) == [], code
        assert entry.records is not None or entry.drill is not None, f"{code} drills nowhere"


def test_the_shipped_schemes_bind_only_codes_of_the_registry():
    for path in actions.data_files():
        data = actions.parse(path.read_bytes())
        assert actions.check(data) == [], path.name
