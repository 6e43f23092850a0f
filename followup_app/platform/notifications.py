"""In-app notifications (Notification Log, which also emails users who enabled it) to users and roles."""

from collections.abc import Callable

import frappe
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

from followup_app.platform.languages import by_language, in_language

FOLLOWUP_MANAGER = "Followup Manager"


def role_users(roles: list[str]) -> dict[str, list[str]]:
	"""Enabled system users of each role, in one query."""
	if not roles:
		return {}
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(has_role.role, user.name)
		.where(has_role.parenttype == "User")
		.where(has_role.role.isin(roles))
		.where(user.enabled == 1)
		.where(user.user_type == "System User")
		.where(user.name.notin(["Administrator", "Guest"]))
		.distinct()
		.run()
	)
	users: dict[str, list[str]] = {role: [] for role in roles}
	for role, name in rows:
		users[role].append(name)
	return {role: sorted(names) for role, names in users.items()}


def notify(
	users: list[str],
	subject: Callable[[], str],
	document_type: str | None = None,
	document_name: str | None = None,
):
	"""Send one alert to each of `users` (skipping none, duplicates removed), its subject written by
	`subject()` in each user's language."""
	users = sorted({user for user in users if user})
	for lang, readers in by_language(users).items():
		with in_language(lang):
			text = subject()
		enqueue_create_notification(
			readers,
			{
				"type": "Alert",
				"subject": text,
				"document_type": document_type,
				"document_name": document_name,
				"from_user": frappe.session.user,
			},
		)


def notify_managers(
	subject: Callable[[], str], document_type: str | None = None, document_name: str | None = None
):
	"""Alert every Followup Manager."""
	notify(role_users([FOLLOWUP_MANAGER])[FOLLOWUP_MANAGER], subject, document_type, document_name)
