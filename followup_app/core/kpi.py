"""KPI formulas: every KPI is a numerator over a denominator, turned into a value one way.

The KPI layer (followup_app.kpi) counts numerators and denominators in SQL per group; this module
says how the two make the figure, so reports, cards and goals share one definition.
"""

from dataclasses import dataclass

PERCENT = "percent"  # numerator / denominator x 100
PER_HUNDRED = "per_hundred"  # numerator per 100 of the denominator (same math, different reading)
MEAN = "mean"  # numerator is a sum, denominator a count
NET_PERCENT = "net_percent"  # numerator is (promoters - detractors), denominator all answers
TOTAL = "total"  # numerator alone

REPURCHASE_WINDOW_DAYS = 90  # a completed visit "led to" a repurchase invoiced within this many days


@dataclass(frozen=True)
class Kpi:
	key: str
	label: str
	kind: str
	higher_is_better: bool = True


KPIS = {
	kpi.key: kpi
	for kpi in (
		Kpi("visit_completion_rate", "Visit Completion Rate", PERCENT),
		Kpi("on_time_visit_rate", "On-time Visit Rate", PERCENT),
		Kpi("average_satisfaction", "Average Satisfaction (CSAT)", MEAN),
		Kpi("nps", "NPS", NET_PERCENT),
		Kpi("customer_effort", "Customer Effort", MEAN),
		Kpi("survey_response_rate", "Survey Response Rate", PERCENT),
		Kpi("complaint_rate", "Complaint Rate (per 100 active customers)", PER_HUNDRED, False),
		Kpi("response_sla", "Complaint Response SLA %", PERCENT),
		Kpi("resolution_sla", "Complaint Resolution SLA %", PERCENT),
		Kpi("average_resolution_hours", "Average Resolution Hours", MEAN, False),
		Kpi("reopen_rate", "Reopen Rate", PERCENT, False),
		Kpi("feedback_problem_distribution", "Feedback Problem Distribution", PERCENT, False),
		Kpi("opportunity_rate", "Needs Turned into Opportunities", PERCENT),
		Kpi("demand_conversion_rate", "Demand Conversion Rate", PERCENT),
		Kpi("order_rate", "Needs Won as Sales Orders", PERCENT),
		Kpi("repurchase_rate", "Repurchase Rate after Visit", PERCENT),
		Kpi("satisfied_rate", "Satisfied Outcome Share", PERCENT),
		Kpi("has_issues_rate", "Has Issues Outcome Share", PERCENT, False),
		Kpi("high_potential_rate", "High Potential Outcome Share", PERCENT),
		Kpi("unreachable_rate", "Unreachable Rate", PERCENT, False),
		Kpi("high_potential_opportunity_rate", "High Potential Visits with an Opportunity", PERCENT),
		Kpi("high_potential_order_rate", "High Potential Visits Won as Sales Orders", PERCENT),
		Kpi("over_long_visit_rate", "Over-long Visit Rate", PERCENT, False),
		Kpi("churn_rate", "Churn Rate", PERCENT, False),
		Kpi("points_issued", "Points Issued", TOTAL),
		Kpi("points_redeemed", "Points Redeemed", TOTAL),
		Kpi("points_expired", "Points Expired", TOTAL, False),
	)
}

# Counts that reports and number cards show beside the KPIs (not goal metrics).
COUNTS = {
	kpi.key: kpi
	for kpi in (
		Kpi("visits_planned", "Visits Planned", TOTAL),
		Kpi("open_visits", "Open Visits", TOTAL, False),
		Kpi("surveys_completed", "Surveys Completed", TOTAL),
		Kpi("promoters", "Promoters", TOTAL),
		Kpi("detractors", "Detractors", TOTAL, False),
		# Of the surveys reminded (its denominator), those answered after the reminder.
		Kpi("answered_after_reminder", "Answered after Reminder", TOTAL),
		Kpi("complaints_opened", "Complaints Opened", TOTAL, False),
		Kpi("open_complaints", "Open Complaints", TOTAL, False),
		Kpi("breached_complaints", "SLA Breached", TOTAL, False),
		Kpi("feedback_items", "Feedback Items", TOTAL),
		# Customers whose last allowed attempt was Unreachable (counted on that visit).
		Kpi("customers_marked_unreachable", "Customers Marked Unreachable", TOTAL, False),
	)
}

FIGURES = {**KPIS, **COUNTS}


def kpi_value(kind: str, numerator: float, denominator: float) -> float | None:
	"""The KPI figure, rounded to 2 decimals; None when there is nothing to measure."""
	if kind == TOTAL:
		return round(float(numerator or 0), 2)
	if not denominator:
		return None
	if kind in (PERCENT, PER_HUNDRED, NET_PERCENT):
		return round(100 * float(numerator) / float(denominator), 2)
	if kind == MEAN:
		return round(float(numerator) / float(denominator), 2)
	raise ValueError(f"unknown KPI kind {kind}")


def change(current: float | None, previous: float | None) -> float | None:
	"""Current minus previous figure (for week-on-week comparisons); None if either is missing."""
	if current is None or previous is None:
		return None
	return round(current - previous, 2)


def improved(kpi: Kpi, current: float | None, previous: float | None) -> bool | None:
	"""Whether the figure moved the good way for this KPI; None if it cannot be told or did not move."""
	delta = change(current, previous)
	if not delta:
		return None
	return (delta > 0) == kpi.higher_is_better
