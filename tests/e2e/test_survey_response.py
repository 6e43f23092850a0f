"""Surveys people answer (issue 16): one click from the rendered email, and the visitor's QR code on
site; both on a phone (390 px, zh-CN) on the accessible, branded public page. Screenshots for the
README go to docs/.
"""

import email
import re
from unittest.mock import patch
from urllib.parse import urlparse

import frappe
from journeys import answer_survey, open_report, wait_until

NPS_ZH = "净推荐值调查 (NPS)"
PHONE = {"width": 390, "height": 844, "locale": "zh-CN"}

# The contrast of each visible text against the background it is drawn on (WCAG 2 formula).
CONTRAST = """() => {
	const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
	const luminance = ([r, g, b]) => {
		const [R, G, B] = [r, g, b].map((c) => {
			c /= 255;
			return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		});
		return 0.2126 * R + 0.7152 * G + 0.0722 * B;
	};
	const background = (element) => {
		for (let node = element; node; node = node.parentElement) {
			const color = rgb(getComputedStyle(node).backgroundColor);
			if (color.length === 3 || (color.length === 4 && color[3] > 0)) return color.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const found = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const element = walker.currentNode.parentElement;
		const text = walker.currentNode.textContent.trim();
		if (!text || !element.getClientRects().length || element.closest(".sr-only, script")) continue;
		const style = getComputedStyle(element);
		if (style.visibility === "hidden" || style.display === "none") continue;
		const [a, b] = [luminance(rgb(style.color)), luminance(background(element))];
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		found.push({ text: text.slice(0, 30), ratio: Math.round(ratio * 100) / 100 });
	}
	return found;
}"""


def html_part(message: str) -> str:
	parsed = email.message_from_string(message)
	for part in parsed.walk():
		if part.get_content_type() == "text/html":
			return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
	raise AssertionError("the survey email has no HTML part")


def focused(page) -> dict:
	return page.evaluate(
		"() => ({tag: document.activeElement.tagName, name: document.activeElement.name || '',"
		" value: document.activeElement.value || ''})"
	)


def check_accessible(page):
	"""Labelled controls, groups named by their legend, a focus order that follows the questions,
	and text contrast of at least 4.5:1."""
	assert page.get_by_role("group", name=re.compile("推荐给朋友或同事")).count() == 1
	# The scale ends are read with the first and last answer.
	assert page.get_by_role("radio", name=re.compile(r"^0\s*,\s*不太可能$")).count() == 1
	assert page.get_by_role("radio", name=re.compile(r"^10\s*,\s*非常可能$")).count() == 1
	assert page.get_by_role("radio").count() == 11
	assert page.get_by_role("textbox", name=re.compile("主要原因")).count() == 1
	page.evaluate("() => document.activeElement && document.activeElement.blur()")
	order = []
	for _ in range(3):
		page.keyboard.press("Tab")
		order.append(focused(page))
	assert [(item["tag"], item["name"]) for item in order] == [
		("INPUT", "q1"),
		("TEXTAREA", "q2"),
		("BUTTON", ""),
	], order
	assert order[0]["value"] == "9", order  # focus lands on the answer picked in the email
	low = [item for item in page.evaluate(CONTRAST) if item["ratio"] < 4.5]
	assert not low, f"text below 4.5:1 contrast: {low}"


def test_customer_answers_by_one_click_from_the_email(desk, run_data):
	from followup_app.surveys.sending import create_and_send
	from followup_app.testing.mail import delete_outgoing_email_account, make_outgoing_email_account

	customer = run_data["customers"]["visitor_zh"]
	address = f"one-click.{run_data['run']}@example.com"
	frappe.db.set_value("Customer", customer, "email_id", address)
	# An outgoing account lets the mail be queued; nothing is delivered (no SMTP server to check).
	with patch("frappe.email.doctype.email_account.email_account.EmailAccount.validate_smtp_conn"):
		make_outgoing_email_account()
	frappe.flags.mute_emails = True
	try:
		frappe.set_user(run_data["users"]["visitor_zh"])
		survey = create_and_send(customer, NPS_ZH, "Email")["name"]
		frappe.set_user("Administrator")
		message = frappe.get_last_doc("Email Queue", {"reference_name": survey}).message
		frappe.db.commit()
	finally:
		frappe.flags.mute_emails = False
		delete_outgoing_email_account()

	# The email as a phone shows it (links pointed at the served site).
	phone = desk(**PHONE)
	page = phone.page
	served = urlparse(phone.base_url)
	html = re.sub(rf"https?://{re.escape(served.hostname)}(:\d+)?/", f"{phone.base_url}/", html_part(message))
	page.set_content(html)
	buttons = page.locator("a[href*='/survey?t=']").filter(has_text=re.compile(r"^\s*\d+\s*$"))
	assert buttons.count() == 11
	widths = buttons.evaluate_all("(links) => links.map((a) => a.getBoundingClientRect().right)")
	assert max(widths) <= 390, f"the buttons overflow the phone's width: {widths}"
	phone.screenshot("survey-email-zh", docs=True, full_page=True)

	# One click on 9: the page opens with 9 picked and records it at once.
	page.locator("a[href*='&a=9']").first.click()
	page.locator("form#survey").wait_for()
	page.locator("#saved").wait_for()
	assert page.locator("input[name=q1][value='9']").is_checked()
	wait_until(
		lambda: frappe.db.get_value("Satisfaction Survey", survey, "first_answer_on"),
		what="the one-click answer to be stored",
	)
	assert frappe.db.get_value("Satisfaction Survey", survey, ["status", "nps_score"]) == ("Sent", 9)
	phone.screenshot("survey-one-click-zh", docs=True, full_page=True)
	check_accessible(page)
	assert page.locator("meta[property='og:title']").get_attribute("content").startswith("客户调查")

	# The rest is still open: finish it; the survey is complete with the one-click answer.
	page.locator("textarea[name=q2]").fill("送货及时,服务周到。")
	page.locator("form#survey button[type=submit]").click()
	page.locator("#message").wait_for()
	wait_until(
		lambda: frappe.db.get_value("Satisfaction Survey", survey, "status") == "Completed",
		what="the survey to be completed",
	)
	assert frappe.db.get_value("Satisfaction Survey", survey, "nps_score") == 9

	# A second click on the email's button finds the link closed.
	phone.expect_status(410, "/survey?t=")
	page.set_content(html)
	page.locator("a[href*='&a=3']").first.click()
	page.locator(".closed").wait_for()
	answered = frappe._("This survey has already been answered. Thank you!", lang="zh")
	assert page.locator(".closed").inner_text() == answered
	assert frappe.db.get_value("Satisfaction Survey", survey, "nps_score") == 9


