"""The Customer Data Audit report and card on a hand-built set of customers, and a visit confirming
contact details (Contact Verified On)."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, formatdate, getdate, now_datetime, nowdate

from followup_app.customers.data_audit import CARD_CACHE_KEY, audit_customers, customers_with_problems
from followup_app.testing.fixtures import make_customer, make_user, make_visit
from followup_app.testing.queries import counted_queries

GROUP = "_Test Data Audit Group"
MANAGER = "audit.manager@example.com"
SALES = "audit.sales@example.com"
VISITOR = "audit.visitor@example.com"


def make_contact(customer: str, first_name: str, email: str | None = None, mobile: str | None = None):
	"""A contact of `customer`, its primary one; an invalid email is written past Frappe's check."""
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": first_name,
			"links": [{"link_doctype": "Customer", "link_name": customer}],
			"phone_nos": [{"phone": mobile, "is_primary_mobile_no": 1}] if mobile else [],
		}
	).insert(ignore_permissions=True)
	if email:
		contact.append("email_ids", {"email_id": "placeholder@example.com", "is_primary": 1})
		contact.save(ignore_permissions=True)
		frappe.db.set_value("Contact Email", contact.email_ids[0].name, "email_id", email)
		frappe.db.set_value("Contact", contact.name, "email_id", email)
	frappe.db.set_value("Customer", customer, "customer_primary_contact", contact.name)
	return contact.name


