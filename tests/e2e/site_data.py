"""The records the browser journeys start from, made with Frappe on the served site, and removed after.

Personas hold only the app's roles (plus one System Manager). Names carry a run id, so a run never
meets the leftovers of another.
"""

import frappe
from desk import PASSWORD
from frappe.utils import add_days, nowdate
from frappe.utils.password import update_password

from followup_app.platform.compat import desk_path
from followup_app.testing.fixtures import make_visit

PERSONAS = {
	"visitor": ("e2e-visitor@example.com", ("Followup User",), "en"),
	"visitor_zh": ("e2e-visitor-zh@example.com", ("Followup User",), "zh"),
	"manager": ("e2e-manager@example.com", ("Followup Manager",), "en"),
	"manager_zh": ("e2e-manager-zh@example.com", ("Followup Manager",), "zh"),
	# Owner of a feedback category (a department's person), holding only Followup User.
	"owner": ("e2e-owner@example.com", ("Followup User",), "en"),
	# Audits customer data in Chinese, holding only Followup Manager.
	"auditor_zh": ("e2e-auditor-zh@example.com", ("Followup Manager",), "zh"),
	# Reads visits, complaints and surveys (ERPNext's Sales Manager) but not their phone and email.
	"sales": ("e2e-sales@example.com", ("Sales Manager",), "en"),
	# The site's administrator, as ERPNext's setup wizard makes the first user: every desk role.
	"admin": ("e2e-admin@example.com", (), "en"),
}
AUTOMATIC_ROLES = ("Administrator", "Guest", "All", "Desk User")
# What journeys create and the run removes: (doctype, field naming the customer).
CUSTOMER_RECORDS = (
	("Visit Record", "customer"),
	("Complaint", "customer"),
	("Satisfaction Survey", "customer"),
	("Loyalty Points", "customer"),
	("Opportunity", "party_name"),
)


def connect(site: str):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")


def fresh():
	"""Start a new read snapshot, to see what the browser has just written."""
	frappe.db.rollback()


def create() -> dict:
	"""Personas, customers (one per persona journey) with contacts and planned visits; committed."""
	from followup_app.testing.fixtures import make_customer, make_user

	run = frappe.generate_hash(length=5)
	users = {}
	every_role = frappe.get_all(
		"Role", filters={"desk_access": 1, "disabled": 0, "name": ("not in", AUTOMATIC_ROLES)}, pluck="name"
	)
	for key, (email, roles, language) in PERSONAS.items():
		make_user(email, *(roles or every_role))
		frappe.db.set_value("User", email, {"language": language, "enabled": 1})
		update_password(email, PASSWORD)
		users[key] = email
	visitor = users["visitor"]
	customers = {}
	for key, name, owner in (
		("visitor", f"E2E 华星贸易 {run}", visitor),
		("visitor_zh", f"E2E 蓝海科技 {run}", users["visitor_zh"]),
		("manager", f"E2E Northwind {run}", visitor),
		("routing", f"E2E 远航物流 {run}", visitor),
	):
		customer = make_customer(name, account_manager=owner, followup_tier="Key", created_days_ago=100)
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "王",
				"last_name": f"经理 {run}",
				"email_ids": [{"email_id": f"wang.{key}.{run}@example.com", "is_primary": 1}],
				"phone_nos": [{"phone": "13800138000", "is_primary_mobile_no": 1}],
				"links": [{"link_doctype": "Customer", "link_name": customer.name}],
			}
		).insert(ignore_permissions=True)
		customers[key] = customer.name
		# As the Customer form does on choosing its primary contact.
		frappe.db.set_value(
			"Customer",
			customer.name,
			{
				"customer_primary_contact": contact.name,
				"email_id": contact.email_id,
				"mobile_no": contact.mobile_no,
			},
		)
	# A customer the Customer Data Audit lists: no contact, no tier, no account manager.
	audit_customer = make_customer(f"E2E 资料不全 {run}", created_days_ago=400).name
	visits = {}
	script = frappe.db.get_value("Visit Script", {"visit_type": "Routine Maintenance"})
	for key in ("visitor", "visitor_zh"):
		visit = frappe.get_doc(
			{
				"doctype": "Visit Record",
				"customer": customers[key],
				"visit_type": "Routine Maintenance",
				"channel": "Phone",
				"status": "Planned",
				"planned_date": nowdate(),
				"planned_time": "10:30:00",  # as the planner gives one (Frappe would put the clock's time)
				"visitor": users[key],
				"visit_script": script,
			}
		)
		visit.insert(ignore_permissions=True)
		visits[key] = visit.name
	item = purchases(run, [customers["visitor"], customers["visitor_zh"]])
	# The visitor's customer has a history for the brief: an earlier call, a preferred time.
	frappe.db.set_value(
		"Customer",
		customers["visitor"],
		{"preferred_channel": "Phone", "preferred_contact_time": "工作日 上午", "industry": None},
	)
	earlier = frappe.get_doc(
		{
			"doctype": "Visit Record",
			"customer": customers["visitor"],
			"visit_type": "Satisfaction Check",
			"channel": "Phone",
			"status": "Planned",
			"planned_date": add_days(nowdate(), -30),
			"visitor": visitor,
		}
	).insert(ignore_permissions=True)
	earlier.update(
		{
			"status": "Completed",
			"visit_datetime": f"{add_days(nowdate(), -30)} 10:00:00",
			"outcome": "Satisfied",
			"summary": f"E2E earlier call {run}: happy with the last delivery",
		}
	)
	earlier.save(ignore_permissions=True)
	# An on-site visit the visitor answers on a phone.
	onsite = frappe.get_doc(
		{
			"doctype": "Visit Record",
			"customer": customers["visitor"],
			"visit_type": "Routine Maintenance",
			"channel": "On-site",
			"status": "Planned",
			"planned_date": nowdate(),
			"planned_time": "14:00:00",
			"visitor": visitor,
			"visit_script": script,
		}
	).insert(ignore_permissions=True)
	visits["onsite"] = onsite.name
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint",
			"customer": customers["manager"],
			"subject": f"E2E late delivery {run}",
			"severity": "Medium",
			"category": "Delivery",
			"assigned_to": users["manager"],
		}
	).insert(ignore_permissions=True)
	points = frappe.get_doc(
		{
			"doctype": "Loyalty Points",
			"customer": customers["manager"],
			"transaction_type": "Earn",
			"reason": "Manual",
			"points": 50,
			"posting_date": nowdate(),
			"expiry_date": add_days(nowdate(), 365),
		}
	).insert(ignore_permissions=True)
	points.submit()
	routing = route_feedback(run, customers["routing"], visitor, users["owner"])
	frappe.db.commit()
	return {
		**routing,
		"desk": desk_path("").rstrip("/"),  # /app on Frappe v15, /desk on v16
		"run": run,
		"item": item,
		"audit_customer": audit_customer,
		"users": users,
		"customers": customers,
		"visits": visits,
		"complaint": complaint.name,
		"tier": f"E2E Tier {run}",
		"policy": f"E2E Policy {run}",
		"script": f"E2E Script {run}",
		"goal": f"E2E Goal {run}",
	}


