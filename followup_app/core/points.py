"""Engagement points: lots earned, consumed oldest first, and expired — as pure functions.

A lot is a positive entry (Earn, or a positive Adjust) with the points still left in it. A lot can
be used on any day up to and including its expiry date; after that, what is left expires.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


class InsufficientPoints(ValueError):
	"""A redemption asked for more points than the usable lots hold."""

	def __init__(self, wanted: int, available: int):
		super().__init__(f"wanted {wanted}, available {available}")
		self.wanted = wanted
		self.available = available


@dataclass(frozen=True)
class Lot:
	name: str
	posting_date: date
	expiry_date: date
	remaining: int


def usable(lots: Iterable[Lot], on: date) -> list[Lot]:
	"""Lots with points left that have not expired on `on`, oldest first."""
	return sorted(
		(lot for lot in lots if lot.remaining > 0 and lot.expiry_date >= on),
		key=lambda lot: (lot.posting_date, lot.expiry_date, lot.name),
	)


def allocate(lots: Iterable[Lot], points: int, on: date) -> list[tuple[str, int]]:
	"""Take `points` from the usable lots, oldest first: [(lot name, points taken)].

	Raises InsufficientPoints (taking nothing) when the usable lots hold fewer points.
	"""
	if points <= 0:
		raise ValueError("points to allocate must be positive")
	candidates = usable(lots, on)
	available = sum(lot.remaining for lot in candidates)
	if points > available:
		raise InsufficientPoints(points, available)
	taken = []
	left = points
	for lot in candidates:
		if left == 0:
			break
		amount = min(lot.remaining, left)
		taken.append((lot.name, amount))
		left -= amount
	return taken


def expiring(lots: Iterable[Lot], on: date) -> list[tuple[str, int]]:
	"""What is left of the lots that have expired by `on` (expiry date before it)."""
	return [(lot.name, lot.remaining) for lot in lots if lot.remaining > 0 and lot.expiry_date < on]


def balance(lots: Iterable[Lot], on: date) -> int:
	"""Points a customer can use on `on`."""
	return sum(lot.remaining for lot in usable(lots, on))
