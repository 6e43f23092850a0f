"""Churn risk: a 0-100 score from a customer's own purchase rhythm and follow-up signals.

Each factor adds points up to its cap, and is reported with what it contributed, so the score can
always be explained to the account manager.
"""

from dataclasses import dataclass, field
from datetime import date

# Factor caps; they add up to 100.
RECENCY = 35
FREQUENCY = 20
VALUE = 15
COMPLAINTS = 15
DETRACTOR = 10
MISSED_VISITS = 5

# What each factor code means, in English: stored factors are codes, translated where they are shown.
FACTOR_LABELS = {
	"recency": "No purchase for longer than usual",
	"frequency": "Fewer orders than before",
	"value": "Lower order value than before",
	"complaints": "Open or breached complaints",
	"detractor": "Detractor in the last NPS survey",
	"missed_visits": "Missed follow-up visits",
}


@dataclass(frozen=True)
class ChurnSignals:
	"""What is known of one customer on `today`."""

	today: date
	invoice_count: int = 0  # submitted invoices, ever
	first_invoice: date | None = None
	last_invoice: date | None = None
	recent_orders: int = 0  # invoices in the last 90 days
	earlier_orders_per_90_days: float = 0  # average per 90 days over the 360 days before that
	recent_amount: float = 0
	earlier_amount_per_90_days: float = 0
	open_complaints: int = 0
	breached_complaints: int = 0
	last_nps: int | None = None
	missed_visits: int = 0  # in the last 180 days


@dataclass
class ChurnRisk:
	score: int
	factors: list[tuple[str, int]] = field(default_factory=list)


def purchase_rhythm(
	invoice_count: int, first_invoice: date | None, last_invoice: date | None
) -> float | None:
	"""The customer's mean days between purchases, or None before a second purchase on another day."""
	if invoice_count < 2 or not first_invoice or not last_invoice or last_invoice <= first_invoice:
		return None
	return (last_invoice - first_invoice).days / (invoice_count - 1)


def _drop(recent: float, earlier: float) -> float:
	"""Share (0-1) by which `recent` fell below `earlier`."""
	if earlier <= 0 or recent >= earlier:
		return 0.0
	return (earlier - recent) / earlier


def churn_risk(signals: ChurnSignals) -> ChurnRisk:
	"""Score and factors; recency counts once the customer is past its own rhythm, fully at 3x it."""
	factors: list[tuple[str, int]] = []
	rhythm = purchase_rhythm(signals.invoice_count, signals.first_invoice, signals.last_invoice)
	if rhythm:
		since = (signals.today - signals.last_invoice).days
		overdue = min(max(since / rhythm - 1, 0) / 2, 1)
		if overdue:
			factors.append(("recency", round(RECENCY * overdue)))
	frequency = _drop(signals.recent_orders, signals.earlier_orders_per_90_days)
	if frequency:
		factors.append(("frequency", round(FREQUENCY * frequency)))
	value = _drop(signals.recent_amount, signals.earlier_amount_per_90_days)
	if value:
		factors.append(("value", round(VALUE * value)))
	complaints = min(5 * signals.open_complaints + 10 * signals.breached_complaints, COMPLAINTS)
	if complaints:
		factors.append(("complaints", complaints))
	if signals.last_nps is not None and signals.last_nps <= 6:
		factors.append(("detractor", DETRACTOR))
	missed = min(signals.missed_visits * 2, MISSED_VISITS)
	if missed:
		factors.append(("missed_visits", missed))
	factors = [(name, points) for name, points in factors if points > 0]
	return ChurnRisk(min(sum(points for _name, points in factors), 100), factors)


def encode_factors(factors: list[tuple[str, int]]) -> str:
	"""The factors as stored on the customer: one "code:points" line each."""
	return "\n".join(f"{code}:{points}" for code, points in factors)


def decode_factors(stored: str | None) -> list[tuple[str, int]]:
	"""The (code, points) pairs of stored factors; a line that is not a known "code:points" is skipped."""
	factors = []
	for line in (stored or "").splitlines():
		code, _colon, points = line.strip().partition(":")
		if code in FACTOR_LABELS and points.isdigit():
			factors.append((code, int(points)))
	return factors


def risk_band(score: int | None) -> str:
	"""Low (0-24), Medium (25-49), High (50-74) or Critical (75-100)."""
	score = score or 0
	if score >= 75:
		return "Critical"
	if score >= 50:
		return "High"
	if score >= 25:
		return "Medium"
	return "Low"
