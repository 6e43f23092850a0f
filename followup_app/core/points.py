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


class NegativeEntry(ValueError):
	"""An Earn or Redeem entry typed as a negative number (only Adjust takes a sign)."""


class ZeroEntry(ValueError):
	"""A points entry of zero (or not a whole number)."""


TYPED_POSITIVE = ("Earn", "Redeem")  # typed as a positive number; a redemption is stored negative
STORED_NEGATIVE = ("Redeem", "Expire")


def signed_points(transaction_type: str, points: float, stored: int | None = None) -> int:
	"""The points a ledger entry is stored with, from the number typed into it.

	Earn and Redeem take a positive number (a redemption is stored as its negative), Expire entries
	are negative, Adjust keeps its sign. `stored` is the value already saved for the entry: an
	unchanged stored value is kept as it is. Raises ZeroEntry for zero or a fraction and
	NegativeEntry for a negative Earn or Redeem; nothing is ever flipped silently.
	"""
	if stored and points == stored:
		return int(stored)
	if not points or points != int(points):
		raise ZeroEntry(points)
	points = int(points)
	if transaction_type in TYPED_POSITIVE and points < 0:
		raise NegativeEntry(points)
	return -abs(points) if transaction_type in STORED_NEGATIVE else points


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
