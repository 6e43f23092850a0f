// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Visit Record"] = {
	add_fields: ["status", "planned_date", "planned_time"],
	// Planned visits (Visits Due Today, Overdue Visits, a visitor's planned list) in the order they
	// are to be made: by planned date and time. Another sort the user picks afterwards stays.
	refresh(listview) {
		const filters = listview.filter_area ? listview.filter_area.get() : [];
		const planned = filters.some((f) => f[1] === "status" && f[2] === "=" && f[3] === "Planned");
		const key = JSON.stringify(filters);
		if (!planned || listview.__sorted_for === key) {
			return;
		}
		listview.__sorted_for = key;
		if (listview.sort_by !== "planned_at" || listview.sort_order !== "asc") {
			listview.sort_selector.set_value("planned_at", "asc");
			listview.on_sort_change("planned_at", "asc");
		}
	},
	get_indicator(doc) {
		if (doc.status === "Planned" && doc.planned_date && doc.planned_date < frappe.datetime.get_today()) {
			return [__("Overdue"), "red", "status,=,Planned"];
		}
		const colors = { Planned: "blue", Completed: "green", Missed: "orange", Cancelled: "gray" };
		return [__(doc.status), colors[doc.status], "status,=," + doc.status];
	},
};
