// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// The suggested Feedback Category and sentiment of a form's texts, each with its confidence and an
// Accept button that makes the suggestion the row's category (the person still saves). Texts typed
// on the form are read again as they change; the server reads them again on save.
frappe.provide("followup_app.suggestions");

// The texts of a form that carry a suggestion: [{doctype, name, label, field (the category field)}].
followup_app.suggestions.entries = function (frm) {
	const doc = frm.doc;
	if (doc.doctype === "Visit Record") {
		return [
			{ doctype: doc.doctype, name: doc.name, label: __("Summary"), field: "summary_category", text: doc.summary },
			...(doc.feedback_items || []).map((row) => ({
				doctype: row.doctype,
				name: row.name,
				label: __("Feedback Row {0}", [row.idx]),
				field: "category",
				text: row.description,
			})),
		];
	}
	if (doc.doctype === "Complaint") {
		return [{ doctype: doc.doctype, name: doc.name, label: __("Description"), field: "category", text: doc.description }];
	}
	return (doc.answers || [])
		.filter((row) => row.question_type === "Text")
		.map((row) => ({
			doctype: row.doctype,
			name: row.name,
			label: __("Answer {0}", [row.idx]),
			field: "category",
			text: row.answer_text,
		}));
};

followup_app.suggestions.render = function (frm) {
	const field = frm.get_field("feedback_suggestions");
	if (!field) return;
	const esc = frappe.utils.escape_html;
	const rows = followup_app.suggestions.entries(frm)
		.map((entry) => ({ entry, row: locals[entry.doctype][entry.name] }))
		.filter(({ row }) => row && (row.suggested_category || row.sentiment));
	if (!rows.length) {
		field.$wrapper.html("");
		return;
	}
	const sentiment_colour = { Positive: "green", Neutral: "gray", Negative: "red" };
	const lines = rows.map(({ entry, row }) => {
		const chosen = row[entry.field];
		const suggestion = row.suggested_category
			? `${esc(__(row.suggested_category))} <span class="text-muted">${format_number(row.suggestion_confidence || 0, null, 0)}%</span>`
			: `<span class="text-muted">${__("Unknown")}</span>`;
		const sentiment = row.sentiment
			? `<span class="indicator-pill ${sentiment_colour[row.sentiment]}">${esc(__(row.sentiment))}</span>`
			: "";
		let action = "";
		if (row.suggested_category && chosen !== row.suggested_category && frm.doc.docstatus === 0) {
			action = `<button class="btn btn-xs btn-default followup-accept-suggestion" data-doctype="${esc(entry.doctype)}" data-name="${esc(entry.name)}" data-field="${esc(entry.field)}">${__("Accept")}</button>`;
		} else if (chosen) {
			action = `<span class="text-muted">${__("Category")}: ${esc(__(chosen))}</span>`;
		}
		return `<tr><td>${esc(entry.label)}</td><td>${suggestion}</td><td>${sentiment}</td><td>${action}</td></tr>`;
	});
	field.$wrapper.html(`
		<div class="followup-suggestions">
			<div class="text-muted small">${__("Suggested from the words, on this server")}</div>
			<table class="table table-sm"><thead><tr>
				<th>${__("Text")}</th><th>${__("Suggested Category")}</th><th>${__("Sentiment")}</th><th></th>
			</tr></thead><tbody>${lines.join("")}</tbody></table>
		</div>`);
	field.$wrapper.find(".followup-accept-suggestion").on("click", function () {
		const { doctype, name, field: target } = this.dataset;
		const row = locals[doctype][name];
		frappe.model.set_value(doctype, name, target, row.suggested_category).then(() => {
			followup_app.suggestions.render(frm);
		});
	});
};

// Read a text being typed and store its suggestion on the row (for display until the save).
followup_app.suggestions.refresh_row = frappe.utils.debounce(function (frm, doctype, name, text) {
	frappe
		.call({ method: "followup_app.feedback.suggestions.suggest_text", args: { text: text || "" } })
		.then(({ message }) => {
			if (!message || !locals[doctype] || !locals[doctype][name]) return;
			const row = locals[doctype][name];
			row.suggested_category = message.suggested_category || "";
			row.suggestion_confidence = message.suggestion_confidence || 0;
			row.sentiment = message.sentiment || "";
			followup_app.suggestions.render(frm);
		});
}, 600);
