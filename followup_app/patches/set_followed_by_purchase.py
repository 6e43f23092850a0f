from followup_app.visits.repurchase import update_followed_by_purchase


def execute():
	"""Mark the completed visits that existing invoices already followed within the repurchase window."""
	update_followed_by_purchase()
