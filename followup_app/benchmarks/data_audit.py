"""Customer Data Audit benchmark (issue 14): 100,000 customers with contacts — target under 10 s.

    bench --site SITE execute followup_app.benchmarks.data_audit.run
    bench --site SITE execute followup_app.benchmarks.data_audit.cleanup

(or `generate`, then `run --kwargs "{'fresh': False}"` to time later, on a quiet machine)

`run` generates BENCH-AUDIT customers, each with a contact (its email and mobile in the contact's
tables too) except one in 25; one in 100 has an invalid email, one in 100 an invalid mobile, one in
100 shares its mobile and one in 100 its email with another customer, one in 200 its name (written
differently: case, full width, a legal-form suffix); one in 50 has no tier, one in 40 no account
manager, and a third were last confirmed more than a year ago. It then runs the report as
Administrator and as a Followup Manager (twice each: cold and warm) and the workspace card (counted,
then from its cache), and prints rows shown, the summary, seconds and SQL queries of each. `cleanup`
removes them.
"""

import random

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import add_days, getdate, nowdate

from followup_app.benchmarks.harness import PREFIX, common_columns, insert_in_batches, leaf, measured
from followup_app.customers.data_audit import AUDIT_REPORT, CARD_CACHE_KEY, customers_with_problems
from followup_app.testing.fixtures import make_user

AUDIT = f"{PREFIX}AUDIT-"
MANAGER = "bench.audit.manager@example.com"


def generate(customers: int = 100_000, seed: int = 14):
	"""Customers, contacts and their email and phone rows, by bulk insert."""
	rng = random.Random(seed)
	cleanup()
	make_user(MANAGER, "Followup Manager")
	common = common_columns()
	today = getdate(nowdate())
	group, territory = leaf("Customer Group"), leaf("Territory")
	tiers = frappe.get_all("Customer Tier", pluck="name") or [None]
	rows = {"Customer": [], "Contact": [], "Dynamic Link": [], "Contact Email": [], "Contact Phone": []}
	for number in range(customers):
		name, contact = f"{AUDIT}C-{number:07d}", f"{AUDIT}P-{number:07d}"
		customer_name = f"Audit Trading {number}"
		if number % 200 == 1:  # the same company as number - 1, written differently
			customer_name = f"ＡＵＤＩＴ　TRADING {number - 1} Co., Ltd."
		email = f"buyer{number}@audit{number % 97}.example.com"
		if number % 100 == 3:
			email = f"buyer{number}@example"  # invalid
		if number % 100 == 5:
			email = f"BUYER{number - 1}@audit{(number - 1) % 97}.example.com"  # the previous one's
		mobile = f"+86 13{number % 10} {number // 10000 % 10000:04d} {number % 10000:04d}"
		if number % 100 == 7:
			mobile = "138-0000"  # invalid
		if number % 100 == 9:
			mobile = (
				f"+86 13{(number - 1) % 10} {(number - 1) // 10000 % 10000:04d} {(number - 1) % 10000:04d}"
			)
		has_contact = number % 25 != 11
		rows["Customer"].append(
			{
				**common,
				"creation": add_days(common["creation"], -800),
				"name": name,
				"customer_name": customer_name,
				"customer_type": "Company",
				"customer_group": group,
				"territory": territory,
				"followup_tier": None if number % 50 == 13 else rng.choice(tiers),
				"account_manager": None if number % 40 == 17 else "Administrator",
				"customer_primary_contact": contact if has_contact else None,
				"email_id": email if has_contact else None,
				"mobile_no": mobile if has_contact else None,
				"contact_verified_on": add_days(today, -rng.randint(0, 540)),
			}
		)
		if not has_contact:
			continue
		rows["Contact"].append(
			{
				**common,
				"name": contact,
				"first_name": f"Buyer {number}",
				"email_id": email,
				"mobile_no": mobile,
				"is_primary_contact": 1,
			}
		)
		child = {**common, "parent": contact, "parenttype": "Contact", "idx": 1}
		rows["Dynamic Link"].append(
			{
				**child,
				"name": f"{contact}-L",
				"parentfield": "links",
				"link_doctype": "Customer",
				"link_name": name,
			}
		)
		rows["Contact Email"].append(
			{**child, "name": f"{contact}-E", "parentfield": "email_ids", "email_id": email, "is_primary": 1}
		)
		rows["Contact Phone"].append(
			{
				**child,
				"name": f"{contact}-M",
				"parentfield": "phone_nos",
				"phone": mobile,
				"is_primary_mobile_no": 1,
			}
		)
	for doctype, batch in rows.items():
		insert_in_batches(doctype, batch)
	frappe.db.commit()


def timed(user: str) -> dict:
	"""The report twice (cold, warm) and the card (counted, then from the cache) as `user`."""
	frappe.set_user(user)

	def report():
		result = run_report(AUDIT_REPORT, {}, ignore_prepared_report=True)
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		return {"rows_shown": len(result["result"]), "summary": summary}

	figures = {"cold": measured(report), "warm": measured(report)}
	frappe.cache.delete_value(CARD_CACHE_KEY)
	figures["card"] = measured(lambda: {"value": customers_with_problems()["value"]})
	figures["card_cached"] = measured(lambda: {"value": customers_with_problems()["value"]})
	frappe.set_user("Administrator")
	return figures


def run(customers: int = 100_000, fresh: bool = True) -> dict:
	"""Generate (unless `fresh` is off: the data of an earlier `generate`), then time the report and the
	card as Administrator and as a Followup Manager."""
	if fresh:
		generate(customers)
	results = {user: timed(user) for user in ("Administrator", MANAGER)}
	for user, figures in results.items():
		print(f"{user}: {figures}")
	return results


def cleanup():
	"""Remove every generated record of this benchmark."""
	for doctype, field in (
		("Dynamic Link", "parent"),
		("Contact Email", "parent"),
		("Contact Phone", "parent"),
		("Contact", "name"),
		("Customer", "name"),
	):
		table = frappe.qb.DocType(doctype)
		frappe.qb.from_(table).delete().where(table[field].like(f"{AUDIT}%")).run()
	frappe.db.commit()
