"""Staff shell: sign-in, 工作台, unit switcher, 系统管理 (org tree, users, roles), audit log, files."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from . import actions, registry, security
from .actionviews import form_errors
from .forms import (LoginForm, MembershipForm, OrgForm, PasswordChangeForm, ResetPasswordForm, UserCreateForm,
                    UserEditForm)
from .middleware import ACTIVE_MEMBERSHIP_KEY
from .models import Attachment, AuditEntry, LoginAttempt, Membership, Org, Role, User
from .permissions import can_download, can_manage_org, can_manage_user, can_read_audit, is_admin_anywhere
from .scope import get_visible_or_404, scope_q

LOGIN_FAILED = "用户名或密码错误。"


# ---------------------------------------------------------------- sign-in


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    """登录. The same message for unknown users, wrong passwords and locked names (no enumeration)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        until = security.locked_until(username)
        if until:
            security.log_attempt(request, username, "locked")
            form.add_error(None, _locked_message())
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                security.log_attempt(request, username, "failure")
                if security.register_failure(username):
                    form.add_error(None, _locked_message())
                else:
                    form.add_error(None, f"{LOGIN_FAILED}连续输错 {settings.LOGIN_FAILURE_LIMIT} 次将锁定 "
                                         f"{settings.LOGIN_LOCKOUT_SECONDS // 60} 分钟。")
            else:
                security.register_success(username)
                security.log_attempt(request, username, "success")
                login(request, user)
                return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/login.html", {"form": form, "next": next_url})


def _locked_message() -> str:
    return f"登录失败次数过多，请 {settings.LOGIN_LOCKOUT_SECONDS // 60} 分钟后再试。"


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("login")


