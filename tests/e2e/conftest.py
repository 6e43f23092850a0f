"""Fixtures of the browser suite: a served bench site with a worker, its data, Chromium, the personas.

Run by tools/integration.sh with the bench's own Python (so the suite can prepare data with Frappe)
and FOLLOWUP_E2E_BENCH / FOLLOWUP_E2E_SITE set. The web server (`frappe serve`, werkzeug with the
desk's assets) and an RQ worker are started here and stopped at the end.
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

import desk as desk_module
import pytest
from desk import Desk
from playwright.sync_api import sync_playwright

BENCH = Path(os.environ.get("FOLLOWUP_E2E_BENCH", "/opt/frappe-bench"))
SITE = os.environ.get("FOLLOWUP_E2E_SITE", "")
CHROMIUM = os.environ.get("FOLLOWUP_E2E_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("FOLLOWUP_E2E_ARTIFACTS", "/tmp/followup-e2e"))
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _port_is_free(port: int) -> bool:
	with socket.socket() as probe:
		return probe.connect_ex(("127.0.0.1", port)) != 0


def _free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def _bench_config() -> dict:
	return json.loads((BENCH / "sites/common_site_config.json").read_text())


def _wait_for_ping(port: int, process: subprocess.Popen, seconds: int = 90):
	request = urllib.request.Request(f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": SITE})
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		if process.poll() is not None:
			raise RuntimeError(f"the web server exited; see {ARTIFACTS / 'server.log'}")
		try:
			with urllib.request.urlopen(request, timeout=5) as answer:
				if b"pong" in answer.read():
					return
		except OSError:
			time.sleep(0.5)
	raise RuntimeError("the web server did not answer /api/method/ping")


def _start(name: str, *command: str, cwd: Path | None = None) -> subprocess.Popen:
	log = open(ARTIFACTS / f"{name}.log", "w")
	return subprocess.Popen(
		command,
		cwd=cwd or BENCH / "sites",
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
		# The desk then talks to socket.io on its own port, as under `bench start`.
		env={**os.environ, "DEV_SERVER": "1"},
	)


def _frappe(*args: str) -> tuple[str, ...]:
	return (str(BENCH / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", *args)


def _stop(process: subprocess.Popen):
	try:
		os.killpg(process.pid, 15)
		process.wait(timeout=20)
	except (ProcessLookupError, subprocess.TimeoutExpired):
		os.killpg(process.pid, 9)


@pytest.fixture(scope="session")
def base_url():
	"""The site served with a background worker and, where Node is there, socket.io for realtime.

	The bench's own web port is used when free: socket.io authenticates a browser by calling back
	the web server on that port.
	"""
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	config = _bench_config()
	port = config.get("webserver_port", 8000)
	port = port if _port_is_free(port) else _free_port()
	processes = [
		_start("server", *_frappe("--site", SITE, "serve", "--port", str(port), "--noreload")),
		_start("worker", *_frappe("worker", "--queue", "short,default,long")),
	]
	node = shutil.which("node")
	if (
		node
		and port == config.get("webserver_port", 8000)
		and _port_is_free(config.get("socketio_port", 9000))
	):
		processes.append(_start("socketio", node, str(BENCH / "apps/frappe/socketio.js"), cwd=BENCH))
		desk_module.REALTIME = True
	try:
		_wait_for_ping(port, processes[0])
		yield f"http://{SITE}:{port}"
	finally:
		for process in processes:
			_stop(process)


@pytest.fixture(scope="session")
def run_data(base_url):
	"""The personas and records the journeys start from; removed again at the end."""
	import site_data as data

	os.chdir(BENCH / "sites")
	data.connect(SITE)
	created = data.create()
	desk_module.PREFIX = created["desk"]
	try:
		yield created
	finally:
		data.remove(created)


@pytest.fixture(scope="session")
def browser():
	with sync_playwright() as playwright:
		chromium = playwright.chromium.launch(
			executable_path=CHROMIUM,
			args=[
				"--no-sandbox",
				"--disable-gpu",
				"--disable-quic",
				"--no-first-run",
				"--disable-background-networking",
				"--disable-component-update",
				"--disable-sync",
				# Any site name reaches the local server.
				f"--host-resolver-rules=MAP {SITE} 127.0.0.1",
			],
		)
		yield chromium
		chromium.close()


@pytest.fixture
def desk(browser, base_url, run_data, request):
	"""Opens a fresh browser context; the test fails on any page error, console error or 4xx/5xx."""
	desks = []

	def open_desk(width: int = 1366, height: int = 900, locale: str = "en-US") -> Desk:
		context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
		desks.append(Desk(context, base_url, run_data, ARTIFACTS / request.node.name, DOCS))
		return desks[-1]

	yield open_desk
	failed = getattr(request.node, "report_call", None)
	if failed is not None and failed.failed:
		for index, opened in enumerate(desks):
			opened.screenshot(f"failure-{index}", full_page=True)
	problems = [problem for opened in desks for problem in opened.problems]
	for opened in desks:
		opened.context.close()
	assert not problems, "the browser saw:\n" + "\n".join(problems)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
	"""Keep the call's report on the test, so the `desk` fixture can screenshot a failure."""
	report = yield
	if report.when == "call":
		item.report_call = report
	return report


def pytest_sessionstart(session):
	(ARTIFACTS / "timings.json").unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
	"""Median desk page loads of this run (seconds until the desk was idle), for BENCHMARKS.md."""
	path = ARTIFACTS / "timings.json"
	if not path.exists():
		return
	terminalreporter.section("desk page loads (median seconds, runs)")
	for label, seconds in sorted(json.loads(path.read_text()).items()):
		terminalreporter.write_line(f"{label}: {statistics.median(seconds):.2f} ({len(seconds)})")
