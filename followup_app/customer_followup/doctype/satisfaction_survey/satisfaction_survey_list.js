// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Satisfaction Survey"] = {
	add_fields: ["status", "nps_category"],
	get_indicator(doc) {
		if (doc.status === "Completed" && doc.nps_category) {
			const colors = { Promoter: "green", Passive: "yellow", Detractor: "red" };
			return [__(doc.nps_category), colors[doc.nps_category], "nps_category,=," + doc.nps_category];
		}
		const colors = { Draft: "gray", Sent: "blue", Completed: "green", Expired: "orange", Cancelled: "red" };
		return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
