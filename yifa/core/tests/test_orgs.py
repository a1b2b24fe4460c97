import pytest
from django.core.exceptions import ValidationError

from yifa.core import actions
from yifa.core.models import AuditEntry, Org


def test_it_materialises_paths_down_the_tree(tree):
    assert tree.village.path == f"{tree.city.path}{tree.district.pk}/{tree.township.pk}/{tree.village.pk}/"
    assert tree.village.depth == 3
    assert list(tree.district.subtree()) == [tree.district, tree.township, tree.village, tree.sibling]
    assert [o.pk for o in tree.village.ancestors()] == [tree.city.pk, tree.district.pk, tree.township.pk]


def test_moving_a_unit_moves_its_subtree(tree):
    actions.update_org(tree.township, by=tree.admin, parent_id=tree.other_district.pk)
    tree.village.refresh_from_db()
    assert tree.village.path.startswith(tree.other_district.path)
    assert tree.village.is_within(tree.other_district)
    entry = AuditEntry.objects.get(action="core.update_org")
    assert entry.changes["parent_id"] == [tree.district.pk, tree.other_district.pk]


def test_it_refuses_a_village_directly_under_a_city(tree):
    with pytest.raises(ValidationError) as error:
        actions.create_org(by=tree.admin, name="错位村", kind=Org.Kind.VILLAGE, parent=tree.city)
    assert "村的上级只能是" in str(error.value)
    assert not Org.objects.filter(name="错位村").exists()


def test_it_refuses_a_malformed_division_code(tree):
    with pytest.raises(ValidationError) as error:
        actions.create_org(by=tree.admin, name="丙区", kind=Org.Kind.COUNTY, parent=tree.city, division_code="33A5")
    assert "行政区划代码" in str(error.value)


def test_it_refuses_moving_a_unit_under_its_own_descendant(tree):
    with pytest.raises(ValidationError):
        actions.update_org(tree.township, by=tree.admin, parent_id=tree.village.pk)


def test_creating_a_unit_is_audited(tree):
    org = actions.create_org(by=tree.admin, name="北镇", kind=Org.Kind.TOWNSHIP, parent=tree.district)
    entry = AuditEntry.objects.get(action="core.create_org", target_id=str(org.pk))
    assert entry.actor == tree.admin
    assert entry.actor_org == tree.city
    assert entry.changes["name"] == [None, "北镇"]
