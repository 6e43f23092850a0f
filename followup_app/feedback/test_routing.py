"""Feedback routing: a visit's Problems, Requests and Suggestions and a survey's tagged answers reach
their category's owner (a user or a role) as one ToDo per record and category, once however often the
record is saved."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from followup_app.testing.fixtures import make_customer, make_survey, make_user, make_visit

VISITOR = "routing.visitor@example.com"
OWNER = "routing.owner@example.com"
OWNER_ZH = "routing.owner.zh@example.com"
ROLE_USERS = ("routing.logistics.a@example.com", "routing.logistics.b@example.com")
ROLE = "_Test Routing Logistics"


def make_department(name: str) -> str:
	"""A Department of the site's first company."""
	company = frappe.db.get_value("Company", {}, "name", order_by="creation asc")
	existing = frappe.db.get_value("Department", {"department_name": name, "company": company})
	if existing:
		return existing
	return (
		frappe.get_doc({"doctype": "Department", "department_name": name, "company": company})
		.insert(ignore_permissions=True)
		.name
	)


def make_category(name: str, **values) -> str:
	"""A Feedback Category named `name` with `values` (replaced if it exists)."""
	if frappe.db.exists("Feedback Category", name):
		frappe.delete_doc("Feedback Category", name, force=True, ignore_permissions=True)
	return frappe.get_doc({"doctype": "Feedback Category", "category_name": name, **values}).insert().name


class RoutingTestCase(FrappeTestCase):
	"""Owners: a user (en), a user (zh) and a role of two users; categories owned by each."""

	def setUp(self):
		frappe.set_user("Administrator")
		make_user(VISITOR, "Followup User")
		make_user(OWNER, "Followup User")
		make_user(OWNER_ZH, "Followup User")
		frappe.db.set_value("User", OWNER_ZH, "language", "zh")
		frappe.db.set_value("User", OWNER, "language", "en")
		if not frappe.db.exists("Role", ROLE):
			frappe.get_doc({"doctype": "Role", "role_name": ROLE, "desk_access": 1}).insert()
		for user in ROLE_USERS:
			make_user(user, "Followup User", ROLE)
		settings = frappe.get_single("Followup Settings")
		settings.set("outcome_rules", [])
		settings.complaints_from_problems = 1
		settings.save()
		self.department = make_department("_Test Routing Quality")
		self.quality = make_category("_Test Routing Quality", department=self.department, owner_user=OWNER)
		self.delivery = make_category("_Test Routing Delivery", owner_role=ROLE)
		self.price = make_category("_Test Routing Price", owner_user=OWNER_ZH)
		self.unowned = make_category("_Test Routing Unowned")
		self.customer = make_customer(f"_Test Routing 华星 {frappe.generate_hash(length=5)}").name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Followup Settings", "Followup Settings")

	def complete(self, feedback, visit=None):
		visit = visit or make_visit(self.customer, visitor=VISITOR)
		visit.update({"status": "Completed", "visit_datetime": now_datetime(), "outcome": "Has Issues"})
		for row in visit.script_answers:
			row.answer = "Yes"
		for feedback_type, category, description in feedback:
			visit.append(
				"feedback_items",
				{"feedback_type": feedback_type, "category": category, "description": description},
			)
		visit.flags.ignore_permissions = True
		visit.save()
		return visit

	def todos(self, doc, user=None) -> list[dict]:
		filters = {"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"}
		if user:
			filters["allocated_to"] = user
		return frappe.get_all(
			"ToDo",
			filters=filters,
			fields=["allocated_to", "description", "followup_feedback_category"],
			order_by="creation asc",
		)


