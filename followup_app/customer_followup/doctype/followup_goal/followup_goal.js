// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Followup Goal", {
	refresh(frm) {
		if (frm.is_new()) return;
		const color = followup_app.GOAL_STATUS_COLORS[frm.doc.status] || "gray";
		frm.page.set_indicator(__(frm.doc.status), color);
		const current = frm.doc.current_measured ? format_number(frm.doc.current_value, null, 2) : "–";
		frm.dashboard.add_progress(
			__("Progress"),
			frm.doc.progress || 0,
			__("{0}: {1} now, target {2} ({3})", [
				__(frm.doc.metric),
				current,
				format_number(frm.doc.target_value, null, 2),
				__(frm.doc.status),
			])
		);
		frm.add_custom_button(__("Evaluate Now"), () =>
			frm.call("evaluate_now").then(() => frm.reload_doc())
		);
		frm.add_custom_button(__("Show in Followup KPI"), () =>
			frappe
				.xcall("followup_app.goals.evaluation.report_filters", { goal: frm.doc.name })
				.then((filters) => frappe.set_route("query-report", "Followup KPI", filters))
		);
	},
});
