"""Integration tests of the daily visit planner."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from followup_app.core.chunks import Span
from followup_app.scheduling.nightly import run_customer_steps
from followup_app.testing.fixtures import make_customer, make_user, make_visit, use_holiday_list
from followup_app.testing.queries import counted_queries
from followup_app.visits import planner
from followup_app.visits.planner import plan_due_visits

VISITOR = "planner.visitor@example.com"


class TestPlanner(FrappeTestCase):
	def setUp(self):
		self.today = getdate(nowdate())
		make_user(VISITOR, "Followup User")
		frappe.db.set_single_value("Followup Settings", "default_visitor", VISITOR)
		# Only this test's customers take part: every other customer is set aside.
		frappe.db.sql("update tabCustomer set do_not_contact = 1")

	def tearDown(self):
		frappe.db.rollback()

	def visits_of(self, customer, **filters):
		return frappe.get_all(
			"Visit Record",
			filters={"customer": customer, **filters},
			fields=[
				"name",
				"status",
				"visit_type",
				"planned_date",
				"visitor",
				"followup_policy",
				"visit_script",
			],
		)

	def open_todos(self, visit):
		return frappe.get_all(
			"ToDo",
			filters={"reference_type": "Visit Record", "reference_name": visit, "status": "Open"},
			pluck="allocated_to",
		)

	def test_plans_due_customer_with_todo_script_and_next_visit_due(self):
		due = make_customer("_Test Planner Due", followup_tier="Normal", created_days_ago=100)
		later = make_customer("_Test Planner Later", followup_tier="Normal", created_days_ago=10)
		result = plan_due_visits()

		self.assertEqual(result["planned"], 1)
		[visit] = self.visits_of(due.name)
		self.assertEqual(visit.status, "Planned")
		self.assertEqual(visit.followup_policy, "Normal")
		self.assertEqual(visit.visit_type, "Routine Maintenance")
		self.assertEqual(visit.visitor, VISITOR)
		self.assertEqual(getdate(visit.planned_date), self.today)
		self.assertEqual(self.open_todos(visit.name), [VISITOR])
		doc = frappe.get_doc("Visit Record", visit.name)
		self.assertEqual(doc.visit_script, "Routine Maintenance")
		self.assertTrue(doc.script_answers and all(row.question for row in doc.script_answers))
		self.assertEqual(getdate(frappe.db.get_value("Customer", due.name, "next_visit_due")), self.today)

		self.assertEqual(self.visits_of(later.name), [])
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", later.name, "next_visit_due")),
			getdate(add_days(self.today, 80)),
		)

	def test_running_twice_plans_nothing_new(self):
		make_customer("_Test Planner Twice", followup_tier="VIP", created_days_ago=30)
		self.assertEqual(plan_due_visits()["planned"], 1)
		self.assertEqual(plan_due_visits()["planned"], 0)
		self.assertEqual(len(self.visits_of("_Test Planner Twice")), 1)
		self.assertEqual(
			frappe.db.count(
				"ToDo", {"reference_type": "Visit Record", "description": ("like", "%_Test Planner Twice%")}
			),
			1,
		)

	def test_database_refuses_a_second_planned_policy_visit(self):
		customer = make_customer("_Test Planner Race", followup_tier="VIP", created_days_ago=30)
		schedules = planner.load_customer_schedules([customer.name])
		plans = [planner.plan_customer(schedules[0], planner.load_policies(), self.today, set())]
		visitors = {customer.name: VISITOR}
		# Two planners that both read the customer before either wrote: the second insert is refused.
		first = planner.insert_visits(plans, visitors, lambda *args: None)
		second = planner.insert_visits(plans, visitors, lambda *args: None)
		self.assertEqual(len(first), 1)
		self.assertEqual(second, {})
		self.assertEqual(len(self.visits_of(customer.name, status="Planned")), 1)
		self.assertEqual(
			frappe.db.count(
				"ToDo", {"reference_type": "Visit Record", "allocated_to": VISITOR, "status": "Open"}
			),
			1,
		)
		with self.assertRaises(frappe.UniqueValidationError):
			make_visit(customer.name, followup_policy="VIP")

	def test_skips_do_not_contact_disabled_and_already_planned(self):
		make_customer("_Test Planner Opted Out", followup_tier="VIP", do_not_contact=1, created_days_ago=30)
		make_customer("_Test Planner Disabled", followup_tier="VIP", disabled=1, created_days_ago=30)
		planned = make_customer("_Test Planner Has Visit", followup_tier="VIP", created_days_ago=30)
		make_visit(planned.name, planned_date=add_days(self.today, 5))
		self.assertEqual(plan_due_visits()["planned"], 0)
		self.assertEqual(len(self.visits_of(planned.name)), 1)

	def test_due_date_counts_from_last_completed_visit_then_first_invoice(self):
		customer = make_customer("_Test Planner Visited", followup_tier="Key", created_days_ago=300)
		make_visit(
			customer.name,
			status="Completed",
			visit_datetime=add_days(self.today, -10),
			outcome="Satisfied",
			visit_script=None,
		)
		self.assertEqual(plan_due_visits()["planned"], 0)
		self.assertEqual(
			getdate(frappe.db.get_value("Customer", customer.name, "next_visit_due")),
			getdate(add_days(self.today, 20)),
		)

	def test_round_robin_is_balanced_across_the_role(self):
		users = [make_user(f"planner.rr{i}@example.com", "Followup User") for i in range(3)]
		frappe.db.sql(
			"update `tabHas Role` set role = 'Sales User' where parent not in %s and role = 'Followup User'",
			(users,),
		)
		policy = frappe.get_doc("Followup Policy", "VIP")
		policy.assignment = "Round Robin in Role"
		policy.assignee_role = "Followup User"
		policy.save()
		for index in range(7):
			make_customer(f"_Test Planner RR {index}", followup_tier="VIP", created_days_ago=30)
		self.assertEqual(plan_due_visits()["planned"], 7)
		counts = {
			user: frappe.db.count("Visit Record", {"visitor": user, "status": "Planned"}) for user in users
		}
		self.assertEqual(sorted(counts.values()), [2, 2, 3])

	def test_specific_user_and_account_manager_assignment(self):
		manager = make_user("planner.am@example.com", "Followup User")
		customer = make_customer(
			"_Test Planner AM", followup_tier="Key", account_manager=manager, created_days_ago=60
		)
		plan_due_visits()
		self.assertEqual(self.visits_of(customer.name)[0].visitor, manager)

	def test_policy_for_a_parent_group_matches_its_descendants(self):
		root = frappe.db.get_value(
			"Customer Group", {"is_group": 1, "parent_customer_group": ("in", ("", None))}
		)
		frappe.get_doc(
			{
				"doctype": "Followup Policy",
				"policy_name": "_Test Group Policy",
				"priority": 0,
				"customer_group": root,
				"territory": "",
				"interval_days": 10,
				"visit_type": "Satisfaction Check",
			}
		).insert()
		customer = make_customer("_Test Planner Group", created_days_ago=12)
		plan_due_visits()
		[visit] = self.visits_of(customer.name)
		self.assertEqual(
			(visit.followup_policy, visit.visit_type), ("_Test Group Policy", "Satisfaction Check")
		)

	def test_planned_date_skips_holidays(self):
		use_holiday_list("_Test Followup Holidays", [self.today, add_days(self.today, 1)])
		customer = make_customer("_Test Planner Holiday", followup_tier="VIP", created_days_ago=30)
		plan_due_visits()
		self.assertEqual(
			getdate(self.visits_of(customer.name)[0].planned_date), getdate(add_days(self.today, 2))
		)

	def test_a_failing_customer_is_logged_and_skipped(self):
		make_customer("_Test Planner Broken", followup_tier="VIP", created_days_ago=30)
		good = make_customer("_Test Planner Fine", followup_tier="VIP", created_days_ago=30)
		real = planner.plan_customer

		def plan_or_fail(customer, *args):
			if customer.name == "_Test Planner Broken":
				raise ValueError("broken customer")
			return real(customer, *args)

		errors_before = frappe.db.count("Error Log")
		with patch.object(planner, "plan_customer", plan_or_fail):
			result = plan_due_visits()
		self.assertEqual(result["failed"], 1)
		self.assertEqual(len(self.visits_of(good.name)), 1)
		self.assertEqual(frappe.db.count("Error Log"), errors_before + 1)

	def test_query_count_does_not_grow_with_customers(self):
		def queries_for(count, prefix):
			for index in range(count):
				make_customer(f"_Test Planner {prefix} {index}", followup_tier="VIP", created_days_ago=30)
			with counted_queries() as statements:
				self.assertEqual(plan_due_visits()["planned"], count)
			frappe.db.sql("update tabCustomer set do_not_contact = 1")
			return len(statements)

		queries_for(2, "Warm-up")  # loads the metadata caches the setup's user changes cleared
		small = queries_for(3, "Small")
		large = queries_for(30, "Large")
		self.assertEqual(small, large)

	def test_turned_off_planning_plans_nothing(self):
		make_customer("_Test Planner Off", followup_tier="VIP", created_days_ago=30)
		frappe.db.set_single_value("Followup Settings", "enable_visit_planning", 0)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(self.visits_of("_Test Planner Off"), [])
		frappe.db.set_single_value("Followup Settings", "enable_visit_planning", 1)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(len(self.visits_of("_Test Planner Off")), 1)
