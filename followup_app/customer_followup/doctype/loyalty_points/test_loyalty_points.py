# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from threading import Thread

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, nowdate

from followup_app.core.chunks import Span
from followup_app.points.api import redeem_points
from followup_app.points.expiry import expire_points
from followup_app.scheduling.nightly import run_customer_steps
from followup_app.testing.fixtures import make_customer, make_user, make_visit

LEDGER = "Loyalty Points"


def post(customer, points, transaction_type="Earn", submit=True, **values):
	entry = frappe.get_doc(
		{
			"doctype": LEDGER,
			"customer": customer,
			"transaction_type": transaction_type,
			"reason": values.pop("reason", "Manual" if transaction_type == "Earn" else None),
			"points": points,
			**values,
		}
	).insert()
	if submit:
		entry.submit()
	return entry


def balance(customer):
	return frappe.db.get_value("Customer", customer, "loyalty_points_balance")


class TestLoyaltyPoints(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value("Followup Settings", "points_expiry_days", 365)
		self.customer = make_customer("_Test Points Customer").name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def assert_refused(self, exception=frappe.ValidationError, **values):
		entries = frappe.db.count(LEDGER, {"customer": self.customer, "docstatus": 1})
		before = balance(self.customer)
		with self.assertRaises(exception):
			post(self.customer, **values)
		self.assertEqual(frappe.db.count(LEDGER, {"customer": self.customer, "docstatus": 1}), entries)
		self.assertEqual(balance(self.customer), before)

	def test_earn_is_a_lot_with_default_expiry(self):
		entry = post(self.customer, 50)
		self.assertEqual(getdate(entry.expiry_date), getdate(add_days(entry.posting_date, 365)))
		self.assertEqual(entry.remaining_points, 50)
		self.assertEqual(balance(self.customer), 50)

	def test_bad_input_posts_nothing(self):
		post(self.customer, 10)
		self.assert_refused(points=0)
		self.assert_refused(points=2.5)
		self.assert_refused(points=11, transaction_type="Redeem")
		self.assert_refused(points=5, expiry_date=add_days(nowdate(), -1))
		self.assert_refused(points=5, reason="Redemption")
		self.assert_refused(points=5, reason="Referral")
		self.assert_refused(points=5, reason="Referral", referred_customer=self.customer)
		self.assert_refused(points=5, transaction_type="Expire")

	def test_a_negative_earn_or_redeem_is_refused_not_flipped(self):
		post(self.customer, 10)
		for kind in ("Earn", "Redeem"):
			with self.subTest(kind=kind), self.assertRaisesRegex(frappe.ValidationError, "positive number"):
				post(self.customer, -5, kind)
		self.assertEqual(balance(self.customer), 10)
		self.assertEqual(frappe.db.count(LEDGER, {"customer": self.customer}), 1)
		adjusted = post(self.customer, -4, "Adjust")  # a deduction is an Adjust, signed as typed
		self.assertEqual(adjusted.points, -4)
		draft = post(self.customer, 3, "Redeem", submit=False)
		self.assertEqual(draft.points, -3)
		draft.submit()  # saved again with its stored (negative) points: kept as it is
		self.assertEqual((draft.points, balance(self.customer)), (-3, 3))

	def test_adjust_and_redemption_need_permission(self):
		frappe.set_user(make_user("points.user@example.com", "Followup User"))
		self.assert_refused(frappe.PermissionError, points=5, transaction_type="Adjust")
		frappe.set_user("Administrator")
		post(self.customer, 10)
		frappe.set_user(make_user("points.sales@example.com", "Sales User"))
		with self.assertRaises(frappe.PermissionError):
			redeem_points(self.customer, 5, "Mug")
		frappe.set_user("Administrator")
		self.assertEqual(balance(self.customer), 10)

	def test_redeem_uses_oldest_lots_and_cancel_restores_them(self):
		old = post(self.customer, 30, posting_date=add_days(nowdate(), -20))
		new = post(self.customer, 50, posting_date=add_days(nowdate(), -5))
		redemption = frappe.get_doc(LEDGER, redeem_points(self.customer, 40, "Gift card"))
		self.assertEqual(redemption.points, -40)
		self.assertEqual(
			[(row.lot, row.points) for row in redemption.allocations], [(old.name, 30), (new.name, 10)]
		)
		self.assertEqual(frappe.db.get_value(LEDGER, old.name, "remaining_points"), 0)
		self.assertEqual(frappe.db.get_value(LEDGER, new.name, "remaining_points"), 40)
		self.assertEqual(balance(self.customer), 40)

		new.reload()
		self.assertRaises(frappe.ValidationError, new.cancel)
		redemption.cancel()
		self.assertEqual(frappe.db.get_value(LEDGER, old.name, "remaining_points"), 30)
		self.assertEqual(balance(self.customer), 80)
		new.reload()
		new.cancel()
		self.assertEqual(balance(self.customer), 30)

	def test_expired_lots_cannot_be_redeemed_and_expire_once(self):
		lapsed = post(
			self.customer, 20, posting_date=add_days(nowdate(), -40), expiry_date=add_days(nowdate(), -1)
		)
		live = post(self.customer, 15)
		self.assert_refused(points=16, transaction_type="Redeem")
		post(self.customer, 5, "Redeem")
		self.assertEqual(expire_points(), 1)
		expiry = frappe.get_last_doc(LEDGER, {"customer": self.customer, "transaction_type": "Expire"})
		self.assertEqual(expiry.points, -20)
		self.assertEqual([(row.lot, row.points) for row in expiry.allocations], [(lapsed.name, 20)])
		self.assertEqual(frappe.db.get_value(LEDGER, lapsed.name, "remaining_points"), 0)
		self.assertEqual(frappe.db.get_value(LEDGER, live.name, "remaining_points"), 10)
		self.assertEqual(balance(self.customer), 10)
		self.assertEqual(expire_points(), 0)
		self.assertEqual(balance(self.customer), 10)

	def test_turned_off_expiry_posts_nothing(self):
		post(self.customer, 20, posting_date=add_days(nowdate(), -40), expiry_date=add_days(nowdate(), -1))
		frappe.db.set_single_value("Followup Settings", "enable_points_expiry", 0)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(balance(self.customer), 20)
		frappe.db.set_single_value("Followup Settings", "enable_points_expiry", 1)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(balance(self.customer), 0)

	def test_referral_names_the_referred_customer(self):
		referred = make_customer("_Test Points Referred").name
		entry = post(self.customer, 25, reason="Referral", referred_customer=referred)
		self.assertEqual(entry.referred_customer, referred)

	def test_visit_participation_and_complaint_compensation_earn_once(self):
		frappe.db.set_single_value("Followup Settings", "points_per_visit", 3)
		visit = make_visit(
			self.customer, status="Completed", visit_datetime=now_datetime(), outcome="Satisfied"
		)
		make_visit(self.customer, status="Completed", visit_datetime=now_datetime(), outcome="Unreachable")
		self.assertEqual(balance(self.customer), 3)
		visit.remarks = "again"
		visit.save()
		self.assertEqual(balance(self.customer), 3)

		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"customer": self.customer,
				"subject": "Scratched",
				"compensation_points": 40,
			}
		).insert()
		complaint.update({"status": "Closed", "override_reason": "Settled by phone"})
		complaint.save()
		self.assertEqual(balance(self.customer), 43)
		entry = frappe.get_last_doc(LEDGER, {"reason": "Complaint Compensation", "customer": self.customer})
		self.assertEqual((entry.reference_doctype, entry.reference_name), ("Complaint", complaint.name))

	def test_customer_connections_show_points(self):
		data = frappe.get_meta("Customer").get_dashboard_data()
		self.assertTrue(any(LEDGER in group["items"] for group in data.transactions))


