"""Journeys of the Followup User (回访专员), who holds only that role; in English and in Chinese.

The customer's part (answering the survey on a phone) runs inside the visitor's journey, since it
starts from the link the visitor sends.
"""

import frappe
from desk import Desk
from journeys import (
	answer_script,
	answer_survey,
	app_strings,
	complete_visit,
	open_report,
	open_workspace,
	survey_link_from_dialog,
	untranslated_on_page,
	visible_reports,
	wait_until,
)


def test_visitor_works_a_day_of_visits(desk, run_data):
	data = run_data
	visitor = desk().login(data["users"]["visitor"])
	page = visitor.page

	# The workspace: cards and charts, then today's planned visit from "Visits Due Today".
	workspace = open_workspace(visitor)
	assert "Visits Due Today" in workspace["cards"], workspace
	page.locator(".number-widget-box:visible").filter(has_text="Visits Due Today").locator(
		".widget-content"
	).first.click()
	page.wait_for_url(f"**{Desk.path('visit-record')}?**")
	visitor.idle()
	# Planned visits are listed in the order they are to be made.
	assert page.evaluate("() => cur_list.sort_by") == "planned_at", "the planned list is ordered by time"
	page.locator(f".list-row-container a[data-name='{data['visits']['visitor']}']").first.click()
	visitor.wait_form("Visit Record", data["visits"]["visitor"])

	# The customer brief at the top of the form: what a Followup User may read, each line a link.
	brief = page.locator(".frappe-control[data-fieldname='customer_brief'] .followup-brief")
	brief.wait_for()
	text = brief.inner_text()
	assert f"E2E earlier call {data['run']}" in text, text
	# Purchases: the visitor cannot open Sales Invoices, yet sees the figures (unlinked).
	assert "Revenue, Last 12 Months" in text and "Not shown" not in text, text
	assert "E2E 茶具" in text, text
	assert brief.locator("a[href*='sales-invoice']").count() == 0
	assert "工作日 上午" in text, text
	assert (
		brief.locator(f"a[href^='{Desk.path('visit-record/')}']").count() >= 2
	)  # the earlier visit and the on-site one
	visitor.screenshot("visit-brief", docs=True)

	# Complete it with a Need and a Problem: they become an Opportunity and a Complaint.
	complete_visit(
		visitor,
		data["visits"]["visitor"],
		"Has Issues",
		[
			("Need", "Product Quality", "Wants a quote for 20 more units of the new model"),
			("Problem", "Delivery", "Last delivery arrived two days late"),
		],
	)
	page.evaluate("() => cur_frm.scroll_to_field('outcome')")
	visitor.idle()
	visitor.screenshot("visit-completion", docs=True)
	visitor.save()
	visitor.page.reload()
	visitor.wait_form("Visit Record", data["visits"]["visitor"])
	items = {row["feedback_type"]: row for row in visitor.doc()["feedback_items"]}
	assert visitor.doc()["status"] == "Completed"
	assert items["Need"].get("opportunity"), items
	assert items["Problem"].get("complaint"), items
	visitor.open_form("Opportunity", items["Need"]["opportunity"])
	visitor.open_form("Complaint", items["Problem"]["complaint"])

	# From the Customer: the Follow-up tab, Log Visit, New Complaint, Send Survey (a link).
	customer = data["customers"]["visitor"]
	visitor.record_timing("Customer form", visitor.open_form("Customer", customer))
	page.locator(".form-tabs .nav-link").filter(has_text="Follow-up").first.click()
	visitor.idle()
	visitor.screenshot("customer-followup-tab", docs=True)
	visitor.button("Log Visit", group="Follow-up")
	visitor.wait_form("Visit Record")
	assert visitor.doc()["customer"] == customer and visitor.doc()["status"] == "Completed"
	visitor.fill("visit_type", "Satisfaction Check")
	visitor.fill("outcome", "Satisfied")
	visitor.fill("summary", "Quick call: all good.")
	visitor.save()

	visitor.open_form("Customer", customer)
	visitor.button("New Complaint", group="Follow-up")
	visitor.wait_form("Complaint")
	visitor.fill("subject", "Invoice copy missing")
	visitor.fill("severity", "Low")
	visitor.save()
	assert visitor.doc()["status"] == "Open" and visitor.doc()["response_due"]

	visitor.open_form("Customer", customer)
	visitor.button("Send Survey", group="Follow-up")
	visitor.fill("survey_template", "净推荐值调查 (NPS)", scope=".modal.show")
	visitor.fill("channel", "Link", scope=".modal.show")
	visitor.dialog_primary()
	link = survey_link_from_dialog(visitor)
	visitor.close_message()
	visitor.wait_form("Satisfaction Survey")

	# The customer answers on a phone, in Chinese; the visitor then sees the answers and Last NPS.
	phone = desk(width=390, height=844, locale="zh-CN")
	thanks = answer_survey(phone, link, screenshot="survey-zh")
	assert "谢谢" in thanks or "感谢" in thanks, thanks
	phone.screenshot("survey-zh-thanks", docs=True)
	survey = visitor.doc()["name"]
	wait_until(
		lambda: frappe.db.get_value("Customer", customer, "last_nps") == 9,
		what="the survey's completion job to update the customer",
	)
	visitor.open_form("Satisfaction Survey", survey)
	assert visitor.doc()["status"] == "Completed" and visitor.doc()["answers"]
	visitor.open_form("Customer", customer)
	assert visitor.doc()["last_nps"] == 9

	# Every report the workspace shows a Followup User opens.
	visitor.goto("customer-follow-up")
	reports = visible_reports(visitor)
	assert reports, "the workspace shows the visitor reports"
	for report in reports:
		open_report(visitor, report)


