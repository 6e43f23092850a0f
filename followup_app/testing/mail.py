"""Tests that send mail: an outgoing Email Account while they run, mail kept in the Email Queue, and the
text of a queued message."""

import email

import frappe


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


def queued_mails_to(recipient: str) -> list[str]:
	"""The decoded text of every mail in the Email Queue for `recipient`."""
	names = frappe.get_all("Email Queue Recipient", filters={"recipient": recipient}, pluck="parent")
	return [
		mail_text(message)
		for message in frappe.get_all("Email Queue", filters={"name": ("in", names)}, pluck="message")
	]
