// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Visit Record", {
	setup(frm) {
		frm.set_query("visit_script", () => ({ filters: { visit_type: frm.doc.visit_type } }));
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
		for (const field of ["visitor", "next_action_owner"]) {
			frm.set_query(field, () => ({ filters: { user_type: "System User", enabled: 1 } }));
		}
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.planned_date) {
			frm.set_value("planned_date", frappe.datetime.get_today());
		}
	},
	refresh(frm) {
		followup_app.suggestions.render(frm);
		followup_app.visit_form.show_brief(frm);
		followup_app.visit_form.render_script(frm);
		followup_app.visit_form.show_duration_guidance(frm);
		if (frm.is_new() || !["Planned", "Missed"].includes(frm.doc.status)) {
			return;
		}
		frm.add_custom_button(__("Complete Visit"), () => {
			frm.set_value("status", "Completed");
			if (!frm.doc.visit_datetime) {
				frm.set_value("visit_datetime", frappe.datetime.now_datetime());
			}
			frm.scroll_to_field("outcome");
		});
		frm.add_custom_button(
			__("Cancel Visit"),
			() => {
				frappe.confirm(__("Cancel this planned visit?"), () => {
					frm.set_value("status", "Cancelled");
					frm.save();
				});
			},
			__("Actions")
		);
	},
	customer(frm) {
		followup_app.visit_form.show_brief(frm);
	},
	summary(frm) {
		followup_app.suggestions.refresh_row(frm, frm.doctype, frm.docname, frm.doc.summary);
	},
	summary_category(frm) {
		followup_app.suggestions.render(frm);
	},
	after_save(frm) {
		// A completed visit joins the brief's last visits.
		frm.__brief_stale = true;
	},
	channel(frm) {
		followup_app.visit_form.show_duration_guidance(frm);
	},
	duration_minutes(frm) {
		followup_app.visit_form.show_duration_guidance(frm);
	},
	status(frm) {
		if (frm.doc.status === "Completed" && !frm.doc.visit_datetime) {
			frm.set_value("visit_datetime", frappe.datetime.now_datetime());
		}
	},
	visit_type(frm) {
		if (frm.doc.visit_script) {
			frm.set_value("visit_script", null);
		}
	},
	visit_script(frm) {
		frm.clear_table("script_answers");
		if (!frm.doc.visit_script) {
			frm.refresh_field("script_answers");
			return;
		}
		frappe.model.with_doc("Visit Script", frm.doc.visit_script, () => {
			const script = frappe.get_doc("Visit Script", frm.doc.visit_script);
			for (const question of script.questions || []) {
				frm.add_child("script_answers", {
					question: question.question,
					required: question.required,
					hint: question.hint,
				});
			}
			frm.refresh_field("script_answers");
			followup_app.visit_form.render_script(frm);
		});
	},
});

// The grid stays for power users; the form above it follows every change made there.
frappe.ui.form.on("Visit Script Answer", {
	answer(frm) {
		followup_app.visit_form.render_script(frm);
	},
	script_answers_add(frm) {
		followup_app.visit_form.render_script(frm);
	},
	script_answers_remove(frm) {
		followup_app.visit_form.render_script(frm);
	},
});

frappe.provide("followup_app.visit_form");

// The customer brief (followup_app.visits.brief.get_brief) at the top of the form.
followup_app.visit_form.show_brief = function (frm) {
	const field = frm.get_field("customer_brief");
	if (!field) {
		return;
	}
	if (!frm.doc.customer) {
		field.$wrapper.empty();
		return;
	}
	if (field.$wrapper.attr("data-customer") === frm.doc.customer && !frm.__brief_stale) {
		return;
	}
	frm.__brief_stale = false;
	field.$wrapper.attr("data-customer", frm.doc.customer);
	field.$wrapper.html(`<div class="text-muted small">${__("Loading the customer brief...")}</div>`);
	frappe
		.call({
			method: "followup_app.visits.brief.get_brief",
			args: { customer: frm.doc.customer },
			freeze: false,
		})
		.then((r) => {
			if (r.message && field.$wrapper.attr("data-customer") === frm.doc.customer) {
				field.$wrapper.html(r.message.html);
			}
		});
};

