"""In Chromium: a decision from its catalogue entry through public comment (an anonymous visitor) to the
collective meeting, refused on the way while its 合法性审查 is missing."""

import datetime as dt

import pytest

from playwright.sync_api import expect
import time_machine

from yifa.core.testing import PASSWORD
from yifa.decisions import actions
from yifa.decisions.models import Decision, PublicComment
from yifa.legal_review import actions as legal_review
from yifa.legal_review.models import ReviewRequest

from .conftest import SHANGHAI


def login(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/")


def moment(month, day, hour=9):
    return dt.datetime(2025, month, day, hour, tzinfo=SHANGHAI)


@pytest.mark.browser
def test_a_decision_runs_from_catalogue_through_public_comment_to_collective_decision(page, tree, live_server):
    with time_machine.travel(moment(3, 3), tick=True) as clock:
        catalogue = actions.create_catalogue(org=tree.township, by=tree.township_handler, year=2025)
        login(page, "handler")
        page.goto(f"/decisions/catalogues/{catalogue.pk}/")
        page.get_by_label("事项类型").select_option(label="重大公共建设项目")
        page.get_by_label("决策事项", exact=True).fill("东街道农贸市场提升改造项目")
        page.get_by_label("承办单位").fill("经发办")
        page.get_by_role("button", name="列入目录").click()
        expect(page.get_by_text("已列入目录。")).to_be_visible()
        actions.approve_catalogue(catalogue, by=tree.township_head, approval_body="街道党工委会议",
                                  approved_on=dt.date(2025, 3, 3))
        actions.publish_catalogue(catalogue, by=tree.township_head, published_on=dt.date(2025, 3, 3))
        decision = Decision.objects.get()

        page.goto(f"/decisions/{decision.pk}/")
        page.get_by_role("button", name="启动").click()
        expect(page.get_by_text("已启动决策程序。")).to_be_visible()
        decision.refresh_from_db()
        actions.update_draft(decision, by=tree.township_handler, basis="《浙江省农贸市场管理办法》",
                             draft_text="一、改造范围：农贸市场主体建筑。二、过渡安排：设临时市场。", draft_notes="设施老化。")

        page.goto(f"/decisions/{decision.pk}/steps/participation/")
        page.get_by_label("征求意见开始日期").fill("2025-03-03")
        page.get_by_label("征求意见截止日期").fill("2025-03-20")
        page.get_by_label("征求意见公告").fill("在线提交意见。")
        page.get_by_role("button", name="公开征求意见").click()
        expect(page.get_by_text("征求意见期限不足")).to_be_visible()
        page.get_by_label("征求意见截止日期").fill("2025-04-07")
        page.get_by_role("button", name="公开征求意见").click()
        expect(page.get_by_text("已公开征求意见")).to_be_visible()

        visitor = page.context.browser.new_context(base_url=live_server.url, locale="zh-CN")
        anonymous = visitor.new_page()
        anonymous.goto("/juece/")
        anonymous.get_by_role("link", name="东街道农贸市场提升改造项目").first.click()
        expect(anonymous.get_by_text("正在征求意见")).to_be_visible()
        honeypot = anonymous.locator("[name=website]").bounding_box()
        assert honeypot["x"] + honeypot["width"] < 0  # off-screen: people never see or fill it
        anonymous.get_by_label("您的意见").fill("<b>临时市场</b>请设在步行10分钟内，方便老人买菜。")
        anonymous.get_by_label("姓名或单位（选填）").fill("王秀英")
        anonymous.wait_for_timeout(3200)
        anonymous.get_by_role("button", name="提交意见").click()
        expect(anonymous.get_by_text("您的意见已提交")).to_be_visible()
        assert PublicComment.objects.get().name == "王秀英"

        clock.move_to(moment(4, 8))
        login(page, "handler")
        page.goto(f"/decisions/{decision.pk}/steps/participation/")
        page.get_by_label("处理结果").select_option(label="采纳")
        page.get_by_role("button", name="保存").click()
        page.get_by_label("意见采纳情况说明").fill("收到意见1条，临时市场选址建议已采纳。")
        page.get_by_role("button", name="公布采纳情况").click()
        expect(page.get_by_text("意见采纳情况已公布")).to_be_visible()

        decision.refresh_from_db()
        actions.add_expert_opinion(decision, by=tree.township_handler, expert_name="孙立", given_on=dt.date(2025, 4, 8),
                                   opinion="可行", signed=True, no_interest=True)
        actions.complete_expert_review(decision, by=tree.township_handler, result="方案可行")
        actions.record_risk_assessment(decision, by=tree.township_handler, assessed_on=dt.date(2025, 4, 8),
                                       assessor="平安办", risk_points="经营户过渡", measures="设临时市场", level="low",
                                       controllable=True)

        page.goto(f"/decisions/{decision.pk}/steps/collective/")
        expect(page.get_by_text("合法性审查尚未完成：未经合法性审查的，不得提交决策机关讨论")).to_be_visible()

        page.goto(f"/decisions/{decision.pk}/steps/legality/")
        page.get_by_role("button", name="送请审查").click()
        expect(page.get_by_text("已送请合法性审查。")).to_be_visible()
        review = ReviewRequest.objects.get(source_id=decision.pk)
        legal_review.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
        clock.move_to(moment(4, 18))
        legal_review.issue_opinion(review, by=tree.reviewer, conclusion="lawful", opinion="合法", basis="依据")

        login(page, "handler")
        page.goto(f"/decisions/{decision.pk}/steps/collective/")
        page.get_by_label("会议类型").select_option(label="主任（镇长）办公会议")
        page.get_by_label("会议日期").fill("2025-04-18")
        page.get_by_label("主持人").fill("陈主任")
        page.get_by_label("出席人员").fill("陈主任、刘副主任、吴部长")
        page.get_by_label("决定结果").select_option(label="通过")
        page.get_by_label("会议纪要").fill("同意实施。吴部长保留意见。")
        page.get_by_label("决定内容").fill("同意实施农贸市场提升改造项目。")
        for i, (name, view, head) in enumerate([("刘副主任", "同意", False), ("吴部长", "保留意见", False),
                                                ("陈主任", "同意", True)]):
            page.locator(f"[name=views-{i}-member_name]").fill(name)
            page.locator(f"[name=views-{i}-view]").select_option(label=view)
            if head:
                page.locator(f"[name=views-{i}-is_head]").check()
        page.get_by_role("button", name="登记", exact=True).click()
        expect(page.get_by_text("已登记集体讨论决定。")).to_be_visible()
        decision.refresh_from_db()
        assert decision.status == Decision.Status.DECIDED and decision.decided_on == dt.date(2025, 4, 18)

        anonymous.goto(f"/juece/{decision.pk}/")
        expect(anonymous.get_by_text("<b>临时市场</b>请设在步行10分钟内")).to_be_visible()
        assert anonymous.locator("#adoption b").count() == 0
        expect(anonymous.get_by_text("王*英")).to_be_visible()
        visitor.close()


@pytest.mark.browser
def test_the_comment_form_fits_a_phone(page, tree):
    with time_machine.travel(moment(3, 3), tick=True):
        catalogue = actions.create_catalogue(org=tree.township, by=tree.township_handler, year=2025)
        decision = actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="policy",
                                        title="东街道垃圾分类方案", catalogue=catalogue)
        actions.start(decision, by=tree.township_handler, undertaking_unit="城建办")
        actions.update_draft(decision, by=tree.township_handler, draft_text="草案正文")
        actions.open_comment(decision, by=tree.township_handler, opens_on=dt.date(2025, 3, 3),
                             closes_on=dt.date(2025, 4, 7), notice="在线提交")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"/juece/{decision.pk}/")
        page.get_by_role("button", name="提交意见").click()
        expect(page.get_by_text("这个字段是必填项。").or_(page.get_by_text("提交过快")).first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
