"""What completing a visit changes outside it: the customer, ToDos, demand conversion, complaints."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.query_builder.functions import Max
from frappe.utils import getdate, nowdate

from followup_app.complaints.intake import complaints_from_problems
from followup_app.complaints.verification import apply_verification
from followup_app.core.planning import plan_customer
from followup_app.customers.satisfaction import refresh_satisfaction
from followup_app.feedback.praise import share_praise
from followup_app.feedback.routing import route_visit_feedback
from followup_app.platform.compat import add_assignment
from followup_app.platform.defaults import default_company
from followup_app.platform.holidays import holidays_from
from followup_app.points.sources import award_visit_participation
from followup_app.visits.playbooks import apply_playbook
from followup_app.visits.repurchase import update_followed_by_purchase

VISIT = "Visit Record"


def complete_visit(visit):
	"""Apply a visit that has just been completed."""
	close_all_assignments(VISIT, visit.name, ignore_permissions=True)
	# The outcome playbook first: the next visit date it sets is part of the customer's next due date.
	apply_playbook(visit)
	refresh_customer_visit_stats(visit.customer)
	record_contact_verification(visit)
	update_followed_by_purchase([visit.customer])
	create_opportunities(visit)
	complaints_from_problems(visit)
	assign_next_action(visit)
	award_visit_participation(visit)
	apply_verification(visit)
	# Last, so a routed ToDo joins any open ToDo its owner already has on the visit.
	route_visit_feedback(visit)
	share_praise(visit)


def refresh_customer_visit_stats(customer: str):
	"""Recompute the customer's last_visit_date, next_visit_due and avg_satisfaction."""
	from followup_app.visits.planner import load_customer_schedules, load_policies

	visit = frappe.qb.DocType(VISIT)
	last_visit = (
		frappe.qb.from_(visit)
		.select(Max(visit.visit_datetime))
		.where(visit.customer == customer)
		.where(visit.status == "Completed")
		.run()[0][0]
	)
	values = {"last_visit_date": getdate(last_visit) if last_visit else None}
	schedules = load_customer_schedules([customer])
	if schedules:
		today = getdate(nowdate())
		plan = plan_customer(schedules[0], load_policies(), today, holidays_from(today))
		values["next_visit_due"] = plan.due_date if plan else None
	frappe.db.set_value("Customer", customer, values, update_modified=False)
	refresh_satisfaction(customer)


def record_contact_verification(visit):
	"""A visit that reached the customer and confirmed the contact details dates the customer's
	Contact Verified On (never moved back by an older visit)."""
	if not visit.contact_verified or visit.outcome == "Unreachable" or not visit.visit_datetime:
		return
	verified_on = getdate(visit.visit_datetime)
	current = frappe.db.get_value("Customer", visit.customer, "contact_verified_on")
	if not current or getdate(current) < verified_on:
		frappe.db.set_value(
			"Customer", visit.customer, "contact_verified_on", verified_on, update_modified=False
		)


def create_opportunities(visit):
	"""Turn each Need the customer voiced into an ERPNext Opportunity, linked both ways."""
	for item in visit.feedback_items:
		if item.feedback_type != "Need" or item.opportunity:
			continue
		opportunity = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": visit.customer,
				"company": default_company(),
				"opportunity_owner": visit.visitor,
				"followup_visit": visit.name,
				"title": visit.customer_name or visit.customer,
				"notes": [{"note": item.description}],
			}
		).insert(ignore_permissions=True)
		item.db_set("opportunity", opportunity.name)
		visit.add_comment(
			"Info",
			_("Need turned into Opportunity {0}").format(
				frappe.utils.get_link_to_form("Opportunity", opportunity.name)
			),
		)


def assign_next_action(visit):
	"""Give the follow-up plan's next action to its owner as a ToDo on the visit."""
	if not (visit.next_action and visit.next_action_owner):
		return
	add_assignment(
		{
			"assign_to": [visit.next_action_owner],
			"doctype": VISIT,
			"name": visit.name,
			"description": visit.next_action,
			"date": visit.next_action_due,
		},
		ignore_permissions=True,
	)
