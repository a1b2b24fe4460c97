"""法定期限规则 seed: every period of the research notes' summary table, with its article and confidence.

Run by the data migration ``core.0003_seed_rules``; ``manage.py seed_rules`` adds rules introduced later.
Rows tagged [T]/[P] are brought back to the statute; [M]/[NV] rows (本地设定) are never overwritten,
because an administrator may have set them for the deployment.
"""

from django.core.management.base import BaseCommand

D, W, M, F = "day", "workday", "month", "fixed"
MIN = "minimum"

PUBLIC_SECURITY = "行政处罚法"


def rule(code, name, trigger, count, unit, instrument, article, confidence, *, kind="deadline", ext=None,
         ext_basis="", pausable_by="", note="", fixed=None):
    ext_count, ext_unit, ext_max = ext or (0, "", 0)
    fixed_month, fixed_day, fixed_exclusive = fixed or (None, None, True)
    return {
        "code": code, "name": name, "trigger": trigger, "count": count, "unit": unit, "kind": kind,
        "extension_count": ext_count, "extension_unit": ext_unit, "extension_max_times": ext_max,
        "extension_basis": ext_basis, "pausable_by": pausable_by, "instrument": instrument, "article": article,
        "confidence": confidence, "note": note, "fixed_month": fixed_month, "fixed_day": fixed_day,
        "fixed_exclusive": fixed_exclusive,
    }


