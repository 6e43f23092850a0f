"""Feedback routing: which feedback reaches which category owner, and the figures about it.

A visit's Problems, Requests and Suggestions and a survey's tagged text answers go to the owner of
their Feedback Category, once: a row remembers the category it was routed under, so saving again (or
tagging it again with the same category) routes nothing new. The weekly digest counts what reached
each owner this week against the week before; the Feedback by Department report counts items per
department and category with their share and their trend against the previous period.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ROUTED_TYPES = ("Problem", "Request", "Suggestion")
SURVEY_ANSWER = "Survey Answer"  # the kind of a survey's text answer
KINDS = (*ROUTED_TYPES, SURVEY_ANSWER)


@dataclass(frozen=True)
class Feedback:
	"""One row that may be routed: a visit's feedback item or a survey's text answer."""

	row: str  # the row's name
	kind: str  # a feedback type, or SURVEY_ANSWER
	category: str | None
	text: str
	routed_category: str | None = None


@dataclass(frozen=True)
class Owner:
	"""Who answers for a Feedback Category: a user, or every enabled user of a role."""

	user: str | None = None
	role: str | None = None


def effective_category(
	chosen: str | None, routed: str | None, suggested: str | None, confidence: float, limit: float
) -> str | None:
	"""The category a text counts and is routed under: the one a person chose, else the one it was
	already routed under (a later suggestion never moves it), else its suggestion when its confidence
	reaches `limit` percent (0: suggestions never count)."""
	if chosen or routed:
		return chosen or routed
	if limit and suggested and confidence >= limit:
		return suggested
	return None


def routable(item: Feedback) -> bool:
	"""A Problem, Request, Suggestion or survey answer with a category and words."""
	return item.kind in KINDS and bool(item.category) and bool(item.text.strip())


def due_for_routing(items: Iterable[Feedback]) -> dict[str, list[Feedback]]:
	"""The rows to route now, by category: routable and not routed under their category yet."""
	due: dict[str, list[Feedback]] = {}
	for item in items:
		if routable(item) and item.routed_category != item.category:
			due.setdefault(item.category, []).append(item)
	return due


def owner_users(owner: Owner | None, role_users: dict[str, list[str]]) -> list[str]:
	"""The users an owner stands for: the owner user, else the role's users (sorted, no duplicates)."""
	if owner is None:
		return []
	if owner.user:
		return [owner.user]
	return sorted(set(role_users.get(owner.role or "", [])))


def batches_per_user(
	due: dict[str, list[Feedback]], owners: dict[str, Owner], role_users: dict[str, list[str]]
) -> dict[str, dict[str, list[Feedback]]]:
	"""{user: {category: rows}}: what each owner receives; categories without an owner are left out."""
	batches: dict[str, dict[str, list[Feedback]]] = {}
	for category in sorted(due):
		for user in owner_users(owners.get(category), role_users):
			batches.setdefault(user, {})[category] = due[category]
	return batches


def routed_users(routed_to: str | None) -> list[str]:
	"""The users a row was routed to, as stored (one per line)."""
	return [line.strip() for line in (routed_to or "").splitlines() if line.strip()]


def week_of(today: date) -> tuple[date, date]:
	"""The seven days before `today` (the digest's week), as (first, last)."""
	return today - timedelta(days=7), today - timedelta(days=1)


@dataclass(frozen=True)
class DigestLine:
	category: str
	this_week: int
	week_before: int

	@property
	def change(self) -> int:
		return self.this_week - self.week_before


def digest_lines(
	routed: Iterable[tuple[str, str | None, date]], week_start: date
) -> dict[str, list[DigestLine]]:
	"""Per user, the categories routed to them in the week from `week_start` and the week before,
	with both counts: most this week first, then by name. `routed` holds (user, category, day)."""
	counts: dict[str, dict[str, list[int]]] = {}
	before_start, week_end = week_start - timedelta(days=7), week_start + timedelta(days=6)
	for user, category, day in routed:
		if not (before_start <= day <= week_end):
			continue
		pair = counts.setdefault(user, {}).setdefault(category or "", [0, 0])
		pair[0 if day >= week_start else 1] += 1
	return {
		user: sorted(
			(DigestLine(category, this, before) for category, (this, before) in by_category.items()),
			key=lambda line: (-line.this_week, line.category),
		)
		for user, by_category in counts.items()
	}


def previous_period(start: date, end: date) -> tuple[date, date]:
	"""The period of the same length that ends the day before `start`."""
	days = (end - start).days + 1
	return start - timedelta(days=days), start - timedelta(days=1)


def share(part: int, whole: int) -> float | None:
	"""`part` as a percent of `whole` (one decimal); blank when the whole is nothing."""
	return round(100 * part / whole, 1) if whole else None


def trend(current: int, previous: int) -> float | None:
	"""The change from `previous` to `current` in percent (one decimal); blank with nothing before."""
	return round(100 * (current - previous) / previous, 1) if previous else None


@dataclass(frozen=True)
class DepartmentRow:
	department: str | None
	category: str | None
	counts: dict[str, int]  # this period's items by kind
	previous: int  # items in the previous period
	share: float | None
	trend: float | None

	@property
	def items(self) -> int:
		return sum(self.counts.values())


def department_table(
	items: Iterable[tuple[str | None, str | None, str, date, int]], start: date, end: date
) -> list[DepartmentRow]:
	"""Rows per (department, category) of (department, category, kind, day, count) tallies: this
	period's counts by kind, the previous period's items, the share of this period's items and the
	trend. Sorted by department (none last), then most items; a pair with items in neither period
	has no row."""
	before_start, before_end = previous_period(start, end)
	current: dict[tuple, dict[str, int]] = {}
	previous: dict[tuple, int] = {}
	for department, category, kind, day, count in items:
		key = (department, category)
		if start <= day <= end:
			counts = current.setdefault(key, dict.fromkeys(KINDS, 0))
			counts[kind] = counts.get(kind, 0) + count
		elif before_start <= day <= before_end:
			previous[key] = previous.get(key, 0) + count
	total = sum(sum(counts.values()) for counts in current.values())
	rows = []
	for key in set(current) | set(previous):
		counts = current.get(key, dict.fromkeys(KINDS, 0))
		this, before = sum(counts.values()), previous.get(key, 0)
		rows.append(DepartmentRow(key[0], key[1], counts, before, share(this, total), trend(this, before)))
	return sorted(
		rows, key=lambda row: (row.department is None, row.department or "", -row.items, row.category or "")
	)
