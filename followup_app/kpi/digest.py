"""The weekly digest to Followup Managers: last week's KPIs against the week before, the overdue
work and the goals at risk, by email in each manager's language (Email Templates en / zh)."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from followup_app.core.kpi import KPIS, change, improved
from followup_app.goals.evaluation import current_value
from followup_app.kpi.definitions import EVER, Scope, kpi_table, kpi_total
from followup_app.platform.compat import desk_url, form_url
from followup_app.platform.notifications import FOLLOWUP_MANAGER, role_users

DIGEST_KPIS = (
	"visit_completion_rate",
	"on_time_visit_rate",
	"average_satisfaction",
	"nps",
	"complaint_rate",
	"response_sla",
	"resolution_sla",
	"demand_conversion_rate",
	"points_issued",
)
EMAIL_TEMPLATES = {"en": "Followup Weekly Digest", "zh": "Followup Weekly Digest (zh)"}


def digest_week(today: date) -> tuple[date, date]:
	"""The seven days before `today`."""
	return add_days(today, -7), add_days(today, -1)


def digest_figures(today: date) -> dict:
	"""Last week's KPIs (with the week before), overdue visits, breached complaints, goals at risk."""
	start, end = digest_week(today)
	this_week = kpi_table(list(DIGEST_KPIS), Scope(start, end, user="Administrator"), "total").get(
		"total", {}
	)
	week_before = kpi_table(
		list(DIGEST_KPIS), Scope(add_days(start, -7), add_days(end, -7), user="Administrator"), "total"
	).get("total", {})
	kpis = []
	for key in DIGEST_KPIS:
		current = this_week.get(key, {}).get("value")
		previous = week_before.get(key, {}).get("value")
		kpis.append(
			{
				"key": key,
				"current": current,
				"previous": previous,
				"change": change(current, previous),
				"improved": improved(KPIS[key], current, previous),
			}
		)
	return {
		"week_start": start,
		"week_end": end,
		"kpis": kpis,
		"overdue_visits": kpi_total("open_visits", Scope(EVER, add_days(today, -1), user="Administrator")),
		"breached_complaints": kpi_total("breached_complaints", Scope(EVER, today, user="Administrator")),
		"goals_at_risk": [
			frappe._dict(goal, current_value=current_value(goal))
			for goal in frappe.get_all(
				"Followup Goal",
				filters={"status": "At Risk"},
				fields=[
					"name",
					"goal_name",
					"metric",
					"current_value",
					"current_measured",
					"target_value",
					"progress",
					"period_end",
				],
				order_by="period_end asc",
			)
		],
		"goals_not_measured": frappe.get_all(
			"Followup Goal",
			filters={"status": "Not Measured"},
			fields=["name", "goal_name", "metric", "period_end"],
			order_by="period_end asc",
		),
	}


def render_digest(figures: dict, lang: str) -> tuple[str, str]:
	"""(subject, HTML body) of the digest in `lang` ("en" or "zh")."""
	template = frappe.get_doc("Email Template", EMAIL_TEMPLATES[lang])
	context = {
		**figures,
		"kpis": [
			{**row, "label": _(KPIS[row["key"]].label, lang=lang), "trend": trend(row)}
			for row in figures["kpis"]
		],
		"goals_at_risk": shown_goals(figures["goals_at_risk"], lang),
		"goals_not_measured": shown_goals(figures["goals_not_measured"], lang),
		"workspace_url": desk_url("customer-follow-up"),
		"site_url": frappe.utils.get_url(),  # for templates edited before the links above existed
	}
	return frappe.render_template(template.subject, context), frappe.render_template(
		template.response_html, context
	)


def shown_goals(goals: list, lang: str) -> list[dict]:
	"""Goals as the digest shows them: the metric in the reader's language, a link to the form."""
	return [
		{**goal, "metric": _(goal.metric, lang=lang), "url": form_url("Followup Goal", goal.name)}
		for goal in goals
	]


def trend(row: dict) -> str:
	if row["improved"] is None:
		return "–" if row["change"] is None else "="
	return ("▲" if row["change"] > 0 else "▼") + (" ✓" if row["improved"] else " ✗")


def manager_languages() -> dict[str, list[str]]:
	"""{"en": [emails], "zh": [emails]} of the enabled Followup Managers."""
	managers = role_users([FOLLOWUP_MANAGER])[FOLLOWUP_MANAGER]
	by_language: dict[str, list[str]] = {}
	for user in frappe.get_all(
		"User", filters={"name": ("in", managers)}, fields=["email", "language"], order_by="name"
	):
		lang = "zh" if (user.language or "").startswith("zh") else "en"
		by_language.setdefault(lang, []).append(user.email)
	return by_language


def send_weekly_digest(today: date | str | None = None) -> dict[str, list[str]]:
	"""Send the digest once per ISO week; returns the recipients by language (empty if already sent)."""
	today = getdate(today)
	year, week, _weekday = today.isocalendar()
	week_key = f"{year}-W{week:02d}"
	if frappe.db.get_single_value("Followup Settings", "last_digest_week") == week_key:
		return {}
	recipients = manager_languages()
	if recipients:
		figures = digest_figures(today)
		for lang, emails in recipients.items():
			subject, message = render_digest(figures, lang)
			frappe.sendmail(recipients=emails, subject=subject, message=message, delayed=True)
	frappe.db.set_single_value("Followup Settings", "last_digest_week", week_key)
	return recipients


def scheduled_send_weekly_digest():
	"""Weekly job (toggle: Followup Settings > Send Weekly Digest to Followup Managers)."""
	if frappe.db.get_single_value("Followup Settings", "enable_weekly_digest"):
		send_weekly_digest()
