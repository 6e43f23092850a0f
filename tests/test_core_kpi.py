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
