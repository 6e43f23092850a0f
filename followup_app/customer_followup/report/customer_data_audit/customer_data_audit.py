# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import cint, formatdate

from followup_app.core.audit import (
	NOT_CONFIRMED,
	REASON_LABELS,
	SAME_EMAIL,
	SAME_NAME,
	SAME_PHONE,
)
from followup_app.core.limits import Limit
from followup_app.customers.data_audit import audit_customers, confirm_days
from followup_app.platform.limits import limit_message

DEFAULT_LIMIT = 1000
DUPLICATES = (SAME_PHONE, SAME_EMAIL, SAME_NAME)


def execute(filters: dict | None = None):
	"""Customer Data Audit: one row per problem with a customer's data (missing, invalid, stale or
	duplicated contact details, no tier or account manager), saying why and linking the customer,
	the contact and the possible duplicate. At most `limit` rows; the summary and chart count all."""
	filters = frappe._dict(filters or {})
	limit = cint(filters.limit) or DEFAULT_LIMIT
	if limit < 1:
		frappe.throw(limit_message(_("Show at Most"), Limit(1)), title=_("Invalid Value"))
	if filters.reason and filters.reason not in REASON_LABELS:
		frappe.throw(_("Unknown reason {0}.").format(filters.reason), title=_("Invalid Value"))
	customers, findings = audit_customers()
	wanted = customer_scope(filters)
	findings = [
		finding
		for finding in findings
		if (not filters.reason or finding.reason == filters.reason)
		and (wanted is None or wanted(customers[finding.customer]))
	]
	days = confirm_days()
	rows = [row_of(finding, customers[finding.customer], days) for finding in findings[:limit]]
	counts = {reason: 0 for reason in REASON_LABELS}
	for finding in findings:
		counts[finding.reason] += 1
	shown = [reason for reason in REASON_LABELS if counts[reason]]
	chart = (
		{
			"data": {
				"labels": [_(REASON_LABELS[reason]) for reason in shown],
				"datasets": [{"name": _("Problems"), "values": [counts[reason] for reason in shown]}],
			},
			"type": "bar",
		}
		if shown
		else {"data": {}}
	)
	summary = [
		{
			"value": len({finding.customer for finding in findings}),
			"label": _("Customers with Problems"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": len({finding.customer for finding in findings if finding.reason in DUPLICATES}),
			"label": _("Possible Duplicates"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{"value": len(customers), "label": _("Customers Checked"), "datatype": "Int", "indicator": "Blue"},
	]
	return columns(), rows, None, chart, summary


def customer_scope(filters):
	"""A test of a customer row for the customer, group, territory and tier filters (None: every
	customer)."""
	groups = descendants("Customer Group", filters.customer_group)
	territories = descendants("Territory", filters.territory)
	tier, customer = filters.customer_tier, filters.customer
	if groups is None and territories is None and not tier and not customer:
		return None
	return lambda row: (
		(not customer or row.name == customer)
		and (groups is None or row.customer_group in groups)
		and (territories is None or row.territory in territories)
		and (not tier or row.followup_tier == tier)
	)


def descendants(doctype: str, name: str | None) -> set[str] | None:
	if not name:
		return None
	return {name, *frappe.db.get_descendants(doctype, name)}


def row_of(finding, customer, days: int) -> dict:
	"""A report row: the translated reason, the records concerned and what was found."""
	detail = finding.value
	if finding.more_partners:
		detail = _("{0} (and {1} more)").format(detail, finding.more_partners)
	if finding.reason == NOT_CONFIRMED:
		detail = (
			_("Last confirmed {0}; to be confirmed every {1} days").format(
				formatdate(finding.confirmed_on), days
			)
			if finding.confirmed_on
			else _("Never confirmed; to be confirmed every {0} days").format(days)
		)
	return {
		"reason": _(REASON_LABELS[finding.reason]),
		"customer": finding.customer,
		"customer_name": customer.customer_name,
		"contact": finding.contact,
		"detail": detail,
		"partner": finding.partner,
		"customer_group": customer.customer_group,
		"territory": customer.territory,
		"account_manager": customer.account_manager,
		"contact_verified_on": customer.contact_verified_on,
	}


def columns() -> list[dict]:
	return [
		{"fieldname": "reason", "label": _("Reason"), "fieldtype": "Data", "width": 230},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 170,
		},
		{"fieldname": "customer_name", "label": _("Customer Name"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "contact",
			"label": _("Contact"),
			"fieldtype": "Link",
			"options": "Contact",
			"width": 150,
		},
		{"fieldname": "detail", "label": _("Detail"), "fieldtype": "Data", "width": 230},
		{
			"fieldname": "partner",
			"label": _("Possible Duplicate Of"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 170,
		},
		{
			"fieldname": "contact_verified_on",
			"label": _("Contact Verified On"),
			"fieldtype": "Date",
			"width": 110,
		},
		{
			"fieldname": "customer_group",
			"label": _("Customer Group"),
			"fieldtype": "Link",
			"options": "Customer Group",
			"width": 130,
		},
		{
			"fieldname": "territory",
			"label": _("Territory"),
			"fieldtype": "Link",
			"options": "Territory",
			"width": 110,
		},
		{
			"fieldname": "account_manager",
			"label": _("Account Manager"),
			"fieldtype": "Link",
			"options": "User",
			"width": 150,
		},
	]
