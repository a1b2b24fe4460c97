import datetime as dt

from yifa.legal_review import actions, indicators, report

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def issue(tree, subject, title, conclusion="lawful", adoption="adopted"):
    review = actions.request_review(org=tree.township, by=tree.township_handler, subject=subject, title=title,
                                    materials="材料", counterpart="相对方" if subject == "contract" else "")
    actions.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
    actions.issue_opinion(review, by=tree.reviewer, conclusion=conclusion, opinion="意见", basis="依据")
    if adoption:
        actions.record_adoption(review, by=tree.township_handler, adoption=adoption,
                                note="" if adoption == "adopted" else "理由")
    return review


def test_the_report_says_how_many_opinions_were_issued(tree, today):
    for i in range(4):
        issue(tree, "contract", f"合同{i}")
    issue(tree, "decision", "决策", adoption="not_adopted")
    issue(tree, "normative", "文件")
    issue(tree, "other", "其他", adoption="")
    assert indicators.opinions_issued([tree.township], YEAR) == 7
    assert indicators.opinions_issued([tree.sibling], YEAR) == 0
    assert str(indicators.adoption_rate([tree.township], YEAR)) == "83.3"
    lines = report.sentences([tree.township], YEAR)
    assert lines[0] == ("全年出具合法性审查意见书7份，其中合同4份、重大行政决策1份、行政规范性文件1份、其他事项1份，"
                        "审查意见采纳率83.3%。")


def test_the_report_counts_the_advisers_work(tree, today):
    adviser = actions.add_adviser(org=tree.township, by=tree.township_handler, name="王律师", firm="律所",
                                  serves_from=dt.date(2025, 1, 1))
    actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈律师", firm="律所",
                        serves_from=dt.date(2025, 1, 1))
    actions.log_service(adviser, by=tree.township_handler, served_on=today, kind="dispute", count=14,
                        description="调处")
    actions.log_service(adviser, by=tree.township_handler, served_on=today, kind="suggestion", count=8,
                        description="建议")
    lines = report.sentences([tree.township], YEAR)
    assert "推行法律顾问制度，本级聘请法律顾问，村（社区）法律顾问覆盖率100%。" in lines
    assert "法律顾问参与涉法、信访矛盾调处14次，提供法律建议8条。" in lines


def test_every_indicator_computes_and_lists_its_records(tree, today):
    issue(tree, "contract", "合同")
    for item in indicators.INDICATORS:
        item["compute"]([tree.township], YEAR)
        if item["records"]:
            assert item["records"]([tree.township], YEAR).model is not None
