from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.routing import (
	KINDS,
	SURVEY_ANSWER,
	DigestLine,
	Feedback,
	Owner,
	batches_per_user,
	department_table,
	digest_lines,
	due_for_routing,
	owner_users,
	previous_period,
	routed_users,
	share,
	trend,
	week_of,
)

MONDAY = date(2026, 11, 30)


def item(row, kind="Problem", category="Delivery", text="Late again", routed=None):
	return Feedback(row=row, kind=kind, category=category, text=text, routed_category=routed)


def test_problems_requests_suggestions_and_survey_answers_are_routed_by_category():
	due = due_for_routing(
		[
			item("1"),
			item("2", kind="Request", category="Price"),
			item("3", kind="Suggestion"),
			item("4", kind=SURVEY_ANSWER, category="Price"),
		]
	)
	assert {category: [i.row for i in batch] for category, batch in due.items()} == {
		"Delivery": ["1", "3"],
		"Price": ["2", "4"],
	}


def test_praise_needs_rows_without_category_or_words_are_not_routed():
	assert not due_for_routing(
		[
			item("1", kind="Praise"),
			item("2", kind="Need"),
			item("3", category=None),
			item("4", text="  "),
		]
	)


def test_a_row_routed_under_its_category_is_not_routed_again_but_a_new_tag_is():
	assert not due_for_routing([item("1", routed="Delivery")])
	assert [i.row for i in due_for_routing([item("1", routed="Price")])["Delivery"]] == ["1"]


def test_owner_is_the_user_else_the_roles_users():
	roles = {"Logistics": ["b@x", "a@x", "a@x"]}
	assert owner_users(Owner(user="u@x", role="Logistics"), roles) == ["u@x"]
	assert owner_users(Owner(role="Logistics"), roles) == ["a@x", "b@x"]
	assert owner_users(Owner(role="Nobody"), roles) == []
	assert owner_users(None, roles) == []


def test_batches_per_user_join_the_categories_an_owner_answers_for():
	due = {
		"Delivery": [item("1")],
		"Price": [item("2", category="Price")],
		"Other": [item("3", category="Other")],
	}
	owners = {"Delivery": Owner(user="d@x"), "Price": Owner(role="Sales")}
	batches = batches_per_user(due, owners, {"Sales": ["s@x", "d@x"]})
	assert {user: sorted(by_category) for user, by_category in batches.items()} == {
		"d@x": ["Delivery", "Price"],
		"s@x": ["Price"],
	}


def test_routed_users_read_one_per_line():
	assert routed_users("a@x\n b@x \n\n") == ["a@x", "b@x"]
	assert routed_users(None) == []


def test_digest_counts_this_week_against_the_week_before():
	start, end = week_of(MONDAY + timedelta(days=7))
	assert (start, end) == (MONDAY, MONDAY + timedelta(days=6))
	routed = [
		("a@x", "Delivery", MONDAY),
		("a@x", "Delivery", MONDAY + timedelta(days=6)),
		("a@x", "Delivery", MONDAY - timedelta(days=1)),
		("a@x", "Price", MONDAY - timedelta(days=7)),
		("a@x", "Price", MONDAY - timedelta(days=8)),  # before both weeks
		("a@x", "Other", MONDAY + timedelta(days=7)),  # after the week
		("b@x", "Price", MONDAY + timedelta(days=2)),
	]
	lines = digest_lines(routed, start)
	assert lines == {
		"a@x": [DigestLine("Delivery", 2, 1), DigestLine("Price", 0, 1)],
		"b@x": [DigestLine("Price", 1, 0)],
	}
	assert [line.change for line in lines["a@x"]] == [1, -1]


@given(
	st.lists(
		st.tuples(
			st.sampled_from(["a@x", "b@x"]),
			st.sampled_from(["Delivery", "Price", "Other"]),
			st.integers(min_value=-20, max_value=20),
		)
	)
)
def test_digest_counts_every_routed_row_of_the_two_weeks_once(rows):
	routed = [(user, category, MONDAY + timedelta(days=offset)) for user, category, offset in rows]
	lines = digest_lines(routed, MONDAY)
	for user in ("a@x", "b@x"):
		mine = [day for who, _category, day in routed if who == user]
		this = sum(MONDAY <= day <= MONDAY + timedelta(days=6) for day in mine)
		before = sum(MONDAY - timedelta(days=7) <= day < MONDAY for day in mine)
		assert sum(line.this_week for line in lines.get(user, [])) == this
		assert sum(line.week_before for line in lines.get(user, [])) == before
		assert all(line.this_week or line.week_before for line in lines.get(user, []))


