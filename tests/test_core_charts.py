"""Report charts: what is drawn, and as which type."""

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.charts import chart_series


def test_periods_without_any_value_are_left_out():
	chart = chart_series(["Jan", "Feb", "Mar"], [("Rate", [50.0, None, 75.0])], prefer_line=True)
	assert chart.labels == ["Jan", "Mar"]
	assert chart.datasets == [("Rate", [50.0, 75.0])]
	assert chart.chart_type == "line"


def test_one_point_is_a_bar():
	chart = chart_series(["Jan"], [("Rate", [50.0])], prefer_line=True)
	assert chart.chart_type == "bar"


def test_a_gap_in_one_series_makes_bars_without_a_bar_for_the_gap():
	chart = chart_series(["Jan", "Feb"], [("A", [1.0, None]), ("B", [2.0, 3.0])], prefer_line=True)
	assert chart.chart_type == "bar"
	assert chart.datasets == [("A", [1.0, 0]), ("B", [2.0, 3.0])]


def test_nothing_to_draw():
	assert chart_series(["Jan", "Feb"], [("Rate", [None, None])], prefer_line=True) is None
	assert chart_series([], [("Rate", [])], prefer_line=False) is None


def test_groups_are_bars_even_when_complete():
	assert chart_series(["VIP", "Key"], [("Rate", [1.0, 2.0])], prefer_line=False).chart_type == "bar"


@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), max_size=12))
def test_a_line_is_only_drawn_through_two_or_more_real_points(values):
	chart = chart_series([str(i) for i in range(len(values))], [("Rate", values)], prefer_line=True)
	real = [value for value in values if value is not None]
	if len(real) >= 2:
		assert (chart.chart_type, chart.datasets) == ("line", [("Rate", real)])
	elif real and real[0]:
		assert (chart.chart_type, chart.datasets) == ("bar", [("Rate", real)])
	else:
		assert chart is None


def test_a_pie_has_no_slice_for_nothing():
	chart = chart_series(
		["Price", "Delivery", "Other", "Quality"],
		[("Share", [60.0, 0, None, 40.0])],
		prefer_line=False,
		pie=True,
	)
	assert chart.labels == ["Price", "Quality"]
	assert chart.datasets == [("Share", [60.0, 40.0])]
	assert chart.chart_type == "pie"
	assert chart_series(["Price"], [("Share", [0])], prefer_line=False, pie=True) is None


def test_a_whole_pie_is_a_bar():
	chart = chart_series(["Price", "Delivery"], [("Share", [100.0, 0])], prefer_line=False, pie=True)
	assert (chart.labels, chart.chart_type) == (["Price"], "bar")


def test_bars_leave_out_groups_with_nothing_to_draw():
	chart = chart_series(["VIP", "Key", "Normal"], [("Rate", [0, 50.0, None])], prefer_line=False)
	assert (chart.labels, chart.datasets) == (["Key"], [("Rate", [50.0])])
	assert chart_series(["Nov"], [("NPS", [None]), ("Surveys", [0])], prefer_line=True) is None


def test_a_line_keeps_a_real_zero():
	chart = chart_series(["Oct", "Nov"], [("Rate", [0.0, 40.0])], prefer_line=True)
	assert (chart.chart_type, chart.datasets) == ("line", [("Rate", [0.0, 40.0])])
