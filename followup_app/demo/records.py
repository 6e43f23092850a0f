"""Demo data: a year of follow-up work for 30 customers, so every report, card and goal shows figures.

`load_demo` creates staff users, customers in every tier, a year of Sales Invoices (some customers
drifting away), visits by tier with feedback (problems become complaints, needs become
Opportunities), back-dated complaints resolved in and out of SLA, completed surveys, loyalty points
and four goals; then it runs the nightly jobs (customer refresh, SLA update, goal evaluation,
planner). Records go through their controllers, so the demo exercises the app as staff would.
Run it with `bench --site SITE followup-demo`.
"""

import random
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import add_days, add_to_date, get_datetime, getdate

from followup_app.complaints.escalation import update_sla
from followup_app.core.calendar import period_days
from followup_app.core.sla import add_business_hours
from followup_app.customers.refresh import refresh_customers
from followup_app.goals.evaluation import evaluate_open_goals
from followup_app.platform.defaults import default_company
from followup_app.surveys.public import complete
from followup_app.visits.planner import plan_due_visits

PREFIX = "Demo "
MANAGER = "demo.manager@example.com"
VISITORS = ("demo.li@example.com", "demo.wang@example.com", "demo.smith@example.com")
CUSTOMERS = (
	("华东精密机械", "VIP"),
	("Northwind Traders", "VIP"),
	("深圳恒达电子", "VIP"),
	("Contoso Retail", "Key"),
	("杭州绿源食品", "Key"),
	("Fabrikam Tools", "Key"),
	("成都天府物流", "Key"),
	("Adventure Works", "Key"),
	("苏州新材料", "Key"),
	("Tailspin Toys", "Key"),
	("北京智联科技", "Key"),
	("Litware Systems", "Normal"),
	("广州美家家居", "Normal"),
	("Proseware Labs", "Normal"),
	("武汉长江建材", "Normal"),
	("Coho Winery", "Normal"),
	("南京金陵医药", "Normal"),
	("Lucerne Publishing", "Normal"),
	("青岛海风渔业", "Normal"),
	("Wingtip Partners", "Normal"),
	("厦门鹭岛茶业", "Normal"),
	("Alpine Ski House", "Normal"),
	("天津港通贸易", "Normal"),
	("Blue Yonder Air", "Normal"),
	("重庆山城火锅", "Normal"),
	("Margie's Travel", "Normal"),
	("西安古城文旅", "New"),
	("Fourth Coffee", "New"),
	("沈阳北方重工", "Normal"),
	("Humongous Insurance", "Normal"),
)
INTERVALS = {"VIP": 15, "Key": 30, "Normal": 90, "New": 14}
ITEM = "_Demo Followup Service"


def load_demo(seed: int = 7, today: date | None = None, echo=print, size: int | None = None) -> dict:
	"""Load the demo into the current site (refused when it is already there); returns what was made.

	`size` keeps only the first customers of the list (the tests load a small demo)."""
	if frappe.db.exists("Customer", {"customer_name": ("like", f"{PREFIX}%")}):
		frappe.throw(_("The demo is already loaded."), title=_("Demo Exists"))
	rng = random.Random(seed)
	today = getdate(today)
	company = default_company()
	staff()
	customers = make_customers(rng, CUSTOMERS[:size])
	echo(_("Customers: {0}").format(len(customers)))
	# The invoices are history: they must not plan "first invoice" activation visits for today.
	activation = frappe.db.get_single_value("Followup Settings", "enable_activation_visits")
	frappe.db.set_single_value("Followup Settings", "enable_activation_visits", 0)
	invoices = make_invoices(rng, customers, company, today)
	frappe.db.set_single_value("Followup Settings", "enable_activation_visits", activation)
	echo(_("Sales Invoices: {0}").format(invoices))
	visits = make_visits(rng, customers, today)
	echo(_("Visits: {0}").format(visits))
	complaints = backdate_complaints(rng, today)
	echo(_("Complaints: {0}").format(complaints))
	surveys = make_surveys(rng, customers, today)
	echo(_("Surveys: {0}").format(surveys))
	points = make_points(rng, customers, today)
	echo(_("Loyalty Points entries: {0}").format(points))
	make_goals(today)
	update_sla()
	refresh_customers(today)
	plan_due_visits(today)
	evaluate_open_goals()
	return {
		"customers": len(customers),
		"invoices": invoices,
		"visits": visits,
		"complaints": complaints,
		"surveys": surveys,
		"points": points,
	}


