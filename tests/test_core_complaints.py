from followup_app.core.complaints import (
	CLOSED,
	IN_PROGRESS,
	OPEN,
	REOPENED,
	RESOLVED,
	TRANSITIONS,
	can_move,
	close_needs_override,
	missing_for_resolution,
)


def test_new_complaints_start_open():
	assert can_move(None, OPEN)
	assert not can_move(None, RESOLVED)


def test_allowed_and_refused_transitions():
	assert can_move(OPEN, IN_PROGRESS)
	assert can_move(IN_PROGRESS, RESOLVED)
	assert can_move(RESOLVED, REOPENED)
	assert can_move(CLOSED, REOPENED)
	assert not can_move(CLOSED, IN_PROGRESS)
	assert not can_move(RESOLVED, IN_PROGRESS)
	assert not can_move(OPEN, REOPENED)
	assert not can_move(IN_PROGRESS, OPEN)


def test_every_status_can_stay_and_can_eventually_close():
	for status in TRANSITIONS:
		assert can_move(status, status)
		assert status == CLOSED or CLOSED in TRANSITIONS[status]


def test_resolution_requirements_by_severity():
	assert missing_for_resolution("Low", None, None, None) == ["resolution"]
	assert missing_for_resolution("Medium", "Replaced the part", None, None) == []
	assert missing_for_resolution("High", "Replaced", " ", "Checklist") == ["root_cause"]
	assert missing_for_resolution("Critical", "", None, None) == [
		"resolution",
		"root_cause",
		"corrective_action",
	]


def test_only_a_satisfied_verification_closes_without_override():
	assert not close_needs_override("Satisfied")
	assert close_needs_override("Has Issues")
	assert close_needs_override(None)
