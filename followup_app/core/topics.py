"""Rising topics: a category's feedback this week against its own baseline of the weeks before.

A week runs Monday to Sunday. The baseline of a category is its mean count over the previous
`BASELINE_WEEKS` weeks (weeks without feedback count as zero). A category rises when its week holds
at least the minimum count and exceeds the baseline by the threshold percent. Its terms are the
words most over-represented this week against the baseline weeks' texts.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from followup_app.core.lexicon import STOPWORDS
from followup_app.core.text import clean, words

BASELINE_WEEKS = 8


def week_start(day: date) -> date:
	"""The Monday of `day`'s week."""
	return day - timedelta(days=day.weekday())


def last_full_week(today: date) -> date:
	"""The Monday of the last week that has ended before `today`."""
	return week_start(today) - timedelta(days=7)


def baseline_weeks(week: date) -> list[date]:
	"""The Mondays of the BASELINE_WEEKS weeks before `week`, oldest first."""
	return [week - timedelta(days=7 * n) for n in range(BASELINE_WEEKS, 0, -1)]


def baseline(counts_by_week: dict[date, int], week: date) -> float:
	"""The mean weekly count of the baseline weeks before `week` (missing weeks count zero)."""
	return sum(counts_by_week.get(day, 0) for day in baseline_weeks(week)) / BASELINE_WEEKS


def is_rising(count: int, base: float, percent: float, min_count: int) -> bool:
	"""At least `min_count` items and more than `percent`% above the baseline."""
	return count >= max(min_count, 1) and count > base * (1 + percent / 100)


def weekly_counts(items: Iterable[tuple[date, str | None]]) -> dict[str | None, dict[date, int]]:
	"""{category: {Monday: count}} of (day, category) items."""
	counts: dict[str | None, Counter] = {}
	for day, category in items:
		counts.setdefault(category, Counter())[week_start(day)] += 1
	return {category: dict(by_week) for category, by_week in counts.items()}


def terms(text: str) -> set[str]:
	"""The distinct topic words of a raw text: words of two or more characters, no stop words or numbers."""
	return {
		word
		for word in words(clean(text).lower())
		if len(word) >= 2 and word not in STOPWORDS and not word.isdigit() and word.isalnum()
	}


def document_frequency(texts: Iterable[str]) -> Counter:
	"""How many texts hold each term."""
	counts: Counter = Counter()
	for text in texts:
		counts.update(terms(text))
	return counts


def rising_terms(
	week_texts: Iterable[str], baseline_texts: Iterable[str], limit: int = 8
) -> list[tuple[str, int]]:
	"""The terms of this week's texts most above their weekly baseline frequency, with this week's
	count; a term must occur in at least two texts this week."""
	now = document_frequency(week_texts)
	before = document_frequency(baseline_texts)
	lift = {term: count - before.get(term, 0) / BASELINE_WEEKS for term, count in now.items() if count >= 2}
	ranked = sorted(
		(term for term in lift if lift[term] > 0), key=lambda term: (-lift[term], -now[term], term)
	)
	return [(term, now[term]) for term in ranked[:limit]]


def top_terms(texts: Iterable[str], limit: int = 5) -> list[tuple[str, int]]:
	"""The most frequent terms of some texts (in two texts at least), most frequent first."""
	counts = document_frequency(texts)
	ranked = sorted(
		(term for term, count in counts.items() if count >= 2), key=lambda term: (-counts[term], term)
	)
	return [(term, counts[term]) for term in ranked[:limit]]


@dataclass(frozen=True)
class Rise:
	"""A category whose week rose above its baseline."""

	category: str
	week: date
	count: int
	baseline: float


def rises(
	counts: dict[str | None, dict[date, int]], week: date, percent: float, min_count: int
) -> list[Rise]:
	"""The categories (not the uncategorised) rising in `week`, largest first."""
	found = []
	for category, by_week in counts.items():
		if not category:
			continue
		count, base = by_week.get(week, 0), baseline(by_week, week)
		if is_rising(count, base, percent, min_count):
			found.append(Rise(category, week, count, round(base, 2)))
	return sorted(found, key=lambda rise: (-rise.count, rise.category))
