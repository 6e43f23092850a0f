"""Driving Frappe's desk the way its users do: log in, open pages, type into fields, press buttons.

Every page error (but frappe-charts' own stale-resize fault, STALE_CHART_RESIZE), console error (but
the absent socket.io) and 4xx/5xx answer is collected in `problems`; the `desk` fixture fails the test on any. A journey that expects an error answer says so
with `expect_status`.
"""

import json
import re
import time
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import TimeoutError as PlaywrightTimeout

PASSWORD = "Followup-e2e-2026!"
IDLE = """() => window.frappe && frappe.boot && document.readyState === 'complete'
	&& !(frappe.dom && frappe.dom.freeze_count) && !(frappe.request && frappe.request.ajax_count)"""
# Noise of a site served without its socket.io server, not faults of the page.
IGNORED_CONSOLE = re.compile(r"socket\.io")
# Without realtime the desk's socket.io client also logs refused connections (with no URL).
REFUSED = re.compile(r"net::ERR_CONNECTION_REFUSED")
# frappe-charts 2.0.0-rc22 (Frappe's): a query report redraws its chart into the same element and
# never disconnects the old chart's ResizeObserver, whose next redraw then fails in removeChild.
# Raised from the library's resize handler only, never from the app's code.
STALE_CHART_RESIZE = re.compile(r"removeChild.*ResizeObserver\.boundDrawFn", re.DOTALL)
# Set by the suite when it serves socket.io itself.
REALTIME = False
# The desk's route prefix, set by the suite from the site (/app on Frappe v15, /desk on v16).
PREFIX = "/app"


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


class DeskError(AssertionError):
	"""The desk showed an error message where the journey expected none."""


