"""The contact's email (and, on visits, mobile number) on records made before they were copied there.

Frappe's personal data download and deletion requests find a person's visits and complaints by this
email, so records made before the field existed get it from their Contact (one UPDATE per field).
"""

import frappe

COPIED = {
	"Visit Record": (("contact_email", "email_id"), ("contact_mobile", "mobile_no")),
	"Complaint": (("contact_email", "email_id"),),
}


def execute():
	contact = frappe.qb.DocType("Contact")
	for doctype, fields in COPIED.items():
		table = frappe.qb.DocType(doctype)
		for field, source in fields:
			(
				frappe.qb.update(table)
				.join(contact)
				.on(contact.name == table.contact)
				.set(table[field], contact[source])
				.where(table[field].isnull() | (table[field] == ""))
			).run()
