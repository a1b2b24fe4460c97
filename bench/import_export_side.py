"""What a quick build would use to load the 矛盾纠纷调解台账: django-import-export, with the same validation.

The resource checks each row with the mediation module's own column parsers and cross-column rules
(``yifa.mediation.ledger``: dates, choices, 身份证号 GB 11643 / 统一社会信用代码 GB 32100, phones, amounts, the
order of dates, 移送单位 for referrals), cleans the model instance, numbers the case, saves it and its
parties. It writes no audit entries and starts no clocks (ours does both), so the comparison favours it.
"""

import tablib
from django.core.exceptions import ValidationError
from import_export import resources

from yifa.core import excel
from yifa.core.numbering import next_number
from yifa.mediation import ledger
from yifa.mediation.actions import CASE_NUMBER
from yifa.mediation.models import DisputeCase, Party

MODEL_FIELDS = ("registered_on", "title", "dispute_type", "channel", "referral_from", "description", "location",
                "amount", "accepted_on", "outcome_on", "closed_on")


class DisputeLedgerResource(resources.ModelResource):
    class Meta:
        model = DisputeCase
        fields = MODEL_FIELDS
        import_id_fields = []
        clean_model_instances = True

    def __init__(self, *, org, user):
        super().__init__()
        self.org, self.user = org, user
        self.parties: dict[int, list[dict]] = {}

    def get_instance(self, instance_loader, row):
        return None  # every ledger row is a new case

    def before_import_row(self, row, **kwargs):
        """The same checks as our import: each column's parser, then the cross-column rules."""
        result = excel.ImportResult()
        parsed, errors = {}, []
        for col in ledger.COLUMNS:
            value = row.get(col.header)
            if isinstance(value, str):
                value = value.strip()
            if value is None or value == "":
                if col.required:
                    errors.append(f"{col.header}：必填，不能为空。")
                parsed[col.key] = None
                continue
            try:
                if col.choices is not None:
                    if str(value) not in col.choices:
                        raise ValidationError(f"应为以下之一：{'、'.join(col.choices)}。")
                    value = col.choices[str(value)]
                parsed[col.key] = col.parse(value) if col.parse else value
            except ValidationError as error:
                errors.append(f"{col.header}：{'；'.join(error.messages)}")
        if not errors:
            result.numbered.append((kwargs.get("row_number", 0), parsed))
            ledger.check_rows(result)
            errors = [str(e) for e in result.errors]
        if errors:
            raise ValidationError(errors)
        for key in MODEL_FIELDS:
            row[key] = parsed.get(key)
        row["_parsed"] = parsed

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        parsed = row["_parsed"]
        code = parsed.get("result")
        instance.org = instance.origin_org = self.org
        instance.registered_by = self.user
        instance.imported = True
        instance.number = "（待编号）"
        if code == "rejected":
            instance.status, instance.rejected_on = DisputeCase.Status.REJECTED, parsed["registered_on"]
            instance.reject_reason, instance.reject_note = DisputeCase.RejectReason.OTHER, parsed.get("note") or ""
        elif code in DisputeCase.Outcome.values:
            instance.outcome = code
            instance.status = DisputeCase.Status.CLOSED if parsed.get("closed_on") else (
                DisputeCase.Status.FAILED if code == DisputeCase.Outcome.FAILED else DisputeCase.Status.AGREED)
        elif code:
            instance.status = DisputeCase.Status.ACCEPTED
        instance._parties = parsed["parties"]

    def before_save_instance(self, instance, row, **kwargs):
        instance.number = next_number(self.org, "mediation.case", instance.registered_on.year, fmt=CASE_NUMBER).text

    def after_save_instance(self, instance, row, **kwargs):
        for order, data in enumerate(instance._parties):
            party = Party(case=instance, sort_order=order, **data)
            party.full_clean()
            party.save()


def import_file(path, *, org, user) -> int:
    """Load the .xlsx with tablib (as the admin import does) and import it in one transaction; returns the rows."""
    with open(path, "rb") as fh:
        dataset = tablib.Dataset().load(fh.read(), format="xlsx")
    resource = DisputeLedgerResource(org=org, user=user)
    result = resource.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=False)
    if result.has_errors() or result.has_validation_errors():
        rows = result.invalid_rows[:3] or [e for _n, errs in result.row_errors()[:3] for e in errs]
        raise RuntimeError(f"django-import-export 报告错误：{rows}")
    return result.totals["new"]
