"""SMART goal tracking: progress from baseline to target, and the status rules.

Rules (evaluated daily over the goal's period up to today):
- before `period_start`: Not Started;
- from `period_start`, until the goal's figure can be measured (its scope has nothing to count yet):
  Not Measured, never At Risk or Missed on nothing;
- after `period_end`: Achieved if the current value meets the target, else Missed (final);
- during the period: Achieved at once when a cumulative total (points issued, say) already meets a
  target it cannot fall back from; otherwise On Track when the value meets the target or progress
  keeps pace with the time elapsed, else At Risk.
Progress is the share of the way from baseline to target (0-100); for cumulative totals it is the
share of the target reached, since a total always starts the period at zero. A goal whose baseline
already met the target has progress 100 while the target is still met and 0 once it is not.
"""

from datetime import date, timedelta

NOT_STARTED = "Not Started"
NOT_MEASURED = "Not Measured"
ON_TRACK = "On Track"
AT_RISK = "At Risk"
ACHIEVED = "Achieved"
MISSED = "Missed"
FINAL = (ACHIEVED, MISSED)


def meets(current: float | None, target: float, higher_is_better: bool) -> bool:
	"""Whether `current` reaches the target in the KPI's good direction."""
	if current is None:
		return False
	return current >= target if higher_is_better else current <= target


def progress(
	current: float | None,
	baseline: float | None,
	target: float,
	higher_is_better: bool,
	cumulative: bool = False,
) -> float:
	"""How far the goal has come, 0-100."""
	if current is None:
		return 0.0
	if meets(current, target, higher_is_better):
		return 100.0
	if cumulative:
		share = 100 * current / target if target else 0
	elif baseline is None or meets(baseline, target, higher_is_better):
		return 0.0  # no way to measure from, or it started past the target and has fallen behind it
	else:
		share = 100 * (current - baseline) / (target - baseline)
	return round(min(100.0, max(0.0, share)), 2)


def elapsed(period_start: date, period_end: date, today: date) -> float:
	"""Share of the period's days gone by, today included, 0-100."""
	days = (period_end - period_start).days + 1
	gone = (min(today, period_end) - period_start).days + 1
	return round(min(100.0, max(0.0, 100 * gone / days)), 2)


def status(
	period_start: date,
	period_end: date,
	today: date,
	current: float | None,
	done: float,
	target: float,
	higher_is_better: bool,
	cumulative: bool = False,
) -> str:
	"""The goal's status on `today` given its current value and progress `done` (0-100)."""
	if today < period_start:
		return NOT_STARTED
	if current is None:
		return NOT_MEASURED
	met = meets(current, target, higher_is_better)
	if today > period_end:
		return ACHIEVED if met else MISSED
	if met and cumulative and higher_is_better:
		return ACHIEVED
	if met or done >= elapsed(period_start, period_end, today):
		return ON_TRACK
	return AT_RISK


def baseline_window(period_start: date, period_end: date) -> tuple[date, date]:
	"""The equally long window just before the period, over which the baseline is measured."""
	length = (period_end - period_start).days + 1
	return period_start - timedelta(days=length), period_start - timedelta(days=1)