def staff():
	for email, role, first_name in (
		(MANAGER, "Followup Manager", "Demo Manager"),
		*((email, "Followup User", email.split("@")[0].split(".")[1].title()) for email in VISITORS),
	):
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": first_name, "send_welcome_email": 0}
			).insert(ignore_permissions=True)
			user.add_roles(role, "Sales User")


def make_customers(rng: random.Random, names: tuple) -> list[dict]:
	territories = frappe.get_all("Territory", filters={"is_group": 0}, pluck="name", order_by="name")
	groups = frappe.get_all("Customer Group", filters={"is_group": 0}, pluck="name", order_by="name")
	customers = []
	for index, (name, tier) in enumerate(names):
		visitor = VISITORS[index % len(VISITORS)]
		doc = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": PREFIX + name,
				"customer_group": groups[index % len(groups)],
				"territory": territories[index % len(territories)],
				# "New" is a lifecycle stage (set from invoice history), not a shipped tier.
				"followup_tier": "Normal" if tier == "New" else tier,
				"tier_pinned": 1,
				"account_manager": visitor,
				"preferred_channel": rng.choice(["Phone", "WeChat", "On-site", "Email"]),
			}
		).insert(ignore_permissions=True)
		# One customer in six stopped buying months ago: the churn warning should find them.
		customers.append({"name": doc.name, "tier": tier, "visitor": visitor, "drifting": index % 6 == 5})
	return customers


def demo_item() -> str:
	if not frappe.db.exists("Item", ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": ITEM,
				"item_name": "Demo Service",
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}, "name", order_by="name"),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return ITEM


def cover_fiscal_years(company: str, earliest: date, today: date):
	"""The setup wizard makes only the current fiscal year; the invoices go back 14 months. Fill each
	gap between `earliest` and `today` with a fiscal year of the company (at most a year long)."""
	from erpnext.accounts.utils import FiscalYearError, get_fiscal_year

	year = frappe.qb.DocType("Fiscal Year")
	day = getdate(earliest)
	while day <= today:
		try:
			day = add_days(getdate(get_fiscal_year(day, company=company)[2]), 1)
			continue
		except FiscalYearError:
			frappe.clear_messages()
		next_start = (
			frappe.qb.from_(year)
			.select(year.year_start_date)
			.where(year.year_start_date > day)
			.orderby(year.year_start_date)
			.limit(1)
			.run()
		)
		full_year_end = add_days(add_to_date(day, years=1), -1)
		end = min(full_year_end, add_days(getdate(next_start[0][0]), -1)) if next_start else full_year_end
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": f"{day} – {end} ({company})",
				"year_start_date": day,
				"year_end_date": end,
				"is_short_year": int(end != full_year_end),
				"companies": [{"company": company}],
			}
		).insert(ignore_permissions=True)
		day = add_days(end, 1)


def make_invoices(rng: random.Random, customers: list[dict], company: str, today: date) -> int:
	item = demo_item()
	cover_fiscal_years(company, add_days(today, -30 * 14), today)
	rates = {"VIP": 90_000, "Key": 20_000, "Normal": 4_000, "New": 3_000}
	count = 0
	for customer in customers:
		months = 2 if customer["tier"] == "New" else 14
		last_month = 7 if customer["drifting"] else 0
		for month in range(months, last_month, -1 if customer["tier"] != "Normal" else -2):
			posting = add_days(today, -30 * month + rng.randint(0, 20))
			if getdate(posting) > today:
				continue
			invoice = frappe.get_doc(
				{
					"doctype": "Sales Invoice",
					"customer": customer["name"],
					"company": company,
					"set_posting_time": 1,
					"posting_date": posting,
					"due_date": posting,
					"items": [
						{"item_code": item, "qty": 1, "rate": rates[customer["tier"]] * rng.uniform(0.7, 1.3)}
					],
				}
			)
			invoice.insert(ignore_permissions=True)
			invoice.submit()
			count += 1
	return count


