from datetime import date, timedelta

from followup_app.core.lifecycle import lifecycle_stage

TODAY = date(2026, 11, 23)


def stage(count, first_ago, last_ago, last_year=0):
	first = TODAY - timedelta(days=first_ago) if count else None
	last = TODAY - timedelta(days=last_ago) if count else None
	return lifecycle_stage(TODAY, count, first, last, last_year, 90, 180)


def test_stages():
	assert stage(0, 0, 0) == "Prospect"
	assert stage(1, 10, 10) == "New"
	assert stage(3, 89, 5) == "New"
	assert stage(3, 200, 5, 3) == "Active"
	assert stage(10, 400, 5, 4) == "Loyal"
	assert stage(10, 300, 5, 6) == "Active"  # not yet a year
	assert stage(10, 400, 90, 4) == "At Risk"
	assert stage(10, 400, 179) == "At Risk"
	assert stage(10, 400, 180) == "Churned"
	assert stage(1, 100, 100) == "At Risk"  # inactivity wins over newness