class TestVisitRouting(RoutingTestCase):
	def test_problems_requests_suggestions_reach_the_owner_once(self):
		visit = self.complete(
			[
				("Problem", self.quality, "屏幕有划痕"),
				("Suggestion", self.quality, "Pack the screens better"),
				("Praise", self.quality, "Friendly engineer"),
				("Need", self.quality, "Wants a second unit"),
			]
		)
		todos = self.todos(visit, OWNER)
		self.assertEqual(len(todos), 1)
		self.assertEqual(todos[0].followup_feedback_category, self.quality)
		description = todos[0].description
		self.assertIn(frappe.db.get_value("Customer", self.customer, "customer_name"), description)
		self.assertIn("屏幕有划痕", description)
		self.assertIn("Pack the screens better", description)
		self.assertNotIn("Friendly engineer", description)
		self.assertNotIn("Wants a second unit", description)
		# The Problem still became a Complaint for the visitor.
		visit.reload()
		problem = visit.feedback_items[0]
		self.assertTrue(problem.complaint)
		self.assertEqual(frappe.db.get_value("Complaint", problem.complaint, "assigned_to"), VISITOR)
		self.assertEqual(
			(problem.routed_category, problem.routed_to), (self.quality, OWNER), "the row records its routing"
		)
		self.assertTrue(problem.routed_on)
		self.assertFalse(visit.feedback_items[2].routed_category, "praise is not routed")

		# Saved again, and saved again completed: nothing new.
		visit.remarks = "Called back"
		visit.save()
		visit.reload()
		visit.save()
		all_todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Visit Record", "reference_name": visit.name, "allocated_to": OWNER},
		)
		self.assertEqual(len(all_todos), 1)
		self.assertEqual(self.todos(visit, OWNER)[0].description, description)

	def test_a_request_added_later_joins_the_owners_open_todo(self):
		visit = self.complete([("Problem", self.quality, "Scratched screen")])
		visit.append(
			"feedback_items",
			{"feedback_type": "Request", "category": self.quality, "description": "Send a spare"},
		)
		visit.save()
		todos = self.todos(visit, OWNER)
		self.assertEqual(len(todos), 1)
		self.assertIn("Scratched screen", todos[0].description)
		self.assertIn("Send a spare", todos[0].description)
		self.assertEqual(todos[0].description.count("Scratched screen"), 1)

	def test_another_category_of_the_same_owner_gets_a_todo_of_its_own(self):
		make_category("_Test Routing Quality 2", owner_user=OWNER)
		visit = self.complete([("Problem", self.quality, "Scratched screen")])
		visit.append(
			"feedback_items",
			{
				"feedback_type": "Suggestion",
				"category": "_Test Routing Quality 2",
				"description": "Foam corners",
			},
		)
		visit.save()
		visit.save()
		todos = self.todos(visit, OWNER)
		self.assertEqual(
			[todo.followup_feedback_category for todo in todos], [self.quality, "_Test Routing Quality 2"]
		)
		self.assertNotIn("Foam corners", todos[0].description)
		self.assertIn("Foam corners", todos[1].description)
		self.assertEqual(todos[1].description.count("Foam corners"), 1)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": OWNER, "document_name": visit.name, "type": "Assignment"},
			)
		)

	def test_a_role_owner_reaches_each_enabled_user_of_the_role(self):
		frappe.db.set_value("User", ROLE_USERS[1], "enabled", 0)
		visit = self.complete([("Problem", self.delivery, "货晚到三天")])
		self.assertEqual([todo.allocated_to for todo in self.todos(visit)], [ROLE_USERS[0]])
		self.assertIn("货晚到三天", self.todos(visit)[0].description)
		visit.reload()
		self.assertEqual(visit.feedback_items[0].routed_to, ROLE_USERS[0])
		frappe.db.set_value("User", ROLE_USERS[1], "enabled", 1)
		visit.save()
		self.assertEqual(len(self.todos(visit)), 1, "a routed row is not routed again")

	def test_an_owner_of_two_categories_gets_a_todo_per_category_in_their_language(self):
		make_category("_Test Routing Price 2", owner_user=OWNER_ZH)
		visit = self.complete(
			[
				("Request", self.price, "Discount for 100 units"),
				("Problem", "_Test Routing Price 2", "Invoice wrong"),
			]
		)
		todos = sorted(self.todos(visit, OWNER_ZH), key=lambda todo: todo.followup_feedback_category)
		self.assertEqual(
			[todo.followup_feedback_category for todo in todos], sorted([self.price, "_Test Routing Price 2"])
		)
		by_category = {todo.followup_feedback_category: todo.description for todo in todos}
		self.assertIn("的客户反馈", by_category[self.price])
		self.assertIn("请求: Discount for 100 units", by_category[self.price])
		self.assertNotIn("Invoice wrong", by_category[self.price])
		self.assertIn("问题: Invoice wrong", by_category["_Test Routing Price 2"])
		visit.save()
		self.assertEqual(len(self.todos(visit, OWNER_ZH)), 2, "never twice")

	def test_the_visitor_as_owner_gets_the_feedback_beside_their_visit_todo(self):
		make_category("_Test Routing Visitor Owned", owner_user=VISITOR)
		visit = make_visit(self.customer, visitor=VISITOR)
		planned = self.todos(visit, VISITOR)
		self.assertEqual(len(planned), 1, "the planned visit's ToDo")
		visit.append(
			"feedback_items",
			{
				"feedback_type": "Request",
				"category": "_Test Routing Visitor Owned",
				"description": "Call at 9",
			},
		)
		self.complete([], visit=visit)
		routed = [todo for todo in self.todos(visit, VISITOR) if todo.followup_feedback_category]
		self.assertEqual(len(routed), 1)
		self.assertIn("Call at 9", routed[0].description)

	def test_categories_without_owner_and_planned_visits_route_nothing(self):
		visit = make_visit(self.customer, visitor=VISITOR)
		visit.append(
			"feedback_items",
			{"feedback_type": "Problem", "category": self.quality, "description": "Early note"},
		)
		visit.save(ignore_permissions=True)
		self.assertEqual(self.todos(visit, OWNER), [], "a planned visit is not routed")
		visit = self.complete([("Problem", self.unowned, "Nobody owns this")], visit=visit)
		visit.reload()
		self.assertEqual(self.todos(visit, OWNER)[0].description.count("Early note"), 1)
		self.assertFalse(visit.feedback_items[1].routed_category)
		self.assertFalse([todo for todo in self.todos(visit) if "Nobody owns this" in todo.description])

	def test_the_owner_may_open_the_visit_of_their_todo(self):
		visit = self.complete([("Problem", self.quality, "Scratched screen")])
		self.assertTrue(frappe.has_permission("Visit Record", "read", doc=visit.name, user=OWNER))


