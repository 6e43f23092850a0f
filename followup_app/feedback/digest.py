"""The weekly feedback digest to each category owner: what reached them last week, by category, with
the counts against the week before and the customers' words, by email in the owner's language
(Email Templates "Followup Feedback Digest" en / zh).

It reads what was routed (each row's `routed_to` and `routed_on`), so an owner's digest matches the
ToDos they got. Sent once per ISO week: Followup Settings' *Last Feedback Digest Week* is set in the
same transaction as the queued mails.
"""

import html
from datetime import date

import frappe
from frappe import _
from frappe.utils import get_fullname, get_url, getdate

from followup_app.core.routing import SURVEY_ANSWER, digest_lines, routed_users, week_of
from followup_app.platform.compat import desk_url, form_url
from followup_app.platform.languages import in_language, user_language

EMAIL_TEMPLATES = {"en": "Followup Feedback Digest", "zh": "Followup Feedback Digest (zh)"}
VISIT = "Visit Record"
SURVEY = "Satisfaction Survey"


def routed_rows(start: date, end: date) -> list[dict]:
	"""Visit feedback items and survey answers routed from `start` to `end` (whole days), with their
	record, customer and words: one query per table."""
	rows = []
	for parent_doctype, child_doctype, kind, text in (
		(VISIT, "Visit Feedback Item", "feedback_type", "description"),
		(SURVEY, "Survey Answer", None, "answer_text"),
	):
		parent = frappe.qb.DocType(parent_doctype)
		child = frappe.qb.DocType(child_doctype)
		query = (
			frappe.qb.from_(child)
			.join(parent)
			.on((parent.name == child.parent) & (child.parenttype == parent_doctype))
			.select(
				child.routed_category.as_("category"),
				child.routed_to,
				child.routed_on,
				child[text].as_("words"),
				parent.name.as_("record"),
				parent.customer_name,
				parent.customer,
			)
			.where(child.routed_on >= start)
			.where(child.routed_on < frappe.utils.add_days(end, 1))
			.orderby(child.routed_on)
		)
		query = query.select(child[kind].as_("kind")) if kind else query
		for row in query.run(as_dict=True):
			row.doctype = parent_doctype
			row.kind = row.get("kind") or SURVEY_ANSWER
			if row.kind == SURVEY_ANSWER:
				row.words = html.unescape(row.words or "")  # stored escaped; the template escapes
			rows.append(row)
	return rows


def digest_contents(today: date) -> dict[str, dict]:
	"""Per owner user: the week, the category lines (this week, week before, change) and the week's
	items by category."""
	week_start, week_end = week_of(today)
	rows = routed_rows(frappe.utils.add_days(week_start, -7), week_end)
	lines = digest_lines(
		(
			(user, row.category, getdate(row.routed_on))
			for row in rows
			for user in routed_users(row.routed_to)
		),
		week_start,
	)
	departments = dict(frappe.get_all("Feedback Category", fields=["name", "department"], as_list=True))
	contents = {}
	for user, user_lines in lines.items():
		items: dict[str, list[dict]] = {}
		for row in rows:
			if getdate(row.routed_on) >= week_start and user in routed_users(row.routed_to):
				items.setdefault(row.category, []).append(row)
		contents[user] = {
			"week_start": week_start,
			"week_end": week_end,
			"lines": user_lines,
			"items": items,
			"departments": departments,
		}
	return contents


def render_digest(user: str, content: dict, lang: str) -> tuple[str, str]:
	"""(subject, HTML body) of `user`'s digest in `lang` ("en" or "zh")."""
	template = frappe.get_cached_doc("Email Template", EMAIL_TEMPLATES[lang])
	with in_language(lang):
		categories = [
			{
				"label": _(line.category) if line.category else _("Not Set"),
				"department": content["departments"].get(line.category) or "",
				"this_week": line.this_week,
				"week_before": line.week_before,
				"change": f"{line.change:+d}",
				"items": [
					{
						"customer": row.customer_name or row.customer,
						"kind": _(row.kind),
						"words": row.words or "",
						"link": form_url(row.doctype, row.record),
					}
					for row in content["items"].get(line.category, [])
				],
			}
			for line in content["lines"]
		]
	context = {
		"owner_name": get_fullname(user),
		"week_start": content["week_start"],
		"week_end": content["week_end"],
		"categories": categories,
		"total_this_week": sum(line.this_week for line in content["lines"]),
		"total_week_before": sum(line.week_before for line in content["lines"]),
		"todo_url": desk_url("todo", {"status": "Open"}),
		"site_url": get_url(),  # for templates edited before the links above existed
	}
	return frappe.render_template(template.subject, context), frappe.render_template(
		template.response_html, context
	)


def send_feedback_digest(today: date | str | None = None) -> dict[str, str]:
	"""Send each owner their digest once per ISO week; returns {owner: language} (empty if sent)."""
	today = getdate(today)
	year, week, _weekday = today.isocalendar()
	week_key = f"{year}-W{week:02d}"
	if frappe.db.get_single_value("Followup Settings", "last_feedback_digest_week") == week_key:
		return {}
	sent = {}
	contents = digest_contents(today)
	emails = dict(
		frappe.get_all(
			"User",
			filters={"enabled": 1, "name": ("in", list(contents) or [""])},
			fields=["name", "email"],
			as_list=True,
		)
	)
	for user, content in sorted(contents.items()):
		if not emails.get(user):
			continue
		lang = "zh" if user_language(user).startswith("zh") else "en"
		subject, message = render_digest(user, content, lang)
		frappe.sendmail(recipients=[emails[user]], subject=subject, message=message, delayed=True)
		sent[user] = lang
	frappe.db.set_single_value("Followup Settings", "last_feedback_digest_week", week_key)
	return sent


def scheduled_send_feedback_digest():
	"""Weekly job (toggle: Followup Settings > Send Weekly Feedback Digest to Category Owners)."""
	if frappe.db.get_single_value("Followup Settings", "enable_feedback_digest"):
		send_feedback_digest()