class TestCustomerDataAudit(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		if not frappe.db.exists("Customer Group", GROUP):
			frappe.get_doc(
				{
					"doctype": "Customer Group",
					"customer_group_name": GROUP,
					"parent_customer_group": "All Customer Groups",
				}
			).insert(ignore_permissions=True)
		make_user(MANAGER, "Followup Manager")
		make_user(SALES, "Sales User")
		make_user(VISITOR, "Followup User")
		frappe.db.set_single_value("Followup Settings", "contact_verify_days", 30)
		settings = frappe.get_single("Followup Settings")
		settings.set("outcome_rules", [])  # the visit's own effects; playbooks have their own tests
		settings.save()
		today = getdate(nowdate())
		self.today = today

		def customer(name, **values):
			values = {
				"customer_group": GROUP,
				"followup_tier": "Normal",
				"account_manager": "Administrator",
				"contact_verified_on": today,
				**values,
			}
			return make_customer(name, **values).name

		self.clean = customer("_DA Clean")
		make_contact(self.clean, "Clean", "clean@da-test.example.com", "+86 199 7531 8601")
		self.empty = customer("_DA Empty")
		self.bad = customer("_DA Bad")
		self.bad_contact = make_contact(self.bad, "Bad", "bad@da-test", "12345")
		self.dup_a = customer("_DA Twin A")
		self.dup_a_contact = make_contact(
			self.dup_a, "Twin A", "Twin@DA-Test.example.com", "+86 199-7531-8602"
		)
		self.dup_b = customer("_DA Twin B")
		self.dup_b_contact = make_contact(self.dup_b, "Twin B", "twin@da-test.example.com", "19975318602")
		self.name_a = customer("_DA 明远贸易有限公司")
		make_contact(self.name_a, "Ming", "ming@da-test.example.com", "19975318603")
		self.name_b = customer("_ＤＡ　明远贸易")
		make_contact(self.name_b, "Yuan", "yuan@da-test.example.com", "19975318604")
		self.stale = customer("_DA Stale", contact_verified_on=add_days(today, -31))
		self.stale_contact = make_contact(self.stale, "Stale", "stale@da-test.example.com", "19975318605")
		self.recent = customer("_DA Recent", contact_verified_on=add_days(today, -30))
		make_contact(self.recent, "Recent", "recent@da-test.example.com", "19975318606")
		self.never = customer("_DA Never", contact_verified_on=None, created_days_ago=40)
		make_contact(self.never, "Never", "never@da-test.example.com", "19975318607")
		self.new = customer("_DA New", contact_verified_on=None)
		make_contact(self.new, "New", "new@da-test.example.com", "19975318608")
		self.unowned = customer("_DA Unowned", followup_tier=None, account_manager=None)
		make_contact(self.unowned, "Unowned", "unowned@da-test.example.com", "19975318609")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Followup Settings", "Followup Settings")

	def report(self, **filters):
		result = run("Customer Data Audit", {"customer_group": GROUP, **filters}, ignore_prepared_report=True)
		rows = [
			(row["customer"], row["reason"], row["contact"], row["detail"], row["partner"])
			for row in result["result"]
		]
		return rows, {item["label"]: item["value"] for item in result["report_summary"]}, result["chart"]

	def test_each_reason_with_its_records(self):
		rows, summary, chart = self.report()
		never = "Never confirmed; to be confirmed every 30 days"
		last = f"Last confirmed {formatdate(add_days(self.today, -31))}; to be confirmed every 30 days"
		self.assertEqual(
			rows,
			[
				(self.bad, "Invalid email address", self.bad_contact, "bad@da-test", None),
				(self.bad, "Invalid mobile number", self.bad_contact, "12345", None),
				(self.empty, "No primary contact", None, None, None),
				(self.empty, "No phone or email", None, None, None),
				(self.never, "Contact details not confirmed", None, never, None),
				(self.stale, "Contact details not confirmed", None, last, None),
				(
					self.dup_a,
					"Possible duplicate: same phone",
					self.dup_a_contact,
					"+86 199-7531-8602",
					self.dup_b,
				),
				(
					self.dup_a,
					"Possible duplicate: same email",
					self.dup_a_contact,
					"Twin@DA-Test.example.com",
					self.dup_b,
				),
				(self.dup_b, "Possible duplicate: same phone", self.dup_b_contact, "19975318602", self.dup_a),
				(
					self.dup_b,
					"Possible duplicate: same email",
					self.dup_b_contact,
					"twin@da-test.example.com",
					self.dup_a,
				),
				(self.unowned, "No follow-up tier", None, None, None),
				(self.unowned, "No account manager", None, None, None),
				(self.name_a, "Possible duplicate: same name", None, "_DA 明远贸易有限公司", self.name_b),
				(self.name_b, "Possible duplicate: same name", None, "_ＤＡ　明远贸易", self.name_a),
			],
		)
		self.assertEqual((summary["Customers with Problems"], summary["Possible Duplicates"]), (9, 4))
		self.assertEqual(
			dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True)),
			{
				"No primary contact": 1,
				"No phone or email": 1,
				"Invalid email address": 1,
				"Invalid mobile number": 1,
				"Possible duplicate: same phone": 2,
				"Possible duplicate: same email": 2,
				"Possible duplicate: same name": 2,
				"Contact details not confirmed": 2,
				"No follow-up tier": 1,
				"No account manager": 1,
			},
		)

	def test_reason_filter_limit_and_bad_filters(self):
		rows, _summary, _chart = self.report(reason="same_phone")
		self.assertEqual([row[0] for row in rows], [self.dup_a, self.dup_b])
		rows, summary, _chart = self.report(limit=2)
		self.assertEqual(len(rows), 2)
		self.assertEqual(summary["Customers with Problems"], 9)  # the summary counts every row
		with self.assertRaises(frappe.ValidationError):
			self.report(reason="everything")
		with self.assertRaises(frappe.ValidationError):
			self.report(limit=-1)
		rows, _summary, _chart = self.report(territory="_No Such Territory")
		self.assertEqual(rows, [])

	def test_a_duplicate_outside_the_filter_is_still_named(self):
		other_group = frappe.db.get_value("Customer Group", {"is_group": 0, "name": ("!=", GROUP)})
		frappe.db.set_value("Customer", self.dup_b, "customer_group", other_group)
		rows, _summary, _chart = self.report(reason="same_email")
		self.assertEqual([(row[0], row[4]) for row in rows], [(self.dup_a, self.dup_b)])

	def test_query_count_does_not_grow_with_customers(self):
		def queries():
			with counted_queries() as statements:
				self.report()
			return len(statements)

		queries()  # metadata caches
		before = queries()
		for number in range(10):
			name = make_customer(f"_DA Extra {number}", customer_group=GROUP, created_days_ago=40).name
			make_contact(name, f"Extra {number}", f"extra{number}@da-test", "1")
		self.assertEqual(queries(), before)

	def test_manager_sees_the_report_and_the_card_sales_does_not(self):
		frappe.set_user(MANAGER)
		rows, _summary, _chart = self.report(reason="no_tier")
		self.assertEqual([row[0] for row in rows], [self.unowned])
		frappe.cache.delete_value(CARD_CACHE_KEY)
		card = customers_with_problems()
		self.assertEqual(card["route"], ["query-report", "Customer Data Audit"])
		_customers, findings = audit_customers()
		self.assertEqual(card["value"], len({finding.customer for finding in findings}))
		self.assertGreaterEqual(card["value"], 9)
		frappe.cache.set_value(CARD_CACHE_KEY, 7, expires_in_sec=600)  # counted a moment ago: kept
		self.assertEqual(customers_with_problems()["value"], 7)
		frappe.cache.delete_value(CARD_CACHE_KEY)
		frappe.set_user(SALES)
		with self.assertRaises(frappe.PermissionError):
			customers_with_problems()
		with self.assertRaises(frappe.PermissionError):
			self.report()

	def test_a_visit_confirming_contact_details_dates_the_customer(self):
		def complete(customer, contact, days_ago=0, **values):
			visit = make_visit(customer, contact=contact, visitor=VISITOR)
			visit.update(
				{
					"status": "Completed",
					"visit_datetime": add_days(now_datetime(), -days_ago),
					"outcome": "Satisfied",
					**values,
				}
			)
			visit.save(ignore_permissions=True)
			return visit

		complete(self.stale, self.stale_contact)  # not ticked: nothing confirmed
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.stale, "contact_verified_on")),
			add_days(self.today, -31),
		)
		complete(self.stale, self.stale_contact, outcome="Unreachable", contact_verified=1)
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.stale, "contact_verified_on")),
			add_days(self.today, -31),
		)
		visit = complete(self.stale, self.stale_contact, days_ago=2, contact_verified=1)
		self.assertEqual(visit.contact_email, "stale@da-test.example.com")
		self.assertEqual(visit.contact_mobile, "19975318605")
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.stale, "contact_verified_on")),
			add_days(self.today, -2),
		)
		rows, _summary, _chart = self.report(reason="not_confirmed")
		self.assertEqual([row[0] for row in rows], [self.never])
		complete(self.stale, self.stale_contact, days_ago=5, contact_verified=1)  # older: no change
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.stale, "contact_verified_on")),
			add_days(self.today, -2),
		)
		# Ticked after completion, on the completed visit
		later = complete(self.never, None)
		self.assertIsNone(frappe.db.get_value("Customer", self.never, "contact_verified_on"))
		later.contact_verified = 1
		later.save(ignore_permissions=True)
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", self.never, "contact_verified_on")), self.today
		)
