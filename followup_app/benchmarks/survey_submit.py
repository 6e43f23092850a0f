"""Public survey submission benchmark (issues 5 and 16), against a running web server.

Measures the endpoint the customer waits on: checking and storing the answers and scores. The
effects on the customer (figures, points, recovery task) run afterwards as a background job.

1. On the bench site, create Sent surveys and write their tokens to a file:
       bench --site SITE execute followup_app.benchmarks.survey_submit.prepare --kwargs '{"count": 3000}'
2. Serve the site with gunicorn (2 workers), and raise the per-IP limit for the run with
   `bench --site SITE set-config followup_survey_rate_limit 1000000` (all requests come from one IP).
3. Load it (standard library only) and print throughput and latency percentiles:
       python -m followup_app.benchmarks.survey_submit http://127.0.0.1:8000 bench.localhost TOKENS_FILE
   It first measures Frappe's own /api/method/ping the same way, as the reference, then the one-click
   answer of each survey (as from the email's button) and then its submission.
4. `bench --site SITE execute followup_app.benchmarks.survey_submit.cleanup`, and remove the config key.
"""

import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

CUSTOMER = "BENCH-SURVEY"
ANSWERS = json.dumps({"1": 4, "2": 5, "3": 6, "4": "Quick and friendly"})


def prepare(count: int = 3000, path: str = "/tmp/followup_survey_tokens.txt") -> str:
	"""Create `count` Sent surveys for one customer and write their tokens, one per line."""
	import frappe

	from followup_app.surveys.sending import create_and_send
	from followup_app.testing.fixtures import make_customer

	if not frappe.db.exists("Customer", CUSTOMER):
		make_customer(CUSTOMER)
	tokens = [
		create_and_send(CUSTOMER, "Customer Satisfaction (CSAT)", "Link")["link"].split("t=")[1]
		for _ in range(count)
	]
	frappe.db.commit()
	with open(path, "w") as handle:
		handle.write("\n".join(tokens))
	print(f"{count} surveys ready, tokens in {path}")
	return path


def cleanup():
	"""Delete the benchmark's surveys, their points and the customer."""
	import frappe

	like = ("like", CUSTOMER)
	for name in frappe.get_all("Satisfaction Survey", filters={"customer": like}, pluck="name"):
		frappe.db.delete("Survey Answer", {"parent": name})
		frappe.db.delete("Satisfaction Survey", {"name": name})
	for name in frappe.get_all("Loyalty Points", filters={"customer": like}, pluck="name"):
		frappe.db.delete("Loyalty Points", {"name": name})
	frappe.db.delete("Customer", {"name": like})
	frappe.db.commit()


def timed(request: urllib.request.Request) -> tuple[float, int]:
	started = time.perf_counter()
	try:
		with urllib.request.urlopen(request, timeout=30) as response:
			response.read()
			status = response.status
	except urllib.error.HTTPError as error:
		status = error.code
	return time.perf_counter() - started, status


def load(requests: list[urllib.request.Request], concurrency: int) -> dict:
	started = time.perf_counter()
	with ThreadPoolExecutor(concurrency) as pool:
		results = list(pool.map(timed, requests))
	elapsed = time.perf_counter() - started
	latencies = sorted(seconds for seconds, _status in results)
	ok = sum(1 for _seconds, status in results if status == 200)
	return {
		"requests": len(results),
		"ok": ok,
		"per_second": round(ok / elapsed, 1),
		"p50_ms": round(statistics.median(latencies) * 1000, 1),
		"p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
	}


def main(base: str, host: str, tokens_path: str, concurrency: int = 8):
	tokens = open(tokens_path).read().split()
	headers = {"Host": host}
	ping = [urllib.request.Request(f"{base}/api/method/ping", headers=headers) for _ in range(len(tokens))]
	print("ping:", load(ping, concurrency))
	# As a customer answering from the email would: the button's answer first, then the whole survey.
	one_click = [
		urllib.request.Request(
			f"{base}/api/method/followup_app.surveys.public.answer_first",
			data=urllib.parse.urlencode({"token": token, "answer": 4}).encode(),
			headers=headers,
			method="POST",
		)
		for token in tokens
	]
	print("one-click answer:", load(one_click, concurrency))
	submits = [
		urllib.request.Request(
			f"{base}/api/method/followup_app.surveys.public.submit",
			data=urllib.parse.urlencode({"token": token, "answers": ANSWERS}).encode(),
			headers=headers,
			method="POST",
		)
		for token in tokens
	]
	print("survey submit:", load(submits, concurrency))


if __name__ == "__main__":
	main(*sys.argv[1:4], *(int(arg) for arg in sys.argv[4:5]))