// The script's questions as labelled inputs, in order, with hints and required marks; each answer is
// written into its row of the answers table. One column, full width: usable on a phone on site.
followup_app.visit_form.render_script = function (frm) {
	const field = frm.get_field("script_form");
	if (!field || frm.__typing_answer) {
		return;
	}
	const rows = frm.doc.script_answers || [];
	const $wrapper = field.$wrapper.empty();
	if (!frm.doc.visit_script || !rows.length) {
		return;
	}
	const editable = !!(frm.perm && frm.perm[0] && frm.perm[0].write) && !frm.get_docfield("script_answers").read_only;
	const unreachable = frm.doc.outcome === "Unreachable";
	const $form = $(`<div class="followup-script-form" role="group" aria-label="${frappe.utils.escape_html(__("Script Questions"))}"></div>`).appendTo($wrapper);
	for (const row of rows) {
		const id = `script-answer-${frappe.scrub(row.name)}`;
		const required = row.required && !unreachable;
		const $item = $(`<div class="form-group script-question" data-idx="${row.idx}">
			<label class="control-label${required ? " reqd" : ""}" for="${id}"></label>
			<textarea class="form-control" id="${id}" rows="2"></textarea>
			<p class="help-box small text-muted"></p>
		</div>`).appendTo($form);
		$item.find("label").text(`${row.idx}. ${row.question || ""}`);
		$item.find(".help-box").text(row.hint || "").toggle(!!row.hint);
		const $input = $item.find("textarea").val(row.answer || "");
		if (required) {
			$input.attr("aria-required", "true");
			$item.toggleClass("has-error", !(row.answer || "").trim() && frm.doc.status === "Completed");
		}
		if (!editable) {
			$input.prop("disabled", true);
			continue;
		}
		$input.on("input", frappe.utils.debounce(() => {
			frm.__typing_answer = true;
			frappe.model
				.set_value(row.doctype, row.name, "answer", $input.val())
				.finally(() => {
					frm.__typing_answer = false;
				});
		}, 300));
		$input.on("blur", () => {
			frm.__typing_answer = true;
			Promise.resolve(frappe.model.set_value(row.doctype, row.name, "answer", $input.val())).finally(() => {
				frm.__typing_answer = false;
			});
		});
	}
};

// How long the visit should take on its channel (Followup Settings), and whether it took longer.
followup_app.visit_form.show_duration_guidance = function (frm) {
	const guidance = (frm.doc.__onload || {}).duration_guidance;
	if (!guidance || !frm.get_field("duration_minutes")) {
		return;
	}
	const calls = ["Phone", "Video Call"];
	let limit = null;
	let text = "";
	if (calls.includes(frm.doc.channel)) {
		limit = guidance.phone_minutes_max;
		text = __("Calls: 10 to {0} minutes", [limit]);
	} else if (frm.doc.channel === "On-site") {
		limit = guidance.onsite_minutes_max;
		text = __("On-site visits: at most {0} minutes", [limit]);
	}
	if (limit && frm.doc.duration_minutes > limit) {
		text += " · " + __("Longer than the guidance: counted as over-long");
	}
	frm.set_df_property("duration_minutes", "description", text);
};

frappe.ui.form.on("Visit Feedback Item", {
	description(frm, cdt, cdn) {
		followup_app.suggestions.refresh_row(frm, cdt, cdn, locals[cdt][cdn].description);
	},
	category(frm) {
		followup_app.suggestions.render(frm);
	},
	feedback_items_remove(frm) {
		followup_app.suggestions.render(frm);
	},
});
