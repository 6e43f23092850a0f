"""The weekly digest: figures against the week before, one mail per language, once per week."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from followup_app.kpi.digest import digest_figures, scheduled_send_weekly_digest, send_weekly_digest
from followup_app.kpi.test_definitions import KpiDatasetTestCase
from followup_app.testing.fixtures import make_user
from followup_app.testing.mail import OutgoingMailTestMixin, queued_mails_to

MANAGERS = {"digest.en@example.com": "en", "digest.zh@example.com": "zh"}


class TestWeeklyDigest(OutgoingMailTestMixin, KpiDatasetTestCase):
	def setUp(self):
		super().setUp()
		for email, language in MANAGERS.items():
			make_user(email, "Followup Manager")
			frappe.db.set_value("User", email, "language", language)
		frappe.db.set_single_value("Followup Settings", "last_digest_week", "")

	def test_figures_compare_the_last_two_weeks(self):
		# The dataset's visits are 10 days old: last week's completion is the one measured.
		figures = digest_figures(add_days(getdate(), -3))
		completion = next(row for row in figures["kpis"] if row["key"] == "visit_completion_rate")
		self.assertIsNotNone(completion["current"])
		self.assertEqual(figures["week_end"], add_days(getdate(), -4))
		self.assertGreaterEqual(figures["overdue_visits"], 0)

	def test_sent_once_per_week_in_each_language(self):
		recipients = send_weekly_digest(nowdate())
		self.assertIn("digest.zh@example.com", recipients["zh"])
		self.assertIn("digest.en@example.com", recipients["en"])
		self.assertIn("Overdue visits", queued_mails_to("digest.en@example.com")[0])
		self.assertIn("逾期回访", queued_mails_to("digest.zh@example.com")[0])
		self.assertIn("回访完成率", queued_mails_to("digest.zh@example.com")[0])
		self.assertEqual(send_weekly_digest(nowdate()), {})
		scheduled_send_weekly_digest()
		self.assertEqual(len(queued_mails_to("digest.en@example.com")), 1)
		self.assertTrue(send_weekly_digest(add_days(nowdate(), 7)))
		self.assertEqual(len(queued_mails_to("digest.en@example.com")), 2)
