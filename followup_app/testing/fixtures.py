"""Records the integration tests start from: customers, users holding only the roles a test names, visits
and invoices, and REST tokens (imported only by test modules)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from followup_app.platform.defaults import default_company


def leaf(doctype: str) -> str:
	"""Some non-group record of a tree DocType (Customer Group, Territory)."""
	return frappe.db.get_value(doctype, {"is_group": 0}, "name", order_by="name asc")


def make_customer(name: str, **values) -> "frappe.model.document.Document":
	"""A customer named `name` (replaced if it exists), created `created_days_ago` days ago."""
	created_days_ago = values.pop("created_days_ago", None)
	if frappe.db.exists("Customer", name):
		frappe.delete_doc("Customer", name, force=True, ignore_permissions=True)
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": name,
			"customer_group": leaf("Customer Group"),
			"territory": leaf("Territory"),
			**values,
		}
	).insert(ignore_permissions=True)
	if created_days_ago is not None:
		created = add_days(nowdate(), -created_days_ago)
		frappe.db.set_value("Customer", customer.name, "creation", created, update_modified=False)
	return customer


def make_user(email: str, *roles: str) -> str:
	"""An enabled system user with exactly `roles`, who gets notifications in the desk only.

	No notification email: Frappe delivers test mail at once, and a failed delivery through an
	outgoing account of the site commits its error status, and the test's data with it.
	"""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.set("roles", [])
	user.add_roles(*roles)
	if frappe.db.exists("Notification Settings", email):
		frappe.db.set_value("Notification Settings", email, "enable_email_notifications", 0)
	return email


def api_token(user: str) -> str:
	"""A fresh API key and secret for `user`, as the Authorization header of REST calls."""
	doc = frappe.get_doc("User", user)
	doc.api_key = frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	return f"token {doc.api_key}:{secret}"


def make_visit(customer: str, **values) -> "frappe.model.document.Document":
	"""A Visit Record for `customer`, Planned today unless `values` say otherwise."""
	return frappe.get_doc(
		{
			"doctype": "Visit Record",
			"customer": customer,
			"visit_type": "Routine Maintenance",
			"channel": "Phone",
			"status": "Planned",
			"planned_date": nowdate(),
			**values,
		}
	).insert(ignore_permissions=True)


def make_invoice(customer: str, submit: bool = True, **values) -> "frappe.model.document.Document":
	"""A Sales Invoice of 100 for `customer` (one non-stock item), submitted unless `submit` is False."""
	company = default_company()
	item = (
		frappe.db.get_value("Item", {"item_code": "_Test Followup Item"})
		or frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": "_Test Followup Item",
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		)
		.insert()
		.name
	)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": customer,
			"company": company,
			"posting_date": nowdate(),
			"due_date": nowdate(),
			"items": [{"item_code": item, "qty": 1, "rate": 100}],
			**values,
		}
	).insert()
	if submit:
		invoice.submit()
	return invoice


def use_holiday_list(name: str, holidays: list, from_days: int = -5, to_days: int = 30) -> str:
	"""A Holiday List `name` (replaced if it exists) around today with `holidays` (dates), made the
	holiday list of Followup Settings."""
	frappe.db.delete("Holiday", {"parent": name})
	frappe.db.delete("Holiday List", {"name": name})
	frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": add_days(nowdate(), from_days),
			"to_date": add_days(nowdate(), to_days),
			"holidays": [{"holiday_date": day, "description": str(day)} for day in holidays],
		}
	).insert()
	frappe.db.set_single_value("Followup Settings", "holiday_list", name)
	return name


def make_survey(
	customer: str, template: str, channel: str = "Phone", **values
) -> "frappe.model.document.Document":
	"""A Draft Satisfaction Survey of `template` for `customer`."""
	return frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"customer": customer,
			"survey_template": template,
			"channel": channel,
			**values,
		}
	).insert(ignore_permissions=True)


def delete_committed_customer(customer: str):
	"""Remove a customer a test class committed (its REST requests run on their own connection), with
	its surveys and their ToDos, mails and points, and its visits; then commit."""
	frappe.set_user("Administrator")
	for name in frappe.get_all("Satisfaction Survey", filters={"customer": customer}, pluck="name"):
		for doctype in ("ToDo", "Email Queue", "Loyalty Points"):
			frappe.db.delete(doctype, {"reference_name": name})
		frappe.delete_doc("Satisfaction Survey", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("Visit Record", filters={"customer": customer}, pluck="name"):
		frappe.delete_doc("Visit Record", name, force=True, ignore_permissions=True)  # with its rows
	frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	frappe.db.commit()


class CommittedCustomerTestCase(FrappeTestCase):
	"""For tests whose REST requests run on their own database connection: setUpClass commits the
	customer `customer` and its records, which go after the last test; each test's own changes are
	rolled back."""

	customer = ""

	@classmethod
	def tearDownClass(cls):
		delete_committed_customer(cls.customer)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
