# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, getdate

from followup_app.core.points import InsufficientPoints, NegativeEntry, ZeroEntry, allocate, signed_points
from followup_app.points.erpnext_loyalty import mirror_lot, mirror_use, remove_mirrors
from followup_app.points.ledger import change_remaining, load_lots, lock_customers, refresh_balances

EARN_REASONS = {"Survey Completed", "Visit Participation", "Referral", "Complaint Compensation", "Manual"}
DEFAULT_REASON = {"Redeem": "Redemption", "Expire": "Expiry", "Adjust": "Manual"}
MANAGER_ROLES = {"Followup Manager", "System Manager"}


class LoyaltyPoints(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.validate_points()
		self.validate_reason()
		self.set_expiry()
		if not self.company:
			from followup_app.platform.defaults import default_company

			self.company = default_company()

	def validate_points(self):
		before = self.get_doc_before_save()
		stored = before.points if before and before.transaction_type == self.transaction_type else None
		try:
			self.points = signed_points(self.transaction_type, float(self.points or 0), stored)
		except ZeroEntry:
			frappe.throw(_("Points must be a whole number other than zero."), title=_("Invalid Points"))
		except NegativeEntry:
			if self.transaction_type == "Redeem":
				message = _(
					"Enter the points to redeem as a positive number; they are taken off the balance."
				)
			else:
				message = _("Enter a positive number of points; use Adjust to deduct points.")
			frappe.throw(message, title=_("Invalid Points"))
		if self.transaction_type == "Adjust" and not MANAGER_ROLES & set(frappe.get_roles()):
			frappe.throw(
				_("Only a Followup Manager can adjust points."),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
		if self.transaction_type == "Expire" and not self.flags.from_expiry_job:
			frappe.throw(_("Expiry entries are posted by the daily expiry job."), title=_("Not Allowed"))

	def validate_reason(self):
		self.reason = self.reason or DEFAULT_REASON.get(self.transaction_type)
		if self.transaction_type == "Earn" and self.reason not in EARN_REASONS:
			frappe.throw(_("Choose why the customer earns these points."), title=_("Missing Reason"))
		if self.reason == "Referral":
			if not self.referred_customer:
				frappe.throw(_("Name the customer who was referred."), title=_("Missing Referred Customer"))
			if self.referred_customer == self.customer:
				frappe.throw(_("A customer cannot refer itself."), title=_("Invalid Referral"))

	def set_expiry(self):
		if self.points < 0:
			self.expiry_date = None
			return
		if not self.expiry_date:
			days = frappe.db.get_single_value("Followup Settings", "points_expiry_days") or 365
			self.expiry_date = add_days(self.posting_date, days)
		if getdate(self.expiry_date) < getdate(self.posting_date):
			frappe.throw(
				_("The expiry date cannot be before the posting date."), title=_("Invalid Expiry Date")
			)

	def before_submit(self):
		lock_customers([self.customer])
		if self.points > 0:
			self.remaining_points = self.points
			return
		self.remaining_points = 0
		if self.transaction_type == "Expire":
			return  # the expiry job sets the lapsed lots it empties
		lots = load_lots(self.customer)
		if self.flags.lots:
			taken = self.flags.lots  # lots chosen by an ERPNext redemption (see points.erpnext_loyalty)
			left = {lot.name: lot.remaining for lot in lots}
			if any(points > left.get(lot, 0) for lot, points in taken):
				frappe.throw(_("A lot to redeem has fewer points left."), title=_("Not Enough Points"))
			self.set("allocations", [{"lot": lot, "points": points} for lot, points in taken])
			return
		try:
			taken = allocate(lots, -self.points, getdate(self.posting_date))
		except InsufficientPoints as error:
			frappe.throw(
				_("{0} has only {1} points to use on {2}; {3} were asked for.").format(
					self.customer, error.available, frappe.format(self.posting_date, "Date"), error.wanted
				),
				title=_("Not Enough Points"),
			)
		self.set("allocations", [{"lot": lot, "points": points} for lot, points in taken])

	def on_submit(self):
		for row in self.allocations:
			change_remaining(row.lot, -row.points)
		refresh_balances([self.customer])
		if self.points > 0:
			mirror_lot(self)
		else:
			mirror_use(self)

	def before_cancel(self):
		lock_customers([self.customer])
		if self.points > 0:
			remaining = frappe.db.get_value(self.doctype, self.name, "remaining_points", for_update=True)
			if remaining != self.points:
				frappe.throw(
					_(
						"{0} of these points have already been used or expired; cancel those entries first."
					).format(self.points - remaining),
					title=_("Points Already Used"),
				)

	def on_cancel(self):
		if self.points > 0:
			self.db_set("remaining_points", 0)
		for row in self.allocations:
			change_remaining(row.lot, row.points)
		refresh_balances([self.customer])
		remove_mirrors(self)
