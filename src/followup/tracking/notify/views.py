"""Pages of notifications: one's list, what one is told, following and unfollowing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.errors import InvalidInput
from followup.policy import ensure_permission

from . import actions
from .forms import ChoicesForm
from .kinds import CHANNELS
from .models import Follow, Notification

PER_PAGE = 50


@login_required
def notification_list(request):
    ensure_permission(request.user, "read_notifications")
    notices = Notification.objects.filter(user=request.user)
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/notify/list.html",
        {"page": page, "unread": notices.filter(read_at=None).count()},
    )


@login_required
@require_POST
def mark_read(request, notification_id: int):
    actions.do_mark_read(request.user, notification_id)
    return redirect("notify:list")


@login_required
@require_POST
def mark_all_read(request):
    marked = actions.do_mark_all_read(request.user)
    messages.success(request, _("%(count)s notification(s) marked as read.") % {"count": marked})
    return redirect("notify:list")


@login_required
def choices(request):
    ensure_permission(request.user, "follow")
    form = ChoicesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.do_set_choices(request.user, form.chosen(), form.cleaned_data["language"])
        messages.success(request, _("Your choices are saved."))
        return redirect("notify:settings")
    follows = Follow.objects.filter(user=request.user).select_related(
        "item", "country", "instrument"
    )
    return render(
        request,
        "tracking/notify/settings.html",
        {"form": form, "follows": follows, "channels": CHANNELS},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def follow(request):
    kind, target = _target(request)
    actions.do_follow(request.user, kind, target)
    messages.success(request, _("You follow it now: you will be told of its reports."))
    return _back(request)


@login_required
@require_POST
def unfollow(request):
    kind, target = _target(request)
    actions.do_unfollow(request.user, kind, target)
    messages.success(request, _("You no longer follow it."))
    return _back(request)


def _target(request) -> tuple[str, object]:
    kind = request.POST.get("target", "")
    raw = request.POST.get("id", "").strip()
    if kind == Follow.COUNTRY:
        return kind, raw
    if not raw.isdigit():
        raise InvalidInput("id", _("say what to follow"))
    return kind, int(raw)


def _back(request):
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("notify:settings")
