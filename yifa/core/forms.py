from django import forms
from django.contrib.auth import password_validation

from .models import Membership, Org, Role, User


class LoginForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label="密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="原密码", strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label="新密码", strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                    help_text="至少 8 位，含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名。")
    new_password2 = forms.CharField(label="再次输入新密码", strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("原密码不正确。")
        return value

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if p1 and p2:
            if p1 != p2:
                self.add_error("new_password2", "两次输入的新密码不一致。")
            elif p1 == data.get("old_password"):
                self.add_error("new_password1", "新密码不能与原密码相同。")
            else:
                try:
                    password_validation.validate_password(p1, self.user)
                except forms.ValidationError as error:
                    self.add_error("new_password1", error)
        return data


class OrgForm(forms.ModelForm):
    class Meta:
        model = Org
        fields = ["name", "short_name", "kind", "parent", "division_code", "sort_order", "is_active"]

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda o: f"{'　' * o.depth}{o.name}"


class UserCreateForm(forms.Form):
    username = forms.RegexField(label="用户名", max_length=150, regex=r"^[A-Za-z0-9_.@-]+$",
                                error_messages={"invalid": "用户名只能由字母、数字和 _ . @ - 组成。"})
    full_name = forms.CharField(label="姓名", max_length=50)
    phone = forms.RegexField(label="手机号", regex=r"^1\d{10}$", required=False,
                             error_messages={"invalid": "手机号应为 11 位数字，以 1 开头。"})
    org = forms.ModelChoiceField(label="所在单位", queryset=Org.objects.none())
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    title = forms.CharField(label="职务", max_length=50, required=False)
    password = forms.CharField(label="初始密码", strip=False, widget=forms.PasswordInput,
                               help_text="用户首次登录时须修改。")

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.fields["org"].label_from_instance = lambda o: f"{'　' * o.depth}{o.name}"


class UserEditForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "email", "is_active"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["org", "role", "title"]

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.fields["org"].label_from_instance = lambda o: f"{'　' * o.depth}{o.name}"


class ResetPasswordForm(forms.Form):
    password = forms.CharField(label="新的初始密码", strip=False, widget=forms.PasswordInput,
                               help_text="用户下次登录时须修改。")


class AttachmentForm(forms.Form):
    file = forms.FileField(label="文件")
    description = forms.CharField(label="说明", max_length=200, required=False)
