from django.urls import reverse

from yifa.legal_review import actions


def test_residents_find_their_community_adviser_without_private_numbers(client, tree, today):
    actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="天平律师事务所",
                        phone="13857201122", service_phone="0572-2101189", serves_from=today)
    body = client.get(reverse("legal_review:public_advisers") + "?q=东一").content.decode()
    assert "沈芳" in body and "0572-2101189" in body and "13857201122" not in body and "东街道" in body


def test_an_adviser_whose_service_ended_is_not_listed(client, tree, today):
    adviser = actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="律所",
                                  serves_from=today)
    actions.end_service(adviser, by=tree.township_handler, on=today, reason="解聘")
    import datetime as dt

    import time_machine

    from .conftest import SHANGHAI

    with time_machine.travel(dt.datetime(2025, 3, 4, 9, tzinfo=SHANGHAI), tick=False):
        assert "沈芳" not in client.get(reverse("legal_review:public_advisers")).content.decode()


def test_the_portal_page_refuses_posts(client):
    assert client.post(reverse("legal_review:public_advisers")).status_code == 405