class TestSurveyRouting(RoutingTestCase):
	def survey(self):
		template = frappe.get_doc(
			{
				"doctype": "Survey Template",
				"template_name": f"_Test Routing Survey {frappe.generate_hash(length=5)}",
				"enabled": 1,
				"questions": [
					{"question": "Rate us", "question_type": "Rating 1-5", "required": 1},
					{"question": "Anything else?", "question_type": "Text"},
				],
			}
		).insert()
		survey = make_survey(self.customer, template.name, "Phone")
		survey.answers[0].answer_value = 4
		survey.answers[1].answer_text = "送货太慢 & 包装破损"
		survey.save()
		survey.complete_in_desk()
		survey.reload()
		self.assertEqual(survey.status, "Completed")
		return survey

	def test_a_tagged_answer_reaches_the_owner_once(self):
		survey = self.survey()
		self.assertEqual(self.todos(survey, OWNER), [], "an untagged answer is not routed")
		survey.answers[1].category = self.quality
		survey.save()
		todos = self.todos(survey, OWNER)
		self.assertEqual(len(todos), 1)
		self.assertIn("送货太慢 &amp; 包装破损", todos[0].description, "escaped once, as the ToDo shows it")
		survey.reload()
		self.assertEqual(survey.answers[1].routed_category, self.quality)
		# Tagged again with the same category, saved again: nothing new.
		survey.answers[1].category = self.quality
		survey.save()
		survey.reload()
		survey.save()
		self.assertEqual(
			len(frappe.get_all("ToDo", filters={"reference_name": survey.name, "allocated_to": OWNER})), 1
		)
		# Tagged with another category: that category's owner gets it.
		survey.answers[1].category = self.price
		survey.save()
		self.assertEqual(len(self.todos(survey, OWNER_ZH)), 1)

	def test_a_followup_user_tags_a_completed_survey(self):
		survey = self.survey()
		# The survey is the visitor's to work: they manage its customer (the survey record rule).
		frappe.db.set_value("Customer", self.customer, "account_manager", VISITOR)
		frappe.set_user(VISITOR)
		survey = frappe.get_doc("Satisfaction Survey", survey.name)
		survey.answers[1].category = self.delivery
		survey.save()
		frappe.set_user("Administrator")
		self.assertEqual(sorted(todo.allocated_to for todo in self.todos(survey)), sorted(ROLE_USERS))


class TestFeedbackCategoryOwner(RoutingTestCase):
	def test_a_department_needs_an_owner_and_one_owner_only(self):
		with self.assertRaises(frappe.ValidationError):
			make_category("_Test Routing No Owner", department=self.department)
		with self.assertRaises(frappe.ValidationError):
			make_category("_Test Routing Two Owners", owner_user=OWNER, owner_role=ROLE)
		frappe.db.set_value("User", OWNER, "enabled", 0)
		with self.assertRaises(frappe.ValidationError):
			make_category("_Test Routing Disabled", owner_user=OWNER)
		self.assertFalse(frappe.db.exists("Feedback Category", "_Test Routing No Owner"))

	def test_errors_are_translated(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "负责部门"):
				make_category("_Test Routing No Owner", department=self.department)
		finally:
			frappe.local.lang = "en"
