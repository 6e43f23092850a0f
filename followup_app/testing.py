"""Fixtures shared by the app's integration tests (imported only by test modules)."""

import email
import time

import frappe
from frappe.utils import add_days, nowdate


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


def make_outgoing_email_account() -> str:
	"""A default outgoing Email Account, for tests that send mail (mute emails while it exists).

	Call it from setUpClass and `delete_outgoing_email_account` from tearDownClass: creating it
	commits, and while it exists Frappe tries to deliver every mail of every test at once.
	"""
	name = "_Test Followup Outgoing"
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "followup.outgoing@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"smtp_port": 25,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # Email Account commits on insert anyway: make that explicit, before test data
	return name


def delete_outgoing_email_account():
	"""Remove the account of `make_outgoing_email_account`."""
	frappe.db.delete("Email Account", {"name": "_Test Followup Outgoing"})
	frappe.db.commit()


def make_invoice(customer: str, submit: bool = True, **values) -> "frappe.model.document.Document":
	"""A Sales Invoice of 100 for `customer` (one non-stock item), submitted unless `submit` is False."""
	from followup_app.visits.completion import default_company

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


class OutgoingMailTestMixin:
	"""For FrappeTestCase classes that send mail: an outgoing Email Account exists while they run,
	and mail stays in the Email Queue (sending would try an SMTP server and commit its failure)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()
		frappe.flags.mute_emails = True

	@classmethod
	def tearDownClass(cls):
		frappe.flags.mute_emails = False
		delete_outgoing_email_account()
		super().tearDownClass()


def mail_text(message: str) -> str:
	"""The decoded text and HTML parts of a raw MIME message from the Email Queue."""
	parsed = email.message_from_string(message)
	parts = parsed.walk() if parsed.is_multipart() else [parsed]
	return "\n".join(
		part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		for part in parts
		if part.get_content_maintype() == "text"
	)


def finish_queued_jobs(*job_ids: str, timeout: float = 120):
	"""Let the background jobs `job_ids` (as given to `frappe.enqueue`) finish before the test goes on.

	A request a test makes runs outside the test's flags, so its jobs are queued, and a worker
	serving the bench may apply them on its own connection at any time. A job still waiting in its
	queue is taken off it (atomically: a worker that popped it first keeps it) and run here, as its
	user, committing as the worker would; a job a worker has taken is waited for. Either way the
	test then sees the same state, with or without a worker, and no job is left to run on records
	the test deletes.
	"""
	from frappe.utils.background_jobs import get_job
	from rq import Queue
	from rq.job import JobStatus

	deadline = time.monotonic() + timeout
	for job_id in job_ids:
		job = get_job(job_id)
		if not job:
			continue
		if job.connection.lrem(Queue(job.origin, connection=job.connection).key, 1, job.id):
			queue_args = job.kwargs
			job.delete()
			run_job_here(queue_args)
			continue
		while job.get_status(refresh=True) in (JobStatus.QUEUED, JobStatus.STARTED):
			if time.monotonic() > deadline:
				raise AssertionError(f"Background job {job_id} did not finish within {timeout} s")
			time.sleep(0.1)
		if job.get_status() == JobStatus.FAILED:
			raise AssertionError(f"Background job {job_id} failed:\n{job.exc_info}")


def run_job_here(queue_args: dict):
	"""Run a queued job's method in this process, as the user who queued it."""
	method = queue_args["method"]
	user = frappe.session.user
	frappe.set_user(queue_args["user"])
	try:
		(frappe.get_attr(method) if isinstance(method, str) else method)(**queue_args["kwargs"])
		frappe.db.commit()
	finally:
		frappe.set_user(user)
