"""Customer brief benchmark (issue 13): one customer with 1,000 invoices and 200 visits.

    bench --site SITE execute followup_app.benchmarks.brief.run
    bench --site SITE execute followup_app.benchmarks.brief.cleanup

Generates BENCH-BRIEF (1,000 submitted Sales Invoices of three items each over two years, 200
completed visits with summaries and next actions, 30 complaints, 50 completed surveys), then times
`get_brief` as Administrator and as a Followup User (their own visits only; no invoices): the cold
first call and the median and worst of 20 warm calls, with the SQL queries of one call. A second
customer with one invoice and one visit shows that the query count does not grow with the history.
"""

import random
import statistics
import time

import frappe
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate

from followup_app.benchmarks.harness import (
	PREFIX,
	common_columns,
	completed_visit_row,
	insert_in_batches,
	invoice_row,
	leaf,
)
from followup_app.testing.fixtures import make_user
from followup_app.testing.queries import counted_queries
from followup_app.visits.brief import get_brief

CUSTOMER = f"{PREFIX}BRIEF"
SMALL = f"{PREFIX}BRIEF-SMALL"
VISITOR = "bench.brief.visitor@example.com"
ITEMS = tuple(f"{PREFIX}BRIEF-ITEM-{number}" for number in range(12))
RUNS = 20


def generate(invoices: int = 1_000, visits: int = 200, seed: int = 13):
	rng = random.Random(seed)
	cleanup()
	make_user(VISITOR, "Followup User")
	common = common_columns()
	today = getdate(nowdate())
	company = frappe.db.get_single_value("Global Defaults", "default_company")
	group, territory = leaf("Customer Group"), leaf("Territory")
	customers = [
		{
			**common,
			"name": name,
			"customer_name": name,
			"customer_type": "Company",
			"customer_group": group,
			"territory": territory,
			"followup_tier": "Key",
			"lifecycle_stage": "Active",
			"account_manager": VISITOR,
			"preferred_contact_time": "工作日 上午",
			"last_nps": 8,
			"last_nps_on": now_datetime(),
			"loyalty_points_balance": 250,
			"churn_risk_score": 20,
			"churn_risk_scored_on": today,
			"churn_risk_factors": "frequency:20",
		}
		for name in (CUSTOMER, SMALL)
	]
	insert_in_batches("Customer", customers)
	item_group = frappe.db.get_value("Item Group", {"is_group": 0})
	insert_in_batches(
		"Item",
		[
			{
				**common,
				"name": code,
				"item_code": code,
				"item_name": code,
				"item_group": item_group,
				"stock_uom": "Nos",
			}
			for code in ITEMS
		],
	)

	def invoice_rows(customer: str, count: int):
		for number in range(count):
			amount = rng.choice([1_000, 5_000, 20_000])
			yield invoice_row(
				common,
				f"{customer}-SI-{number:05d}",
				customer,
				company,
				add_days(today, -rng.randint(0, 730)),
				amount,
			)

	def item_rows(customer: str, count: int):
		for number in range(count):
			for idx in range(1, 4):
				code = rng.choice(ITEMS)
				qty = rng.randint(1, 10)
				yield {
					**common,
					"name": f"{customer}-SII-{number:05d}-{idx}",
					"parent": f"{customer}-SI-{number:05d}",
					"parenttype": "Sales Invoice",
					"parentfield": "items",
					"idx": idx,
					"item_code": code,
					"item_name": code,
					"qty": qty,
					"stock_qty": qty,
					"rate": 100,
					"amount": 100 * qty,
					"base_net_amount": 100 * qty,
					"uom": "Nos",
					"conversion_factor": 1,
				}

	def visit_rows(customer: str, count: int):
		for number in range(count):
			days_ago = 3 * number + 1
			yield completed_visit_row(
				common,
				f"{customer}-V-{number:05d}",
				customer,
				add_to_date(now_datetime(), days=-days_ago),
				planned_date=add_days(today, -days_ago),
				planned_at=add_days(today, -days_ago),
				visitor=VISITOR if number % 2 else "Administrator",
				outcome=rng.choice(["Satisfied", "Has Issues", "High Potential", "Unreachable"]),
				summary=f"Visit {number}: talked about the last order",
				next_action=f"Follow up {number}" if number % 10 == 0 else None,
				next_action_owner=VISITOR if number % 10 == 0 else None,
				next_action_due=add_days(today, 7) if number % 10 == 0 else None,
			)

	insert_in_batches("Sales Invoice", invoice_rows(CUSTOMER, invoices))
	insert_in_batches("Sales Invoice Item", item_rows(CUSTOMER, invoices))
	insert_in_batches("Sales Invoice", invoice_rows(SMALL, 1))
	insert_in_batches("Sales Invoice Item", item_rows(SMALL, 1))
	insert_in_batches("Visit Record", visit_rows(CUSTOMER, visits))
	insert_in_batches("Visit Record", visit_rows(SMALL, 1))
	insert_in_batches(
		"ToDo",
		[
			{
				**common,
				"name": f"{CUSTOMER}-TD-{number:05d}",
				"status": "Open",
				"priority": "Medium",
				"allocated_to": VISITOR,
				"reference_type": "Visit Record",
				"reference_name": f"{CUSTOMER}-V-{number:05d}",
				"description": f"Follow up {number}",
			}
			for number in range(0, visits, 10)
		],
	)
	insert_in_batches(
		"Complaint",
		[
			{
				**common,
				"name": f"{CUSTOMER}-CMP-{number:03d}",
				"naming_series": "CMP-.YYYY.-",
				"customer": CUSTOMER,
				"subject": f"Complaint {number}",
				"severity": "Medium",
				"status": "Open" if number < 5 else "Closed",
				"sla_status": "On Track",
				"assigned_to": VISITOR,
				"opened_on": add_to_date(now_datetime(), days=-number),
			}
			for number in range(30)
		],
	)
	template = frappe.db.get_value("Survey Template", {}, "name")
	insert_in_batches(
		"Satisfaction Survey",
		[
			{
				**common,
				"name": f"{CUSTOMER}-SS-{number:03d}",
				"naming_series": "SS-.YYYY.-",
				"customer": CUSTOMER,
				"survey_template": template,
				"channel": "Link",
				"status": "Completed",
				"csat": rng.randint(1, 5),
				"completed_on": add_to_date(now_datetime(), days=-number * 7),
			}
			for number in range(50)
		],
	)
	frappe.db.commit()