class TestConcurrentRedemption(FrappeTestCase):
	"""Twenty redemptions at once, each on its own database connection, against one customer."""

	CUSTOMER = "_Test Points Concurrency"

	def setUp(self):
		self.customer = make_customer(self.CUSTOMER).name
		self.lot = post(self.customer, 100).name
		frappe.db.commit()

	def tearDown(self):
		entry = frappe.qb.DocType(LEDGER)
		names = frappe.get_all(LEDGER, filters={"customer": self.customer}, pluck="name")
		frappe.db.delete("Loyalty Points Allocation", {"parent": ("in", names)})
		frappe.qb.from_(entry).delete().where(entry.customer == self.customer).run()
		frappe.delete_doc("Customer", self.customer, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_twenty_simultaneous_redemptions_never_overdraw(self):
		site = frappe.local.site
		outcomes = []

		def redeem():
			frappe.init(site=site)
			frappe.connect()
			frappe.set_user("Administrator")
			try:
				name = redeem_points(self.CUSTOMER, 7, "Voucher")
				frappe.db.commit()
				outcomes.append(name)
			except frappe.ValidationError:
				frappe.db.rollback()
				outcomes.append(None)
			finally:
				frappe.destroy()

		threads = [Thread(target=redeem) for _ in range(20)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()

		posted = [name for name in outcomes if name]
		self.assertEqual(len(outcomes), 20)
		self.assertEqual(len(posted), 14)  # 14 x 7 = 98 of 100 points
		self.assertEqual(len(set(posted)), 14)
		redemptions = frappe.get_all(
			LEDGER,
			filters={"customer": self.customer, "transaction_type": "Redeem", "docstatus": 1},
			pluck="points",
		)
		self.assertEqual(sorted(redemptions), [-7] * 14)
		allocated = frappe.get_all("Loyalty Points Allocation", filters={"lot": self.lot}, pluck="points")
		self.assertEqual(sum(allocated), 98)
		self.assertEqual(frappe.db.get_value(LEDGER, self.lot, "remaining_points"), 2)
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "loyalty_points_balance"), 2)
