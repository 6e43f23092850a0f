"""The daily points expiry job: what is left of lapsed lots is posted as Expire entries, in bulk."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from followup_app.core.chunks import Span
from followup_app.core.points import Lot, expiring
from followup_app.platform.bulk import bulk_insert_dicts, reserve_names
from followup_app.points.ledger import LEDGER, lock_customers, refresh_balances
from followup_app.scheduling.spans import within

SERIES = "LP-.YYYY.-"
CHUNK = 10_000


def expire_points(today: date | str | None = None, customers: Span | None = None) -> int:
	"""Post one Expire entry per customer and company for the points left in lots that lapsed
	before `today` (of every customer, or of those in `customers`), emptying those lots. Returns the
	number of entries. Running it again posts nothing: the lots it emptied have no points left.
	"""
	today = getdate(today)
	entry = frappe.qb.DocType(LEDGER)

	def lapsed():
		return within(
			frappe.qb.from_(entry)
			.where(entry.docstatus == 1)
			.where(entry.remaining_points > 0)
			.where(entry.expiry_date < today),
			entry.customer,
			customers,
		)

	# Found without locks; then the owners and the lots themselves are locked by name and read as they
	# are now, so chunks running side by side never lock each other's records.
	candidates = lapsed().select(entry.name, entry.customer).run()
	if not candidates:
		return 0
	owners = sorted({customer for _name, customer in candidates})
	lock_customers(owners)
	rows = []
	for start in range(0, len(candidates), CHUNK):
		rows += (
			frappe.qb.from_(entry)
			.select(
				entry.name,
				entry.customer,
				entry.company,
				entry.posting_date,
				entry.expiry_date,
				entry.remaining_points,
			)
			.where(entry.name.isin([name for name, _customer in candidates[start : start + CHUNK]]))
			.where(entry.remaining_points > 0)
			.for_update()
			.run()
		)
	groups: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
	lots = [
		Lot(name, getdate(posted), getdate(expiry), remaining)
		for name, _c, _co, posted, expiry, remaining in rows
	]
	owner = {name: (customer, company) for name, customer, company, *_rest in rows}
	for lot, points in expiring(lots, today):
		groups[owner[lot]].append((lot, points))

	now = now_datetime()
	common = {"owner": "Administrator", "modified_by": "Administrator", "creation": now, "modified": now}
	names = reserve_names(SERIES, len(groups))
	entries, allocations = [], []
	for name, ((customer, company), taken) in zip(names, sorted(groups.items()), strict=True):
		entries.append(
			{
				**common,
				"name": name,
				"naming_series": SERIES,
				"docstatus": 1,
				"customer": customer,
				"customer_name": customer,
				"company": company,
				"transaction_type": "Expire",
				"reason": "Expiry",
				"points": -sum(points for _lot, points in taken),
				"posting_date": today,
				"remaining_points": 0,
				"remarks": _("Points that lapsed unused"),
			}
		)
		allocations.extend(
			{
				**common,
				"name": frappe.generate_hash(length=12),
				"docstatus": 1,
				"parent": name,
				"parenttype": LEDGER,
				"parentfield": "allocations",
				"idx": idx,
				"lot": lot,
				"points": points,
			}
			for idx, (lot, points) in enumerate(taken, start=1)
		)
	for start in range(0, len(entries), CHUNK):
		bulk_insert_dicts(LEDGER, entries[start : start + CHUNK])
	for start in range(0, len(allocations), CHUNK):
		bulk_insert_dicts("Loyalty Points Allocation", allocations[start : start + CHUNK])
	emptied = [lot for taken in groups.values() for lot, _points in taken]
	for start in range(0, len(emptied), CHUNK):
		frappe.qb.update(entry).set(entry.remaining_points, 0).where(
			entry.name.isin(emptied[start : start + CHUNK])
		).run()
	for start in range(0, len(owners), CHUNK):
		refresh_balances(owners[start : start + CHUNK])
	return len(entries)
