"""Demo records: advisers for 环渚街道 and 织里镇 and their 村/社区, a year of service log, and reviews."""

import datetime as dt
from decimal import Decimal

from yifa.core import deadlines

from . import actions
from .models import AdviserService, ReviewRequest

K = AdviserService.Kind


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    today = deadlines.today()
    handler, reviewer, head = users["huanzhu.jingban"], users["huanzhu.shenhe"], users["huanzhu.fuze"]

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    year_start = dt.date(ago(300).year, 1, 1)

    advisers = {}
    for key, org_key, name, firm, phone, service_phone in [
        ("huanzhu", "huanzhu", "王建平", "浙江湖州天平律师事务所", "13905721234", "0572-2101188"),
        ("longxi", "longxi", "沈芳", "浙江湖州天平律师事务所", "13857201122", "0572-2101189"),
        ("huandong", "huandong", "杨志刚", "浙江吴兴正义律师事务所", "13757203344", ""),
        ("yigao", "yigao", "姚丽", "浙江吴兴正义律师事务所", "13967205566", "0572-2298765"),
        ("zhili", "zhili", "钱国华", "浙江织里明正律师事务所", "13600577788", "0572-3011234"),
        ("xiaohe", "xiaohe", "朱静", "浙江织里明正律师事务所", "13819209900", ""),
    ]:
        advisers[key] = actions.add_adviser(org=orgs[org_key], by=handler, name=name, firm=firm, phone=phone,
                                            service_phone=service_phone, serves_from=year_start,
                                            serves_until=dt.date(today.year + 1, 12, 31), license_no="")
    actions.add_adviser(org=orgs["huanzhu"], by=handler, kind="public_lawyer", name="赵明", firm="环渚司法所",
                        serves_from=dt.date(today.year - 1, 3, 1), user=reviewer, phone="")

    services = [
        ("huanzhu", 300, K.MEETING, 1, "列席街道党工委会议，就老旧小区改造项目发表法律意见"),
        ("huanzhu", 270, K.DISPUTE, 3, "参与环渚新村房屋漏水、物业费纠纷等涉法信访矛盾调处"),
        ("huanzhu", 250, K.SUGGESTION, 2, "就街道与第三方签订保洁服务合同提出修改建议"),
        ("huanzhu", 220, K.DISPUTE, 4, "参与征迁补偿矛盾化解，向群众释法说理"),
        ("huanzhu", 180, K.SUGGESTION, 3, "对街道重大行政决策事项目录提出法律建议"),
        ("huanzhu", 150, K.DISPUTE, 7, "参与涉法涉诉信访案件会商"),
        ("huanzhu", 140, K.SUGGESTION, 3, "对规范性文件草案提出合法性修改建议"),
        ("longxi", 260, K.EDUCATION, 1, "“法律服务赋能网格”民法典专题讲座"),
        ("longxi", 210, K.CONSULTATION, 12, "社区坐班接待群众法律咨询"),
        ("yigao", 190, K.DISPUTE, 2, "参与村民宅基地相邻权纠纷调解"),
        ("zhili", 240, K.SUGGESTION, 2, "对童装产业园租赁合同提出法律建议"),
    ]
    for key, days, kind, count, text in services:
        actions.log_service(advisers[key], by=handler, served_on=ago(days), kind=kind, count=count,
                            description=text)

    contracts = [
        ("环渚街道老旧小区改造工程施工合同", "湖州吴兴建工集团有限公司", Decimal("3860000.00"), 230, "lawful"),
        ("环渚街道物业服务委托合同", "湖州安居物业管理有限公司", Decimal("486000.00"), 200, "with_changes"),
        ("环渚街道智慧网格平台运维服务合同", "浙江数智科技有限公司", Decimal("295000.00"), 160, "with_changes"),
        ("环渚街道公共法律服务购买协议", "浙江湖州天平律师事务所", Decimal("120000.00"), 120, "lawful"),
    ]
    for title, counterpart, amount, days, conclusion in contracts:
        submitted = ago(days)
        review = actions.request_review(
            org=orgs["huanzhu"], by=handler, subject=ReviewRequest.Subject.CONTRACT, title=title,
            counterpart=counterpart, amount=amount, submitted_on=submitted,
            materials="合同文本草案、招标（比选）文件、中标通知书、相对方营业执照复印件",
            question="合同主体资格、付款条款、违约责任和争议解决条款是否合法、完备")
        actions.assign(review, by=reviewer, reviewer=reviewer, adviser=advisers["huanzhu"])
        issued = min(submitted + dt.timedelta(days=9), today)
        actions.issue_opinion(
            review, by=reviewer, conclusion=conclusion, issued_on=issued,
            basis="《中华人民共和国民法典》合同编；《中华人民共和国政府采购法》；《浙江省行政合同管理办法》",
            opinion=("合同主体适格，标的、价款、履行期限明确。" if conclusion == "lawful" else
                     "一、第七条付款条件宜与验收结果挂钩；二、违约责任条款应明确违约金计算方式；"
                     "三、争议解决条款建议约定由街道所在地人民法院管辖。"))
        actions.record_adoption(review, by=handler, adoption="adopted", note="已按意见修改合同文本后签订。")
    pending = actions.request_review(
        org=orgs["huanzhu"], by=handler, subject=ReviewRequest.Subject.CONTRACT,
        title="环渚街道文化礼堂场地租赁合同", counterpart="湖州南太湖文化传媒有限公司", amount=Decimal("36000.00"),
        materials="租赁合同草案、场地权属证明", submitted_on=today - dt.timedelta(days=2))
    actions.assign(pending, by=head, reviewer=reviewer)
    actions.request_review(
        org=orgs["zhili"], by=users["zhili.jingban"], subject=ReviewRequest.Subject.CONTRACT,
        title="织里镇童装产业园厂房租赁合同", counterpart="湖州织里童装产业发展有限公司", amount=Decimal("1280000.00"),
        materials="租赁合同草案、厂房产权证明、镇党委会议纪要", submitted_on=today - dt.timedelta(days=1))