def timed(customer: str) -> dict:
	"""The cold first call, then the median and worst of RUNS warm calls, and one call's queries."""
	frappe.clear_cache()
	started = time.perf_counter()
	get_brief(customer)
	cold = time.perf_counter() - started
	durations = []
	for _run in range(RUNS):
		started = time.perf_counter()
		get_brief(customer)
		durations.append(time.perf_counter() - started)
	with counted_queries() as statements:
		data = get_brief(customer)["data"]
	return {
		"cold_ms": round(1000 * cold, 1),
		"median_ms": round(1000 * statistics.median(durations), 1),
		"max_ms": round(1000 * max(durations), 1),
		"queries": len(statements),
		"orders_12m": data["sales"]["orders_12m"] if data["sales"] else None,
		"visits_listed": len(data["visits"]["last"]) if data["visits"] else None,
	}


def run(invoices: int = 1_000, visits: int = 200) -> dict:
	"""Generate, then time the brief as Administrator and as a Followup User; print and return."""
	generate(invoices, visits)
	results = {}
	for user in ("Administrator", VISITOR):
		frappe.set_user(user)
		results[user] = {"large": timed(CUSTOMER), "small": timed(SMALL)}
	frappe.set_user("Administrator")
	for user, figures in results.items():
		print(f"{user}: {figures}")
	return results


def cleanup():
	"""Remove every generated record of this benchmark."""
	for doctype, field in (
		("Sales Invoice Item", "parent"),
		("Sales Invoice", "name"),
		("ToDo", "name"),
		("Visit Record", "name"),
		("Complaint", "name"),
		("Satisfaction Survey", "name"),
		("Item", "name"),
		("Customer", "name"),
	):
		table = frappe.qb.DocType(doctype)
		frappe.qb.from_(table).delete().where(table[field].like(f"{PREFIX}BRIEF%")).run()
	frappe.db.commit()
