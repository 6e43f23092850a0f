// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Complaint"] = {
	add_fields: ["status", "sla_status"],
	get_indicator(doc) {
		if (["Open", "In Progress", "Reopened"].includes(doc.status)) {
			const colors = { "On Track": "blue", "At Risk": "orange", Breached: "red" };
			return [
				__(doc.status) + " · " + __(doc.sla_status),
				colors[doc.sla_status] || "blue",
				"sla_status,=," + doc.sla_status,
			];
		}
		const colors = { Resolved: "purple", Closed: "green" };
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