def feedback(rng: random.Random, categories: list[str]) -> list[dict]:
	items = []
	if rng.random() < 0.25:
		items.append(
			{
				"feedback_type": "Problem",
				"category": rng.choice(categories),
				"description": "Reported on the visit",
			}
		)
	if rng.random() < 0.2:
		items.append({"feedback_type": "Need", "description": "Asked about more capacity"})
	if rng.random() < 0.3:
		items.append({"feedback_type": "Praise", "description": "Happy with the service team"})
	return items


def make_visits(rng: random.Random, customers: list[dict], today: date) -> int:
	categories = frappe.get_all("Feedback Category", filters={"enabled": 1}, pluck="name")
	count = 0
	for customer in customers:
		interval = INTERVALS[customer["tier"]]
		day = add_days(today, -360 + rng.randint(0, interval))
		while getdate(day) < today:
			missed = rng.random() < 0.1
			values = {
				"doctype": "Visit Record",
				"customer": customer["name"],
				"visit_type": "Routine Maintenance",
				"channel": rng.choice(["Phone", "On-site", "WeChat", "Video Call"]),
				"status": "Planned",
				"planned_date": day,
				"visitor": customer["visitor"],
			}
			if not missed:
				late = rng.random() < 0.2
				# A late visit still took place before today (a visit time cannot be in the future).
				visited = min(getdate(add_days(day, rng.randint(1, 4) if late else 0)), add_days(today, -1))
				values |= {
					"status": "Completed",
					"visit_datetime": f"{visited} {rng.randint(9, 17)}:00:00",
					"outcome": rng.choices(["Satisfied", "High Potential", "Has Issues"], [7, 2, 1])[0],
					"satisfaction": rng.choice([0.6, 0.8, 0.8, 1.0, 1.0]),
					"summary": "Routine follow-up call",
					"feedback_items": feedback(rng, categories),
				}
			visit = frappe.get_doc(values).insert(ignore_permissions=True)
			if missed:
				visit.status = "Missed"
				visit.save(ignore_permissions=True)
			count += 1
			day = add_days(day, interval)
	opportunities = frappe.get_all("Opportunity", filters={"followup_visit": ("is", "set")}, pluck="name")
	for name in opportunities:
		status = rng.choices(["Open", "Quotation", "Converted", "Lost"], [3, 3, 2, 2])[0]
		frappe.db.set_value("Opportunity", name, "status", status, update_modified=False)
	return count


def backdate_complaints(rng: random.Random, today: date) -> int:
	"""Complaints made from visit problems open on the visit's day; most were answered and resolved,
	a few late, a few are still open."""
	complaints = frappe.get_all(
		"Complaint",
		filters={"customer": ("like", f"{PREFIX}%"), "source_visit": ("is", "set")},
		fields=["name", "source_visit", "severity"],
	)
	rules = {row.severity: row for row in frappe.get_single("Followup Settings").complaint_sla_rules}
	for complaint in complaints:
		visit_time = frappe.db.get_value("Visit Record", complaint.source_visit, "visit_datetime")
		opened = get_datetime(visit_time)
		rule = rules.get(complaint.severity)
		response_hours, resolution_hours = (rule.response_hours, rule.resolution_hours) if rule else (24, 72)
		values = {
			"opened_on": opened,
			"response_due": add_business_hours(opened, response_hours, ()),
			"resolution_due": add_business_hours(opened, resolution_hours, ()),
			"first_response_on": add_to_date(opened, hours=rng.choice([1, 2, 4, 8, 30])),
		}
		if (getdate(opened) < add_days(today, -14) or rng.random() < 0.5) and rng.random() < 0.9:
			resolved = add_to_date(opened, hours=rng.choice([6, 20, 40, 60, 100]))
			values |= {
				"status": "Closed" if rng.random() < 0.7 else "Resolved",
				"resolved_on": resolved,
				"closed_on": add_to_date(resolved, hours=24),
				"resolution": "Replaced the part and checked on site",
				"root_cause": "Supplier batch quality",
				"corrective_action": "Incoming inspection tightened",
				"reopen_count": 1 if rng.random() < 0.1 else 0,
				"sla_status": "Met" if resolved <= values["resolution_due"] else "Breached",
			}
		frappe.db.set_value("Complaint", complaint.name, values, update_modified=False)
	return len(complaints)