def test_customer_answers_by_scanning_the_visitors_qr_code(desk, run_data):
	from frappe.utils import nowdate

	visitor_user = run_data["users"]["visitor_zh"]
	visit = frappe.get_doc(
		{
			"doctype": "Visit Record",
			"customer": run_data["customers"]["visitor_zh"],
			"visit_type": "Satisfaction Check",
			"channel": "On-site",
			"status": "Planned",
			"planned_date": nowdate(),
			"visitor": visitor_user,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()

	# On site, the visitor shows the survey's QR code from the visit.
	visitor = desk().login(visitor_user)
	visitor.open_form("Visit Record", visit.name)
	visitor.button(visitor.t("Survey QR Code"))
	visitor.fill("survey_template", NPS_ZH, scope=".modal.show")
	visitor.dialog_primary()
	code = visitor.page.locator(".modal.show img.survey-qr")
	code.wait_for()
	assert code.evaluate("(img) => img.complete && img.naturalWidth > 100")
	assert code.get_attribute("src").startswith("data:image/svg+xml")
	visitor.screenshot("survey-qr-zh", docs=True)
	link = visitor.page.locator(".modal.show a[href*='/survey?t=']").first.get_attribute("href")
	survey = frappe.db.get_value(
		"Satisfaction Survey", {"reference_doctype": "Visit Record", "reference_name": visit.name}
	)
	assert frappe.db.get_value("Satisfaction Survey", survey, ["channel", "status"]) == ("In Visit", "Sent")

	# The customer scans it and answers on their phone (the QR code encodes this link).
	phone = desk(**PHONE)
	thanks = answer_survey(phone, link)
	assert "感谢您的回答" in thanks, thanks
	wait_until(
		lambda: frappe.db.get_value("Satisfaction Survey", survey, "status") == "Completed",
		what="the scanned survey to be completed",
	)


# Surveys as a few weeks of asking leave them: (channel, answered, reminded, answered after it).
SENT = {"Email": (8, 4, 4, 2), "SMS": (5, 2, 3, 1), "Link": (4, 3, 0, 0), "In Visit": (3, 3, 0, 0)}


def make_sent_surveys(customers: list[str]):
	"""SENT's surveys for the run's customers, sent over the last three weeks; committed."""
	from frappe.utils import add_days, now_datetime

	scores = iter([10, 9, 7, 3, 9, 10, 8, 6, 9, 10, 9, 4])
	index = 0
	for channel, (sent, answered, reminded, after_reminder) in SENT.items():
		for number in range(sent):
			index += 1
			sent_on = add_days(now_datetime(), -(index % 21) - 1)
			survey = frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"customer": customers[index % len(customers)],
					"survey_template": "Net Promoter Score (NPS)" if index % 3 else NPS_ZH,
					"channel": channel,
				}
			).insert(ignore_permissions=True)
			values = {"status": "Expired", "sent_on": sent_on, "expires_on": add_days(sent_on, 14)}
			if number < answered:
				score = next(scores)
				category = "Promoter" if score >= 9 else "Passive" if score >= 7 else "Detractor"
				values.update(
					status="Completed",
					completed_on=add_days(sent_on, 1),
					nps_score=score,
					nps_category=category,
				)
			# The last answers came after a reminder; the other reminded surveys stayed unanswered.
			if answered - after_reminder <= number < answered + reminded - after_reminder:
				values["reminder_sent_on"] = add_days(sent_on, 3)
			frappe.db.set_value("Satisfaction Survey", survey.name, values, update_modified=False)
	frappe.db.commit()


def test_manager_reads_response_rates_by_channel(desk, run_data):
	make_sent_surveys(list(run_data["customers"].values()))
	manager = desk(width=1720).login(run_data["users"]["manager"])
	manager.page.evaluate("() => frappe.ui.toolbar.toggle_full_width()")  # every column on screen
	open_report(manager, "Customer Satisfaction")
	manager.page.evaluate("() => frappe.query_report.set_filter_value('group_by', 'channel')")
	manager.page.locator(".dt-header .dt-cell__content").filter(has_text="Channel").first.wait_for()
	manager.idle(settle=1)
	headers = manager.page.locator(".dt-header .dt-cell__content").all_inner_texts()
	for label in ("Channel", "Surveys Sent", "Survey Response Rate", "Reminded", "Answered after Reminder"):
		assert any(label in header for header in headers), (label, headers)
	cells = manager.page.locator(".dt-scrollable .dt-cell__content")
	for channel in SENT:
		assert cells.filter(has_text=re.compile(rf"^\s*{channel}\s*$")).count() == 1, channel
	manager.screenshot("report-survey-response", docs=True)
