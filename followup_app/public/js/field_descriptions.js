// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// Frappe's Datetime control appends the time zone to a field's description and then translates the
// whole text, which no translation matches, so the description stays English: translate the
// field's own description first.
{
	const ControlDatetime = frappe.ui.form.ControlDatetime;
	const set_description = ControlDatetime.prototype.set_description;
	ControlDatetime.prototype.set_description = function () {
		const description = this.df.description;
		if (description && !description.includes(this.get_user_time_zone())) {
			this.df.description = __(description);
		}
		return set_description.call(this);
	};
}
