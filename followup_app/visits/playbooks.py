"""Carrying out the outcome playbook of a completed visit, once per visit (`core.playbooks` decides).

The rules are the Outcome Rules of Followup Settings. When a visit is completed, the rule of its
outcome sets the next visit date, emails the customer's contact, gives a ToDo to a user or a role,
and for Unreachable plans a retry or, after the last attempt, tells the account manager and marks
the customer unreachable. The visit's *Playbook Applied On* is the marker: it is set in the same
transaction as the effects, and a visit that has it is never played again, however often it is
saved. Each effect is noted in the visit's timeline.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, get_fullname, getdate, now_datetime, nowdate

from followup_app.core.calendar import next_working_day
from followup_app.core.playbooks import OutcomeRule, VisitFacts, decide, is_reached, rule_for
from followup_app.platform.compat import add_assignment
from followup_app.platform.defaults import default_company
from followup_app.platform.holidays import holidays_from
from followup_app.platform.languages import by_language, in_language, in_language_of
from followup_app.platform.notifications import notify, role_users
from followup_app.platform.timeline import quietly
from followup_app.visits.planner import policy_interval
from followup_app.visits.timing import plan_slots, planned_at

VISIT = "Visit Record"


def outcome_rules_of(settings) -> list[OutcomeRule]:
	"""The Outcome Rules of a Followup Settings document as plain rules."""
	return [
		OutcomeRule(
			outcome=row.outcome,
			next_contact_days=row.next_contact_days or 0,
			email_template=row.email_template or None,
			todo_user=row.todo_user or None,
			todo_role=row.todo_role or None,
			todo_days=row.todo_days or 0,
			retry_days=row.retry_days or 0,
			max_attempts=row.max_attempts or 0,
		)
		for row in settings.get("outcome_rules") or []
	]


def apply_playbook(visit):
	"""Apply the rule of the completed visit's outcome, unless the visit's playbook already ran."""
	if visit.status != "Completed" or visit.playbook_applied_on:
		return
	# The marker as stored, read under the row lock this save holds: a concurrent save waits.
	if frappe.db.get_value(VISIT, visit.name, "playbook_applied_on", for_update=True):
		return
	customer = frappe.db.get_value(
		"Customer",
		visit.customer,
		["do_not_contact", "account_manager", "language", "followup_unreachable"],
		as_dict=True,
	)
	update_reachability(visit, customer)
	rule = rule_for(outcome_rules_of(frappe.get_cached_doc("Followup Settings")), visit.outcome)
	playbook = decide(
		rule,
		VisitFacts(
			outcome=visit.outcome,
			completed_on=getdate(nowdate()),
			visited_on=getdate(visit.visit_datetime),
			chosen_next_visit=getdate(visit.next_visit_date) if visit.next_visit_date else None,
			attempt=visit.attempt or 1,
			do_not_contact=bool(customer.do_not_contact),
			policy_interval_days=policy_interval(visit.customer) if rule and rule.next_contact_days else None,
		),
	)
	if playbook is None or playbook.empty:
		return
	visit.db_set("playbook_applied_on", now_datetime(), update_modified=False)
	if playbook.next_visit_date:
		visit.db_set("next_visit_date", playbook.next_visit_date, update_modified=False)
		visit.add_comment(
			"Info",
			_("Playbook {0}: next visit on {1}").format(
				_(playbook.outcome), frappe.format(playbook.next_visit_date, "Date")
			),
		)
	if playbook.email_template:
		email_contact(visit, playbook.email_template, customer.language)
	if playbook.todo_user or playbook.todo_role:
		users = (
			[playbook.todo_user]
			if playbook.todo_user
			else role_users([playbook.todo_role])[playbook.todo_role]
		)
		assign_followup(visit, users, playbook.todo_due)
	if playbook.retry_on:
		plan_retry(visit, playbook.retry_on, playbook.retry_attempt)
	if playbook.give_up:
		give_up(visit, customer)


def update_reachability(visit, customer):
	"""A visit that reached the customer clears the customer's Unreachable mark."""
	if customer.followup_unreachable and is_reached(visit.outcome):
		frappe.db.set_value(
			"Customer",
			visit.customer,
			{"followup_unreachable": 0, "unreachable_since": None},
			update_modified=False,
		)


def contact_email(visit) -> tuple[str | None, str | None]:
	"""(email, contact name): the visit's contact, else the customer's primary contact."""
	contact = visit.contact or frappe.db.get_value("Customer", visit.customer, "customer_primary_contact")
	if not contact:
		return None, None
	email, first_name = frappe.db.get_value("Contact", contact, ["email_id", "first_name"]) or (None, None)
	return email, first_name


