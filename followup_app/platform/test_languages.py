"""Text the app writes for someone is in that person's language: ToDos, alerts, complaint history."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, escape_html, get_datetime, now_datetime

from followup_app.complaints.escalation import update_sla
from followup_app.platform.languages import user_language
from followup_app.testing.fixtures import make_customer, make_user, make_visit

ZH_MANAGER = "lang.zh.manager@example.com"
EN_MANAGER = "lang.en.manager@example.com"
ZH_VISITOR = "lang.zh.visitor@example.com"
CUSTOMER = "_Test Language Customer"


class TestGeneratedTextLanguage(FrappeTestCase):
	def setUp(self):
		make_user(ZH_MANAGER, "Followup Manager")
		make_user(EN_MANAGER, "Followup Manager")
		make_user(ZH_VISITOR, "Followup User")
		for user, lang in ((ZH_MANAGER, "zh"), (EN_MANAGER, "en"), (ZH_VISITOR, "zh")):
			frappe.db.set_value("User", user, "language", lang)
			self.addCleanup(frappe.clear_document_cache, "User", user)  # after the rollback
		self.customer = make_customer(CUSTOMER).name

	def tearDown(self):
		frappe.db.rollback()

	def test_users_have_their_language(self):
		self.assertEqual((user_language(ZH_MANAGER), user_language(EN_MANAGER)), ("zh", "en"))

	def test_escalation_todos_and_alerts_are_in_each_manager_language(self):
		complaint = frappe.get_doc(
			{"doctype": "Complaint", "customer": self.customer, "subject": "Broken", "severity": "Critical"}
		).insert()
		frappe.db.sql("update tabComplaint set status = 'Closed' where name != %s", complaint.name)
		update_sla(add_to_date(get_datetime(complaint.opened_on), minutes=100))  # At Risk: escalated
		for user, lang in ((ZH_MANAGER, "zh"), (EN_MANAGER, "en")):
			with self.subTest(lang=lang):
				expected = _("Complaint {0} escalated: {1}", lang=lang).format(complaint.name, "Broken")
				todo = frappe.db.get_value(
					"ToDo", {"reference_name": complaint.name, "allocated_to": user}, "description"
				)
				self.assertEqual(todo, escape_html(expected))
				alert = frappe.db.get_value(
					"Notification Log", {"document_name": complaint.name, "for_user": user}, "subject"
				)
				self.assertEqual(alert, expected)
		self.assertNotEqual(
			_("Complaint {0} escalated: {1}", lang="zh"), _("Complaint {0} escalated: {1}", lang="en")
		)

	def test_a_planned_visit_todo_is_in_the_visitor_language(self):
		visit = make_visit(self.customer, visitor=ZH_VISITOR)
		description = frappe.db.get_value(
			"ToDo", {"reference_name": visit.name, "allocated_to": ZH_VISITOR}, "description"
		)
		self.assertEqual(
			description,
			escape_html(
				_("{0} visit to {1}", lang="zh").format(_("Routine Maintenance", lang="zh"), CUSTOMER)
			),
		)
		self.assertNotIn("visit to", description)

	def test_a_failed_verification_reopens_with_its_reason_in_the_assignee_language(self):
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"customer": self.customer,
				"subject": "Late",
				"severity": "Low",
				"assigned_to": ZH_VISITOR,
			}
		).insert()
		complaint.status = "Resolved"
		complaint.resolution = "Sent again"
		complaint.save()
		visit = frappe.get_doc("Visit Record", complaint.verification_visit)
		for row in visit.script_answers:
			row.answer = "Asked"
		visit.update(
			{
				"status": "Completed",
				"visit_datetime": now_datetime(),
				"outcome": "Has Issues",
				"summary": "Still late",
			}
		)
		visit.save()
		complaint.reload()
		self.assertEqual(complaint.status, "Reopened")
		self.assertEqual(
			complaint.status_changes[-1].reason,
			_("Verification visit {0}: {1}. {2}", lang="zh").format(
				visit.name, _("Has Issues", lang="zh"), "Still late"
			),
		)
		self.assertNotIn("Verification visit", complaint.status_changes[-1].reason)
