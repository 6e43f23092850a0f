"""Planned times: inside the customer's preferred contact time, outside busy windows, never on a holiday."""

from datetime import time, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_time, getdate, nowdate

from followup_app.testing.fixtures import make_customer, make_user, make_visit, use_holiday_list
from followup_app.visits.planner import plan_due_visits
from followup_app.visits.timing import plan_slots

VISITOR = "timing.visitor@example.com"


def next_weekday(start, weekday: int):
	return start + timedelta(days=(weekday - start.weekday()) % 7)


class TestPlannedTimes(FrappeTestCase):
	def setUp(self):
		self.today = getdate(nowdate())
		make_user(VISITOR, "Followup User")
		settings = frappe.get_single("Followup Settings")
		settings.default_visitor = VISITOR
		settings.contact_day_start, settings.contact_day_end = "09:00:00", "18:00:00"
		settings.phone_minutes_max = 15
		settings.set("busy_windows", [])
		settings.append("busy_windows", {"weekday": "Monday", "from_time": "09:00:00", "to_time": "12:00:00"})
		settings.append("busy_windows", {"weekday": "Friday", "from_time": "13:00:00", "to_time": "18:00:00"})
		settings.holiday_list = None
		settings.save()
		frappe.db.sql("update tabCustomer set do_not_contact = 1")

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Followup Settings", "Followup Settings")

	def customer(self, name: str, preferred: str | None = None) -> str:
		return make_customer(
			f"_Test Timing {name} {frappe.generate_hash(length=5)}",
			followup_tier="Normal",
			created_days_ago=100,
			preferred_contact_time=preferred,
		).name

	def planned(self, customer: str):
		return frappe.db.get_value(
			"Visit Record",
			{"customer": customer, "status": "Planned"},
			["planned_date", "planned_time", "planned_at"],
			as_dict=True,
		)

	def test_the_planner_times_visits_inside_the_preferred_time(self):
		afternoon = self.customer("Afternoon", "下午2点-4点")
		anytime = self.customer("Anytime")
		self.assertEqual(plan_due_visits()["planned"], 2)
		visit = self.planned(afternoon)
		at = get_time(visit.planned_time)
		day = getdate(visit.planned_date)
		self.assertTrue(time(14) <= at and (at.hour * 60 + at.minute + 15) <= 16 * 60, at)
		self.assertNotEqual(day.weekday(), 4, "Friday afternoon is busy: the visit moves to Monday")
		self.assertEqual(visit.planned_at, frappe.utils.get_datetime(f"{day} {at}"))
		other = self.planned(anytime)
		other_at = get_time(other.planned_time)
		self.assertTrue(time(9) <= other_at < time(18))
		if getdate(other.planned_date).weekday() == 0:
			self.assertGreaterEqual(other_at, time(12))
		if getdate(other.planned_date).weekday() == 4:
			self.assertLess(other_at, time(13))
		# Same visitor, same day: one after the other.
		if getdate(other.planned_date) == day:
			self.assertNotEqual(other_at, at)

	def test_monday_morning_and_friday_afternoon_are_avoided(self):
		monday = next_weekday(self.today, 0)
		friday = next_weekday(self.today, 4)
		customer = self.customer("Plain")
		slots = plan_slots([(customer, monday, VISITOR, "Phone")])
		self.assertEqual(slots[customer], (monday, time(12)))
		slots = plan_slots([(customer, friday, VISITOR, "Phone")])
		self.assertEqual(slots[customer], (friday, time(9)))

	def test_preferred_morning_on_a_busy_monday_moves_to_tuesday_and_skips_holidays(self):
		monday = next_weekday(self.today, 0)
		customer = self.customer("Mornings", "上午")
		self.assertEqual(
			plan_slots([(customer, monday, VISITOR, "Phone")])[customer],
			(monday + timedelta(days=1), time(9)),
		)

		use_holiday_list("_Test Timing Holidays", [monday + timedelta(days=1)], from_days=-1, to_days=60)
		self.assertEqual(
			plan_slots([(customer, monday, VISITOR, "Phone")])[customer],
			(monday + timedelta(days=2), time(9)),
		)

	def test_a_visitors_visits_follow_one_another_around_existing_ones(self):
		tuesday = next_weekday(self.today, 1)
		first, second = self.customer("First"), self.customer("Second")
		slots = plan_slots([(first, tuesday, VISITOR, "On-site"), (second, tuesday, VISITOR, "Phone")])
		self.assertEqual(slots[first], (tuesday, time(9)))  # 30 minutes on site
		self.assertEqual(slots[second], (tuesday, time(9, 30)))

		make_visit(self.customer("Booked"), visitor=VISITOR, planned_date=tuesday, planned_time="09:00:00")
		third = self.customer("Third")
		self.assertEqual(plan_slots([(third, tuesday, VISITOR, "Phone")])[third], (tuesday, time(9, 15)))

	def test_a_visit_made_by_hand_without_a_time_gets_the_planners_time(self):
		tuesday = next_weekday(self.today + timedelta(days=1), 1)
		afternoon = self.customer("By Hand", "下午2点-4点")
		make_visit(self.customer("Booked"), visitor=VISITOR, planned_date=tuesday, planned_time="14:00:00")

		# As `frappe.new_doc` makes it: Frappe v15 puts the clock's time (with microseconds) into
		# Planned Time, Frappe v16 leaves it empty; either way no one chose a time.
		visit = frappe.new_doc("Visit Record")
		self.assertTrue(visit.planned_time is None or "." in str(visit.planned_time))
		visit.update(
			{
				"customer": afternoon,
				"visit_type": "Routine Maintenance",
				"channel": "Phone",
				"planned_date": tuesday,
				"visitor": VISITOR,
			}
		)
		visit.insert(ignore_permissions=True)
		self.assertEqual((getdate(visit.planned_date), get_time(visit.planned_time)), (tuesday, time(14, 15)))

		# Without any time (REST, imports): the same rule.
		other = make_visit(afternoon, visitor=VISITOR, planned_date=tuesday, channel="Phone")
		self.assertEqual(get_time(other.planned_time), time(14, 30))

		# A time a person chose is kept, even outside the preferred time.
		chosen = make_visit(afternoon, visitor=VISITOR, planned_date=tuesday, planned_time="10:30:00")
		self.assertEqual(get_time(chosen.planned_time), time(10, 30))

	def test_a_hand_made_visit_on_a_day_that_does_not_suit_keeps_its_date_without_a_time(self):
		monday = next_weekday(self.today + timedelta(days=1), 0)
		mornings = self.customer("Mornings", "Monday 09:00-11:00")  # Monday mornings are busy
		visit = make_visit(mornings, visitor=VISITOR, planned_date=monday)
		self.assertEqual((getdate(visit.planned_date), visit.planned_time), (monday, None))
