import pytest

from followup_app.core.kpi import KPIS, MEAN, NET_PERCENT, PER_HUNDRED, PERCENT, TOTAL, kpi_value


def test_values_by_kind():
	assert kpi_value(PERCENT, 3, 4) == 75.0
	assert kpi_value(PER_HUNDRED, 5, 250) == 2.0
	assert kpi_value(MEAN, 13, 3) == 4.33
	assert kpi_value(NET_PERCENT, 2 - 3, 8) == -12.5
	assert kpi_value(TOTAL, 120, 0) == 120.0


def test_nothing_to_measure_is_none():
	for kind in (PERCENT, PER_HUNDRED, MEAN, NET_PERCENT):
		assert kpi_value(kind, 0, 0) is None


def test_unknown_kind_is_refused():
	with pytest.raises(ValueError):
		kpi_value("ratio", 1, 2)


def test_every_kpi_has_a_known_kind():
	for kpi in KPIS.values():
		assert kpi_value(kpi.kind, 1, 1) is not None


def test_change_and_direction():
	from followup_app.core.kpi import change, improved

	assert change(80.0, 75.5) == 4.5
	assert change(None, 75.5) is None
	assert improved(KPIS["visit_completion_rate"], 80, 75) is True
	assert improved(KPIS["complaint_rate"], 3, 2) is False  # more complaints is worse
	assert improved(KPIS["complaint_rate"], 2, 3) is True
	assert improved(KPIS["nps"], 10, 10) is None
	assert improved(KPIS["nps"], None, 10) is None


def test_counts_are_totals_and_do_not_clash_with_kpis():
	from followup_app.core.kpi import COUNTS, FIGURES

	assert not set(COUNTS) & set(KPIS)
	assert all(count.kind == TOTAL for count in COUNTS.values())
	assert set(FIGURES) == set(KPIS) | set(COUNTS)
