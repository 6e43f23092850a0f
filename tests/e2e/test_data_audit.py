"""Customer data: a Chinese-speaking Followup Manager audits the customers' data and follows a row to
the customer; phone and email on the app's records show to the app's roles only."""

import frappe
import site_data
from desk import Desk
from journeys import app_strings, open_report, untranslated_on_page


def test_manager_audits_customer_data_in_chinese(desk, run_data):
	data = run_data
	manager = desk(locale="zh-CN").login(data["users"]["auditor_zh"])
	page = manager.page
	customer = data["audit_customer"]
	open_report(manager, "Customer Data Audit")
	page.evaluate("(name) => frappe.query_report.set_filter_value('customer', name)", customer)
	rows = page.locator(".report-wrapper .dt-scrollable .dt-row").filter(has_text=customer)
	rows.first.wait_for()
	manager.idle(settle=1)
	reasons = {text.strip() for text in page.locator(".report-wrapper .dt-cell__content").all_inner_texts()}
	assert {"没有主要联系人", "没有电话或邮箱", "没有回访等级", "没有客户经理"} <= reasons, reasons
	headers = [text.strip() for text in page.locator(".dt-row-header .dt-cell__content").all_inner_texts()]
	assert {"原因", "客户", "可能与之重复"} <= set(headers), headers
	untranslated = untranslated_on_page(manager, app_strings())
	manager.screenshot("customer-data-audit-zh", docs=True)
	assert not untranslated, f"untranslated on the zh report: {untranslated}"
	# A row's customer link opens the customer to fix its data.
	rows.first.locator(f"a[href*='{Desk.path('customer/')}']").first.click()
	manager.wait_form("Customer", customer)
	assert manager.doc()["name"] == customer


def test_phone_and_email_show_to_the_app_roles_only(desk, run_data):
	data = run_data
	site_data.fresh()
	survey = frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"customer": data["customers"]["manager"],
			"survey_template": "Net Promoter Score (NPS)",
			"channel": "Email",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	assert survey.email and survey.mobile_no, survey.as_dict()
	for persona, sees in (("manager", True), ("sales", False)):
		user = desk().login(data["users"][persona])
		user.open_form("Satisfaction Survey", survey.name)
		shown = {field: user.control(field).count() > 0 for field in ("email", "mobile_no")}
		held = user.page.evaluate("() => [cur_frm.doc.email || null, cur_frm.doc.mobile_no || null]")
		user.screenshot(f"survey-contact-fields-{persona}")
		if sees:
			assert shown == {"email": True, "mobile_no": True} and held == [survey.email, survey.mobile_no], (
				shown,
				held,
			)
		else:
			assert shown == {"email": False, "mobile_no": False} and held == [None, None], (shown, held)
			assert user.doc()["customer"] == data["customers"]["manager"]  # the record itself is readable
