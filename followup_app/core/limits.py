"""How far the numbers typed into the app's forms may go, as data.

Every numeric input of the app's DocTypes and their child tables has a Limit in `LIMITS`; the desk
refuses a value outside it with a message and saves nothing (`followup_app.platform.limits.validate_limits`).
Two inputs have a range that depends on another field and are checked by their own rule: a goal's
target by its metric (`target_limit`) and a points entry's sign by its type
(`core.points.signed_points`).
"""

from dataclasses import dataclass

from followup_app.core.kpi import MEAN, NET_PERCENT, PER_HUNDRED, PERCENT, TOTAL

GREATER_THAN = "greater_than"
AT_LEAST = "at_least"
BETWEEN = "between"


@dataclass(frozen=True)
class Limit:
	"""An inclusive range [minimum, maximum] (either end open when None); with `exclusive_minimum`
	the value must be greater than the minimum."""

	minimum: float | None = None
	maximum: float | None = None
	exclusive_minimum: bool = False

	def allows(self, value: float | None) -> bool:
		"""Whether `value` (an empty number counts as 0, as Frappe stores it) lies within the range."""
		value = value or 0
		if self.minimum is not None:
			if value < self.minimum or (self.exclusive_minimum and value == self.minimum):
				return False
		return self.maximum is None or value <= self.maximum

	@property
	def rule(self) -> str:
		"""Which sentence explains the limit: GREATER_THAN, AT_LEAST or BETWEEN."""
		if self.exclusive_minimum:
			return GREATER_THAN
		return BETWEEN if self.maximum is not None else AT_LEAST


POSITIVE = Limit(0, exclusive_minimum=True)
NOT_NEGATIVE = Limit(0)


def between(low: float, high: float) -> Limit:
	"""The inclusive range low-high."""
	return Limit(low, high)


LIMITS: dict[str, dict[str, Limit]] = {
	"Followup Settings": {
		"response_sla_hours": POSITIVE,
		"resolution_sla_hours": POSITIVE,
		"sla_at_risk_percent": between(1, 99),
		"verification_visit_days": POSITIVE,
		"missed_visit_grace_days": POSITIVE,
		"activation_visit_days": POSITIVE,
		"survey_expiry_days": POSITIVE,
		"survey_reminder_days": POSITIVE,
		"points_per_survey": NOT_NEGATIVE,
		"points_expiry_days": POSITIVE,
		"points_per_visit": NOT_NEGATIVE,
		"inactive_days_at_risk": POSITIVE,
		"inactive_days_churned": POSITIVE,
		"phone_minutes_max": POSITIVE,
		"onsite_minutes_max": POSITIVE,
		"chunk_size": between(100, 100_000),
		"contact_verify_days": POSITIVE,
		"keep_survey_text_days": NOT_NEGATIVE,
		"suggestion_threshold": between(0, 100),
		"retrain_min_labels": between(1, 1_000_000),
		"rising_topic_percent": between(0, 10_000),
		"rising_topic_min_count": between(1, 1_000_000),
	},
	"Followup Outcome Rule": {
		"next_contact_days": NOT_NEGATIVE,
		"todo_days": NOT_NEGATIVE,
		"retry_days": NOT_NEGATIVE,
		"max_attempts": NOT_NEGATIVE,
	},
	"Complaint SLA Rule": {"response_hours": POSITIVE, "resolution_hours": POSITIVE},
	"Customer Tier": {"rank": Limit(1), "min_annual_revenue": NOT_NEGATIVE},
	"Followup Policy": {"priority": NOT_NEGATIVE, "interval_days": POSITIVE, "lead_days": NOT_NEGATIVE},
	"Complaint": {"compensation_points": NOT_NEGATIVE},
	"Survey Template": {"points_on_completion": NOT_NEGATIVE},
	"Survey Question": {"weight": NOT_NEGATIVE},
	"Visit Record": {"duration_minutes": NOT_NEGATIVE, "satisfaction": between(0, 1)},
}

# A goal's target lies where its KPI can go: by the KPI's kind, narrowed for the means on a scale.
TARGET_BY_KIND = {
	PERCENT: between(0, 100),
	PER_HUNDRED: NOT_NEGATIVE,
	NET_PERCENT: between(-100, 100),
	MEAN: POSITIVE,
	TOTAL: NOT_NEGATIVE,
}
TARGET_BY_KPI = {"average_satisfaction": between(1, 5), "customer_effort": between(1, 7)}


def target_limit(kpi_key: str, kind: str) -> Limit:
	"""Where the target of a goal on the KPI `kpi_key` (of kind `kind`) may lie."""
	return TARGET_BY_KPI.get(kpi_key) or TARGET_BY_KIND[kind]


def violations(doctype: str, values: dict) -> list[tuple[str, Limit]]:
	"""The fields of `values` (a record of `doctype`) outside their limit, in LIMITS order."""
	return [
		(fieldname, limit)
		for fieldname, limit in LIMITS.get(doctype, {}).items()
		if fieldname in values and not limit.allows(values[fieldname])
	]
