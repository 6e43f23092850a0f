"""The ranges of numeric inputs: the rule itself, and that every numeric input of the app has one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.kpi import KPIS
from followup_app.core.limits import (
	AT_LEAST,
	BETWEEN,
	GREATER_THAN,
	LIMITS,
	NOT_NEGATIVE,
	POSITIVE,
	Limit,
	between,
	target_limit,
	violations,
)
from metadata import app_doctypes

NUMERIC = ("Int", "Float", "Currency", "Percent", "Duration", "Rating")
# Numeric inputs whose range depends on another field, checked by their own rule.
OWN_RULES = {
	("Loyalty Points", "points"): "core.points.signed_points: the sign follows the transaction type",
	("Followup Goal", "target_value"): "core.limits.target_limit: the range follows the metric",
	("Survey Answer", "answer_value"): "surveys.answers.parse_answer: the range follows the question type",
}


def numeric_inputs() -> set[tuple[str, str]]:
	"""(DocType, field) of every numeric field a person can type into."""
	return {
		(name, field["fieldname"])
		for name, data in app_doctypes().items()
		for field in data["fields"]
		if field["fieldtype"] in NUMERIC and not field.get("read_only") and not field.get("hidden")
	}


def test_every_numeric_input_has_a_limit():
	covered = {(doctype, field) for doctype, fields in LIMITS.items() for field in fields} | set(OWN_RULES)
	missing = sorted(numeric_inputs() - covered)
	assert not missing, f"add a Limit to followup_app/core/limits.py LIMITS for: {missing}"


def test_every_limit_names_a_numeric_input():
	assert not {(doctype, field) for doctype, fields in LIMITS.items() for field in fields} - numeric_inputs()
	assert not set(OWN_RULES) - numeric_inputs()


def test_every_limit_has_a_lower_end():
	# A lower end is what refuses the sign flips; the message of each rule needs it too.
	for fields in LIMITS.values():
		for limit in fields.values():
			assert limit.minimum is not None


def test_the_bounds():
	assert POSITIVE.allows(0.01) and not POSITIVE.allows(0) and not POSITIVE.allows(-1)
	assert NOT_NEGATIVE.allows(0) and not NOT_NEGATIVE.allows(-0.5)
	assert between(1, 99).allows(1) and between(1, 99).allows(99)
	assert not between(1, 99).allows(0) and not between(1, 99).allows(100)
	assert Limit(1).allows(10**9) and not Limit(1).allows(0)


def test_empty_counts_as_zero_as_frappe_stores_it():
	assert not POSITIVE.allows(None)
	assert NOT_NEGATIVE.allows(None)


def test_rules_name_the_message():
	assert POSITIVE.rule == GREATER_THAN
	assert NOT_NEGATIVE.rule == AT_LEAST and Limit(1).rule == AT_LEAST
	assert between(-100, 100).rule == BETWEEN


def test_violations_report_fields_outside_their_limit_only():
	values = {"response_sla_hours": -4, "resolution_sla_hours": 72, "sla_at_risk_percent": 100}
	assert [field for field, _limit in violations("Followup Settings", values)] == [
		"response_sla_hours",
		"sla_at_risk_percent",
	]
	assert violations("Followup Settings", {"points_per_visit": 0, "holiday_list": None}) == []
	assert violations("Feedback Category", {"anything": -1}) == []


# Day counts where blank or 0 turns the feature off (keep for ever).
OFF_WHEN_ZERO = ("keep_survey_text_days",)


def test_hours_and_days_must_be_positive_and_counts_not_negative():
	settings = LIMITS["Followup Settings"]
	for field in settings:
		if field in OFF_WHEN_ZERO:
			assert settings[field] == NOT_NEGATIVE, field
		elif field.endswith(("_hours", "_days")):
			assert settings[field] == POSITIVE, field
		elif field.startswith("points_per"):
			assert settings[field] == NOT_NEGATIVE, field


@pytest.mark.parametrize("key", sorted(KPIS))
def test_every_goal_metric_has_a_target_range(key):
	limit = target_limit(key, KPIS[key].kind)
	assert limit.minimum is not None
	assert not limit.allows(limit.minimum - 1)


def test_target_ranges():
	assert target_limit("nps", KPIS["nps"].kind) == between(-100, 100)
	assert target_limit("visit_completion_rate", KPIS["visit_completion_rate"].kind) == between(0, 100)
	assert not target_limit("average_satisfaction", KPIS["average_satisfaction"].kind).allows(7)
	assert target_limit("customer_effort", KPIS["customer_effort"].kind).allows(7)
	assert not target_limit("average_resolution_hours", KPIS["average_resolution_hours"].kind).allows(0)
	assert target_limit("points_issued", KPIS["points_issued"].kind).allows(0)


@given(
	st.one_of(st.none(), st.floats(-1e6, 1e6)),
	st.floats(-1e6, 1e6),
	st.one_of(st.none(), st.floats(-1e6, 1e6)),
	st.booleans(),
)
def test_allows_is_the_range(minimum, value, maximum, exclusive):
	limit = Limit(minimum, maximum, exclusive and minimum is not None)
	above = minimum is None or (value > minimum if limit.exclusive_minimum else value >= minimum)
	below = maximum is None or value <= maximum
	assert limit.allows(value) == (above and below)
