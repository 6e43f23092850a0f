"""Rising feedback topics (seed 003 step 5: when delivery problems cluster, bring in the department).

Weekly, each category's texts of the last full week (Monday to Sunday) are compared with its own
average of the 8 weeks before (core.topics). A category that rises by more than Followup Settings'
threshold, with at least its minimum count, gets one Feedback Topic Alert for that week — with its
rising words, customers and examples — and its owner (Owner User, else the Owner Role's users; the
Followup Managers when it has none) is alerted once. A text counts under the category a person
chose, else the one it was routed under, else its suggestion at or above the routing threshold.
"""

from collections import Counter
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, nowdate

from followup_app.core.routing import owner_users
from followup_app.core.text import clean
from followup_app.core.topics import BASELINE_WEEKS, last_full_week, rises, rising_terms, weekly_counts
from followup_app.feedback.routing import category_owners
from followup_app.feedback.suggestions import SETTINGS, threshold
from followup_app.feedback.texts import Text, texts_between
from followup_app.platform.notifications import FOLLOWUP_MANAGER, notify, role_users

ALERT = "Feedback Topic Alert"
EXAMPLES = 5


def categorised(texts: list[Text], limit: float) -> list[tuple[Text, str | None]]:
	return [(text, text.effective_category(limit)) for text in texts]


def alert_rising_topics(today: date | str | None = None) -> list[str]:
	"""Alert the rising categories of the last full week before `today`, each once; returns the new
	alerts' names."""
	week = last_full_week(getdate(today or nowdate()))
	end = week + timedelta(days=6)
	texts = categorised(texts_between(week - timedelta(days=7 * BASELINE_WEEKS), end), threshold())
	counts = weekly_counts((text.day, category) for text, category in texts if text.day)
	percent = flt(frappe.db.get_single_value(SETTINGS, "rising_topic_percent"))
	minimum = cint(frappe.db.get_single_value(SETTINGS, "rising_topic_min_count"))
	created = []
	for rise in rises(counts, week, percent, minimum):
		key = f"{rise.category}|{week}"
		if frappe.db.exists(ALERT, {"alert_key": key}):
			continue
		mine = [text for text, category in texts if category == rise.category and text.day]
		this_week = [text for text in mine if text.day >= week]
		before = [text.text for text in mine if text.day < week]
		terms = rising_terms([text.text for text in this_week], before)
		customers = Counter(text.customer for text in this_week if text.customer)
		users = alert_users(rise.category)
		alert = frappe.get_doc(
			{
				"doctype": ALERT,
				"category": rise.category,
				"week_start": week,
				"week_end": end,
				"item_count": rise.count,
				"baseline": rise.baseline,
				"terms": ", ".join(f"{term} ({count})" for term, count in terms),
				"customers": "\n".join(f"{name} ({count})" for name, count in customers.most_common()),
				"examples": "\n".join(f"{clean(text.text)[:200]}" for text in this_week[:EXAMPLES]),
				"alerted_users": "\n".join(users),
				"alert_key": key,
			}
		).insert(ignore_permissions=True)
		notify(
			users,
			lambda rise=rise: _(
				"Rising feedback topic: {0}, {1} texts in the week from {2} (weekly average {3})"
			).format(_(rise.category), rise.count, frappe.format(rise.week, "Date"), rise.baseline),
			ALERT,
			alert.name,
		)
		created.append(alert.name)
	return created


def alert_users(category: str) -> list[str]:
	"""The category's owner: its Owner User, else its Owner Role's users; else the Followup Managers."""
	owner = category_owners([category]).get(category)
	users = owner_users(owner, role_users([owner.role]) if owner and owner.role else {})
	return users or role_users([FOLLOWUP_MANAGER])[FOLLOWUP_MANAGER]


def scheduled_rising_topics():
	"""Weekly scheduler entry (toggle: Followup Settings > Alert Rising Feedback Topics Weekly)."""
	if frappe.db.get_single_value(SETTINGS, "enable_rising_topics"):
		alert_rising_topics()