def email_contact(visit, template_name: str, language: str | None):
	"""Send the rule's Email Template (its " (zh)" twin to a Chinese-speaking customer) to the contact."""
	email, contact_name = contact_email(visit)
	if not email:
		visit.add_comment(
			"Info", _("Playbook email {0} not sent: the contact has no email address").format(template_name)
		)
		return
	name = template_name
	if (language or "").startswith("zh") and frappe.db.exists("Email Template", f"{template_name} (zh)"):
		name = f"{template_name} (zh)"
	template = frappe.get_cached_doc("Email Template", name)
	args = {
		"customer_name": visit.customer_name or visit.customer,
		"contact_name": contact_name or visit.customer_name or visit.customer,
		"visitor_name": get_fullname(visit.visitor) if visit.visitor else "",
		"company": default_company(),
		"visit_date": getdate(visit.visit_datetime),
		"summary": visit.summary or "",
	}
	try:
		with quietly():
			frappe.sendmail(
				recipients=[email],
				subject=frappe.render_template(template.subject, args),
				message=frappe.render_template(
					template.response_html if template.use_html else template.response, args
				),
				reference_doctype=VISIT,
				reference_name=visit.name,
			)
	except frappe.OutgoingEmailError:
		visit.add_comment(
			"Info", _("Playbook email {0} not sent: no outgoing email account is set up").format(name)
		)
		return
	visit.add_comment("Info", _("Playbook email {0} sent to {1}").format(name, email))


def assign_followup(visit, users: list[str], due):
	"""A ToDo on the visit for each of `users`, in their language, listing the visit's Needs."""
	needs = [
		item.description for item in visit.feedback_items if item.feedback_type == "Need" and item.description
	]
	for lang, readers in by_language(sorted(set(users))).items():
		with in_language(lang):
			text = _("{0} follow-up for {1}").format(_(visit.outcome), visit.customer_name or visit.customer)
			if visit.summary:
				text += "\n" + visit.summary
			if needs:
				text += "\n" + _("Needs: {0}").format("; ".join(needs))
		with quietly():
			add_assignment(
				{
					"assign_to": readers,
					"doctype": VISIT,
					"name": visit.name,
					"description": escape_html(text).replace("\n", "<br>"),
					"date": due,
				},
				ignore_permissions=True,
			)
	if users:
		visit.add_comment(
			"Info",
			_("Playbook {0}: ToDo due {1} for {2}").format(
				_(visit.outcome), frappe.format(due, "Date"), ", ".join(sorted(set(users)))
			),
		)


def plan_retry(visit, retry_on, attempt: int):
	"""Plan the next attempt to reach the customer, at a convenient time, for the same visitor."""
	day = next_working_day(getdate(retry_on), holidays_from(getdate(retry_on)))
	day, at = plan_slots([(visit.customer, day, visit.visitor, visit.channel)])[visit.customer]
	retry = frappe.get_doc(
		{
			"doctype": VISIT,
			"customer": visit.customer,
			"contact": visit.contact,
			"visit_type": visit.visit_type,
			"channel": visit.channel,
			"status": "Planned",
			"planned_date": day,
			"planned_time": at.strftime("%H:%M:%S") if at else None,
			"planned_at": planned_at(day, at),
			"visitor": visit.visitor,
			"followup_policy": visit.followup_policy,
			"visit_script": visit.visit_script,
			"reference_doctype": VISIT,
			"reference_name": visit.name,
			"attempt": attempt,
		}
	).insert(ignore_permissions=True)
	visit.add_comment(
		"Info",
		_("Playbook Unreachable: attempt {0} planned on {1} ({2})").format(
			attempt, frappe.format(day, "Date"), frappe.utils.get_link_to_form(VISIT, retry.name)
		),
	)


def give_up(visit, customer):
	"""The last attempt failed: the customer counts as unreachable and the account manager is told."""
	visit.db_set("attempts_exhausted", 1, update_modified=False)
	frappe.db.set_value(
		"Customer",
		visit.customer,
		{"followup_unreachable": 1, "unreachable_since": getdate(nowdate())},
		update_modified=False,
	)
	manager = customer.account_manager or visit.visitor
	name = visit.customer_name or visit.customer
	attempts = visit.attempt or 1
	notify(
		[manager],
		lambda: _("{0} was not reached in {1} attempts: marked unreachable").format(name, attempts),
		"Customer",
		visit.customer,
	)
	with in_language_of(visit.visitor):
		text = _("Not reached in {0} attempts: {1} marked unreachable, account manager {2} told").format(
			attempts, name, manager or "–"
		)
	visit.add_comment("Info", text)
