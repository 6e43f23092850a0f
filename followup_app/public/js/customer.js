// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.provide("followup_app");

// Churn risk factors are stored as "code:points" lines (followup_app.core.churn.FACTOR_LABELS has
// the same codes and English labels): they show in the reader's language.
followup_app.churn_factor_labels = () => ({
	recency: __("No purchase for longer than usual"),
	frequency: __("Fewer orders than before"),
	value: __("Lower order value than before"),
	complaints: __("Open or breached complaints"),
	detractor: __("Detractor in the last NPS survey"),
	missed_visits: __("Missed follow-up visits"),
});

followup_app.format_churn_factors = (value) => {
	const labels = followup_app.churn_factor_labels();
	return (value || "")
		.split("\n")
		.map((line) => line.trim().split(":"))
		.filter(([code, points]) => labels[code] && /^\d+$/.test(points))
		.map(([code, points]) => frappe.utils.escape_html(__("{0}: +{1}", [labels[code], points])))
		.join("<br>");
};

frappe.provide("followup_app");

// A new document with `values`, in its full form (quick entry would drop values it does not show).
followup_app.open_new_form = function (doctype, values) {
	frappe.model.with_doctype(doctype, () => {
		const doc = frappe.model.get_new_doc(doctype);
		Object.assign(doc, values);
		frappe.set_route("Form", doctype, doc.name);
	});
};

// The customer brief (followup_app.visits.brief.get_brief) at the top of the Follow-up tab.
followup_app.show_customer_brief = function (frm) {
	const field = frm.get_field("followup_brief");
	if (!field || frm.is_new()) {
		return;
	}
	field.$wrapper.html(`<div class="text-muted small">${__("Loading the customer brief...")}</div>`);
	frappe.call({ method: "followup_app.visits.brief.get_brief", args: { customer: frm.doc.name } }).then((r) => {
		if (r.message) {
			field.$wrapper.html(r.message.html);
		}
	});
};

frappe.ui.form.on("Customer", {
	refresh(frm) {
		followup_app.show_customer_brief(frm);
		const factors = frm.fields_dict.churn_risk_factors;
		if (factors) {
			factors.df.formatter = followup_app.format_churn_factors;
			factors.refresh();
		}
		if (frm.is_new() || !frappe.model.can_create("Visit Record")) {
			return;
		}
		const group = __("Follow-up");
		frm.add_custom_button(
			__("Log Visit"),
			() => {
				followup_app.open_new_form("Visit Record", {
					customer: frm.doc.name,
					status: "Completed",
					channel: frm.doc.preferred_channel || "Phone",
					visit_datetime: frappe.datetime.now_datetime(),
					visitor: frappe.session.user,
				});
			},
			group
		);
		frm.add_custom_button(
			__("Plan Visit"),
			() => {
				followup_app.open_new_form("Visit Record", {
					customer: frm.doc.name,
					status: "Planned",
					channel: frm.doc.preferred_channel || "Phone",
					visitor: frm.doc.account_manager || frappe.session.user,
				});
			},
			group
		);
		if (frappe.model.can_submit("Loyalty Points")) {
			frm.add_custom_button(
				__("Redeem Points"),
				() => {
					frappe.prompt(
						[
							{
								fieldname: "points",
								fieldtype: "Int",
								label: __("Points"),
								reqd: 1,
								description: __("Balance: {0}", [frm.doc.loyalty_points_balance || 0]),
							},
							{ fieldname: "reward", fieldtype: "Data", label: __("Reward"), reqd: 1 },
						],
						(values) => {
							frappe
								.call("followup_app.points.api.redeem_points", {
									customer: frm.doc.name,
									points: values.points,
									reward: values.reward,
								})
								.then(() => frm.reload_doc());
						},
						__("Redeem Points")
					);
				},
				group
			);
		}
		if (frappe.model.can_create("Satisfaction Survey") && followup_app.send_survey) {
			frm.add_custom_button(
				__("Send Survey"),
				() => followup_app.send_survey(frm.doc.name, "Customer", frm.doc.name),
				group
			);
		}
		if (frappe.model.can_create("Complaint")) {
			frm.add_custom_button(
				__("New Complaint"),
				() => {
					followup_app.open_new_form("Complaint", {
						customer: frm.doc.name,
						assigned_to: frm.doc.account_manager || frappe.session.user,
					});
				},
				group
			);
		}
	},
});

// A user who may write Customers only as a Followup Manager edits the Follow-up tab alone: the
// server keeps the rest of the Customer as it was (customers/followup_tab.py).
frappe.ui.form.on("Customer", {
	refresh(frm) {
		if (!frm.doc.__onload || !frm.doc.__onload.followup_tab_only) {
			return;
		}
		for (const df of frm.meta.fields) {
			if (!df.permlevel && !frappe.model.layout_fields.includes(df.fieldtype)) {
				frm.set_df_property(df.fieldname, "read_only", 1);
			}
		}
	},
});