def test_previous_period_has_the_same_length_and_ends_the_day_before():
	assert previous_period(date(2026, 11, 1), date(2026, 11, 30)) == (date(2026, 10, 2), date(2026, 10, 31))
	assert previous_period(MONDAY, MONDAY) == (MONDAY - timedelta(days=1),) * 2


def test_share_and_trend_are_blank_with_nothing_to_measure():
	assert share(1, 3) == 33.3
	assert share(0, 0) is None
	assert trend(3, 2) == 50.0
	assert trend(0, 4) == -100.0
	assert trend(5, 0) is None


def test_department_table_exact_figures():
	start, end = date(2026, 11, 1), date(2026, 11, 30)
	tallies = [
		("Logistics", "Delivery", "Problem", date(2026, 11, 3), 2),
		("Logistics", "Delivery", "Suggestion", date(2026, 11, 30), 1),
		("Logistics", "Delivery", SURVEY_ANSWER, date(2026, 11, 5), 1),
		("Logistics", "Delivery", "Problem", date(2026, 10, 10), 2),  # previous period
		("Sales", "Price", "Request", date(2026, 11, 20), 1),
		("Sales", "Service Response", "Problem", date(2026, 10, 2), 3),  # previous only
		(None, "Other", "Problem", date(2026, 11, 2), 1),
		("Sales", "Price", "Problem", date(2026, 9, 1), 5),  # before both periods
	]
	rows = department_table(tallies, start, end)
	summary = [(r.department, r.category, r.items, r.previous, r.share, r.trend) for r in rows]
	assert summary == [
		("Logistics", "Delivery", 4, 2, 66.7, 100.0),
		("Sales", "Price", 1, 0, 16.7, None),
		("Sales", "Service Response", 0, 3, 0.0, -100.0),
		(None, "Other", 1, 0, 16.7, None),
	]
	assert rows[0].counts == {"Problem": 2, "Request": 0, "Suggestion": 1, SURVEY_ANSWER: 1}


@given(
	st.lists(
		st.tuples(
			st.sampled_from(["Logistics", "Sales", None]),
			st.sampled_from(["Delivery", "Price"]),
			st.sampled_from(KINDS),
			st.integers(min_value=-70, max_value=40),
			st.integers(min_value=1, max_value=5),
		)
	)
)
def test_department_table_shares_add_up_and_counts_are_kept(rows):
	start, end = date(2026, 11, 1), date(2026, 11, 30)
	tallies = [(d, c, k, start + timedelta(days=offset), n) for d, c, k, offset, n in rows]
	table = department_table(tallies, start, end)
	current = sum(n for *_rest, day, n in tallies if start <= day <= end)
	before = sum(n for *_rest, day, n in tallies if date(2026, 10, 2) <= day <= date(2026, 10, 31))
	assert sum(row.items for row in table) == current
	assert sum(row.previous for row in table) == before
	if current:
		assert abs(sum(row.share for row in table) - 100) < 0.1 * len(table) + 1e-9
	else:
		assert all(row.share is None for row in table)
	assert all((row.trend is None) == (row.previous == 0) for row in table)
	assert len({(row.department, row.category) for row in table}) == len(table)


def test_a_text_counts_under_the_chosen_then_routed_then_a_confident_suggestion():
	from followup_app.core.routing import effective_category

	assert effective_category("Price", "Delivery", "Invoicing", 99, 70) == "Price"
	assert effective_category(None, "Delivery", "Invoicing", 99, 70) == "Delivery"
	assert effective_category(None, None, "Invoicing", 70, 70) == "Invoicing"
	assert effective_category(None, None, "Invoicing", 69.9, 70) is None
	assert effective_category(None, None, "Invoicing", 100, 0) is None, "threshold 0: never"
