"""Reading feedback (issue 25): accuracy on the labelled set, time per text, and the nightly
retraining at 100,000 labelled texts.

    python -m followup_app.benchmarks.feedback_reading            # accuracy and time per text only
    bench --site SITE execute followup_app.benchmarks.feedback_reading.run
    bench --site SITE execute followup_app.benchmarks.feedback_reading.cleanup

The labelled set is tests/data/feedback_texts.csv (text, lang, category, sentiment); a text belongs
to the test part when the first byte of its MD5 is below 64 (a quarter), whoever wrote it. Accuracy
is top-1 on the test part: first of the shipped words alone (a new site), then of a model trained on
the train part (a site whose people labelled those texts). On a bench, `run` adds 100,000 labelled
visit feedback items (the train part's texts with random order, product and city words around them,
so no two are the same) and times the nightly retraining: labels read page by page, model trained
and written as the site's next version.
"""

import csv
import hashlib
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from followup_app.core.text_model import Sample, suggest, train

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "feedback_texts.csv"
TEST_SHARE = 64  # of 256: a quarter
CONTEXT = (
	"SO-2026-{n}",
	"PO{n}",
	"订单{n}",
	"批次{n}",
	"Shanghai",
	"上海",
	"Chengdu",
	"成都",
	"bearings",
	"轴承",
	"pumps",
	"水泵",
	"paint",
	"涂料",
	"sensor",
	"传感器",
	"fabric",
	"面料",
	"Mr. Li",
	"王经理",
)


def labelled_set(path: Path = DATA) -> list[dict]:
	with path.open(encoding="utf-8", newline="") as file:
		return list(csv.DictReader(file))


def is_test(text: str) -> bool:
	"""Whether a text is in the test part (by its MD5, not by choice)."""
	return hashlib.md5(text.encode("utf-8")).digest()[0] < TEST_SHARE


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
	return [row for row in rows if not is_test(row["text"])], [row for row in rows if is_test(row["text"])]


def samples(rows: list[dict]) -> list[Sample]:
	return [Sample(row["text"], row["category"], row["sentiment"]) for row in rows]


def accuracy(rows: list[dict], model=None) -> dict:
	"""Top-1 category and sentiment accuracy (percent) on `rows`, overall and per language."""
	hits: Counter = Counter()
	totals: Counter = Counter()
	for row in rows:
		found = suggest(row["text"], model)
		for scope in ("all", row["lang"]):
			totals[scope] += 1
			hits[(scope, "category")] += found.category == row["category"]
			hits[(scope, "sentiment")] += found.sentiment == row["sentiment"]
	return {
		scope: {
			"texts": totals[scope],
			"category": round(100 * hits[(scope, "category")] / totals[scope], 1),
			"sentiment": round(100 * hits[(scope, "sentiment")] / totals[scope], 1),
		}
		for scope in totals
	}


def time_per_text(texts: list[str], model, repeats: int = 5) -> dict:
	"""Milliseconds per suggestion (mean and p95) over `texts`, read `repeats` times each."""
	suggest(texts[0], model)  # load jieba's dictionary once, as a worker does at its first text
	times = []
	for _repeat in range(repeats):
		for text in texts:
			started = time.perf_counter()
			suggest(text, model)
			times.append(1000 * (time.perf_counter() - started))
	times.sort()
	return {
		"texts": len(times),
		"mean_ms": round(statistics.fmean(times), 3),
		"p95_ms": round(times[int(0.95 * (len(times) - 1))], 3),
		"max_ms": round(times[-1], 3),
	}


def evaluate(path: Path = DATA) -> dict:
	"""Accuracy of the shipped words and of a model trained on the train part, and the time per text."""
	train_rows, test_rows = split(labelled_set(path))
	started = time.perf_counter()
	model = train(samples(train_rows), version=1)
	trained_seconds = round(time.perf_counter() - started, 2)
	long_text = "<p>" + " ".join(row["text"] for row in test_rows) * 20 + "</p>"
	return {
		"train_texts": len(train_rows),
		"test_texts": len(test_rows),
		"lexicon": accuracy(test_rows),
		"model": accuracy(test_rows, model),
		"train_seconds": trained_seconds,
		"time_per_text": time_per_text([row["text"] for row in test_rows], model),
		"time_100kb_ms": time_per_text([long_text[:100_000]], model, repeats=3)["mean_ms"],
	}


def synthetic(rows: list[dict], count: int, seed: int = 25) -> list[dict]:
	"""`count` labelled texts: the rows' texts with two random context words, each text different."""
	chooser = random.Random(seed)
	out = []
	for number in range(count):
		row = rows[number % len(rows)]
		words = [chooser.choice(CONTEXT).format(n=chooser.randint(1000, 99999)) for _word in range(2)]
		out.append({**row, "text": f"{words[0]} {row['text']} {words[1]} #{number}"})
	return out


def generate(labels: int = 100_000):
	"""Completed visits with five labelled feedback items each (BENCH- names)."""
	import frappe
	from frappe.utils import add_days

	from followup_app.benchmarks.harness import (
		PREFIX,
		common_columns,
		completed_visit_row,
		insert_customers,
		insert_in_batches,
	)
	from followup_app.feedback.texts import TYPE_SENTIMENT

	type_of = {sentiment: kind for kind, sentiment in reversed(TYPE_SENTIMENT.items())}
	train_rows, _test = split(labelled_set())
	texts = synthetic(train_rows, labels)
	customers = insert_customers(0, 1000, lambda number: "Normal")
	common = common_columns()
	visits, items = [], []
	for number, row in enumerate(texts):
		visit = f"{PREFIX}FV-{number // 5:07d}"
		if number % 5 == 0:
			visits.append(
				completed_visit_row(
					common, visit, customers[(number // 5) % len(customers)], add_days(common["creation"], -3)
				)
			)
		items.append(
			{
				**common,
				"name": f"{PREFIX}FI-{number:07d}",
				"parent": visit,
				"parenttype": "Visit Record",
				"parentfield": "feedback_items",
				"idx": number % 5 + 1,
				"feedback_type": type_of[row["sentiment"]],
				"category": row["category"],
				"description": row["text"],
			}
		)
	insert_in_batches("Visit Record", visits)
	insert_in_batches("Visit Feedback Item", items, commit=True)
	frappe.db.commit()


def run(labels: int = 100_000) -> dict:
	"""Print the evaluation, then generate `labels` labelled texts and time the nightly retraining."""
	from followup_app.benchmarks.harness import measured
	from followup_app.feedback.learning import retrain_if_due

	figures = evaluate()
	print(f"evaluation: {figures}")
	cleanup()
	ensure_categories()
	generate(labels)
	retrain = measured(lambda: {"version": retrain_if_due(force=True)})
	print(f"retraining at {labels} labels: {retrain}")
	return {"evaluation": figures, "retrain": retrain}


def ensure_categories():
	"""The labelled set's categories exist on the site (Invoicing and Installation ship since issue 25)."""
	import frappe

	for name in {row["category"] for row in labelled_set()}:
		if not frappe.db.exists("Feedback Category", name):
			frappe.get_doc({"doctype": "Feedback Category", "category_name": name}).insert()
	frappe.db.commit()


def cleanup():
	"""Delete everything the benchmark generated (the trained model versions stay, as any site's)."""
	import frappe

	from followup_app.benchmarks.harness import delete_generated

	delete_generated("Visit Feedback Item")
	delete_generated("Visit Record")
	delete_generated("Customer")
	frappe.db.commit()


if __name__ == "__main__":
	for key, value in evaluate().items():
		print(f"{key}: {value}")