class Desk:
	def __init__(self, context, base_url: str, data: dict, artifacts: Path, docs: Path):
		self.context = context
		self.page = context.new_page()
		self.base_url = base_url
		self.data = data
		self.artifacts = artifacts
		self.docs = docs
		self.problems: list[str] = []
		self.expected: list[tuple[int, str]] = []
		self.page.set_default_timeout(30_000)
		self.page.on("pageerror", self._on_page_error)
		self.page.on("console", self._on_console)
		self.page.on("response", self._on_response)

	def _on_page_error(self, error):
		where = " | ".join((error.stack or "").splitlines()[1:4])
		if STALE_CHART_RESIZE.search(f"{error} {where}"):
			return
		self.problems.append(f"page error on {self.page.url}: {error} ({where})")

	def _on_console(self, message):
		if message.type != "error" or IGNORED_CONSOLE.search(message.text):
			return
		# The browser's line about a failed resource names it in its location: socket.io's answers
		# are the realtime server's (a polling session it dropped), not the page's.
		if IGNORED_CONSOLE.search((message.location or {}).get("url", "")):
			return
		if not REALTIME and REFUSED.search(message.text):
			return
		# The browser's line about that image (see _on_response), on the desk page itself.
		if "status of 404" in message.text and (message.location or {}).get("url", "").endswith("/undefined"):
			return
		# The browser's own line about an error answer the journey expects.
		if any(
			f"status of {status}" in message.text and part in self.page.url for status, part in self.expected
		):
			return
		self.problems.append(f"console error on {self.page.url}: {message.text}")

	def _on_response(self, response):
		if response.status < 400 or IGNORED_CONSOLE.search(response.url):
			return
		# Frappe v16's desk sidebar (the app switcher) requests an image it has no address for.
		if response.status == 404 and response.url.endswith("/undefined"):
			return
		if any(status == response.status and part in response.url for status, part in self.expected):
			return
		self.problems.append(f"{response.status} for {response.request.method} {response.url}")

	def expect_status(self, status: int, url_part: str):
		"""The journey expects this error answer (e.g. a refused action): not a problem."""
		self.expected.append((status, url_part))

	# Navigation -------------------------------------------------------------------------------

	def login(self, user: str) -> "Desk":
		self.page.goto(f"{self.base_url}/login")
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", PASSWORD)
		self.page.locator(".btn-login:visible").first.click()
		self.page.wait_for_url(lambda url: "/login" not in url)
		if not self.page.url.startswith(f"{self.base_url}{PREFIX}"):
			# The apps screen (/apps), where the user may open more than one app: go on to the desk.
			self.page.goto(f"{self.base_url}{PREFIX}")
		self.idle()
		return self

	def idle(self, settle: float = 0.3):
		"""Wait until the desk has no request in flight and no freeze; then let it render."""
		self.page.wait_for_function(IDLE)
		time.sleep(settle)
		self.page.wait_for_function(IDLE)

	@staticmethod
	def path(route: str) -> str:
		"""The desk path of `route` ("visit-record/VR-1"), under the desk's prefix."""
		return f"{PREFIX}/{route}"

	def goto(self, route: str) -> float:
		"""Open the desk's <route>; returns the seconds until the desk was idle (the page load time)."""
		started = time.monotonic()
		self.page.goto(f"{self.base_url}{self.path(route)}")
		self.idle(settle=0)
		seconds = time.monotonic() - started
		self.idle()
		return seconds

	def open_form(self, doctype: str, name: str) -> float:
		seconds = self.goto(f"{slug(doctype)}/{quote(name)}")
		self.wait_form(doctype, name)
		return seconds

	def wait_form(self, doctype: str, name: str | None = None):
		self.page.wait_for_function(
			"""(args) => window.cur_frm && cur_frm.doctype === args.doctype && cur_frm.doc
				&& (!args.name || cur_frm.docname === args.name) && cur_frm.page.wrapper.is(':visible')""",
			arg={"doctype": doctype, "name": name},
		)
		self.idle()

	def doc(self) -> dict:
		"""The document of the form on screen, as the desk holds it."""
		return self.page.evaluate("() => JSON.parse(JSON.stringify(cur_frm.doc))")

	def t(self, text: str) -> str:
		"""`text` in the user's language, as the desk translates it."""
		return self.page.evaluate("(text) => __(text)", text)

	# Fields -----------------------------------------------------------------------------------

	def control(self, fieldname: str, scope: str = ""):
		return self.page.locator(f'{scope} .frappe-control[data-fieldname="{fieldname}"]:visible').first

	def fill(self, fieldname: str, value, scope: str = ""):
		"""Type or pick `value` into a visible field of the form or dialog, as a user would."""
		control = self.control(fieldname, scope)
		fieldtype = control.get_attribute("data-fieldtype")
		if fieldtype == "Select":
			control.locator("select").select_option(value=str(value))
		elif fieldtype == "Check":
			box = control.locator("input[type=checkbox]")
			if box.is_checked() != bool(value):
				box.click()
		elif fieldtype == "Link":
			# A translated DocType (Feedback Category...) is searched and listed in the user's
			# language: a zh user types the Chinese name.
			for typed in dict.fromkeys((str(value), self.t(str(value)))):
				control.locator("input").fill(typed)
				# The open dropdown: inside the control on v15, appended to the page on v16's grid.
				option = self.page.locator("[role=option]:visible").filter(has_text=typed).first
				try:
					option.wait_for(timeout=5_000)
					break
				except PlaywrightTimeout:
					continue
			option.click()
		elif fieldtype in ("Small Text", "Text", "Long Text", "Code"):
			control.locator("textarea").fill(str(value))
		elif fieldtype == "Text Editor":
			control.locator(".ql-editor").fill(str(value))
		elif fieldtype == "Rating":
			control.locator(f".rating:visible svg[data-rating='{int(value)}'] .right-half").first.click()
		else:
			control.locator("input").fill(str(value))
			control.locator("input").press("Tab")
		self.idle()

	def fill_cell(self, table: str, row: int, fieldname: str, value, scope: str = ""):
		"""Edit a cell of a child table in its grid: click the cell, then type or pick."""
		cell = self.page.locator(
			f'{scope} .frappe-control[data-fieldname="{table}"]:visible '
			f'.grid-body .grid-row[data-idx="{row}"] .grid-static-col[data-fieldname="{fieldname}"]'
		).first
		cell.click()
		row_scope = f'{scope} .frappe-control[data-fieldname="{table}"]:visible .grid-body .grid-row[data-idx="{row}"]'
		editor = self.control(fieldname, row_scope)
		for _attempt in range(3):
			cell.click()
			try:
				editor.wait_for(timeout=5_000)
				break
			except PlaywrightTimeout:
				continue
		self.fill(fieldname, value, scope=row_scope)

	def add_row(self, table: str, scope: str = ""):
		self.page.locator(
			f'{scope} .frappe-control[data-fieldname="{table}"]:visible .grid-add-row'
		).first.click()
		self.idle()

	# Actions ----------------------------------------------------------------------------------

	def button(self, label: str, group: str | None = None):
		"""Press a button of the page; a grouped one through its dropdown."""
		if group:
			self.page.locator(".page-actions:visible .inner-group-button button").filter(
				has_text=group
			).first.click()
			self.page.locator(".page-actions:visible .inner-group-button .dropdown-menu a:visible").filter(
				has_text=label
			).first.click()
		else:
			exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
			buttons = self.page.locator(
				".page-actions:visible button:visible, .page-actions:visible a.btn:visible"
			).filter(has_text=exact)
			if buttons.count():
				buttons.first.click()
			else:
				# On a phone the form's buttons are items of the page's "..." menu.
				self.page.locator(".page-actions:visible .menu-btn-group > button:visible").first.click()
				self.page.locator(".page-actions:visible .menu-btn-group .dropdown-menu a:visible").filter(
					has_text=exact
				).first.click()
		self.idle()

	def save(self) -> str | None:
		"""Ctrl+S on the form. Not saved with a message is an error; a message beside a save (a
		warning) is closed and returned."""
		self.page.keyboard.press("Control+s")
		self.page.wait_for_function(
			"""() => (cur_frm && !cur_frm.is_dirty() && !cur_frm.doc.__islocal && !cur_frm.saving)
				|| document.querySelector('.modal.show .msgprint')"""
		)
		self.idle(settle=0.6)
		if not self.page.evaluate("() => !cur_frm.is_dirty() && !cur_frm.doc.__islocal"):
			self.fail_on_message()
			raise DeskError("the form was not saved")
		text = self.message()
		if text:
			self.close_message()
		return text

	def message(self) -> str | None:
		"""The text of an open message dialog, if any."""
		dialog = self.page.locator(".modal.show .msgprint:visible")
		return dialog.first.inner_text() if dialog.count() else None

	def fail_on_message(self):
		text = self.message()
		if text:
			self.screenshot("unexpected-message")
			raise DeskError(f"the desk said: {text}")

	def close_message(self):
		self.page.locator(".modal.show .btn-modal-close:visible, .modal.show .close:visible").first.click()
		self.idle()

	def dialog_primary(self):
		self.page.locator(".modal.show .btn-primary:visible").first.click()
		self.idle(settle=0.6)

	# Evidence ---------------------------------------------------------------------------------

	def screenshot(self, name: str, docs: bool = False, full_page: bool = False) -> Path:
		"""Save a screenshot in the artifacts folder, or into docs/ for the README."""
		folder = self.docs if docs else self.artifacts
		folder.mkdir(parents=True, exist_ok=True)
		path = folder / f"{name}.png"
		self.page.screenshot(path=str(path), full_page=full_page)
		return path

	def record_timing(self, label: str, seconds: float):
		path = self.artifacts.parent / "timings.json"
		timings = json.loads(path.read_text()) if path.exists() else {}
		timings.setdefault(label, []).append(round(seconds, 3))
		path.parent.mkdir(parents=True, exist_ok=True)
		path.write_text(json.dumps(timings, indent=1))
