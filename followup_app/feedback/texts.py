"""Where the app keeps customers' words, read in batches: a visit's summary and feedback items, a
complaint's description and a completed survey's text answers.

Each source names its table, its text, the category a person chose (`category`; a visit summary's
`summary_category`) and the suggestion written beside it. A category people chose is a label for
the site's model; the feedback type of a visit's item (Praise, Problem, ...) and a complaint's very
nature give the sentiment labels.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import frappe
from frappe.query_builder.functions import Count, Date
from frappe.utils import getdate

from followup_app.core.chunks import Span
from followup_app.core.routing import effective_category
from followup_app.core.text_model import Sample
from followup_app.scheduling.spans import within

VISIT, ITEM, COMPLAINT, SURVEY, ANSWER = (
	"Visit Record",
	"Visit Feedback Item",
	"Complaint",
	"Satisfaction Survey",
	"Survey Answer",
)
# A visit item's feedback type as a sentiment label (what the visitor chose).
TYPE_SENTIMENT = {
	"Praise": "Positive",
	"Problem": "Negative",
	"Need": "Neutral",
	"Request": "Neutral",
	"Suggestion": "Neutral",
}
SOURCES = ("summary", "item", "complaint", "answer")
ROW_DOCTYPES = {"summary": VISIT, "item": ITEM, "complaint": COMPLAINT, "answer": ANSWER}
PAGE = 5000


@dataclass(frozen=True)
class Text:
	"""One stored text with its categories, where it came from and when."""

	source: str  # one of SOURCES
	doctype: str  # the record's DocType (a child row's parent)
	name: str  # the record
	row: str  # the row holding the text: the record itself or its child row
	customer: str | None
	day: date | None
	text: str
	category: str | None  # chosen by a person
	suggested: str | None
	confidence: float  # percent
	sentiment: str | None
	routed_category: str | None = None

	def effective_category(self, limit: float) -> str | None:
		"""The category the text counts under (core.routing.effective_category)."""
		return effective_category(self.category, self.routed_category, self.suggested, self.confidence, limit)


def tables():
	return tuple(frappe.qb.DocType(name) for name in (VISIT, ITEM, COMPLAINT, SURVEY, ANSWER))


def queries(after: datetime | None = None, before: datetime | None = None) -> dict:
	"""Per source, a query of its texts (optionally dated from `after`, before `before`) selecting
	source-independent columns, and the table and date column to filter on."""
	visit, item, complaint, survey, answer = tables()
	visit_day = visit.visit_datetime
	summary = (
		frappe.qb.from_(visit)
		.select(
			visit.name.as_("name"),
			visit.name.as_("row"),
			visit.customer,
			Date(visit_day).as_("day"),
			visit.summary.as_("text"),
			visit.summary_category.as_("category"),
			visit.suggested_category.as_("suggested"),
			visit.suggestion_confidence.as_("confidence"),
			visit.sentiment,
		)
		.where(visit.status == "Completed")
		.where(visit.summary.isnotnull())
		.where(visit.summary != "")
	)
	items = (
		frappe.qb.from_(item)
		.join(visit)
		.on(item.parent == visit.name)
		.select(
			visit.name.as_("name"),
			item.name.as_("row"),
			visit.customer,
			Date(visit_day).as_("day"),
			item.description.as_("text"),
			item.category,
			item.suggested_category.as_("suggested"),
			item.suggestion_confidence.as_("confidence"),
			item.sentiment,
			item.routed_category,
			item.feedback_type,
		)
		.where(item.parenttype == VISIT)
		.where(visit.status == "Completed")
	)
	complaints = frappe.qb.from_(complaint).select(
		complaint.name.as_("name"),
		complaint.name.as_("row"),
		complaint.customer,
		Date(complaint.opened_on).as_("day"),
		complaint.description.as_("text"),
		complaint.category,
		complaint.suggested_category.as_("suggested"),
		complaint.suggestion_confidence.as_("confidence"),
		complaint.sentiment,
	)
	answers = (
		frappe.qb.from_(answer)
		.join(survey)
		.on(answer.parent == survey.name)
		.select(
			survey.name.as_("name"),
			answer.name.as_("row"),
			survey.customer,
			Date(survey.completed_on).as_("day"),
			answer.answer_text.as_("text"),
			answer.category,
			answer.suggested_category.as_("suggested"),
			answer.suggestion_confidence.as_("confidence"),
			answer.sentiment,
			answer.routed_category,
		)
		.where(answer.parenttype == SURVEY)
		.where(answer.question_type == "Text")
		.where(survey.status == "Completed")
		.where(answer.answer_text.isnotnull())
		.where(answer.answer_text != "")
	)
	dated = {
		"summary": (summary, VISIT, visit_day, visit.customer, visit.modified),
		"item": (items, VISIT, visit_day, visit.customer, visit.modified),
		"complaint": (complaints, COMPLAINT, complaint.opened_on, complaint.customer, complaint.modified),
		"answer": (answers, SURVEY, survey.completed_on, survey.customer, survey.modified),
	}
	out = {}
	for source, (query, doctype, day, customer, modified) in dated.items():
		if after is not None:
			query = query.where(day >= after)
		if before is not None:
			query = query.where(day < before)
		out[source] = (query, doctype, customer, modified)
	return out


def as_text(source: str, doctype: str, row: dict) -> Text:
	return Text(
		source=source,
		doctype=doctype,
		name=row["name"],
		row=row["row"],
		customer=row["customer"],
		day=getdate(row["day"]) if row["day"] else None,
		text=row["text"] or "",
		category=row["category"] or None,
		suggested=row["suggested"] or None,
		confidence=float(row["confidence"] or 0),
		sentiment=row["sentiment"] or None,
		routed_category=row.get("routed_category") or None,
	)


def texts_between(start: date, end: date, sources=SOURCES) -> list[Text]:
	"""Every stored text dated from `start` to `end` (inclusive): one query per source."""
	found = []
	after = datetime.combine(getdate(start), time.min)
	before = datetime.combine(getdate(end) + timedelta(days=1), time.min)
	for source, (query, doctype, _customer, _modified) in queries(after, before).items():
		if source in sources:
			found.extend(as_text(source, doctype, row) for row in query.run(as_dict=True))
	return found


def unsuggested(span: Span | None) -> list[Text]:
	"""The texts of the customers in `span` that have never been read (no sentiment stored)."""
	found = []
	for source, (query, doctype, customer, _modified) in queries().items():
		pending = within(query, customer, span)
		table = frappe.qb.DocType(ROW_DOCTYPES[source])
		pending = pending.where(table.sentiment.isnull() | (table.sentiment == ""))
		found.extend(as_text(source, doctype, row) for row in pending.run(as_dict=True))
	return found


def row_doctype(text: Text) -> str:
	"""The DocType of the row that holds the text."""
	return ROW_DOCTYPES[text.source]


def labelled_queries(since: datetime | None) -> Iterator[tuple[str, object, object]]:
	"""Per source, (source, query of its texts whose category a person chose, the row table), of
	records changed after `since` when given."""
	for source, (query, _doctype, _customer, modified) in queries().items():
		table = frappe.qb.DocType(ROW_DOCTYPES[source])
		field = table[category_field(source)]
		query = query.where(field.isnotnull()).where(field != "")
		if since is not None:
			query = query.where(modified > since)
		yield source, query, table


def labelled(since: datetime | None = None) -> Iterator[Sample]:
	"""The texts whose category a person chose (of records changed after `since`), page by page, as
	samples: with the visit item's feedback type, or a complaint's, as the sentiment label."""
	for source, query, table in labelled_queries(since):
		query = query.orderby(table.name)
		last = None
		while True:
			page = query.where(table.name > last) if last else query
			rows = page.limit(PAGE).run(as_dict=True)
			for row in rows:
				yield Sample(row["text"] or "", row["category"], sentiment_label(source, row))
			if len(rows) < PAGE:
				break
			last = rows[-1]["row"]


def category_field(source: str) -> str:
	return "summary_category" if source == "summary" else "category"


def sentiment_label(source: str, row: dict) -> str | None:
	if source == "item":
		return TYPE_SENTIMENT.get(row.get("feedback_type"))
	return "Negative" if source == "complaint" else None


def new_labels(since: datetime | None) -> int:
	"""How many labelled texts belong to records changed after `since` (all of them when None)."""
	return sum(
		frappe.qb.from_(query.as_("labelled")).select(Count("*")).run()[0][0]
		for _source, query, _table in labelled_queries(since)
	)
