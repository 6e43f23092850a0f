"""Bench commands of the app: `bench --site SITE followup-demo` loads the demo data."""

import click
from frappe.commands import get_site, pass_context


@click.command("followup-demo")
@click.option("--seed", default=7, help="Random seed: the same seed gives the same demo.")
@pass_context
def followup_demo(context, seed: int):
	"""Load a year of Customer Follow-up demo data (customers, invoices, visits, complaints, surveys,
	points, goals) into the site."""
	import frappe

	from followup_app.demo.records import load_demo

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		summary = load_demo(seed, echo=click.echo)
		frappe.db.commit()
		click.echo(f"Demo loaded: {summary}")
	finally:
		frappe.destroy()


commands = [followup_demo]
