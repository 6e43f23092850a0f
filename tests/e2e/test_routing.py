"""Feedback reaches the department that can fix it: the category's owner, holding only Followup User,
finds the routed ToDo with the customer's words and opens it; a Chinese-speaking Followup Manager
reads Feedback by Department."""

from urllib.parse import quote

from desk import Desk
from journeys import app_strings, open_report, untranslated_on_page


def test_department_owner_works_routed_feedback(desk, run_data):
	data = run_data
	owner = desk().login(data["users"]["owner"])
	page = owner.page
	# The owner's open ToDos of their category: the ToDo names the Feedback Category it was routed under.
	owner.goto(f"todo?status=Open&followup_feedback_category={quote(data['category'])}")
	row = page.locator(".list-row-container").filter(has_text=data["routed_words"]).first
	row.wait_for()
	owner.screenshot("routed-todo-list", docs=True)
	row.locator(f"a[href*='{Desk.path('todo/')}']").first.click()
	owner.wait_form("ToDo")
	todo = owner.doc()
	assert todo["allocated_to"] == data["users"]["owner"], todo
	assert (todo["reference_type"], todo["reference_name"]) == ("Visit Record", data["routed_visit"]), todo
	assert data["routed_words"] in todo["description"], todo["description"]
	assert todo["followup_feedback_category"] == data["category"], todo
	customer_name = data["customers"]["routing"]
	assert customer_name in todo["description"], todo["description"]
	owner.screenshot("routed-todo", docs=True)

	# The ToDo's visit opens for its owner (shared with them by the assignment).
	owner.open_form("Visit Record", data["routed_visit"])
	items = owner.doc()["feedback_items"]
	assert [(item["category"], item["routed_to"]) for item in items] == [
		(data["category"], data["users"]["owner"])
	], items


def test_manager_reads_feedback_by_department_in_chinese(desk, run_data):
	data = run_data
	manager = desk(locale="zh-CN").login(data["users"]["manager_zh"])
	open_report(manager, "Feedback by Department")
	page = manager.page
	page.locator(".dt-cell__content").filter(has_text=data["department"]).first.wait_for()
	headers = page.locator(".dt-row-header .dt-cell__content").all_inner_texts()
	assert any("负责部门" in header for header in headers), headers
	untranslated = untranslated_on_page(manager, app_strings())
	manager.screenshot("feedback-by-department-zh", docs=True)
	assert not untranslated, f"untranslated on the zh report: {untranslated}"
	# A count drills down into the visits behind it.
	link = page.locator(f".report-wrapper .dt-cell a[href*='{Desk.path('visit-record')}']").first
	link.click()
	page.wait_for_url(f"**{Desk.path('visit-record')}**")
	manager.idle()
	filtered = page.evaluate("() => cur_list.filter_area.get().map(f => f[0] + '.' + f[1])")
	assert "Visit Feedback Item.category" in filtered, filtered
