"""KPI benchmark (issue 7): reports, number cards and the nightly refresh on a large follow-up history.

    bench --site SITE execute followup_app.benchmarks.kpi_reports.generate
    bench --site SITE execute followup_app.benchmarks.kpi_reports.run
    bench --site SITE execute followup_app.benchmarks.kpi_reports.cleanup

`generate` bulk-inserts 100,000 customers, 1,000,000 Visit Records (two years, a fifth with a
feedback item), 200,000 Complaints, 300,000 Satisfaction Surveys, 300,000 submitted Sales Invoices,
100,000 Loyalty Points entries and, as ERPNext's reference, 200,000 Issues. `run` times each of the
nine reports over the last 12 months, each number card, the nightly customer refresh, and ERPNext's
Issue Analytics over the same 12 months; it prints one line per figure and returns them all.
"""

import random
from datetime import timedelta

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, add_months, getdate, now_datetime

from followup_app.benchmarks.harness import (
	PREFIX,
	common_columns,
	delete_generated,
	insert_customers,
	insert_in_batches,
	invoice_row,
	measured,
)
from followup_app.customers.refresh import refresh_customers
from followup_app.kpi import cards
from followup_app.testing.fixtures import make_user
from followup_app.visits.repurchase import update_followed_by_purchase

CUSTOMERS = 100_000
VISITORS = [f"bench.visitor{number}@example.com" for number in range(20)]
TIERS = ("VIP", "Key", "Normal", "Normal", "Normal", "New")
BATCH = 20_000
REPORTS = {
	"Followup KPI": {"metric": "visit_completion_rate", "group_by": "month"},
	"Visit Completion": {},
	"Customer Satisfaction": {},
	"Complaint Analysis": {},
	"Feedback Distribution": {},
	"Demand Conversion": {},
	"Loyalty Points Summary": {"group_by": "month"},
	"Churn Risk": {"min_score": 50},
	"Visitor Performance": {},
}
CARDS = (
	"visits_due_today",
	"overdue_visits",
	"open_complaints",
	"sla_breached",
	"nps_90_days",
	"average_csat_30_days",
)


