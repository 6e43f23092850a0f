"""The complaint state machine and what each step requires."""

OPEN = "Open"
IN_PROGRESS = "In Progress"
RESOLVED = "Resolved"
CLOSED = "Closed"
REOPENED = "Reopened"

TRANSITIONS = {
	OPEN: {IN_PROGRESS, RESOLVED, CLOSED},
	IN_PROGRESS: {RESOLVED, CLOSED},
	RESOLVED: {CLOSED, REOPENED},
	REOPENED: {IN_PROGRESS, RESOLVED, CLOSED},
	CLOSED: {REOPENED},
}

SERIOUS = {"High", "Critical"}


def can_move(current: str | None, new: str) -> bool:
	"""Whether a complaint may go from `current` (None for a new one) to `new`."""
	if current is None:
		return new == OPEN
	return current == new or new in TRANSITIONS[current]


def missing_for_resolution(
	severity: str, resolution: str | None, root_cause: str | None, corrective_action: str | None
) -> list[str]:
	"""Fields a complaint of `severity` still lacks to be Resolved (fieldnames, in form order)."""
	missing = [] if (resolution or "").strip() else ["resolution"]
	if severity in SERIOUS:
		missing += [
			field
			for field, value in (("root_cause", root_cause), ("corrective_action", corrective_action))
			if not (value or "").strip()
		]
	return missing


def close_needs_override(verification_outcome: str | None) -> bool:
	"""Closing is allowed without an override only after a verification visit found the customer Satisfied."""
	return verification_outcome != "Satisfied"
