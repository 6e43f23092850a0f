"""Survey scoring: CSAT, NPS, CES and a weighted overall score, per survey and in aggregate.

Scales: Rating 1-5 (5 = very satisfied), NPS 0-10 (likelihood to recommend), Effort 1-7 (7 = it was
very easy: higher is better). Choice and text questions are not scored.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

RATING = "Rating 1-5"
NPS = "NPS 0-10"
EFFORT = "Effort 1-7"
SCALES = {RATING: (1, 5), NPS: (0, 10), EFFORT: (1, 7)}

# The question a customer can answer in the survey's message, one button per value: the first of these.
ONE_CLICK_TYPES = (NPS, RATING)
# A reminder is not worth sending to a link that stops working within this time.
REMINDER_MIN_LIFETIME = timedelta(days=1)

PROMOTER = "Promoter"
PASSIVE = "Passive"
DETRACTOR = "Detractor"


@dataclass(frozen=True)
class ScoredAnswer:
	question_type: str
	value: float
	weight: float = 1.0


def in_range(question_type: str, value: float) -> bool:
	"""Whether `value` is a whole number on the question type's scale."""
	low, high = SCALES[question_type]
	return float(value).is_integer() and low <= value <= high


def _mean(values: list[float]) -> float | None:
	return round(sum(values) / len(values), 2) if values else None


def csat(answers: Iterable[ScoredAnswer]) -> float | None:
	"""Mean of the 1-5 ratings."""
	return _mean([answer.value for answer in answers if answer.question_type == RATING])


def ces(answers: Iterable[ScoredAnswer]) -> float | None:
	"""Mean of the 1-7 effort answers."""
	return _mean([answer.value for answer in answers if answer.question_type == EFFORT])


def nps_score(answers: Iterable[ScoredAnswer]) -> int | None:
	"""The survey's likelihood-to-recommend answer (the first NPS question)."""
	return next((int(answer.value) for answer in answers if answer.question_type == NPS), None)


def nps_category(score: int | None) -> str | None:
	"""Promoter (9-10), Passive (7-8) or Detractor (0-6)."""
	if score is None:
		return None
	return PROMOTER if score >= 9 else PASSIVE if score >= 7 else DETRACTOR


def overall_score(answers: Iterable[ScoredAnswer]) -> float | None:
	"""0-100: each scored answer placed on 0-1 along its scale, averaged by question weight."""
	total = weights = 0.0
	for answer in answers:
		if answer.question_type not in SCALES or answer.weight <= 0:
			continue
		low, high = SCALES[answer.question_type]
		total += answer.weight * (answer.value - low) / (high - low)
		weights += answer.weight
	return round(100 * total / weights, 2) if weights else None


def aggregate_nps(scores: Iterable[int]) -> float | None:
	"""Net Promoter Score of many surveys: % promoters − % detractors (−100 to 100)."""
	scores = list(scores)
	if not scores:
		return None
	promoters = sum(1 for score in scores if score >= 9)
	detractors = sum(1 for score in scores if score <= 6)
	return round(100 * (promoters - detractors) / len(scores), 2)


def one_click_index(question_types: Sequence[str]) -> int | None:
	"""The position of the question answered from the message: the first NPS 0-10 or Rating 1-5."""
	return next((index for index, kind in enumerate(question_types) if kind in ONE_CLICK_TYPES), None)


def scale_values(question_type: str) -> list[int]:
	"""The answers of a scale question, lowest first."""
	low, high = SCALES[question_type]
	return list(range(low, high + 1))


def parse_scale_answer(question_type: str, raw) -> int | None:
	"""The whole number on the question's scale that `raw` (a link's answer) names, else None."""
	text = str(raw).strip() if raw is not None else ""
	if not (text.isascii() and text.isdigit()) or len(text) > 2:
		return None
	value = int(text)
	return value if in_range(question_type, value) else None


@dataclass(frozen=True)
class ReminderWindow:
	"""Which Sent surveys get their reminder now: sent at or before `sent_before` and working until
	after `expires_after`."""

	sent_before: datetime
	expires_after: datetime


def reminder_window(now: datetime, reminder_days: int) -> ReminderWindow:
	"""The reminder goes `reminder_days` after sending, unless the link expires within a day."""
	if reminder_days <= 0:
		raise ValueError("reminder_days must be greater than zero")
	return ReminderWindow(now - timedelta(days=reminder_days), now + REMINDER_MIN_LIFETIME)
