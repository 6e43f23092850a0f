"""The public survey page as rendered: who is asking and why, link previews, scale end labels in the
page's language, and labelled inputs (the browser suite checks focus order and contrast)."""

from html.parser import HTMLParser

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import format_date, get_url

from followup_app.platform.defaults import default_company
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import make_customer, make_visit

PAGE = "followup_app/www/survey.html"


class Page(HTMLParser):
	"""What a screen reader gets from the page: meta tags, fieldsets and their legends, labels."""

	def __init__(self, html: str):
		super().__init__()
		self.meta, self.stack, self.fieldsets, self.labels_for, self.inputs = {}, [], [], set(), []
		self.lang = None
		self.feed(html)

	def handle_starttag(self, tag, attrs):
		attrs = dict(attrs)
		if tag == "html":
			self.lang = attrs.get("lang")
		if tag == "meta":
			self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
		if tag == "fieldset":
			self.fieldsets.append({"legend": False})
		if tag == "legend" and self.fieldsets:
			self.fieldsets[-1]["legend"] = True
		if tag == "label" and attrs.get("for"):
			self.labels_for.add(attrs["for"])
		if tag in ("input", "textarea"):
			self.inputs.append((tag, attrs.get("id"), "label" in self.stack))
		if tag not in ("meta", "input", "img", "br", "link"):
			self.stack.append(tag)

	def handle_endtag(self, tag):
		if tag in self.stack:
			while self.stack.pop() != tag:
				pass


class TestSurveyPage(FrappeTestCase):
	def setUp(self):
		self.customer = make_customer("_Test Survey Page").name
		self.company = default_company()

	def tearDown(self):
		frappe.db.rollback()
		frappe.local.lang = "en"

	def render(self, token: str | None, answer: str | None = None) -> tuple[dict, str]:
		from followup_app.www.survey import get_context

		# The request's arguments, as Frappe keeps them (frappe.form_dict reads frappe.local's).
		form_dict = frappe.local.form_dict
		frappe.local.form_dict = frappe._dict(t=token, a=answer)
		try:
			context = get_context(frappe._dict())
			return context, frappe.render_template(PAGE, context)
		finally:
			frappe.local.form_dict = form_dict
			frappe.local.lang = "en"

	def link_token(self, template: str, **reference) -> str:
		return create_and_send(self.customer, template, "Link", **reference)["link"].split("t=")[1]

	def test_the_page_names_the_company_and_the_purpose_and_previews_in_chats(self):
		frappe.db.set_value("Company", self.company, "company_logo", "/files/_test_followup_logo.png")
		visit = make_visit(self.customer, planned_date="2026-03-05")
		token = self.link_token(
			"净推荐值调查 (NPS)", reference_doctype="Visit Record", reference_name=visit.name
		)
		context, html = self.render(token)
		name = frappe.db.get_value("Company", self.company, "company_name")
		self.assertEqual(context.company, name)
		self.assertEqual(context.logo, get_url("/files/_test_followup_logo.png"))
		purpose = frappe._("About our visit on {0}", lang="zh").format(format_date("2026-03-05"))
		self.assertEqual(context.purpose, purpose)
		page = Page(html)
		self.assertEqual(page.lang, "zh")
		title = frappe._("Customer Survey", lang="zh")
		self.assertEqual(page.meta["og:title"], f"{title} · {name}")
		self.assertEqual(page.meta["og:description"], purpose)
		self.assertEqual(page.meta["description"], purpose)
		self.assertEqual(page.meta["og:site_name"], name)
		self.assertEqual(page.meta["og:image"], context.logo)
		self.assertIn(purpose, html)
		self.assertNotIn(self.customer, html)  # nothing of the survey's records beyond what it asks

	def test_a_private_logo_is_not_shown_to_guests(self):
		frappe.db.set_value("Company", self.company, "company_logo", "/private/files/_test_logo.png")
		frappe.db.set_single_value("Website Settings", "app_logo", "")
		context, html = self.render(self.link_token("Customer Satisfaction (CSAT)"))
		self.assertIsNone(context.logo)
		self.assertNotIn("og:image", html)
		self.assertNotIn("<img", html)
		self.assertIsNone(context.purpose)  # a survey about nothing in particular
		self.assertEqual(context.description, context.intro)

	def test_scale_ends_are_labelled_in_the_page_language(self):
		_context, html = self.render(self.link_token("Customer Satisfaction (CSAT)"))
		for label in ("Very dissatisfied", "Very satisfied", "Very difficult", "Very easy"):
			self.assertIn(label, html)
		_context, html = self.render(self.link_token("客户满意度调查 (CSAT)"))
		for label in ("Very dissatisfied", "Very satisfied", "Very difficult", "Very easy"):
			translated = frappe._(label, lang="zh")
			self.assertNotEqual(translated, label)
			self.assertIn(translated, html)
		self.assertIn("非常不满意", html)

	def test_every_input_is_labelled_and_every_group_has_a_legend(self):
		_context, html = self.render(self.link_token("After Complaint"))
		page = Page(html)
		self.assertEqual(len(page.fieldsets), 3)  # a single choice and two ratings; the text has a label
		self.assertTrue(all(fieldset["legend"] for fieldset in page.fieldsets))
		for tag, element_id, in_label in page.inputs:
			self.assertTrue(in_label or element_id in page.labels_for, (tag, element_id))
		self.assertIn('<textarea id="q4"', html)

	def test_a_closed_link_shows_the_company_and_nothing_of_a_survey(self):
		context, html = self.render("not-a-token")
		self.assertEqual(context.http_status_code, 404)
		self.assertEqual(context.company, frappe.db.get_value("Company", self.company, "company_name"))
		self.assertNotIn("<form", html)
		self.assertEqual(Page(html).meta["og:description"], frappe._("This survey link is not valid."))