def test_visitor_answers_an_on_site_script_on_a_phone(desk, run_data):
	data = run_data
	phone = desk(width=390, height=844).login(data["users"]["visitor"])
	visit = data["visits"]["onsite"]
	phone.open_form("Visit Record", visit)
	# Duration guidance for the channel.
	assert "30" in phone.control("duration_minutes").inner_text()
	phone.button(phone.t("Complete Visit"))
	answer_script(phone)
	field = phone.page.locator(".frappe-control[data-fieldname='script_form']")
	box = field.bounding_box()
	assert box and box["width"] <= 390, box
	field.scroll_into_view_if_needed()
	phone.screenshot("visit-script-phone", docs=True)
	phone.fill("outcome", "Satisfied")
	phone.fill("duration_minutes", 25)
	phone.save()
	doc = phone.doc()
	assert doc["status"] == "Completed" and all(row.get("answer") for row in doc["script_answers"]), doc
	assert doc.get("playbook_applied_on"), "the Satisfied playbook ran"


def test_visitor_in_chinese(desk, run_data):
	data = run_data
	visitor = desk(locale="zh-CN").login(data["users"]["visitor_zh"])
	english = app_strings()
	problems = {}

	open_workspace(visitor, "workspace-zh")
	visitor.screenshot("workspace-zh", docs=True, full_page=True)
	problems["workspace"] = untranslated_on_page(visitor, english)

	complete_visit(
		visitor,
		data["visits"]["visitor_zh"],
		"Satisfied",
		[("Praise", "Service Response", "客服响应很快")],
	)
	problems["visit form"] = untranslated_on_page(visitor, english)
	brief = visitor.page.locator(".frappe-control[data-fieldname='customer_brief'] .followup-brief")
	text = brief.inner_text()
	assert visitor.t("Revenue, Last 12 Months") in text and visitor.t("Purchases") in text, text
	assert "E2E 茶具" in text, text
	brief.scroll_into_view_if_needed()
	visitor.screenshot("visit-brief-zh", docs=True)
	visitor.save()

	visitor.open_form("Customer", data["customers"]["visitor_zh"])
	visitor.page.locator(".form-tabs .nav-link").filter(has_text=visitor.t("Follow-up")).first.click()
	visitor.idle()
	problems["customer tab"] = untranslated_on_page(visitor, english)
	visitor.button(visitor.t("New Complaint"), group=visitor.t("Follow-up"))
	visitor.wait_form("Complaint")
	problems["complaint form"] = untranslated_on_page(visitor, english)
	visitor.page.go_back()

	for report in ("Visit Completion", "Churn Risk"):
		open_report(visitor, report)
		problems[report] = untranslated_on_page(visitor, english)
	problems = {page: words for page, words in problems.items() if words}
	assert not problems, f"untranslated on zh pages: {problems}"


def test_visitor_plans_a_visit_by_hand(desk, run_data):
	"""A visit made in the desk without a time gets the planner's time on the chosen date, inside the
	customer's preferred contact time (工作日 上午), not the clock's time."""
	data = run_data
	visitor = desk().login(data["users"]["visitor"])
	visitor.goto("visit-record/new")
	visitor.wait_form("Visit Record")
	visitor.fill("customer", data["customers"]["visitor"])
	visitor.fill("visit_type", "Routine Maintenance")
	visitor.fill("channel", "Phone")
	tuesday = visitor.page.evaluate(
		"""() => { const day = moment().add(1, 'days'); while (day.isoWeekday() !== 2) day.add(1, 'days');
			return day.format('YYYY-MM-DD'); }"""
	)
	visitor.page.evaluate("(day) => cur_frm.set_value('planned_date', day)", tuesday)
	visitor.idle()
	visitor.save()
	doc = visitor.doc()
	assert doc["planned_date"] == tuesday, doc
	hour, minute, second = (int(part) for part in doc["planned_time"].split(".")[0].split(":"))
	assert 9 <= hour < 12 and minute % 15 == 0 and second == 0, doc["planned_time"]
	visitor.control("planned_time").scroll_into_view_if_needed()
	visitor.screenshot("visit-planned-by-hand", docs=True)
