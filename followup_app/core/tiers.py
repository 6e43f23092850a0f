"""Customer tier rules: which tier a trailing-12-month revenue earns."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TierThreshold:
	name: str
	rank: int
	min_annual_revenue: float


def tier_for_revenue(tiers: Iterable[TierThreshold], revenue: float) -> str | None:
	"""The most important tier (lowest rank) whose revenue threshold `revenue` reaches."""
	qualifying = [tier for tier in tiers if revenue >= (tier.min_annual_revenue or 0)]
	if not qualifying:
		return None
	return min(qualifying, key=lambda tier: (tier.rank, tier.name)).name


def unreachable_tiers(tiers: Iterable[TierThreshold]) -> list[str]:
	"""Tiers that auto-tiering can never give, because a more important tier asks for no more revenue."""
	ordered = sorted(tiers, key=lambda tier: (tier.rank, tier.name))
	unreachable = []
	for position, tier in enumerate(ordered):
		if any(
			(better.min_annual_revenue or 0) <= (tier.min_annual_revenue or 0)
			for better in ordered[:position]
		):
			unreachable.append(tier.name)
	return unreachable
