"""Journeys of the Followup Manager, who holds only that role, and one System Manager run."""

import frappe
from desk import Desk
from frappe.utils import now_datetime
from journeys import REPORTS, open_report, open_workspace, wait_until


def test_manager_configures_plans_resolves_and_measures(desk, run_data):
	data = run_data
	manager = desk().login(data["users"]["manager"])
	page = manager.page
	open_workspace(manager)

	# Configure a tier, a policy for it and a visit script, in the desk.
	manager.goto("customer-tier/new")
	manager.wait_form("Customer Tier")
	manager.fill("tier_name", data["tier"])
	manager.fill("rank", 900 + int(data["run"], 16) % 99)
	manager.fill("min_annual_revenue", 5000000)
	warning = manager.save()
	assert warning and "can never give" in warning, "an unreachable threshold is pointed out"

	manager.goto("visit-script/new")
	manager.wait_form("Visit Script")
	manager.fill("script_name", data["script"])
	manager.fill("visit_type", "Win-back")
	manager.fill("opening", "您好,我们想了解您最近是否需要帮助。")
	manager.add_row("questions")
	manager.fill_cell("questions", 1, "question", "What made you order less this year?")
	manager.save()

	manager.goto("followup-policy/new")
	manager.wait_form("Followup Policy")
	manager.fill("policy_name", data["policy"])
	manager.fill("priority", 99)
	manager.fill("customer_tier", data["tier"])
	manager.fill("interval_days", 21)
	manager.fill("lead_days", 5)
	manager.fill("visit_type", "Win-back")
	manager.fill("visit_script", data["script"])
	manager.fill("assignment", "Account Manager")
	manager.save()

	# Plan Visits Now: the planner runs in the background and plans the due customer's visit.
	customer = data["customers"]["manager"]
	manager.goto("followup-settings")
	manager.wait_form("Followup Settings")
	# The progress dialog may come and go quickly: watch for it from before the click.
	page.evaluate(
		"""() => { window.progress_titles = new Set();
			new MutationObserver(() => document.querySelectorAll('.modal.show .modal-title')
				.forEach(title => window.progress_titles.add(title.innerText.trim())))
				.observe(document.body, {childList: true, subtree: true, attributes: true}); }"""
	)
	manager.button("Plan Visits Now")
	page.locator(".alert-message, .desk-alert").filter(has_text="Visit planning started").first.wait_for()
	wait_until(
		lambda: frappe.db.exists("Visit Record", {"customer": customer, "status": "Planned"}),
		what="the planner to plan the due customer's visit",
	)
	if page.evaluate("() => Boolean(frappe.realtime.socket && frappe.realtime.socket.connected)"):
		page.wait_for_function("() => window.progress_titles.has('Planning Visits')")

	# Resolve a complaint: its verification visit is planned.
	manager.open_form("Complaint", data["complaint"])
	manager.button("Resolve", group="Status")
	manager.fill("resolution", "Re-delivered by express; courier changed.")
	manager.save()
	assert manager.doc()["status"] == "Resolved"
	verification = manager.doc()["verification_visit"]
	assert verification, "resolving plans a verification visit"
	manager.open_form("Visit Record", verification)
	assert manager.doc()["visit_type"] == "Complaint Verification"

	# Redeem points from the Customer.
	manager.open_form("Customer", customer)
	manager.button("Redeem Points", group="Follow-up")
	manager.fill("points", 20, scope=".modal.show")
	manager.fill("reward", "Gift card", scope=".modal.show")
	manager.dialog_primary()
	wait_until(
		lambda: frappe.db.get_value("Customer", customer, "loyalty_points_balance") == 30,
		what="the redemption to lower the balance to 30",
	)

	# Bulk-send surveys from the Customer list.
	manager.goto(f"customer?customer_name={customer}")
	page.locator(".list-row-checkbox:visible").first.click()
	page.locator(".actions-btn-group button:visible").first.click()
	page.locator(".actions-btn-group .dropdown-menu a:visible").filter(has_text="Send Survey").first.click()
	manager.idle()
	manager.fill("survey_template", "Net Promoter Score (NPS)", scope=".modal.show")
	manager.fill("channel", "Email", scope=".modal.show")
	manager.dialog_primary()
	wait_until(
		lambda: frappe.db.exists("Satisfaction Survey", {"customer": customer, "status": "Sent"}),
		what="the bulk send to send the customer a survey",
	)

	# All nine reports open; a figure drills down into the filtered list of its records.
	for report in REPORTS:
		manager.record_timing(f"report {report}", open_report(manager, report))
	open_report(manager, "Visit Completion")
	link = page.locator(f".report-wrapper .dt-cell a[href*='{Desk.path('visit-record')}']").first
	link.wait_for()
	manager.screenshot("report-drilldown", docs=True)
	link.click()
	page.wait_for_url(f"**{Desk.path('visit-record')}**")
	manager.idle()
	filtered = page.evaluate("() => cur_list.filter_area.get().map(f => f[1])")
	assert {"status", "planned_date"} <= set(filtered), filtered

	# A goal, evaluated on demand.
	manager.goto("followup-goal/new")
	manager.wait_form("Followup Goal")
	manager.fill("goal_name", data["goal"])
	manager.fill("metric", "Visit Completion Rate")
	page.evaluate(
		"""() => cur_frm.set_value({period_start: frappe.datetime.month_start(),
			period_end: frappe.datetime.month_end()})"""
	)
	manager.fill("target_value", 90)
	manager.save()
	manager.button("Evaluate Now")
	assert manager.doc()["status"] in ("On Track", "At Risk", "Achieved"), manager.doc()["status"]
	manager.screenshot("goal", docs=True)

	# This hour's SLA run goes through its chunk jobs on the long queue; the manager reads its log.
	from followup_app.scheduling import hourly, runs

	run = runs.start_run(hourly.SLA_UPDATE, now_datetime().strftime("%Y-%m-%dT%H"))
	frappe.db.commit()
	wait_until(
		lambda: frappe.db.get_value("Followup Job Run", run, "final_step") == "Done",
		what="the hourly SLA run's chunks and final step",
	)
	manager.goto("followup-job-run")
	page.locator(".list-row-container").first.wait_for()  # the runs are listed to the manager
	manager.open_form("Followup Job Run", run)
	log = manager.doc()
	assert log["status"] == "Completed" and log["chunks_done"] == log["total_chunks"] >= 1, log
	assert all(chunk["status"] == "Done" for chunk in log["chunks"]), log["chunks"]
	summary = page.locator(".frappe-control[data-fieldname='step_summary']")
	assert "SLA Update" in summary.inner_text(), summary.inner_text()
	manager.screenshot("job-run", docs=True, full_page=True)


def test_system_manager_sees_everything(desk, run_data):
	admin = desk().login(run_data["users"]["admin"])
	workspace = open_workspace(admin)
	assert len(workspace["cards"]) == 8 and len(workspace["charts"]) == 4, workspace
	assert "Nightly Run" in workspace["cards"], workspace
	assert "Customers with Data Problems" in workspace["cards"], workspace
	admin.screenshot("workspace", docs=True, full_page=True)
	for report in REPORTS:
		open_report(admin, report)
	admin.open_form("Followup Settings", "Followup Settings")
	# Desk page loads of the app beside an ERPNext page, for BENCHMARKS.md (three of each).
	for _round in range(3):
		admin.record_timing("Customer Follow-up workspace", admin.goto("customer-follow-up"))
		admin.record_timing(
			"Visit Record form", admin.open_form("Visit Record", run_data["visits"]["visitor"])
		)
		admin.record_timing("Customer form", admin.open_form("Customer", run_data["customers"]["visitor"]))
		admin.record_timing("ERPNext Customer list", admin.goto("customer"))
