"""Steps shared by the persona journeys: the workspace, reports, visits, the customer's survey."""

import json
import re
import time
from pathlib import Path

import site_data
from desk import Desk

REPORT_FOLDER = Path(__file__).resolve().parents[2] / "followup_app/customer_followup/report"
# The app's Script Reports, as they are shipped.
REPORTS = tuple(sorted(json.loads(path.read_text())["name"] for path in REPORT_FOLDER.glob("*/*.json")))


def wait_until(check, seconds: float = 180, what: str = "the condition"):
	"""Poll `check` (reading a fresh snapshot of the site) until it returns something truthy."""
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		site_data.fresh()
		result = check()
		if result:
			return result
		time.sleep(1)
	raise AssertionError(f"timed out waiting for {what}")


def open_workspace(desk: Desk, label: str = "workspace") -> dict:
	"""The Customer Follow-up workspace: its cards show figures and its charts draw without error."""
	desk.record_timing("Customer Follow-up workspace", desk.goto("customer-follow-up"))
	page = desk.page
	page.locator(".number-widget-box:visible").first.wait_for()
	# Cards fill in asynchronously; a card that failed would stay empty or show an error.
	page.wait_for_function(
		"""() => [...document.querySelectorAll('.number-widget-box')].filter(c => c.offsetParent)
			.every(c => (c.querySelector('.number') || {}).innerText)"""
	)
	page.wait_for_function(
		"""() => [...document.querySelectorAll('.dashboard-widget-box')].filter(c => c.offsetParent)
			.every(c => c.querySelector('svg.frappe-chart, .chart-empty-state, .chart-loading-state.hide')
				|| /No Data|没有数据|无数据/.test(c.innerText))"""
	)
	desk.idle(settle=1)
	cards = page.locator(".number-widget-box:visible .widget-title").all_text_contents()
	charts = page.locator(".dashboard-widget-box:visible .widget-title").all_text_contents()
	desk.screenshot(label)
	return {"cards": [c.strip() for c in cards], "charts": [c.strip() for c in charts]}


def visible_reports(desk: Desk) -> list[str]:
	"""The report links the workspace shows this user."""
	desk.page.locator(".links-widget-box a.link-item").first.wait_for()
	links = desk.page.locator(".links-widget-box:visible a.link-item[href*='query-report']")
	return [
		re.sub(r"^.*/query-report/", "", href).replace("%20", " ")
		for href in (link.get_attribute("href") for link in links.all())
	]


def open_report(desk: Desk, name: str) -> float:
	"""A Script Report renders its table (or says it has no data) and its chart without error."""
	seconds = desk.goto(f"query-report/{name}")
	desk.page.wait_for_function(
		"""(name) => { const report = window.frappe && frappe.query_report;
			if (!report || report.report_name !== name || !report.$loading || report.$loading.is(':visible')) return false;
			return report.$report.find('.dt-scrollable').length > 0
				|| [...report.page.main.find('.msg-box')].some(box => box.offsetParent && box !== report.$loading[0]); }""",
		arg=name,
	)
	desk.idle(settle=1)
	desk.fail_on_message()
	return seconds


def complete_visit(desk: Desk, visit: str, outcome: str, feedback: list[tuple[str, str, str]]):
	"""Open a planned visit, answer its script, note feedback and complete it."""
	desk.record_timing("Visit Record form", desk.open_form("Visit Record", visit))
	desk.button(desk.t("Complete Visit"))
	answer_script(desk)
	desk.fill("outcome", outcome)
	desk.fill("satisfaction", 4)
	desk.fill("summary", "Customer is happy with the service; asked about a new model.")
	for index, (feedback_type, category, text) in enumerate(feedback, start=1):
		desk.add_row("feedback_items")
		desk.fill_cell("feedback_items", index, "feedback_type", feedback_type)
		desk.fill_cell("feedback_items", index, "category", category)
		desk.fill_cell("feedback_items", index, "description", text)
	return desk


def answer_script(desk: Desk) -> list[str]:
	"""Answer the script's questions in the form above the grid (labelled inputs, in order, required
	ones marked); each answer lands in its row of the answers table."""
	page = desk.page
	answers = desk.doc().get("script_answers") or []
	assert answers, "the planned visit brings its script's questions"
	form = page.locator(".frappe-control[data-fieldname='script_form'] .followup-script-form")
	form.wait_for()
	labels = form.locator(".script-question label").all_inner_texts()
	assert labels == [f"{row['idx']}. {row['question']}" for row in answers], labels
	required = [row["idx"] for row in answers if row.get("required")]
	marked = [
		int(idx)
		for idx in form.locator(".script-question:has(label.reqd)").evaluate_all(
			"(items) => items.map((item) => item.dataset.idx)"
		)
	]
	assert marked == required, (marked, required)
	texts = []
	for row in answers:
		text = f"Answer to: {row['question'][:30]}"
		box = form.locator(f".script-question[data-idx='{row['idx']}'] textarea")
		box.fill(text)
		box.blur()
		texts.append(text)
	desk.idle(settle=0.5)
	stored = [row.get("answer") for row in desk.doc()["script_answers"]]
	assert stored == texts, stored
	return texts


def answer_survey(desk: Desk, link: str, screenshot: str | None = None) -> str:
	"""The customer opens the secret link on a phone, answers every question and submits."""
	page = desk.page
	page.goto(link)
	page.locator("form#survey").wait_for()
	for block in page.locator("form#survey .q").all():
		kind = block.get_attribute("data-type")
		if kind in ("Rating 1-5", "Effort 1-7"):
			block.locator("label").nth(3).click()
		elif kind == "NPS 0-10":
			block.locator("label").nth(9).click()
		elif kind in ("Single Choice", "Multiple Choice"):
			block.locator("label").first.click()
		else:
			block.locator("textarea").fill("服务很好,送货很快。")
	if screenshot:
		desk.screenshot(screenshot, docs=True, full_page=True)
	page.locator("form#survey button[type=submit]").click()
	page.locator("form#survey").wait_for(state="hidden")
	return page.locator("body").inner_text()


def survey_link_from_dialog(desk: Desk) -> str:
	"""The secret link the desk shows after sending a survey by the Link channel."""
	link = desk.page.locator(".modal.show a[href*='/survey?']").first
	link.wait_for()
	return link.get_attribute("href")


def app_strings() -> set[str]:
	"""English strings of the app that have a different zh translation (labels, options, messages)."""
	from metadata import translations
	from translatable import all_strings

	zh = translations()
	return {text for text, _origin in all_strings() if zh.get(text, text) != text and len(text) > 2}


def untranslated_on_page(desk: Desk, english: set[str]) -> list[str]:
	"""Visible text nodes (labels, buttons, headings) that are an app string still in English."""
	texts = desk.page.evaluate(
		"""() => {
			const out = new Set();
			const roots = [...document.querySelectorAll('.page-container, .modal.show, .navbar')]
				.filter(root => root.offsetParent !== null || root.classList.contains('modal'));
			for (const root of roots) {
				const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
				while (walker.nextNode()) {
					const node = walker.currentNode, text = node.textContent.trim();
					const parent = node.parentElement;
					if (text && parent && parent.getClientRects().length
						&& !parent.closest('.grid-static-col[data-fieldtype="Small Text"], .ql-editor, input, textarea, .like-disabled-input, .static-area, .control-value, .dt-cell__content, a[href*="/customer/"]')) {
						out.add(text);
					}
				}
			}
			return [...out];
		}"""
	)
	return sorted(text for text in texts if text in english)
