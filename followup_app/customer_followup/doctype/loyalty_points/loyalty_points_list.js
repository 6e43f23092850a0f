// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Loyalty Points"] = {
	add_fields: ["transaction_type", "points", "docstatus"],
	get_indicator(doc) {
		if (doc.docstatus === 2) {
			return [__("Cancelled"), "red", "docstatus,=,2"];
		}
		const colors = { Earn: "green", Redeem: "blue", Expire: "gray", Adjust: "orange" };
		return [__(doc.transaction_type), colors[doc.transaction_type], "transaction_type,=," + doc.transaction_type];
	},
};
