"""Record-level visit permissions, proven through the list, the form and the REST API."""

from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from followup_app.testing.fixtures import api_token, make_customer, make_user, make_visit

FIRST = "visit.perm.first@example.com"
SECOND = "visit.perm.second@example.com"
MANAGER = "visit.perm.manager@example.com"
RESOURCE = "/api/resource/" + quote("Visit Record")


class TestVisitPermissions(FrappeTestCase):
	"""Uses committed records, because REST requests run on their own database connection."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(FIRST, "Followup User")
		make_user(SECOND, "Followup User")
		make_user(MANAGER, "Followup Manager")
		cls.tokens = {user: api_token(user) for user in (FIRST, SECOND, MANAGER)}
		customer = make_customer("_Test Visit Permissions")
		cls.first_visit = make_visit(customer.name, visitor=FIRST).name
		cls.second_visit = make_visit(customer.name, visitor=SECOND).name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in (cls.first_visit, cls.second_visit):
			frappe.delete_doc("Visit Record", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Customer", "_Test Visit Permissions", force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def rest(self, method: str, user: str, path: str = "", **kwargs):
		client = get_test_client()
		return make_request(
			target=getattr(client, method),
			args=(RESOURCE + path,),
			kwargs={"headers": {"Authorization": self.tokens[user]}, **kwargs},
		)

	def test_list_shows_a_followup_user_only_their_visits(self):
		frappe.set_user(FIRST)
		names = frappe.get_list("Visit Record", filters={"customer": "_Test Visit Permissions"}, pluck="name")
		self.assertEqual(names, [self.first_visit])
		frappe.set_user(MANAGER)
		names = frappe.get_list("Visit Record", filters={"customer": "_Test Visit Permissions"}, pluck="name")
		self.assertEqual(sorted(names), sorted([self.first_visit, self.second_visit]))

	def test_form_reads_and_writes_only_own_visits(self):
		frappe.set_user(FIRST)
		own = frappe.get_doc("Visit Record", self.first_visit)
		self.assertTrue(own.has_permission("read"))
		own.remarks = "called"
		own.save()
		other = frappe.get_doc("Visit Record", self.second_visit)
		self.assertFalse(other.has_permission("read"))
		self.assertRaises(frappe.PermissionError, other.check_permission, "read")
		other.remarks = "not mine"
		self.assertRaises(frappe.PermissionError, other.save)

	def test_followup_user_cannot_create_a_visit_for_someone_else(self):
		frappe.set_user(FIRST)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Visit Record",
					"customer": "_Test Visit Permissions",
					"visit_type": "Routine Maintenance",
					"status": "Planned",
					"planned_date": frappe.utils.nowdate(),
					"visitor": SECOND,
				}
			).insert()
		own = frappe.get_doc(
			{
				"doctype": "Visit Record",
				"customer": "_Test Visit Permissions",
				"visit_type": "Routine Maintenance",
				"status": "Planned",
				"planned_date": frappe.utils.nowdate(),
			}
		).insert()
		self.assertEqual(own.visitor, FIRST)

	def test_rest_api_applies_the_same_rule(self):
		listing = self.rest(
			"get", FIRST, query_string={"filters": '[["customer","=","_Test Visit Permissions"]]'}
		)
		self.assertEqual(listing.status_code, 200)
		self.assertEqual([row["name"] for row in listing.json["data"]], [self.first_visit])

		self.assertEqual(self.rest("get", FIRST, "/" + self.first_visit).status_code, 200)
		self.assertEqual(self.rest("get", FIRST, "/" + self.second_visit).status_code, 403)
		self.assertEqual(
			self.rest("put", FIRST, "/" + self.second_visit, json={"remarks": "x"}).status_code, 403
		)
		self.assertEqual(self.rest("get", MANAGER, "/" + self.second_visit).status_code, 200)
		self.assertIsNone(frappe.db.get_value("Visit Record", self.second_visit, "remarks"))
