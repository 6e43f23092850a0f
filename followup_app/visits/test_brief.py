"""The customer brief against a hand-built history: exact figures, links, permissions, fixed queries."""

from contextlib import contextmanager
from urllib.parse import quote

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate

from followup_app.demo.records import cover_fiscal_years
from followup_app.platform.compat import desk_path
from followup_app.platform.defaults import default_company
from followup_app.testing.fixtures import make_customer, make_invoice, make_survey, make_user, make_visit
from followup_app.visits.brief import get_brief

MANAGER = "brief.manager@example.com"
VISITOR = "brief.visitor@example.com"
OTHER = "brief.other@example.com"


def make_item(code: str) -> str:
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return code


@contextmanager
def counted_queries():
	"""Counts the SQL statements run inside the block."""
	queries = []
	original = frappe.db.__class__.sql

	def counting(*args, **kwargs):
		queries.append(args[1] if len(args) > 1 else kwargs.get("query"))
		return original(*args, **kwargs)

	frappe.db.__class__.sql = counting
	try:
		yield queries
	finally:
		frappe.db.__class__.sql = original


class TestCustomerBrief(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		make_user(MANAGER, "Followup Manager")
		make_user(VISITOR, "Followup User")
		make_user(OTHER, "Followup User")
		today = getdate(nowdate())
		cover_fiscal_years(default_company(), add_days(today, -420), today)
		if not frappe.db.exists("Industry Type", "_Test Brief Industry"):
			frappe.get_doc({"doctype": "Industry Type", "industry": "_Test Brief Industry"}).insert()
		self.customer = make_customer(
			f"_Test Brief Customer {frappe.generate_hash(length=6)}",
			industry="_Test Brief Industry",
			account_manager=MANAGER,
			followup_tier="Key",
			lifecycle_stage="Active",
			preferred_channel="WeChat",
			preferred_contact_time="工作日 上午",
		).name
		self.contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Wang",
				"last_name": "Li",
				"designation": "Purchasing Manager",
				"email_ids": [{"email_id": "wang.li@example.com", "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": self.customer}],
				"is_primary_contact": 1,
			}
		).insert(ignore_permissions=True)
		self.item_a, self.item_b = make_item("_Test Brief Item A"), make_item("_Test Brief Item B")
		self.build_history(today)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def invoice(self, days_ago: int, items: list[tuple[str, int, float]], **values):
		return make_invoice(
			self.customer,
			posting_date=add_days(nowdate(), -days_ago),
			due_date=add_days(nowdate(), -days_ago),
			set_posting_time=1,
			items=[{"item_code": code, "qty": qty, "rate": rate} for code, qty, rate in items],
			**values,
		)

	def build_history(self, today):
		self.invoice(400, [(self.item_a, 5, 100)])  # before the last 12 months
		self.invoice(200, [(self.item_a, 2, 100), (self.item_b, 2, 200)])
		self.invoice(10, [(self.item_a, 1, 100)])
		self.invoice(5, [(self.item_b, 9, 1000)], submit=False)  # a draft counts for nothing
		frappe.db.delete("Visit Record", {"customer": self.customer})  # the activation visit
		self.visits = []
		for days_ago, outcome, summary, visitor in (
			(60, "Satisfied", "First call", VISITOR),
			(30, "Has Issues", "Late delivery", VISITOR),
			(20, "High Potential", "Wants the new model", OTHER),
			(3, "Satisfied", "All good", VISITOR),
		):
			visit = make_visit(self.customer, visitor=visitor, planned_date=add_days(today, -days_ago))
			visit.update(
				{
					"status": "Completed",
					"visit_datetime": add_to_date(now_datetime(), days=-days_ago),
					"outcome": outcome,
					"summary": summary,
				}
			)
			if days_ago == 20:
				visit.update(
					{
						"next_action": "Send the quotation",
						"next_action_owner": OTHER,
						"next_action_due": add_days(today, 2),
					}
				)
			visit.flags.ignore_permissions = True
			visit.save()
			self.visits.append(visit.name)
		self.planned = make_visit(self.customer, visitor=VISITOR, planned_date=add_days(today, 5)).name
		for subject, status in (("Broken part", "Open"), ("Wrong invoice", "Open"), ("Old issue", "Closed")):
			complaint = frappe.get_doc(
				{
					"doctype": "Complaint",
					"customer": self.customer,
					"subject": subject,
					"severity": "Medium",
					"assigned_to": VISITOR if subject == "Broken part" else OTHER,
				}
			).insert(ignore_permissions=True)
			if status == "Closed":
				frappe.db.set_value("Complaint", complaint.name, "status", "Closed")
		survey = make_survey(self.customer, "Customer Satisfaction (CSAT)", "Link")
		frappe.db.set_value(
			"Satisfaction Survey",
			survey.name,
			{"status": "Completed", "csat": 4, "completed_on": add_to_date(now_datetime(), days=-8)},
		)
		self.survey = survey.name
		frappe.db.set_value(
			"Customer",
			self.customer,
			{
				"last_nps": 9,
				"last_nps_on": add_to_date(now_datetime(), days=-8),
				"loyalty_points_balance": 120,
				"churn_risk_score": 35,
				"churn_risk_scored_on": today,
				"churn_risk_factors": "frequency:20\nvalue:15",
				"do_not_contact": 1,
			},
		)

	def test_figures_match_the_history(self):
		brief = get_brief(self.customer)
		data, html = brief["data"], brief["html"]
		today = getdate(nowdate())
		profile = data["profile"]
		self.assertEqual(profile["tier"], "Key")
		self.assertEqual(profile["lifecycle_stage"], "Active")
		self.assertEqual(profile["account_manager"], MANAGER)
		self.assertEqual(profile["industry"], "_Test Brief Industry")
		self.assertEqual(profile["preferred_channel"], "WeChat")
		self.assertEqual(profile["preferred_contact_time"], "工作日 上午")
		self.assertTrue(profile["do_not_contact"])
		contact = data["contact"]
		self.assertEqual(
			(contact["name"], contact["full_name"], contact["designation"], contact["email"]),
			(self.contact.name, "Wang Li", "Purchasing Manager", "wang.li@example.com"),
		)

		sales = data["sales"]
		self.assertEqual(getdate(sales["first_invoice"]), add_days(today, -400))
		self.assertEqual(getdate(sales["last_invoice"]), add_days(today, -10))
		self.assertEqual(sales["revenue_12m"], 700.0)  # 200 + 400 + 100; not the old 500 nor the draft
		self.assertEqual(sales["orders_12m"], 2)
		self.assertEqual(
			[(row["item_code"], row["qty"], row["amount"]) for row in sales["top_items"]],
			[(self.item_b, 2.0, 400.0), (self.item_a, 3.0, 300.0)],
		)

		complaints = data["complaints"]
		self.assertEqual(sorted(row.subject for row in complaints["open"]), ["Broken part", "Wrong invoice"])
		self.assertTrue(all(row.sla_status for row in complaints["open"]))
		self.assertFalse(complaints["more"])

		visits = data["visits"]
		self.assertEqual(
			[row.name for row in visits["last"]], self.visits[:0:-1]
		)  # the last three, newest first
		self.assertEqual(
			[(row.outcome, row.summary) for row in visits["last"]],
			[
				("Satisfied", "All good"),
				("High Potential", "Wants the new model"),
				("Has Issues", "Late delivery"),
			],
		)
		self.assertEqual(
			[(row.name, row.next_action) for row in visits["next_actions"]],
			[(self.visits[2], "Send the quotation")],
		)
		self.assertEqual(visits["planned"].name, self.planned)

		satisfaction = data["satisfaction"]
		self.assertEqual((satisfaction["last_nps"], satisfaction["last_csat"]), (9, 4))
		self.assertEqual(satisfaction["last_csat_survey"], self.survey)
		self.assertEqual(satisfaction["points_balance"], 120)
		self.assertEqual(data["churn"]["score"], 35)
		self.assertEqual(data["churn"]["factors"], [("frequency", 20), ("value", 15)])

		# Each line links to its records.
		for route in (
			desk_path("customer-tier/Key"),
			desk_path(f"contact/{quote(self.contact.name, safe='')}"),
			desk_path(f"visit-record/{self.visits[3]}"),
			desk_path(f"visit-record/{self.planned}"),
			desk_path(f"satisfaction-survey/{self.survey}"),
			desk_path(f"item/{quote(self.item_b, safe='')}"),
			desk_path("sales-invoice?customer="),
			desk_path("loyalty-points?customer="),
			desk_path("complaint/"),
		):
			self.assertIn(route, html.replace("&amp;", "&"))
		self.assertIn("Do Not Contact", html)

	def test_blank_figures_for_a_customer_without_history(self):
		name = make_customer(f"_Test Brief Empty {frappe.generate_hash(length=6)}").name
		data = get_brief(name)["data"]
		self.assertIsNone(data["sales"]["first_invoice"])
		self.assertIsNone(data["sales"]["revenue_12m"])  # nothing bought yet: blank, not 0
		self.assertIsNone(data["sales"]["orders_12m"])
		self.assertIsNone(data["satisfaction"]["last_nps"])
		self.assertIsNone(data["satisfaction"]["last_csat"])
		self.assertIsNone(data["churn"]["score"])
		self.assertEqual(data["visits"]["last"], [])

	def test_the_readers_permissions_decide_what_shows(self):
		frappe.set_user(VISITOR)
		brief = get_brief(self.customer)
		data = brief["data"]
		# A Followup User cannot open Sales Invoices, yet sees the purchase figures, unlinked.
		self.assertEqual((data["sales"]["revenue_12m"], data["sales"]["orders_12m"]), (700.0, 2))
		self.assertEqual(getdate(data["sales"]["last_invoice"]), add_days(getdate(nowdate()), -10))
		self.assertEqual([row["item_code"] for row in data["sales"]["top_items"]], [self.item_b, self.item_a])
		self.assertFalse(data["sales"]["invoices_linked"])
		self.assertNotIn(desk_path("sales-invoice"), brief["html"])
		self.assertNotIn(desk_path("item/"), brief["html"])
		self.assertIn(_("Revenue, Last 12 Months"), brief["html"])
		# Record rules: only their own visits and the complaints assigned to them.
		self.assertEqual(
			[row.name for row in data["visits"]["last"]], [self.visits[3], self.visits[1], self.visits[0]]
		)
		self.assertEqual([row.subject for row in data["complaints"]["open"]], ["Broken part"])
		self.assertEqual(data["visits"]["next_actions"], [])  # that visit is another visitor's
		self.assertEqual(data["profile"]["tier"], "Key")  # the Follow-up tab is readable to them

		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			get_brief(self.customer)

	def test_a_company_may_hide_purchases_from_visitors(self):
		frappe.db.set_single_value("Followup Settings", "show_purchases_in_brief", 0)
		self.addCleanup(frappe.db.set_single_value, "Followup Settings", "show_purchases_in_brief", 1)
		frappe.set_user(VISITOR)
		brief = get_brief(self.customer)
		self.assertIsNone(brief["data"]["sales"])
		self.assertIn("Not shown: you cannot read Sales Invoices.", brief["html"])
		frappe.set_user(MANAGER)  # holds the app role only: hidden as well
		self.assertIsNone(get_brief(self.customer)["data"]["sales"])
		frappe.set_user("Administrator")  # may open the invoices: the switch does not apply
		self.assertTrue(get_brief(self.customer)["data"]["sales"]["invoices_linked"])

	def test_a_fixed_number_of_queries_whatever_the_history(self):
		get_brief(self.customer)  # warm the caches
		with counted_queries() as before:
			get_brief(self.customer)
		for days_ago in range(20, 40):
			self.invoice(days_ago, [(self.item_a, 1, 10)])
		for days_ago in range(5, 25):
			visit = make_visit(self.customer, visitor=VISITOR, planned_date=add_days(nowdate(), -days_ago))
			visit.update(
				{
					"status": "Completed",
					"visit_datetime": add_to_date(now_datetime(), days=-days_ago),
					"outcome": "Satisfied",
				}
			)
			visit.flags.ignore_permissions = True
			visit.save()
		get_brief(self.customer)
		with counted_queries() as after:
			data = get_brief(self.customer)["data"]
		self.assertEqual(data["sales"]["orders_12m"], 22)
		self.assertEqual(len(after), len(before), "\n".join(map(str, after)))
		self.assertLess(len(after), 40)
