"""What a report chart may draw: periods with nothing to measure are left out, never drawn as 0.

Frappe Charts draws a line through every label and breaks (an SVG path with `undefined`) on a
single point or a missing value, so a line is only chosen for two or more complete points; other
series are drawn as bars, where a missing value is simply no bar (and a group with no bar at all
is left out, as is a chart with none). A pie has no slice for nothing
(a zero slice breaks its SVG path too), and one slice, a whole circle, is drawn as a bar.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartSeries:
	labels: list[str]
	datasets: list[tuple[str, list[float]]]
	chart_type: str


def chart_series(
	labels: list[str],
	series: list[tuple[str, list[float | None]]],
	prefer_line: bool,
	pie: bool = False,
) -> ChartSeries | None:
	"""The labels and datasets to draw, and "line", "bar" or "pie"; None when nothing is drawn."""
	if pie:
		name, values = series[0]
		keep = [i for i in range(len(labels)) if values[i]]
		if not keep:
			return None
		kind = "pie" if len(keep) >= 2 else "bar"
		return ChartSeries([labels[i] for i in keep], [(name, [values[i] for i in keep])], kind)
	keep = [i for i in range(len(labels)) if any(values[i] is not None for _name, values in series)]
	kept = [(name, [values[i] for i in keep]) for name, values in series]
	complete = all(value is not None for _name, values in kept for value in values)
	if prefer_line and len(keep) >= 2 and complete:
		return ChartSeries([labels[i] for i in keep], kept, "line")
	# A bar of nothing is not drawn: a group without any bar is left out, and so is an empty chart.
	keep = [i for i in keep if any(values[i] for _name, values in series)]
	if not keep:
		return None
	return ChartSeries(
		labels=[labels[i] for i in keep],
		datasets=[(name, [values[i] or 0 for i in keep]) for name, values in series],
		chart_type="bar",
	)
