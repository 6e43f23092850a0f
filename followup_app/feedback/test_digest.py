"""The weekly feedback digest: each owner's routed items by category against the week before, in the
owner's language, once per week."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from followup_app.feedback.digest import digest_contents, scheduled_send_feedback_digest, send_feedback_digest
from followup_app.feedback.test_routing import OWNER, OWNER_ZH, ROLE_USERS, RoutingTestCase
from followup_app.testing.mail import OutgoingMailTestMixin, queued_mails_to


class TestFeedbackDigest(OutgoingMailTestMixin, RoutingTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.set_single_value("Followup Settings", "last_feedback_digest_week", "")
		frappe.db.set_single_value("Followup Settings", "enable_feedback_digest", 1)
		self.today = getdate(nowdate())
		# This week: 2 Quality items and 1 Price item; the week before: 1 Quality item, 1 Delivery item.
		this_week = self.complete(
			[
				("Problem", self.quality, "Scratched screen"),
				("Suggestion", self.quality, "Better packing <b>please</b>"),
				("Request", self.price, "再便宜一点"),
			]
		)
		week_before = self.complete(
			[("Problem", self.quality, "Dead pixel"), ("Problem", self.delivery, "Late truck")]
		)
		long_ago = self.complete([("Problem", self.quality, "Ancient history")])
		self.shift(this_week, 2)
		self.shift(week_before, 9)
		self.shift(long_ago, 20)

	def shift(self, visit, days: int):
		"""Move the routing of a visit's rows `days` before today."""
		frappe.db.set_value(
			"Visit Feedback Item",
			{"parent": visit.name},
			"routed_on",
			f"{add_days(self.today, -days)} 10:00:00",
			update_modified=False,
		)

	def test_counts_this_week_against_the_week_before(self):
		contents = digest_contents(self.today)
		lines = {line.category: (line.this_week, line.week_before) for line in contents[OWNER]["lines"]}
		self.assertEqual(lines, {self.quality: (2, 1)})
		self.assertEqual(
			{line.category: (line.this_week, line.week_before) for line in contents[OWNER_ZH]["lines"]},
			{self.price: (1, 0)},
		)
		for user in ROLE_USERS:
			self.assertEqual(
				[(line.category, line.this_week, line.week_before) for line in contents[user]["lines"]],
				[(self.delivery, 0, 1)],
			)
		self.assertEqual(
			sorted(row.words for row in contents[OWNER]["items"][self.quality]),
			["Better packing <b>please</b>", "Scratched screen"],
		)

	def test_sent_once_per_week_in_each_owners_language(self):
		sent = send_feedback_digest(self.today)
		self.assertEqual(sent[OWNER], "en")
		self.assertEqual(sent[OWNER_ZH], "zh")
		english = queued_mails_to(OWNER)[0]
		self.assertIn("Customer feedback routed to you", english)
		self.assertIn("Scratched screen", english)
		self.assertIn("Better packing &lt;b&gt;please&lt;/b&gt;", english, "the customer's words are escaped")
		self.assertIn("+1", english)
		self.assertIn("Department", english)
		self.assertIn(self.department, english)
		self.assertNotIn("Ancient history", english)
		chinese = queued_mails_to(OWNER_ZH)[0]
		self.assertIn("转给您的客户反馈", chinese)
		self.assertIn("再便宜一点", chinese)
		self.assertIn("请求", chinese)
		self.assertEqual(send_feedback_digest(self.today), {})
		scheduled_send_feedback_digest()
		self.assertEqual(len(queued_mails_to(OWNER)), 1, "never twice in a week")
		self.assertTrue(send_feedback_digest(add_days(self.today, 7)))
		self.assertEqual(len(queued_mails_to(OWNER)), 2, "the next week has its own digest")

	def test_the_toggle_turns_the_job_off(self):
		frappe.db.set_single_value("Followup Settings", "enable_feedback_digest", 0)
		scheduled_send_feedback_digest()
		self.assertEqual(queued_mails_to(OWNER), [])
		frappe.db.set_single_value("Followup Settings", "enable_feedback_digest", 1)
		scheduled_send_feedback_digest()
		self.assertEqual(len(queued_mails_to(OWNER)), 1)
