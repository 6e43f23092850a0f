"""The managers' number card of the nightly run."""

import frappe

from followup_app.kpi.cards import card
from followup_app.scheduling.nightly import NIGHTLY
from followup_app.scheduling.runs import RUN


@frappe.whitelist()
def nightly_run(filters: str | dict | None = None) -> dict | str:
	"""The share of the latest nightly run's chunks that finished (a dash before the first run).

	Opens that run's log. Only those who may read the run log see the card (Frappe shows a Custom
	card to the readers of its document type).
	"""
	frappe.has_permission(RUN, throw=True)
	run = frappe.get_all(
		RUN,
		filters={"job": NIGHTLY.label},
		fields=["name", "total_chunks", "chunks_done"],
		order_by="creation desc",
		limit=1,
	)
	if not run or not run[0].total_chunks:
		return card(None, "Percent")
	return card(
		100 * run[0].chunks_done / run[0].total_chunks,
		"Percent",
		["Form", RUN, run[0].name],
		precision=0,
	)
