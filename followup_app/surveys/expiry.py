"""The daily survey expiry job."""

import frappe
from frappe.utils import now_datetime


def expire_surveys() -> int:
	"""Mark Sent surveys past `expires_on` as Expired, in one UPDATE; returns how many."""
	survey = frappe.qb.DocType("Satisfaction Survey")
	now = now_datetime()
	expired = (
		frappe.qb.from_(survey)
		.select(survey.name)
		.where(survey.status == "Sent")
		.where(survey.expires_on < now)
		.run()
	)
	if expired:
		frappe.qb.update(survey).set(survey.status, "Expired").set(survey.modified, now).where(
			survey.status == "Sent"
		).where(survey.expires_on < now).run()
	return len(expired)
