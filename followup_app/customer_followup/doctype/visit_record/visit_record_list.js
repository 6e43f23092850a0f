// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Visit Record"] = {
	add_fields: ["status", "planned_date"],
	get_indicator(doc) {
		if (doc.status === "Planned" && doc.planned_date && doc.planned_date < frappe.datetime.get_today()) {
			return [__("Overdue"), "red", "status,=,Planned"];
		}
		const colors = { Planned: "blue", Completed: "green", Missed: "orange", Cancelled: "gray" };
		return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