RULES = [
    # 人民调解
    rule("mediation.resolve", "调解期限", "受理调解申请", 1, M, "人民调解工作若干规定", "第三十三条", "P",
         ext=(1, M, 1), ext_basis="双方当事人同意延长（地方规定）",
         note="“一般在一个月内调结”。延长一个月、以一次为限系地方做法，可调整。"),
    rule("mediation.judicial_confirmation", "申请司法确认", "调解协议生效", 30, D, "人民调解法", "第三十三条", "T",
         note="双方当事人共同向人民法院申请；另见《民事诉讼法》第二百零五条。"),
    rule("mediation.follow_up", "调解协议履行回访", "调解协议生效", 30, D, "人民调解工作若干规定", "（回访条款，条号待核）",
         "NV", note="“适时回访”，全国无具体天数；默认30日，按本地规定调整。"),
    # 行政执法
    rule("enforcement.case", "行政处罚案件办理期限", "立案", 90, D, PUBLIC_SECURITY, "第六十条", "T",
         ext=(30, D, 1), ext_basis="法律、法规、规章另有规定或经负责人批准延长（本地设定）",
         pausable_by="法律、法规、规章规定不计入的期间（如听证、检测检验检疫鉴定、公告、中止；情形本地设定）",
         note="90日为自然日（第八十五条只将二、三、五、七日规定为工作日）。延长幅度为本地设定。"
              "本法未列举不计入办案期限的情形，暂停计时须写明所依据的法律、法规、规章条款（本地设定）。"),
    rule("enforcement.hearing_request", "当事人要求听证", "告知听证权利", 5, W, PUBLIC_SECURITY, "第六十四条、第八十五条",
         "T", note="当事人在告知后五日内提出；五日为工作日。"),
    rule("enforcement.hearing_notice", "听证通知", "发出听证通知", 7, W, PUBLIC_SECURITY, "第六十四条、第八十五条", "T",
         kind=MIN, note="在举行听证的七日前通知当事人；届满日为最早可举行听证之日。"),
    rule("enforcement.evidence_decision", "先行登记保存后作出处理决定", "先行登记保存", 7, W, PUBLIC_SECURITY,
         "第五十六条、第八十五条", "T"),
    rule("enforcement.service", "处罚决定书送达", "作出处罚决定（当事人不在场）", 7, W, PUBLIC_SECURITY,
         "第六十一条、第八十五条", "T", note="当事人在场的，应当宣告后当场交付。"),
    rule("enforcement.publicity", "许可、处罚决定公示", "作出行政许可、行政处罚决定", 7, W, "国办发〔2018〕118号",
         "（执法决定信息公开）", "P", note="法律、行政法规另有规定的从其规定。"),
    rule("enforcement.publicity_other", "其他执法决定公示", "作出执法决定", 20, W, "国办发〔2018〕118号",
         "（执法决定信息公开）", "P"),
    rule("enforcement.publicity_withdraw", "撤下已变更的处罚公示", "处罚决定被变更、撤销、确认违法或无效", 3, W,
         PUBLIC_SECURITY, "第四十八条、第八十五条", "T"),
    rule("enforcement.annual_data", "公开上年度行政执法总体情况数据", "上年度结束", 0, F, "国办发〔2018〕118号",
         "（执法数据公开）", "M", fixed=(1, 31, False), note="每年1月31日前；条款待核实。"),
    # 重大行政决策
    rule("decisions.public_comment", "公开征求意见期间", "公布决策草案", 30, D, "重大行政决策程序暂行条例", "第十五条",
         "T", kind=MIN, note="一般不少于30日；因情况紧急等原因需要缩短的，应当予以说明。"),
    rule("decisions.hearing_materials", "听证材料送达", "送达听证材料", 7, D, "重大行政决策程序暂行条例", "第十六条",
         "T", kind=MIN, note="听证参加人应在听证7日前收到材料；届满日为最早可举行听证之日。"),
    rule("decisions.legality_review", "合法性审查时间", "送请合法性审查", 7, W, "重大行政决策程序暂行条例", "第二十六条",
         "T", kind=MIN, note="一般不少于7个工作日。"),
    # 行政规范性文件
    rule("normative.comment", "规范性文件征求意见", "公开征求意见", 7, W, "市县法治政府建设示范指标体系", "（2021年版）第24项",
         "P", kind=MIN),
    rule("normative.comment_business", "涉企规范性文件征求意见", "公开征求意见", 30, D, "市县法治政府建设示范指标体系",
         "（2021年版）第24项", "P", kind=MIN, note="与市场主体生产经营活动密切相关的。"),
    rule("normative.legality_review", "规范性文件合法性审核", "送请合法性审核", 15, W, "国办发〔2018〕115号",
         "（合法性审核时限）", "M", note="一般不少于5个工作日，最长不超过15个工作日；此处按最长15个工作日提醒。"),
    rule("normative.filing", "规范性文件报备", "公布", 30, D, "法规规章备案审查条例", "第二十五条（授权地方规定）", "NV",
         note="规范性文件备案期限由省级规定，常见为公布后30日；按本地规定调整。"),
    rule("normative.correction", "备案审查纠错", "收到纠正意见", 15, D, "地方规范性文件备案规定", "", "NV",
         note="参照《法规规章备案审查条例》第九条15日；按本地规定调整。"),
    rule("normative.validity", "规范性文件有效期", "施行", 60, M, "地方规范性文件管理规定", "", "NV",
         note="有效期一般不超过5年（暂行、试行一般不超过2年），到期前6个月评估。"),
    rule("normative.cleanup", "规范性文件定期清理", "上次清理完成", 24, M, "地方规范性文件管理规定", "", "NV",
         note="一般每2年清理一次；上位法变化时及时动态清理。"),
    # 信访
    rule("petitions.notify", "信访事项书面告知", "收到信访事项", 15, D, "信访工作条例", "第二十三条", "T",
         note="能够当场告知的应当当场书面告知。"),
    rule("petitions.objection", "对转送交办事项提出异议", "收到转送、交办的信访事项", 5, W, "信访工作条例", "第二十三条",
         "T"),
    rule("petitions.handle", "信访事项办结", "受理", 60, D, "信访工作条例", "第三十四条", "T", ext=(30, D, 1),
         ext_basis="情况复杂的，经本机关负责人批准，并告知信访人延期理由"),
    rule("petitions.review_request", "申请复查", "收到书面答复", 30, D, "信访工作条例", "第三十五条", "T"),
    rule("petitions.review", "复查答复", "收到复查请求", 30, D, "信访工作条例", "第三十五条", "T"),
    rule("petitions.recheck_request", "申请复核", "收到复查意见", 30, D, "信访工作条例", "第三十六条", "T"),
    rule("petitions.recheck", "复核答复", "收到复核请求", 30, D, "信访工作条例", "第三十六条", "T",
         pausable_by="听证所需时间"),
    # 政府信息公开
    rule("disclosure.reply", "依申请公开答复", "收到申请", 20, W, "政府信息公开条例", "第三十三条", "T", ext=(20, W, 1),
         ext_basis="需要延长的，经政府信息公开工作机构负责人同意并告知申请人",
         pausable_by="征求第三方和其他机关意见所需时间（第三十二条、第三十四条）",
         note="申请内容不明确需补正的，自收到补正后的申请之日起重新计算（第三十条）。"),
    rule("disclosure.correction_notice", "补正告知", "收到申请", 7, W, "政府信息公开条例", "第三十条", "T",
         note="一次性告知需要补正的事项。"),
    rule("disclosure.third_party", "第三方提出意见", "书面征求第三方意见", 15, W, "政府信息公开条例", "第三十二条", "T",
         note="第三方逾期未提出意见的，由行政机关依法决定。"),
    rule("disclosure.proactive", "主动公开", "政府信息形成或者变更", 20, W, "政府信息公开条例", "第二十六条", "T"),
    rule("disclosure.annual_report", "信息公开工作年度报告", "上年度结束", 0, F, "政府信息公开条例", "第四十九条", "NV",
         fixed=(1, 31, False), note="县级以上政府部门每年1月31日前；乡镇、街道按本地做法。"),
    # 监督与应诉
    rule("oversight.suggestion", "人大代表建议答复", "交办", 3, M, "全国人民代表大会和地方各级人民代表大会代表法",
         "第五十一条", "T"),
    rule("oversight.suggestion_difficult", "人大代表建议答复（涉及面广、难度大）", "交办", 6, M,
         "全国人民代表大会和地方各级人民代表大会代表法", "第五十一条", "T"),
    rule("oversight.proposal", "政协提案答复", "交办", 3, M, "政协全国委员会提案工作条例",
         "（提案办理条款，条号待核）", "M",
         note="承办单位自交办之日起三个月内办理完毕并书面答复提案者；期限未与条例原文核对，地方政协提案工作条例"
              "和建议提案办理办法另有规定的，按本地规定调整。"),
    rule("oversight.proposal_difficult", "政协提案答复（涉及面广、难度大）", "交办", 6, M, "政协全国委员会提案工作条例",
         "（提案办理条款，条号待核）", "M",
         note="个别难度大、不能如期答复的，事先向交办机关说明理由，正式答复最迟不超过六个月（地方建议提案办理办法的"
              "常见规定）；未与条例原文核对，按本地规定调整。"),
    rule("oversight.reconsideration_reply", "行政复议书面答复", "收到复议申请书副本", 10, W, "行政复议法",
         "第四十八条、第八十八条", "T", note="逾期不答复、不提交证据的，视为没有证据、依据（第七十条）。"),
    rule("oversight.reconsideration_reply_simple", "行政复议书面答复（简易程序）", "收到复议申请书副本", 5, W,
         "行政复议法", "第五十四条、第八十八条", "T"),
    rule("oversight.litigation_reply", "行政诉讼答辩", "收到起诉状副本", 15, D, "行政诉讼法", "第六十七条", "T",
         note="提交作出行政行为的证据和所依据的规范性文件，并提出答辩状。"),
    rule("oversight.opinion_letter", "行政复议意见书整改反馈", "收到行政复议意见书", 60, D, "行政复议法", "第七十六条",
         "T"),
    rule("oversight.judicial_suggestion", "司法建议反馈", "收到司法建议", 60, D, "地方规定", "", "NV",
         note="全国无统一回复期限，常见为60日；按本地规定调整。"),
    # 年度报告
    rule("reports.publish", "法治政府建设年度报告公开", "上年度结束", 0, F, "法治政府建设与责任落实督察工作规定",
         "第二十四条", "P", fixed=(4, 1, True), note="每年4月1日之前向社会公开。"),
    rule("reports.submit", "法治政府建设年度报告报送", "上年度结束", 0, F, "法治政府建设与责任落实督察工作规定",
         "（报告报送条款，条号待核）", "P", fixed=(3, 1, True),
         note="乡镇、街道向上一级党委和政府报送的默认期限；许多地方另定日期。"),
    # 督办
    rule("supervision.reply", "督办答复", "收到督办通知", 5, W, "本地督办制度", "", "NV",
         note="督办通知发出后，被督办单位应当书面答复办理情况；期限按本地规定调整。"),
]


def sync_rules(model, *, only_missing: bool = False) -> tuple[int, int]:
    """Create missing rules; bring [T]/[P] rows back to the data. Takes the model class (migrations pass theirs)."""
    created = updated = 0
    for data in RULES:
        existing = model.objects.filter(code=data["code"]).first()
        if existing is None:
            model.objects.create(**data)
            created += 1
        elif not only_missing and existing.confidence in ("T", "P") and data["confidence"] in ("T", "P"):
            changed = [k for k, v in data.items() if getattr(existing, k) != v]
            if changed:
                for key in changed:
                    setattr(existing, key, data[key])
                existing.save()
                updated += 1
    return created, updated


class Command(BaseCommand):
    help = "载入或更新法定期限规则（本地设定的规则不会被覆盖）"

    def handle(self, *args, **options):
        from yifa.core.models.deadlines import StatutoryRule

        created, updated = sync_rules(StatutoryRule)
        self.stdout.write(f"法定期限规则：新增 {created} 条，更新 {updated} 条，共 {StatutoryRule.objects.count()} 条。")
