"""The public portal: no login, landmarks and labels, a font size that persists, tracking by code."""

from django.urls import reverse


def test_home_is_public_and_named_after_the_deployment(client, settings, db):
    settings.SITE_NAME = "吴兴区法治政府建设公开平台"
    html = client.get("/").content.decode()
    assert "<title>首页 · 吴兴区法治政府建设公开平台</title>" in html
    for landmark in ['role="banner"', '<nav class="portal-nav" aria-label="栏目导航"', '<main', 'role="contentinfo"',
                     'lang="zh-CN"', 'class="skip-link" href="#main"']:
        assert landmark in html


def test_font_size_choice_persists_in_a_cookie(client, db):
    response = client.get(reverse("portal:set_display"), {"size": "l", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert response.cookies["yifa_font"].value == "l"
    html = client.get("/").content.decode()
    assert 'class="font-l"' in html
    assert 'aria-pressed="true" aria-label="大字号"' in html


def test_care_mode_toggles(client, db):
    client.get(reverse("portal:set_display"), {"care": "1"})
    assert 'class="font-m care"' in client.get("/").content.decode()


def test_display_switch_ignores_bad_values_and_offsite_redirects(client, db):
    response = client.get(reverse("portal:set_display"), {"size": "xxl", "next": "https://evil.example/"})
    assert response.url == "/"
    assert "yifa_font" not in response.cookies


def test_unknown_tracking_code_gets_a_clear_chinese_answer(client, db):
    html = client.get(reverse("portal:track"), {"code": "NOPE123"}).content.decode()
    assert "没有找到这个查询码对应的申请" in html
    assert 'aria-invalid="true"' in html


def test_staff_pages_need_login(client, db):
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_error_pages_are_chinese(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
