"""When to call: a planned visit's time inside the customer's preferred contact time, outside busy windows.

Seed 003 step 3: choose a moment that suits the customer (their preferred time), avoid the hours when
customers are busy (Monday morning, Friday afternoon), and keep calls to 10-15 minutes and on-site visits
to 30. Everything here works on plain values; the planner reads them in bulk.

A customer's *Preferred Contact Time* is free text (a Data field people fill in as they speak):
`parse_preferred_time` understands clock ranges ("09:00-11:30", "9-11", "2pm-4pm", "14点-16点"), day
parts ("morning", "afternoon", "evening", "上午", "下午", "晚上", "中午") and days ("Tuesday", "Mon-Fri",
"weekdays", "周二", "周一至周五", "工作日", "周末"), in any combination. Text it cannot read is no
preference (the Customer form says so).
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SLOT_STEP_MINUTES = 15  # planned times start on the quarter hour
SEARCH_DAYS = 28  # how far past the planned date a free slot is looked for

# Channels whose visit is a call (phone guidance) and those in person (on-site guidance).
CALL_CHANNELS = ("Phone", "Video Call")
ONSITE_CHANNELS = ("On-site",)

DAY_PARTS = {
	"morning": (time(9), time(12)),
	"noon": (time(12), time(14)),
	"afternoon": (time(14), time(18)),
	"evening": (time(18), time(20)),
}
DAY_PART_WORDS = {
	"morning": "morning",
	"am": "morning",
	"上午": "morning",
	"早上": "morning",
	"noon": "noon",
	"lunchtime": "noon",
	"中午": "noon",
	"afternoon": "afternoon",
	"pm": "afternoon",
	"下午": "afternoon",
	"evening": "evening",
	"晚上": "evening",
	"傍晚": "evening",
}
DAY_WORDS = {
	**{name.lower(): index for index, name in enumerate(WEEKDAYS)},
	**{name[:3].lower(): index for index, name in enumerate(WEEKDAYS)},
	"tues": 1,
	"thur": 3,
	"thurs": 3,
}
CHINESE_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WORKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})

CLOCK = r"(\d{1,2})(?:[:：.](\d{2}))?\s*(am|pm|点|時|时)?(半)?"
RANGE = re.compile(CLOCK + r"\s*(?:-|–|—|~|～|至|到|to|until)\s*" + CLOCK, re.IGNORECASE)
PM_PREFIX = re.compile(r"下午|晚上|傍晚")
CN_DAY = r"(?:周|星期|礼拜)([一二三四五六日天])"
CN_DAY_RANGE = re.compile(CN_DAY + r"\s*(?:-|–|~|～|至|到)\s*(?:周|星期|礼拜)?([一二三四五六日天])")
EN_DAY_RANGE = re.compile(r"\b([a-z]{3,9})\s*(?:-|–|to|through)\s*([a-z]{3,9})\b", re.IGNORECASE)


@dataclass(frozen=True)
class PreferredTime:
	"""What a customer's preferred contact time says: time windows (any time when empty) on days
	(any day when None)."""

	windows: tuple[tuple[time, time], ...] = ()
	weekdays: frozenset[int] | None = None


@dataclass(frozen=True)
class BusyWindow:
	"""Hours of one weekday (0 = Monday) when customers are not called."""

	weekday: int
	start: time
	end: time


def weekday_index(name: str) -> int:
	"""0 for "Monday" ... 6 for "Sunday"."""
	return WEEKDAYS.index(name)


def _clock(hour: str, minute: str | None, suffix: str | None, half: str | None) -> time | None:
	value, minutes = int(hour), int(minute or 0) + (30 if half else 0)
	suffix = (suffix or "").lower()
	if suffix == "pm" and value < 12:
		value += 12
	elif suffix == "am" and value == 12:
		value = 0
	if value == 24 and minutes == 0:
		return time(23, 59)
	if value > 23 or minutes > 59:
		return None
	return time(value, minutes)


def parse_preferred_time(text: str | None) -> PreferredTime | None:
	"""The preference written in `text`, or None when it says nothing this module can read."""
	if not text or not text.strip():
		return None
	rest = text.lower()
	windows: list[tuple[time, time]] = []
	for match in list(RANGE.finditer(rest)):
		start_groups, end_groups = list(match.groups()[:4]), list(match.groups()[4:])
		# "2-4pm": a suffix on the end only applies to both ends.
		if end_groups[2] and not start_groups[2] and end_groups[2].lower() == "pm":
			start_groups[2] = "pm"
		# "下午2点-4点": an afternoon or evening word before the range puts both ends after noon.
		offset = max(0, match.start() - 3)
		later = PM_PREFIX.search(rest[offset : match.start()])
		start, end = _clock(*start_groups), _clock(*end_groups)
		if later and start and end and end.hour < 12:
			start = _clock(*start_groups[:2], "pm", start_groups[3])
			end = _clock(*end_groups[:2], "pm", end_groups[3])
			rest = rest[: offset + later.start()] + " " * len(later.group(0)) + rest[offset + later.end() :]
		if start and end and start < end:
			windows.append((start, end))
	rest = RANGE.sub(" ", rest)

	days: set[int] = set()
	for match in CN_DAY_RANGE.finditer(rest):
		days |= _day_span(CHINESE_DAYS[match.group(1)], CHINESE_DAYS[match.group(2)])
	rest = CN_DAY_RANGE.sub(" ", rest)
	for match in re.finditer(CN_DAY, rest):
		days.add(CHINESE_DAYS[match.group(1)])
	rest = re.sub(CN_DAY, " ", rest)
	for match in EN_DAY_RANGE.finditer(rest):
		first, last = DAY_WORDS.get(match.group(1)), DAY_WORDS.get(match.group(2))
		if first is not None and last is not None:
			days |= _day_span(first, last)
			rest = rest.replace(match.group(0), " ")
	if "工作日" in rest or re.search(r"\bweekdays?\b", rest):
		days |= WORKDAYS
	if "周末" in rest or re.search(r"\bweekends?\b", rest):
		days |= WEEKEND
	words = re.findall(r"[a-z]+|[\u4e00-\u9fff]+", rest)
	for word in words:
		if word in DAY_WORDS:
			days.add(DAY_WORDS[word])
	parts = []
	for word, part in DAY_PART_WORDS.items():
		if word.isascii():
			found = word in words
		else:
			found = word in rest
		if found and DAY_PARTS[part] not in parts:
			parts.append(DAY_PARTS[part])
	windows += [part for part in parts if part not in windows]
	if not windows and not days:
		return None
	return PreferredTime(tuple(sorted(windows)), frozenset(days) if days else None)


def _day_span(first: int, last: int) -> set[int]:
	"""The days from `first` to `last`, wrapping past Sunday ("Fri-Mon")."""
	return {(first + offset) % 7 for offset in range((last - first) % 7 + 1)}


def _minutes(value: time) -> int:
	return value.hour * 60 + value.minute


def _time(minutes: int) -> time:
	return time(minutes // 60, minutes % 60)


def day_windows(
	day: date,
	preferred: PreferredTime | None,
	busy: Iterable[BusyWindow],
	working_hours: tuple[time, time],
) -> list[tuple[int, int]]:
	"""The free minutes of `day` (as [start, end) minute ranges): the preferred windows (else the
	working hours) on a preferred day, less the busy windows of that weekday."""
	if preferred and preferred.weekdays is not None and day.weekday() not in preferred.weekdays:
		return []
	windows = list(preferred.windows) if preferred and preferred.windows else [working_hours]
	free = [(_minutes(start), _minutes(end)) for start, end in windows if start < end]
	for window in busy:
		if window.weekday != day.weekday() or not window.start < window.end:
			continue
		busy_start, busy_end = _minutes(window.start), _minutes(window.end)
		cut = []
		for start, end in free:
			if busy_end <= start or busy_start >= end:
				cut.append((start, end))
				continue
			if start < busy_start:
				cut.append((start, busy_start))
			if busy_end < end:
				cut.append((busy_end, end))
		free = cut
	return sorted(free)


class DayBook:
	"""A visitor's taken minutes of one day, kept as sorted, merged [start, end) ranges.

	Touching or overlapping visits merge, so a day holds at most one range per gap between visits
	(a few dozen) however many visits share it: a search costs the gaps of the day, not its visits.
	A search that found no room is remembered (rooms only ever fill), so a full day answers at once.
	"""

	__slots__ = ("_ends", "_full", "_starts")

	def __init__(self, taken: Iterable[tuple[int, int]] = ()):
		self._starts: list[int] = []
		self._ends: list[int] = []
		self._full: set[tuple[tuple[tuple[int, int], ...], int]] = set()
		for start, end in sorted(taken):
			self.add(start, end)

	def __len__(self) -> int:
		return len(self._starts)

	def ranges(self) -> list[tuple[int, int]]:
		"""The merged taken ranges, in order."""
		return list(zip(self._starts, self._ends, strict=True))

	def add(self, start: int, end: int):
		"""Take [start, end), merging it with the ranges it touches."""
		if end <= start:
			return
		first = bisect_left(self._ends, start)  # the first range ending at or after `start`
		last = bisect_right(self._starts, end)  # ranges from here on start after `end`
		if first < last:
			start = min(start, self._starts[first])
			end = max(end, self._ends[last - 1])
		self._starts[first:last] = [start]
		self._ends[first:last] = [end]

	def clash_end(self, start: int, end: int) -> int | None:
		"""The end of the last taken range overlapping [start, end), or None when it is free."""
		index = bisect_left(self._starts, end) - 1
		if index >= 0 and self._ends[index] > start:
			return self._ends[index]
		return None

	def first_free_start(self, free: Sequence[tuple[int, int]], minutes: int) -> int | None:
		"""The earliest quarter-hour start whose `minutes` fit inside a free range and clear of the
		taken ones; None when the day has no such room."""
		length = max(minutes, 1)
		key = (tuple(free), length)
		if key in self._full:
			return None
		for range_start, range_end in free:
			candidate = _quarter(range_start)
			while candidate + length <= range_end:
				clash = self.clash_end(candidate, candidate + length)
				if clash is None:
					return candidate
				candidate = _quarter(clash)
		self._full.add(key)
		return None


EMPTY_DAY = DayBook()  # a day with nothing taken: a visit without a visitor, or what fits at all


def _quarter(minute: int) -> int:
	"""`minute` rounded up to the quarter hour."""
	return -(-minute // SLOT_STEP_MINUTES) * SLOT_STEP_MINUTES


@lru_cache(maxsize=8192)
def _free_minutes(
	day: date, preferred: PreferredTime | None, busy: tuple[BusyWindow, ...], working_hours: tuple[time, time]
) -> tuple[tuple[int, int], ...]:
	return tuple(day_windows(day, preferred, busy, working_hours))


def choose_slot(
	planned: date,
	preferred: PreferredTime | None,
	busy: Iterable[BusyWindow],
	holidays: Collection[date],
	working_hours: tuple[time, time],
	minutes: int,
	taken: dict[date, DayBook] | None = None,
) -> tuple[date, time] | None:
	"""The first day from `planned` on, never a holiday, with room for a visit of `minutes` inside
	the customer's preferred time (else the working hours), outside the busy windows and clear of the
	visitor's visits already placed (`taken`, per day; the chosen slot is added to it), and the first
	quarter hour on it.

	A day the visitor has full passes to the next day that fits. When every day within SEARCH_DAYS
	that suits the customer is full, the visit shares the first slot of the first of them (a date four
	weeks late helps nobody). None when no day within SEARCH_DAYS suits the customer at all.
	"""
	busy = tuple(busy)
	length = max(minutes, 1)
	first_fit = None
	for offset in range(SEARCH_DAYS + 1):
		day = planned + timedelta(days=offset)
		if day in holidays:
			continue
		free = _free_minutes(day, preferred, busy, working_hours)
		if taken is None:
			start = EMPTY_DAY.first_free_start(free, length)
			if start is not None:
				return day, _time(start)
			continue
		book = taken.get(day)
		if book is None:
			book = taken[day] = DayBook()
		start = book.first_free_start(free, length)
		if start is not None:
			book.add(start, start + length)
			return day, _time(start)
		if first_fit is None:
			start = EMPTY_DAY.first_free_start(free, length)
			if start is not None:
				first_fit = (day, _time(start))
	return first_fit


def is_placeholder_time(value) -> bool:
	"""Whether a Time value is the clock's time Frappe puts into every Time field of a new document
	(frappe/model/create_new.py: `nowtime()`, microseconds included), not a time anyone chose: a time
	set in the desk or by the planner has no fraction of a second."""
	return "." in str(value or "")


def duration_limit(channel: str | None, phone_minutes_max: int, onsite_minutes_max: int) -> int | None:
	"""The most minutes a visit of `channel` should take (None: no guidance for that channel)."""
	if channel in CALL_CHANNELS:
		return phone_minutes_max or None
	if channel in ONSITE_CHANNELS:
		return onsite_minutes_max or None
	return None


def is_over_long(
	channel: str | None, duration_minutes: int | None, phone_minutes_max: int, onsite_minutes_max: int
) -> bool | None:
	"""Whether a visit took longer than its channel's guidance; None when it cannot be told (no
	duration recorded, or no guidance for the channel)."""
	limit = duration_limit(channel, phone_minutes_max, onsite_minutes_max)
	if limit is None or not duration_minutes:
		return None
	return duration_minutes > limit
