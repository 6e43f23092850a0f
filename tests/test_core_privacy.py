import json

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.privacy import REDACTED, redact_version_data

EMAIL = "wang.fang@example.com"
ANON = "anon-1@example.com"
FIELDS = {"summary", "contact_email"}
CHILD = {"description", "answer"}


def test_a_visit_history_keeps_what_changed_and_loses_the_words():
	data = {
		"changed": [
			["summary", "Wang Fang says the courier was late", "Late again"],
			["status", "Planned", "Completed"],
			["contact_email", EMAIL, None],
			["remarks", f"mail {EMAIL}", ""],
		],
		"added": [["feedback_items", {"feedback_type": "Problem", "description": "box broken", "idx": 1}]],
		"removed": [["script_answers", {"question": "Happy?", "answer": "no, the courier"}]],
		"row_changed": [["feedback_items", 0, "row1", [["description", "late", "very late"], ["idx", 1, 2]]]],
		"updater_reference": None,
	}
	redacted = redact_version_data(data, FIELDS, CHILD, {EMAIL: ANON})
	assert redacted["changed"] == [
		["summary", REDACTED, REDACTED],
		["status", "Planned", "Completed"],
		["contact_email", REDACTED, None],
		["remarks", f"mail {ANON}", ""],
	]
	assert redacted["added"][0][1] == {"feedback_type": "Problem", "description": REDACTED, "idx": 1}
	assert redacted["removed"][0][1] == {"question": "Happy?", "answer": REDACTED}
	assert redacted["row_changed"][0][3] == [["description", REDACTED, REDACTED], ["idx", 1, 2]]
	assert "courier" not in json.dumps(redacted) and EMAIL not in json.dumps(redacted)


text = st.one_of(st.none(), st.text(max_size=30), st.integers())


@given(st.lists(st.tuples(st.sampled_from(["summary", "status", "remarks"]), text, text), max_size=8))
def test_only_the_redacted_fields_change_and_the_shape_stays(changes):
	data = {"changed": [list(change) for change in changes]}
	redacted = redact_version_data(data, {"summary"}, CHILD, {})
	assert len(redacted["changed"]) == len(changes)
	for (field, old, new), after in zip(changes, redacted["changed"], strict=True):
		if field == "summary":
			assert after == [
				field,
				REDACTED if old not in (None, "") else old,
				REDACTED if new not in (None, "") else new,
			]
		else:
			assert after == [field, old, new]
