// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Followup Goal"] = {
	add_fields: ["status", "progress"],
	get_indicator(doc) {
		const colors = {
			"Not Started": "gray",
			"Not Measured": "light-blue",
			"On Track": "green",
			"At Risk": "orange",
			Achieved: "blue",
			Missed: "red",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
