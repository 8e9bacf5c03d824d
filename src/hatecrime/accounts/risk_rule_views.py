"""Administrator pages for the withdrawal-risk rules and thresholds (cases.risk). Staff pages:
English only. Every change is audited with what it was before and after."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from hatecrime.accounts.decorators import staff_page, staff_user
from hatecrime.accounts.models import Role
from hatecrime.cases.actions import CaseActionError, do_update_risk_rule, do_update_risk_threshold
from hatecrime.cases.models import PARAMETERS, WithdrawalRiskRule, WithdrawalRiskThreshold
from hatecrime.core.forms import add_refusal

admin_page = staff_page(Role.ADMINISTRATOR)


class RuleForm(forms.Form):
    weight = forms.IntegerField(
        label="Weight (points added to the score when the signal is present)",
        min_value=0,
        max_value=20,
        error_messages={"required": "Enter a weight"},
    )
    parameter = forms.IntegerField(label="Parameter", min_value=0, max_value=8760, required=False)
    enabled = forms.BooleanField(label="Enabled", required=False)


class ThresholdForm(forms.Form):
    min_score = forms.IntegerField(
        label="Flag at this score or more",
        min_value=1,
        max_value=100,
        error_messages={"required": "Enter a score"},
    )


@admin_page
def risk_rule_list(request: HttpRequest) -> HttpResponse:
    rules = [(rule, PARAMETERS.get(rule.signal, "")) for rule in WithdrawalRiskRule.objects.all()]
    return render(
        request,
        "accounts/risk_rule_list.html",
        {"rules": rules, "thresholds": WithdrawalRiskThreshold.objects.all()},
    )


@admin_page
def risk_rule_edit(request: HttpRequest, signal: str) -> HttpResponse:
    rule = get_object_or_404(WithdrawalRiskRule, signal=signal)
    meaning = PARAMETERS.get(rule.signal, "")
    initial = {"weight": rule.weight, "parameter": rule.parameter, "enabled": rule.enabled}
    form = RuleForm(request.POST or None, initial=initial)
    if not meaning:
        del form.fields["parameter"]
    else:
        form.fields["parameter"].label = f"Parameter: {meaning}"
        form.fields["parameter"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            do_update_risk_rule(
                actor=staff_user(request),
                rule=rule,
                weight=form.cleaned_data["weight"],
                parameter=form.cleaned_data.get("parameter") or rule.parameter,
                enabled=form.cleaned_data["enabled"],
            )
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, f"Rule “{rule}” saved: open cases are scored again")
            return HttpResponseRedirect("/staff/risk-rules/")
    return render(request, "accounts/risk_rule_form.html", {"form": form, "subject": rule})


@admin_page
def risk_threshold_edit(request: HttpRequest, level: str) -> HttpResponse:
    threshold = get_object_or_404(WithdrawalRiskThreshold, level=level)
    form = ThresholdForm(request.POST or None, initial={"min_score": threshold.min_score})
    if request.method == "POST" and form.is_valid():
        try:
            do_update_risk_threshold(
                actor=staff_user(request),
                threshold=threshold,
                min_score=form.cleaned_data["min_score"],
            )
        except CaseActionError as refused:
            add_refusal(form, refused.errors)
        else:
            messages.success(request, f"Threshold for “{threshold.get_level_display()}” saved")
            return HttpResponseRedirect("/staff/risk-rules/")
    subject = f"Withdrawal risk: {threshold.get_level_display()}"
    return render(request, "accounts/risk_rule_form.html", {"form": form, "subject": subject})
