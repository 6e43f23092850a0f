// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// The run's figures per step, with translated names, from the counts its chunks recorded.
const FOLLOWUP_JOB_STEPS = {
	refresh: { label: __("Customer Refresh"), figures: { customers: __("Customers"), changed: __("Changed"), newly_at_risk: __("Newly At Risk") } },
	missed: { label: __("Missed Visits"), figures: { missed: __("Missed") } },
	plan: { label: __("Visit Planning"), figures: { customers: __("Customers"), due: __("Due"), planned: __("Planned"), failed: __("Failed") } },
	points_expiry: { label: __("Points Expiry"), figures: { entries: __("Expire Entries") } },
	survey_expiry: { label: __("Survey Expiry"), figures: { expired: __("Expired") } },
	survey_reminders: { label: __("Survey Reminders"), figures: { reminded: __("Reminded") } },
	survey_text: { label: __("Survey Text Retention"), figures: { cleared: __("Answers Cleared") } },
	suggestions: { label: __("Feedback Suggestions"), figures: { texts: __("Texts Read") } },
	sla: { label: __("SLA Update"), figures: { complaints: __("Complaints"), changed: __("Changed"), escalated: __("Escalated") } },
};

frappe.ui.form.on("Followup Job Run", {
	refresh(frm) {
		const counts = JSON.parse(frm.doc.counts || "{}");
		const rows = Object.entries(FOLLOWUP_JOB_STEPS)
			.filter(([step]) => counts[step])
			.map(([step, { label, figures }]) => {
				const cells = Object.entries(figures)
					.filter(([figure]) => figure in counts[step])
					.map(([figure, name]) => `${frappe.utils.escape_html(name)}: <b>${format_number(counts[step][figure], null, 0)}</b>`)
					.join(" · ");
				return `<tr><td>${frappe.utils.escape_html(label)}</td><td>${cells}</td></tr>`;
			});
		frm.get_field("step_summary").$wrapper.html(
			rows.length
				? `<table class="table table-bordered table-sm"><tbody>${rows.join("")}</tbody></table>`
				: `<p class="text-muted">${__("No chunk has finished yet.")}</p>`
		);
	},
});