def purchases(run: str, customers: list[str]) -> str:
	"""Two submitted invoices of each customer (40 and 200 days ago), for the brief's purchase figures.

	Written as rows: the brief reads them, and the suite removes them again without the accounting
	entries a real submission makes."""
	item = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": f"E2E 茶具 {run}",
			"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
			"stock_uom": "Nos",
			"is_stock_item": 0,
		}
	).insert(ignore_permissions=True)
	company = frappe.db.get_value("Company", {}, "name", order_by="creation asc")
	for customer in customers:
		for days_ago, amount in ((40, 1200), (200, 800)):
			invoice = frappe.new_doc("Sales Invoice")
			invoice.update(
				{
					"name": f"E2E-SINV-{frappe.generate_hash(length=8)}",
					"customer": customer,
					"customer_name": customer,
					"company": company,
					"posting_date": add_days(nowdate(), -days_ago),
					"due_date": add_days(nowdate(), -days_ago),
					"docstatus": 1,
					"is_return": 0,
					"grand_total": amount,
					"base_grand_total": amount,
				}
			)
			invoice.append(
				"items",
				{
					"item_code": item.name,
					"item_name": item.item_name,
					"qty": 2,
					"stock_qty": 2,
					"rate": amount / 2,
					"amount": amount,
					"base_net_amount": amount,
				},
			)
			invoice.db_insert()
			for row in invoice.items:
				row.db_insert()
	return item.name


def route_feedback(run: str, customer: str, visitor: str, owner: str) -> dict:
	"""A department, a feedback category it answers for (owned by `owner`) and a completed visit whose
	Problem in that category was routed to the owner."""
	company = frappe.db.get_value("Company", {}, "name", order_by="creation asc")
	department = frappe.get_doc(
		{"doctype": "Department", "department_name": f"E2E Logistics {run}", "company": company}
	).insert(ignore_permissions=True)
	category = frappe.get_doc(
		{
			"doctype": "Feedback Category",
			"category_name": f"E2E Delivery {run}",
			"department": department.name,
			"owner_user": owner,
		}
	).insert(ignore_permissions=True)
	words = f"货晚到三天,箱子破了 {run}"
	visit = make_visit(customer, visitor=visitor)
	visit.update(
		{
			"status": "Completed",
			"visit_datetime": f"{nowdate()} 00:00:01",
			"outcome": "Has Issues",
			"feedback_items": [{"feedback_type": "Problem", "category": category.name, "description": words}],
		}
	)
	visit.save(ignore_permissions=True)
	return {
		"department": department.name,
		"category": category.name,
		"routed_words": words,
		"routed_visit": visit.name,
	}


def remove(created: dict):
	"""Delete everything the run made, journeys' records included."""
	fresh()
	customers = [*created["customers"].values(), created["audit_customer"]]
	for doctype, field in CUSTOMER_RECORDS:
		names = frappe.get_all(doctype, filters={field: ("in", customers)}, pluck="name")
		for name in names:
			frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": name})
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": name})
			for child in frappe.get_meta(doctype).get_table_fields():
				frappe.db.delete(child.options, {"parent": name, "parenttype": doctype})
			frappe.db.delete(doctype, {"name": name})
	invoices = frappe.get_all("Sales Invoice", filters={"customer": ("in", customers)}, pluck="name")
	if invoices:
		frappe.db.delete("Sales Invoice Item", {"parent": ("in", invoices)})
		frappe.db.delete("Sales Invoice", {"name": ("in", invoices)})
	if frappe.db.exists("Item", created["item"]):
		frappe.delete_doc("Item", created["item"], force=True, ignore_permissions=True)
	for contact in frappe.get_all(
		"Dynamic Link", filters={"link_doctype": "Customer", "link_name": ("in", customers)}, pluck="parent"
	):
		frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
	for customer in customers:
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	for doctype, name in (
		("Feedback Category", created["category"]),
		("Department", created["department"]),
		("Followup Goal", created["goal"]),
		("Followup Policy", created["policy"]),
		("Visit Script", created["script"]),
		("Customer Tier", created["tier"]),
	):
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()
