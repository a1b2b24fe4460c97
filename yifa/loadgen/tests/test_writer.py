"""The row writer: rows written in the background (PostgreSQL) are committed together or not at all."""

import datetime as dt

import pytest
from django.utils import timezone

from yifa.core.models import Org
from yifa.loadgen.writer import Writer

pytestmark = pytest.mark.django_db(transaction=True)


def writer():
    return Writer(now=timezone.now(), day=dt.date(2026, 6, 30), background=True)


def test_rows_written_in_the_background_are_there_after_finish_with_the_sequence_past_them():
    w = writer()
    city = w.add(Org, name="江南市", kind=Org.Kind.CITY, path="/x/", depth=0, is_active=True, sort_order=1)
    w.add(Org, name="东湖区", kind=Org.Kind.COUNTY, parent_id=city, path="/x/y/", depth=1, is_active=True, sort_order=2)
    w.finish()
    assert list(Org.objects.order_by("pk").values_list("name", flat=True)) == ["江南市", "东湖区"]
    assert Org.objects.create(name="西山区", kind=Org.Kind.COUNTY, parent_id=city).pk > city + 1


def test_a_row_the_database_refuses_fails_the_run_and_nothing_is_kept():
    w = writer()
    w.add(Org, name="江南市", kind=Org.Kind.CITY, path="/x/", depth=0, is_active=True, sort_order=1)
    w.add(Org, name=None, kind=Org.Kind.COUNTY, path="/x/y/", depth=1, is_active=True, sort_order=2)  # NOT NULL
    with pytest.raises(Exception):
        w.finish()
    w.abort()
    assert not Org.objects.exists()
