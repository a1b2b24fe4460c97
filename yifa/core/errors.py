"""Error pages in Chinese, in the shell's layout; never a stack trace."""

from django.shortcuts import render


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有执行此操作的权限。"
    return render(request, "core/error.html", {"code": 403, "title": "没有权限", "message": message}, status=403)


def not_found(request, exception=None):
    return render(request, "core/error.html",
                  {"code": 404, "title": "页面不存在", "message": "您要找的内容不存在，或不在您的数据范围内。"}, status=404)


def server_error(request):
    return render(request, "core/error.html",
                  {"code": 500, "title": "系统出错", "message": "系统处理时出错，已记录。请稍后重试或联系管理员。"}, status=500)