def make_surveys(rng: random.Random, customers: list[dict], today: date) -> int:
	templates = {
		"Customer Satisfaction (CSAT)": frappe.db.exists("Survey Template", "Customer Satisfaction (CSAT)"),
		"Net Promoter Score (NPS)": frappe.db.exists("Survey Template", "Net Promoter Score (NPS)"),
	}
	count = 0
	for customer in customers:
		happy = 0.4 if customer["drifting"] else 0.8
		for _index in range(4 if customer["tier"] in ("VIP", "Key") else 2):
			template = rng.choice([name for name, exists in templates.items() if exists])
			survey = frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"customer": customer["name"],
					"survey_template": template,
					"channel": "Phone",
				}
			).insert(ignore_permissions=True)
			answers = {}
			for row in survey.answers:
				good = rng.random() < happy
				if row.question_type == "NPS 0-10":
					answers[str(row.idx)] = rng.choice([9, 10, 10, 8]) if good else rng.choice([3, 5, 6, 7])
				elif row.question_type == "Rating 1-5":
					answers[str(row.idx)] = rng.choice([4, 5]) if good else rng.choice([2, 3])
				elif row.question_type == "Effort 1-7":
					answers[str(row.idx)] = rng.choice([6, 7]) if good else rng.choice([3, 4])
				elif row.required:
					answers[str(row.idx)] = "Good service" if good else "Slow delivery"
			complete(survey, answers)
			done = add_to_date(get_datetime(add_days(today, -rng.randint(1, 350))), hours=10)
			frappe.db.set_value(
				"Satisfaction Survey",
				survey.name,
				{"sent_on": add_to_date(done, hours=-20), "completed_on": done},
				update_modified=False,
			)
			count += 1
	return count


def make_points(rng: random.Random, customers: list[dict], today: date) -> int:
	count = 0
	for customer in customers:
		if customer["tier"] not in ("VIP", "Key"):
			continue
		earned = rng.choice([200, 300, 500])
		posted = add_days(today, -rng.randint(60, 300))
		reason = rng.choice(["Referral", "Manual"])
		# A referral names the customer referred: the next demo customer.
		referred = customers[(customers.index(customer) + 1) % len(customers)]["name"]
		earn = frappe.get_doc(
			{
				"doctype": "Loyalty Points",
				"customer": customer["name"],
				"transaction_type": "Earn",
				"reason": reason,
				"referred_customer": referred if reason == "Referral" else None,
				"points": earned,
				"posting_date": posted,
			}
		).insert(ignore_permissions=True)
		earn.submit()
		redeem = frappe.get_doc(
			{
				"doctype": "Loyalty Points",
				"customer": customer["name"],
				"transaction_type": "Redeem",
				"points": earned // 2,
				"posting_date": add_days(posted, rng.randint(10, 50)),
				"reward": "Service voucher",
			}
		).insert(ignore_permissions=True)
		redeem.submit()
		count += 2
	return count


def make_goals(today: date):
	quarter_start, quarter_end = period_days("quarter", f"{today.year}-Q{(today.month - 1) // 3 + 1}")
	last_month_end = today.replace(day=1) - timedelta(days=1)
	for name, metric, target, start, end in (
		("Visit completion 90% this quarter", "Visit Completion Rate", 90, quarter_start, quarter_end),
		("NPS 40 this quarter", "NPS", 40, quarter_start, quarter_end),
		(
			"Answer complaints within SLA",
			"Complaint Response SLA %",
			95,
			last_month_end.replace(day=1),
			last_month_end,
		),
		(
			"Resolve 85% of complaints within SLA",
			"Complaint Resolution SLA %",
			85,
			date(today.year, 1, 1),
			date(today.year, 12, 31),
		),
	):
		if not frappe.db.exists("Followup Goal", name):
			frappe.get_doc(
				{
					"doctype": "Followup Goal",
					"goal_name": name,
					"metric": metric,
					"target_value": target,
					"period_start": start,
					"period_end": end,
					"responsible_user": MANAGER,
				}
			).insert(ignore_permissions=True)
