"""The benchmark harness: bulk data generators (every generated name starts with BENCH-) and `measured`,
which times a job and counts its SQL queries."""

import time
from collections.abc import Callable
from datetime import datetime, timedelta

import frappe
from frappe.utils import add_days, now_datetime

from followup_app.platform.bulk import bulk_insert_dicts
from followup_app.testing.queries import counted_queries

PREFIX = "BENCH-"


def leaf(doctype: str) -> str:
	return frappe.db.get_value(doctype, {"is_group": 0}, "name", order_by="name asc")


def common_columns() -> dict:
	now = now_datetime()
	return {
		"owner": "Administrator",
		"modified_by": "Administrator",
		"creation": now,
		"modified": now,
		"docstatus": 0,
	}


def insert_in_batches(doctype: str, rows, size: int = 10_000, commit: bool = False):
	"""Bulk-insert `rows` (dicts with the same keys, any iterable) `size` at a time; commit at the end if asked."""
	batch = []
	for row in rows:
		batch.append(row)
		if len(batch) == size:
			bulk_insert_dicts(doctype, batch)
			batch = []
	bulk_insert_dicts(doctype, batch)
	if commit:
		frappe.db.commit()


def insert_customers(start: int, count: int, tier_of) -> list[str]:
	"""Customers BENCH-C-<n> for n in [start, start+count), tier given by `tier_of(n)`."""
	group, territory = leaf("Customer Group"), leaf("Territory")
	common = common_columns()
	names, rows = [], []
	for number in range(start, start + count):
		name = f"{PREFIX}C-{number:07d}"
		names.append(name)
		rows.append(
			{
				**common,
				"creation": add_days(common["creation"], -400),
				"name": name,
				"customer_name": name,
				"customer_type": "Company",
				"customer_group": group,
				"territory": territory,
				"followup_tier": tier_of(number),
				"lifecycle_stage": "Active",
			}
		)
	insert_in_batches("Customer", rows)
	return names


def completed_visit_row(common: dict, name: str, customer: str, visit_datetime, **values) -> dict:
	"""A completed phone visit row of `customer` at `visit_datetime`; `values` add or override fields."""
	return {
		**common,
		"name": name,
		"naming_series": "VR-.YYYY.-",
		"customer": customer,
		"customer_name": customer,
		"visit_type": "Routine Maintenance",
		"channel": "Phone",
		"status": "Completed",
		"visit_datetime": visit_datetime,
		**values,
	}


def insert_completed_visits(customers_and_days_ago: list[tuple[str, int]]):
	"""One completed visit per (customer, days ago)."""
	common = common_columns()
	rows = [
		completed_visit_row(
			common,
			f"{PREFIX}V-{customer[len(PREFIX) + 2 :]}-{days_ago}",
			customer,
			add_days(common["creation"], -days_ago),
			outcome="Satisfied",
			satisfaction=0.8,
		)
		for customer, days_ago in customers_and_days_ago
	]
	insert_in_batches("Visit Record", rows)


def open_complaint(number: int, customer: str, now: datetime, common: dict) -> dict:
	"""Open complaint BENCH-CMP-<n>, opened within the last 4 days on Medium clocks (24 h / 72 h), so
	a run finds every SLA status; every other one In Progress with its first response."""
	opened = now - timedelta(minutes=(number * 7) % (4 * 24 * 60))
	return {
		**common,
		"name": f"{PREFIX}CMP-{number:07d}",
		"naming_series": "CMP-.YYYY.-",
		"subject": f"Benchmark complaint {number}",
		"customer": customer,
		"status": "In Progress" if number % 2 else "Open",
		"severity": "Medium",
		"opened_on": opened,
		"response_due": opened + timedelta(hours=24),
		"resolution_due": opened + timedelta(hours=72),
		"first_response_on": opened + timedelta(hours=1) if number % 2 else None,
		"sla_status": "On Track",
		"escalation_level": 0,
	}


def invoice_row(common: dict, name: str, customer: str, company: str, posting_date, amount: float) -> dict:
	"""A submitted Sales Invoice row of `amount` in the company's currency, written as a row (no items)."""
	return {
		**common,
		"name": name,
		"naming_series": "ACC-SINV-.YYYY.-",
		"customer": customer,
		"company": company,
		"currency": frappe.get_cached_value("Company", company, "default_currency"),
		"posting_date": posting_date,
		"docstatus": 1,
		"is_return": 0,
		"grand_total": amount,
		"base_grand_total": amount,
		"net_total": amount,
		"base_net_total": amount,
	}


def delete_generated(doctype: str, field: str = "name"):
	table = frappe.qb.DocType(doctype)
	frappe.qb.from_(table).delete().where(table[field].like(f"{PREFIX}%")).run()


def measured(job: Callable[[], dict]) -> dict:
	"""Run `job`, commit, and add its wall time and SQL query count to the dict it returns."""
	started = time.perf_counter()
	with counted_queries() as statements:
		result = job()
	frappe.db.commit()
	result.update(seconds=round(time.perf_counter() - started, 2), queries=len(statements))
	return result
