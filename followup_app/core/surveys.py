"""Survey scoring: CSAT, NPS, CES and a weighted overall score, per survey and in aggregate.

Scales: Rating 1-5 (5 = very satisfied), NPS 0-10 (likelihood to recommend), Effort 1-7 (7 = it was
very easy: higher is better). Choice and text questions are not scored.
"""

from collections.abc import Iterable
from dataclasses import dataclass

RATING = "Rating 1-5"
NPS = "NPS 0-10"
EFFORT = "Effort 1-7"
SCALES = {RATING: (1, 5), NPS: (0, 10), EFFORT: (1, 7)}

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
