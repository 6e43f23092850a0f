# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from followup_app.kpi.reports import CUSTOMER_DIMENSIONS, PERIOD_GROUPS, Column, figure_report

GROUPS = (*PERIOD_GROUPS, "channel", "survey_template", *CUSTOMER_DIMENSIONS, "customer", "total")
ANSWERED_AFTER_REMINDER = {"status": "Completed", "reminder_sent_on": ["is", "set"]}
COLUMNS = [
	Column("surveys_completed", "numerator", "Surveys Completed"),
	Column("average_satisfaction"),
	Column("nps"),
	Column("promoters", "numerator", "Promoters"),
	Column("detractors", "numerator", "Detractors"),
	Column("customer_effort"),
	Column("survey_response_rate", "denominator", "Surveys Sent"),
	Column("survey_response_rate"),
	Column("answered_after_reminder", "denominator", "Reminded"),
	Column(
		"answered_after_reminder", "numerator", "Answered after Reminder", records=ANSWERED_AFTER_REMINDER
	),
]


def execute(filters: dict | None = None):
	"""Customer Satisfaction: completed surveys with CSAT, NPS (promoters and detractors), CES, and of
	the surveys sent the response rate and the answers that came after a reminder, by period, channel,
	survey template, customer dimension or customer."""
	by_channel_or_template = (filters or {}).get("group_by") in ("channel", "survey_template")
	chart = COLUMNS[7] if by_channel_or_template else COLUMNS[2]  # the response rate, else NPS
	return figure_report("Customer Satisfaction", filters, COLUMNS, GROUPS, [chart])