@sensitive_post_parameters()
@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.change_own_password(request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改。")
        return redirect("core:workbench")
    forced = request.user.must_change_password
    return render(request, "registration/password_change.html", {"form": form, "forced": forced})


# ---------------------------------------------------------------- 工作台


@login_required
def workbench(request):
    items = registry.workbench_items(request.user)
    return render(request, "core/workbench.html", {"items": items})


@require_POST
@login_required
def switch_unit(request):
    try:
        membership = request.user.memberships.get(pk=int(request.POST.get("membership", "")))
    except (ValueError, Membership.DoesNotExist):
        raise Http404("没有这个任职。")
    request.session[ACTIVE_MEMBERSHIP_KEY] = membership.pk
    messages.success(request, f"已切换到：{membership.org.name}（{membership.get_role_display()}）")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("core:workbench")
    return redirect(back)


# ---------------------------------------------------------------- 系统管理: org tree


def _require_admin(user) -> None:
    if not is_admin_anywhere(user):
        raise PermissionDenied("只有管理员可以进行系统管理。")


def _manageable_orgs(user):
    """The subtrees of the units where the user is 管理员 (what can_manage_org allows), as one query."""
    if user.is_superuser:
        return Org.objects.all()
    q = Q(pk__in=[])
    for path in Membership.objects.filter(user=user, role=Role.ADMIN, org__is_active=True).values_list(
            "org__path", flat=True):
        q |= Q(path__startswith=path)
    return Org.objects.filter(q)


@login_required
def org_list(request):
    _require_admin(request.user)
    orgs = Org.objects.visible_to(request.user).order_by("path")
    return render(request, "core/org_list.html", {"orgs": orgs})


@login_required
def org_edit(request, pk=None):
    _require_admin(request.user)
    org = get_visible_or_404(Org, request.user, pk=pk) if pk else None
    if org is not None and not can_manage_org(request.user, org):
        raise PermissionDenied("您不是该单位的管理员。")
    parents = _manageable_orgs(request.user)
    if org is not None:
        parents = parents.exclude(path__startswith=org.path)
    initial = {"parent": request.GET.get("parent")} if org is None else None
    # The form validates a copy: the action compares against the unchanged instance for the audit diff.
    instance = Org.objects.get(pk=org.pk) if org else None
    form = OrgForm(request.POST or None, instance=instance, initial=initial, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        parent = data.pop("parent")
        if parent is None and not request.user.is_superuser:
            form.add_error("parent", "请选择上级单位。")
        else:
            try:
                if org is None:
                    data.pop("is_active", None)
                    org = actions.create_org(by=request.user, parent=parent, **data)
                    messages.success(request, f"已新增单位：{org.name}")
                else:
                    actions.update_org(org, by=request.user, parent_id=parent.pk if parent else None, **data)
                    messages.success(request, f"已保存：{org.name}")
                return redirect("core:org_list")
            except ValidationError as error:
                form_errors(form, error)
    return render(request, "core/org_form.html", {"form": form, "org": org})


# ---------------------------------------------------------------- 系统管理: users and roles


def _users_visible(user):
    q = scope_q(user, "memberships__org")
    qs = User.objects.all() if q is None else User.objects.filter(q)
    return qs.distinct()


@login_required
def user_list(request):
    _require_admin(request.user)
    query = request.GET.get("q", "").strip()
    users = _users_visible(request.user).prefetch_related("memberships__org").order_by("username")
    if query:
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    page = Paginator(users, 30).get_page(request.GET.get("page"))
    return render(request, "core/user_list.html", {"page": page, "query": query})


@sensitive_post_parameters("password")
@login_required
def user_create(request):
    _require_admin(request.user)
    orgs = _manageable_orgs(request.user)
    form = UserCreateForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.create_user(by=request.user, **form.cleaned_data)
            messages.success(request, f"已开通账户 {user.username}，首次登录须修改密码。")
            return redirect("core:user_detail", pk=user.pk)
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "core/user_form.html", {"form": form})


def _managed_user_or_404(request, pk):
    _require_admin(request.user)
    target = _users_visible(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404("不存在或不在您的数据范围内。")
    if not can_manage_user(request.user, target):
        raise PermissionDenied("该用户在您管理范围之外的单位也有任职，请由上级管理员处理。")
    return target


@login_required
def user_detail(request, pk):
    target = _managed_user_or_404(request, pk)
    orgs = _manageable_orgs(request.user)
    edit_form = UserEditForm(instance=target)
    membership_form = MembershipForm(orgs=orgs)
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "edit":
                edit_form = UserEditForm(request.POST, instance=User.objects.get(pk=target.pk))
                if edit_form.is_valid():
                    actions.update_user(target, by=request.user, **edit_form.cleaned_data)
                    messages.success(request, "已保存。")
                    return redirect("core:user_detail", pk=target.pk)
            elif which == "membership":
                membership_form = MembershipForm(request.POST, orgs=orgs)
                if membership_form.is_valid():
                    actions.add_membership(target, by=request.user, **membership_form.cleaned_data)
                    messages.success(request, "已添加任职。")
                    return redirect("core:user_detail", pk=target.pk)
            elif which == "remove":
                membership = target.memberships.filter(pk=request.POST.get("membership")).first()
                if membership is None or not can_manage_org(request.user, membership.org):
                    raise Http404("没有这个任职。")
                if target.memberships.count() == 1:
                    messages.error(request, "这是该用户唯一的任职，不能移除；如不再使用请停用账户。")
                else:
                    actions.remove_membership(membership, by=request.user)
                    messages.success(request, "已移除任职。")
                return redirect("core:user_detail", pk=target.pk)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    return render(request, "core/user_detail.html", {
        "target": target, "edit_form": edit_form, "membership_form": membership_form,
        "reset_form": ResetPasswordForm(),
        "logins": LoginAttempt.objects.filter(username=target.username.lower())[:10],
    })


@sensitive_post_parameters("password")
@require_POST
@login_required
def user_reset_password(request, pk):
    target = _managed_user_or_404(request, pk)
    form = ResetPasswordForm(request.POST)
    if form.is_valid():
        try:
            actions.reset_password(target, by=request.user, password=form.cleaned_data["password"])
            messages.success(request, "密码已重置，用户下次登录须修改。")
        except ValidationError as error:
            messages.error(request, "密码不符合要求：" + "；".join(error.messages))
    else:
        messages.error(request, "请填写新的初始密码。")
    return redirect("core:user_detail", pk=target.pk)


# ---------------------------------------------------------------- audit log and login log


@login_required
def audit_list(request):
    if not can_read_audit(request.user):
        raise PermissionDenied("只有负责人、督察和管理员可以查看审计记录。")
    entries = AuditEntry.objects.visible_to(request.user).select_related("actor_org")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries.order_by("-seq"), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page, "action": action})


@login_required
def login_log(request):
    _require_admin(request.user)
    names = _users_visible(request.user).values_list("username", flat=True)
    attempts = LoginAttempt.objects.all() if request.user.is_superuser else LoginAttempt.objects.filter(
        username__in=[n.lower() for n in names])
    page = Paginator(attempts.order_by("-at"), 50).get_page(request.GET.get("page"))
    return render(request, "core/login_log.html", {"page": page})


# ---------------------------------------------------------------- attachments


@login_required
def attachment_download(request, pk):
    attachment = get_visible_or_404(Attachment, request.user, pk=pk)
    if not can_download(request.user, attachment):
        raise Http404
    handle = default_storage.open(attachment.stored_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)