def generate(visits: int = 1_000_000, complaints: int = 200_000, surveys: int = 300_000, seed: int = 11):
	"""Bulk-insert the benchmark history (after removing an earlier one)."""
	cleanup()
	rng = random.Random(seed)
	for visitor in VISITORS:
		make_user(visitor, "Followup User")
	customers = insert_customers(0, CUSTOMERS, lambda number: TIERS[number % len(TIERS)])
	frappe.db.commit()
	today = getdate()
	now = now_datetime()
	common = common_columns()
	categories = frappe.get_all("Feedback Category", pluck="name") or [None]

	def visit_rows():
		for number in range(visits):
			planned = add_days(today, -rng.randint(-30, 730))
			status = rng.choices(["Completed", "Missed", "Planned", "Cancelled"], [80, 10, 8, 2])[0]
			if planned > today and status != "Cancelled":
				status = "Planned"
			yield {
				**common,
				"name": f"{PREFIX}V-{number:07d}",
				"naming_series": "VR-.YYYY.-",
				"customer": customers[number % CUSTOMERS],
				"customer_name": customers[number % CUSTOMERS],
				"visit_type": "Routine Maintenance",
				"channel": "Phone",
				"status": status,
				"planned_date": planned,
				"visit_datetime": f"{add_days(planned, rng.choice([0, 0, 0, 1, 3]))} 10:00:00"
				if status == "Completed"
				else None,
				"visitor": VISITORS[number % len(VISITORS)],
				"outcome": "Satisfied" if status == "Completed" else None,
			}

	insert_in_batches("Visit Record", visit_rows(), BATCH, commit=True)

	def feedback_rows():
		for number in range(0, visits, 5):
			yield {
				**common,
				"name": f"{PREFIX}F-{number:07d}",
				"parent": f"{PREFIX}V-{number:07d}",
				"parenttype": "Visit Record",
				"parentfield": "feedback_items",
				"idx": 1,
				"feedback_type": rng.choice(["Problem", "Need", "Praise", "Suggestion"]),
				"category": rng.choice(categories),
				"description": "Benchmark feedback",
			}

	insert_in_batches("Visit Feedback Item", feedback_rows(), BATCH, commit=True)

	def complaint_rows():
		for number in range(complaints):
			opened = now - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
			resolved = opened + timedelta(hours=rng.choice([5, 20, 50, 90])) if rng.random() < 0.85 else None
			yield {
				**common,
				"name": f"{PREFIX}CMP-{number:07d}",
				"naming_series": "CMP-.YYYY.-",
				"subject": f"Benchmark complaint {number}",
				"customer": customers[rng.randrange(CUSTOMERS)],
				"status": "Closed" if resolved else "Open",
				"severity": "Medium",
				"category": rng.choice(categories),
				"assigned_to": VISITORS[number % len(VISITORS)],
				"opened_on": opened,
				"response_due": opened + timedelta(hours=24),
				"resolution_due": opened + timedelta(hours=72),
				"first_response_on": opened + timedelta(hours=rng.choice([1, 4, 30])),
				"resolved_on": resolved,
				"sla_status": "Met" if resolved and resolved <= opened + timedelta(hours=72) else "Breached",
				"escalation_level": 0,
				"reopen_count": 1 if rng.random() < 0.05 else 0,
			}

	insert_in_batches("Complaint", complaint_rows(), BATCH, commit=True)

	def survey_rows():
		for number in range(surveys):
			sent = now - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
			nps = rng.choice([3, 6, 7, 8, 9, 9, 10, 10])
			yield {
				**common,
				"name": f"{PREFIX}S-{number:07d}",
				"naming_series": "SS-.YYYY.-",
				"customer": customers[rng.randrange(CUSTOMERS)],
				"survey_template": "Net Promoter Score (NPS)",
				"channel": "Email",
				"status": "Completed",
				"sent_on": sent,
				"completed_on": sent + timedelta(hours=5),
				"csat": rng.choice([3, 4, 4, 5]),
				"nps_score": nps,
				"nps_category": "Promoter" if nps >= 9 else "Passive" if nps >= 7 else "Detractor",
				"ces": rng.choice([5, 6, 7]),
			}

	insert_in_batches("Satisfaction Survey", survey_rows(), BATCH, commit=True)
	company = frappe.db.get_single_value("Global Defaults", "default_company")

	def invoice_rows():
		for number in range(3 * CUSTOMERS):
			amount = rng.choice([1_000, 5_000, 20_000])
			yield invoice_row(
				common,
				f"{PREFIX}SI-{number:07d}",
				customers[number % CUSTOMERS],
				company,
				add_days(today, -rng.randint(0, 540)),
				amount,
			)

	insert_in_batches("Sales Invoice", invoice_rows(), BATCH, commit=True)
	update_followed_by_purchase()
	frappe.db.commit()

	def point_rows():
		for number in range(CUSTOMERS):
			earn = number % 2 == 0
			yield {
				**common,
				"name": f"{PREFIX}LP-{number:07d}",
				"naming_series": "LP-.YYYY.-",
				"customer": customers[number],
				"company": company,
				"transaction_type": "Earn" if earn else "Redeem",
				"reason": "Manual" if earn else "Redemption",
				"points": 100 if earn else -40,
				"remaining_points": 100 if earn else 0,
				"posting_date": add_days(today, -rng.randint(0, 540)),
				"docstatus": 1,
			}

	insert_in_batches("Loyalty Points", point_rows(), BATCH, commit=True)

	def issue_rows():
		for number in range(complaints):
			opened = add_days(today, -rng.randint(0, 730))
			yield {
				**common,
				"name": f"{PREFIX}ISS-{number:07d}",
				"naming_series": "ISS-.YYYY.-",
				"subject": f"Benchmark issue {number}",
				"status": rng.choice(["Open", "Replied", "Resolved", "Closed"]),
				"customer": customers[rng.randrange(CUSTOMERS)],
				"company": company,
				"opening_date": opened,
				"opening_time": "10:00:00",
				"raised_by": "bench.customer@example.com",
			}

	insert_in_batches("Issue", issue_rows(), BATCH, commit=True)
	print("generated")


def run() -> dict:
	"""Time the refresh, every report over the last 12 months, every card and Issue Analytics."""
	frappe.set_user("Administrator")
	today = getdate()
	year = {"from_date": str(add_months(today, -12)), "to_date": str(today)}
	# The refresh first: it sets the churn scores the Churn Risk report lists.
	figures = {"refresh": measured(lambda: refresh_customers(today))}
	print(f"nightly customer refresh: {figures['refresh']}")
	for name, filters in REPORTS.items():
		figures[name] = measured(lambda name=name, filters=filters: rows_of(name, {**year, **filters}))
		print(f"report {name}: {figures[name]}")
	for card in CARDS:
		figures[card] = measured(lambda card=card: {"value": value_of(getattr(cards, card)())})
		print(f"card {card}: {figures[card]}")
	frappe.set_user(VISITORS[0])
	figures["Visit Completion (Followup User)"] = measured(lambda: rows_of("Visit Completion", year))
	print(f"report Visit Completion as a Followup User: {figures['Visit Completion (Followup User)']}")
	frappe.set_user("Administrator")
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	issue_filters = {**year, "company": company, "based_on": "Customer", "range": "Monthly"}
	figures["Issue Analytics"] = measured(lambda: rows_of("Issue Analytics", issue_filters))
	print(f"ERPNext Issue Analytics: {figures['Issue Analytics']}")
	return figures


def rows_of(report: str, filters: dict) -> dict:
	result = run_report(report, filters, ignore_prepared_report=True)
	return {"rows": len(result["result"])}


def value_of(card):
	return card["value"] if isinstance(card, dict) else card


def cleanup():
	"""Remove every generated record."""
	for doctype in (
		"Visit Feedback Item",
		"Visit Record",
		"Complaint",
		"Satisfaction Survey",
		"Loyalty Points",
		"Issue",
	):
		delete_generated(doctype)
	delete_generated("Sales Invoice")
	delete_generated("Customer")
	frappe.db.commit()
