"""The nightly run: every customer's daily work, chunk by chunk, then goals and the night's alerts.

Each chunk of customers goes through the steps in the order that matters, so the night's order holds
without waiting for other chunks: the refresh (stage, churn risk, tier) and missed visits first,
the planner last, which thereby plans the chunk's newly At Risk customers and its missed customers
the same night; between them survey expiry, survey reminders, survey text retention and points
expiry. A chunk locks only its own customers' records, so chunks run side by side on several workers;
the two steps that take a naming series' row lock (points expiry, the planner) come last, to hold it
briefly. Each step keeps
its toggle in Followup Settings (the refresh and missed visits plan their customers even with planning
off, as they always did; text retention runs when Keep Survey Text (Days) is set). Goals are evaluated in the final step, after the last chunk, on the day's figures; the
managers' and visitors' alerts are sent then, once for the night.
"""

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import getdate, nowdate

from followup_app.core.chunks import Span
from followup_app.customers.refresh import refresh_customers
from followup_app.goals.evaluation import evaluate_open_goals
from followup_app.platform.bulk import ensure_series
from followup_app.points.expiry import SERIES as POINTS_SERIES
from followup_app.points.expiry import expire_points
from followup_app.scheduling.runs import ChunkResult, Job, register, start_run
from followup_app.scheduling.spans import name_spans, within
from followup_app.surveys.expiry import expire_surveys
from followup_app.surveys.reminders import send_survey_reminders
from followup_app.surveys.retention import clear_survey_text
from followup_app.visits.missed import mark_missed_visits, notify_missed
from followup_app.visits.planner import SERIES as VISIT_SERIES
from followup_app.visits.planner import notify_visitors, plan_customers

PLANNED_FOR = "planned_for"  # visits planned per visitor, for the night's alerts


def scheduled_nightly_run():
	"""Daily scheduler entry: record tonight's run and enqueue its chunks on the long queue."""
	start_run(NIGHTLY, nowdate())


def customer_spans(chunk_size: int) -> list[Span]:
	return name_spans("Customer", chunk_size)


def run_customer_steps(span: Span, run_key: str) -> ChunkResult:
	"""The night's steps for the customers of `span`, in order, each as its setting allows."""
	today = getdate(run_key)
	settings = frappe.get_single("Followup Settings")
	counts: dict[str, dict[str, int]] = {}
	replan = False
	if settings.enable_customer_refresh:
		counts["refresh"] = refresh_customers(today, span, plan=False)
		replan = counts["refresh"]["newly_at_risk"] > 0
	if settings.enable_missed_visits:
		counts["missed"] = {"missed": mark_missed_visits(today, span, follow_up=False)}
		replan = replan or counts["missed"]["missed"] > 0
	if settings.enable_survey_expiry:
		counts["survey_expiry"] = {"expired": expire_surveys(span)}
	if settings.enable_survey_reminders:
		counts["survey_reminders"] = {"reminded": send_survey_reminders(span)}
	if settings.keep_survey_text_days:
		counts["survey_text"] = {"cleared": clear_survey_text(today, span)}
	# The two steps that number new records (a naming series row, locked until the chunk commits)
	# come last, so chunks running in parallel wait on each other for as short a time as possible.
	if settings.enable_points_expiry:
		counts["points_expiry"] = {"entries": expire_points(today, span)}
	failures = 0
	if settings.enable_visit_planning or replan:
		counts["plan"], counts[PLANNED_FOR] = plan_customers(today, span)
		failures = counts["plan"]["failed"]
	return ChunkResult(customers_in(span), counts, failures)


def customers_in(span: Span) -> int:
	"""Enabled customers of the span."""
	customer = frappe.qb.DocType("Customer")
	query = frappe.qb.from_(customer).select(Count("*")).where(customer.disabled == 0)
	return within(query, customer.name, span).run()[0][0]


def send_alerts(counts: dict):
	"""The managers' missed-visit alert and each visitor's planned-visit alert, for the counts given."""
	missed = counts.get("missed", {}).get("missed", 0)
	if missed:
		notify_missed(missed)
	notify_visitors(counts.get(PLANNED_FOR, {}))


def finish_night(_run_key: str, counts: dict):
	"""After the night's last chunk: the goals on the day's figures, then the night's alerts."""
	evaluate_open_goals()
	send_alerts(counts)


NIGHTLY = register(
	Job(
		label="Nightly",
		prefix="NIGHTLY",
		spans=customer_spans,
		chunk=run_customer_steps,
		change_figures={
			"refresh": ("changed",),
			"missed": ("missed",),
			"plan": ("planned",),
			"points_expiry": ("entries",),
			"survey_expiry": ("expired",),
			"survey_reminders": ("reminded",),
			"survey_text": ("cleared",),
		},
		final=finish_night,
		late_chunk=send_alerts,
		prepare=lambda: ensure_series((VISIT_SERIES, POINTS_SERIES)),
	)
)
