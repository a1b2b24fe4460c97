"""The action-view runner every module shares: one action per POST, bad input and refused steps said in Chinese."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from yifa.core.actionviews import form_errors, perform, require, run_action
from yifa.core.workflow import InvalidTransition


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=10)


def post(user, data):
    request = RequestFactory().post("/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def said(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def rerender(form, status):
    return HttpResponse(" ".join(str(e) for e in form.errors.values()), status=status)


def test_require_answers_403_with_the_reason():
    require(True)
    with pytest.raises(PermissionDenied, match="只有负责人"):
        require(False, "只有负责人可以批准。")


def test_form_errors_go_to_their_field_or_to_the_top():
    form = NoteForm({"note": "好"})
    form.is_valid()
    form_errors(form, ValidationError({"note": "说明太短。", "elsewhere": "别处的错误。"}))
    form_errors(form, ValidationError("整体不通过。"))
    assert form.errors["note"] == ["说明太短。"]
    assert form.non_field_errors() == ["别处的错误。", "整体不通过。"]


def test_perform_runs_the_action_and_goes_where_its_result_says(tree):
    request = post(tree.township_handler, {"note": "已核实"})
    done = []
    response = perform(request, NoteForm(request.POST), lambda data: done.append(data["note"]) or 7,
                       success="已保存。", then=lambda pk: f"/matters/{pk}/", rerender=rerender)
    assert response.status_code == 302 and response.url == "/matters/7/"
    assert done == ["已核实"] and said(request) == ["已保存。"]


def test_perform_rerenders_bad_input_with_400_and_runs_nothing(tree):
    request = post(tree.township_handler, {"note": "x" * 11})
    done = []
    response = perform(request, NoteForm(request.POST), done.append, success="", then="/", rerender=rerender)
    assert response.status_code == 400 and done == []


def test_perform_says_a_refused_step_at_the_top_with_409(tree):
    def refuse(data):
        raise InvalidTransition("当前状态为“已办结”，不能执行“答复”。")

    request = post(tree.township_handler, {"note": "答复"})
    response = perform(request, NoteForm(request.POST), refuse, success="", then="/", rerender=rerender)
    assert response.status_code == 409 and said(request) == ["当前状态为“已办结”，不能执行“答复”。"]


def test_perform_puts_a_rule_refusal_at_the_top_and_a_field_error_on_its_field(tree):
    def gate(data):
        raise ValidationError("未经合法性审查，不得提交集体讨论（《重大行政决策程序暂行条例》第二十五条）。")

    request = post(tree.township_handler, {"note": "讨论"})
    response = perform(request, NoteForm(request.POST), gate, success="", then="/", rerender=rerender)
    assert response.status_code == 400 and "第二十五条" in said(request)[0]

    def field(data):
        raise ValidationError({"note": "说明与登记不符。"})

    request = post(tree.township_handler, {"note": "讨论"})
    response = perform(request, NoteForm(request.POST), field, success="", then="/", rerender=rerender)
    assert response.status_code == 400 and "说明与登记不符。" in response.content.decode()


def run(request, matter, *, may=True, handles=True, do=None):
    return run_action(request, matter, permission=lambda user, obj: may, handles=lambda user, org: handles,
                      form_class=NoteForm, do=do or (lambda user, obj, data: None), done="已办理。",
                      back="/matter/", refusal=lambda obj: "须先登记受理。", denied="您不办理该事项。")


def test_run_action_does_the_step_and_comes_back(tree):
    matter = tree.township_handler.memberships.get()
    request = post(tree.township_handler, {"note": "已办"})
    done = []
    response = run(request, matter, do=lambda user, obj, data: done.append((user, obj, data["note"])))
    assert response.status_code == 302 and response.url == "/matter/"
    assert done == [(tree.township_handler, matter, "已办")] and said(request) == ["已办理。"]


def test_run_action_tells_a_handler_why_and_refuses_anyone_else(tree):
    matter = tree.township_handler.memberships.get()
    request = post(tree.township_handler, {"note": "已办"})
    assert run(request, matter, may=False).status_code == 302 and said(request) == ["须先登记受理。"]
    with pytest.raises(PermissionDenied, match="您不办理该事项"):
        run(post(tree.other_handler, {"note": "已办"}), matter, may=False, handles=False)


def test_run_action_names_the_field_of_bad_input_and_the_rule_of_a_refusal(tree):
    matter = tree.township_handler.memberships.get()
    request = post(tree.township_handler, {"note": ""})
    run(request, matter)
    assert said(request) == ["说明：这个字段是必填项。"]

    def refuse(user, obj, data):
        raise ValidationError("答复日期不能早于交办日期。")

    request = post(tree.township_handler, {"note": "答复"})
    run(request, matter, do=refuse)
    assert said(request) == ["答复日期不能早于交办日期。"]
