"""Outcome playbooks: each effect of the shipped rules, once per visit however often it is saved."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_time, getdate, now_datetime, nowdate

from followup_app.kpi.definitions import Scope, kpi_table
from followup_app.setup.default_records import DEFAULT_OUTCOME_RULES
from followup_app.testing.fixtures import make_customer, make_user, make_visit
from followup_app.testing.mail import OutgoingMailTestMixin, mail_text

VISITOR = "playbook.visitor@example.com"
MANAGER = "playbook.manager@example.com"
SALES_MANAGER = "playbook.sales@example.com"
ACCOUNT_MANAGER = "playbook.account@example.com"


class TestOutcomePlaybooks(OutgoingMailTestMixin, FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.today = getdate(nowdate())
		make_user(VISITOR, "Followup User")
		make_user(MANAGER, "Followup Manager")
		make_user(SALES_MANAGER, "Sales Manager")
		make_user(ACCOUNT_MANAGER, "Followup User")
		settings = frappe.get_single("Followup Settings")
		settings.set("outcome_rules", [dict(rule) for rule in DEFAULT_OUTCOME_RULES])
		settings.holiday_list = None
		settings.save()
		self.customer = make_customer(
			f"_Test Playbook {frappe.generate_hash(length=6)}",
			account_manager=ACCOUNT_MANAGER,
			followup_tier="Normal",  # the shipped Normal policy gives the customer its next due date
		).name
		self.contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Zhang",
				"email_ids": [{"email_id": "zhang.playbook@example.com", "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": self.customer}],
			}
		).insert(ignore_permissions=True)
		frappe.db.delete("Visit Record", {"customer": self.customer})

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Followup Settings", "Followup Settings")

	def complete(self, outcome: str, visit=None, **values):
		visit = visit or make_visit(self.customer, visitor=VISITOR, contact=self.contact.name)
		visit.update(
			{
				"status": "Completed",
				"visit_datetime": now_datetime(),
				"outcome": outcome,
				"summary": "Call",
				**values,
			}
		)
		for row in visit.script_answers:
			row.answer = "Yes"
		visit.flags.ignore_permissions = True
		visit.save()
		return visit

	def mails(self, visit) -> list:
		return frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Visit Record", "reference_name": visit.name},
			fields=["name", "message"],
		)

	def todos(self, visit, **filters) -> list[str]:
		return sorted(
			frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Visit Record",
					"reference_name": visit.name,
					"status": "Open",
					**filters,
				},
				pluck="allocated_to",
			)
		)

	def save_again(self, visit):
		visit.reload()
		visit.remarks = "Saved again"
		visit.flags.ignore_permissions = True
		visit.save()
		visit.reload()
		return visit

	def test_satisfied_thanks_the_contact_and_sets_the_next_contact_once(self):
		visit = self.complete("Satisfied")
		visit.reload()
		self.assertEqual(getdate(visit.next_visit_date), add_days(self.today, 30))
		self.assertTrue(visit.playbook_applied_on)
		[mail] = self.mails(visit)
		self.assertIn(
			"zhang.playbook@example.com",
			frappe.get_all("Email Queue Recipient", {"parent": mail.name}, pluck="recipient"),
		)
		self.assertIn("Thank you for taking the time", mail_text(mail.message))
		# The customer's next visit follows the playbook's date.
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.customer, "next_visit_due")),
			add_days(self.today, 30),
		)

		visit.next_visit_date = add_days(self.today, 45)  # the visitor changes their mind afterwards
		visit.flags.ignore_permissions = True
		visit.save()
		visit = self.save_again(visit)
		self.assertEqual(len(self.mails(visit)), 1)
		self.assertEqual(getdate(visit.next_visit_date), add_days(self.today, 45))

	def test_a_vip_policy_keeps_a_satisfied_customer_within_its_interval(self):
		frappe.db.set_value("Customer", self.customer, "followup_tier", "VIP")  # the shipped VIP: 15 days
		visit = self.complete("Satisfied")
		visit.reload()
		self.assertEqual(getdate(visit.next_visit_date), add_days(self.today, 15))
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.customer, "next_visit_due")),
			add_days(self.today, 15),
		)
		chosen = add_days(self.today, 40)  # the visitor's own date may lie past the policy
		other = self.complete("Satisfied", next_visit_date=chosen)
		other.reload()
		self.assertEqual(getdate(other.next_visit_date), chosen)

	def test_a_next_visit_date_the_visitor_set_is_kept(self):
		chosen = add_days(self.today, 5)
		visit = self.complete("Satisfied", next_visit_date=chosen)
		visit.reload()
		self.assertEqual(getdate(visit.next_visit_date), chosen)
		self.assertEqual(len(self.mails(visit)), 1)  # the other effects still happen

	def test_chinese_customer_gets_the_zh_template(self):
		frappe.db.set_value("Customer", self.customer, "language", "zh")
		visit = self.complete("Satisfied")
		[mail] = self.mails(visit)
		self.assertIn("感谢您", mail_text(mail.message))

	def test_has_issues_promises_a_response_and_gives_managers_a_todo_due_tomorrow(self):
		visit = self.complete("Has Issues")
		self.assertIn(MANAGER, self.todos(visit))
		due = frappe.db.get_value(
			"ToDo", {"reference_name": visit.name, "allocated_to": MANAGER, "status": "Open"}, "date"
		)
		self.assertEqual(getdate(due), add_days(self.today, 1))
		self.assertEqual(len(self.mails(visit)), 1)
		self.save_again(visit)
		self.assertEqual(self.todos(visit).count(MANAGER), 1)
		self.assertEqual(len(self.mails(visit)), 1)

	def test_high_potential_gives_sales_managers_the_needs_and_a_weekly_call(self):
		visit = make_visit(self.customer, visitor=VISITOR, contact=self.contact.name)
		visit.append(
			"feedback_items", {"feedback_type": "Need", "description": "Wants 20 units of the new model"}
		)
		visit = self.complete("High Potential", visit)
		visit.reload()
		self.assertIn(SALES_MANAGER, self.todos(visit))
		description = frappe.db.get_value(
			"ToDo", {"reference_name": visit.name, "allocated_to": SALES_MANAGER}, "description"
		)
		self.assertIn("Wants 20 units of the new model", description)
		self.assertEqual(getdate(visit.next_visit_date), add_days(self.today, 7))
		self.assertEqual(self.mails(visit), [])
		self.save_again(visit)
		self.assertEqual(self.todos(visit).count(SALES_MANAGER), 1)
		# The conversion figures: a High Potential visit whose Need became an Opportunity.
		figures = kpi_table(
			["high_potential_rate", "high_potential_opportunity_rate", "high_potential_order_rate"],
			Scope(self.today, self.today, visitor=VISITOR),
			"visitor",
		)[VISITOR]
		self.assertEqual(figures["high_potential_rate"]["value"], 100.0)
		self.assertEqual(figures["high_potential_opportunity_rate"]["value"], 100.0)
		self.assertEqual(figures["high_potential_order_rate"]["value"], 0.0)

	def test_unreachable_retries_then_gives_up_and_marks_the_customer(self):
		visit = self.complete("Unreachable")
		attempts = [visit.name]
		for attempt in (2, 3):
			retry = frappe.get_all(
				"Visit Record",
				filters={"reference_doctype": "Visit Record", "reference_name": attempts[-1]},
				fields=["name", "attempt", "planned_date", "planned_time", "status", "visitor"],
			)
			self.assertEqual(len(retry), 1)
			[retry] = retry
			self.assertEqual((retry.attempt, retry.status, retry.visitor), (attempt, "Planned", VISITOR))
			self.assertGreaterEqual(getdate(retry.planned_date), add_days(self.today, 2))
			self.assertIsNotNone(retry.planned_time)
			self.assertTrue(
				get_time("09:00") <= get_time(retry.planned_time) < get_time("18:00"), (attempt, retry)
			)
			self.save_again(frappe.get_doc("Visit Record", attempts[-1]))
			self.assertEqual(
				frappe.db.count(
					"Visit Record", {"reference_name": attempts[-1], "reference_doctype": "Visit Record"}
				),
				1,
			)
			attempts.append(self.complete("Unreachable", frappe.get_doc("Visit Record", retry.name)).name)

		last = frappe.get_doc("Visit Record", attempts[-1])
		self.assertEqual(last.attempt, 3)
		self.assertTrue(last.attempts_exhausted)
		self.assertEqual(frappe.db.count("Visit Record", {"reference_name": last.name}), 0)
		self.assertEqual(
			frappe.db.get_value("Customer", self.customer, ["followup_unreachable", "unreachable_since"]),
			(1, self.today),
		)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": ACCOUNT_MANAGER, "document_type": "Customer", "document_name": self.customer},
			)
		)
		self.save_again(last)
		self.assertEqual(frappe.db.count("Visit Record", {"reference_name": last.name}), 0)

		figures = kpi_table(
			["unreachable_rate", "customers_marked_unreachable"],
			Scope(add_days(self.today, -1), add_days(self.today, 30)),
		)["total"]
		self.assertEqual(figures["customers_marked_unreachable"]["value"], 1.0)
		self.assertEqual(figures["unreachable_rate"]["numerator"], 3.0)

		# A visit that reaches the customer clears the mark.
		self.complete("Satisfied")
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "followup_unreachable"), 0)

	def test_nothing_happens_without_a_rule(self):
		settings = frappe.get_single("Followup Settings")
		settings.set("outcome_rules", [])
		settings.save()
		visit = self.complete("Satisfied")
		visit.reload()
		self.assertIsNone(visit.playbook_applied_on)
		self.assertIsNone(visit.next_visit_date)
		self.assertEqual(self.mails(visit), [])

	def test_settings_refuse_rules_that_cannot_work(self):
		settings = frappe.get_single("Followup Settings")
		settings.append("outcome_rules", {"outcome": "Satisfied", "next_contact_days": 10})
		self.assertRaises(frappe.ValidationError, settings.save)
		settings.reload()
		settings.set("outcome_rules", [{"outcome": "Satisfied", "retry_days": 2, "max_attempts": 2}])
		self.assertRaises(frappe.ValidationError, settings.save)
		settings.reload()
		settings.set("outcome_rules", [{"outcome": "Has Issues", "next_contact_days": -1}])
		self.assertRaises(frappe.ValidationError, settings.save)
		settings.reload()
		settings.set("busy_windows", [{"weekday": "Monday", "from_time": "12:00:00", "to_time": "09:00:00"}])
		self.assertRaises(frappe.ValidationError, settings.save)
