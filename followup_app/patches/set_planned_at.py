import frappe
from pypika.functions import Timestamp


def execute():
	"""Visits planned before planned times existed are ordered by their planned date (at midnight)."""
	visit = frappe.qb.DocType("Visit Record")
	(
		frappe.qb.update(visit)
		.set(visit.planned_at, Timestamp(visit.planned_date))
		.where(visit.planned_at.isnull())
		.where(visit.planned_date.isnotnull())
		.run()
	)
