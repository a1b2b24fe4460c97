"""Demo yearly reports: last year's reports of the demo 乡镇/街道 at different stages, and one machine
review of a report written elsewhere (seed 002), so the board and the reviewer have something to show."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.core import deadlines

from . import actions

NARRATIVE = {
    "narrative_measures": "坚持把法治政府建设摆在全局工作的重要位置，与经济社会发展同部署、同推进、同考核，"
                          "各项工作法治化、规范化水平不断提升。",
    "narrative_first_responsible": "党政主要负责人认真履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、"
                                   "重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，年终述职中专题述法。",
    "narrative_shortcomings": "一是部分干部运用法治思维和法治方式解决问题的能力还不够强，遇事找法的习惯尚未完全养成。"
                              "二是基层执法力量相对薄弱，具有法律专业背景的执法人员偏少。究其原因，主要是学法培训的针对性"
                              "不强，专业人才引进和培养机制还不健全。",
    "narrative_next_year": "一是持续抓好领导干部学法用法，落实会前学法和年终述法制度。二是深化行政执法“三项制度”，"
                           "开展执法案卷评查。三是坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解。",
}
SEED_002 = Path(__file__).parent / "tests" / "fixtures" / "seeds" / "002_045200239feb11ca.txt"


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    year = deadlines.today().year - 1

    huanzhu = actions.draft_report(orgs["huanzhu"], year, by=users["huanzhu.jingban"])
    actions.edit_narrative(huanzhu, by=users["huanzhu.jingban"], **NARRATIVE)
    actions.finalize(huanzhu, by=users["huanzhu.fuze"])
    actions.submit(huanzhu, by=users["huanzhu.fuze"])
    actions.publish(huanzhu, by=users["huanzhu.fuze"], secrecy_checked_by="陈卫东")

    zhili = actions.draft_report(orgs["zhili"], year, by=users["zhili.jingban"])
    actions.edit_narrative(zhili, by=users["zhili.jingban"], **{
        **NARRATIVE, "narrative_shortcomings": "执法人员持证率不高，部分村（社区）法律顾问作用发挥不够充分。"})
    actions.finalize(zhili, by=users["zhili.fuze"])
    actions.submit(zhili, by=users["zhili.fuze"])
    actions.review_report(zhili, by=users["wuxing.ducha"])

    actions.draft_report(orgs["nanxun_town"], year, by=users["nanxun.jingban"])

    if SEED_002.exists():
        upload = SimpleUploadedFile("大盛镇2023年度法治政府建设情况的报告.txt", SEED_002.read_bytes(),
                                    content_type="text/plain")
        actions.review_upload(upload, org=orgs["wuxing"], by=users["wuxing.ducha"], year=2023)
