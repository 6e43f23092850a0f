"""Customer data audit: which customers have missing, malformed, stale or duplicated contact data.

Pure rules on plain values (the Customer Data Audit report loads them): email and phone syntax,
the keys two records are matched on (normalised phone digits, case-folded email, a company name
without case, width, spacing, punctuation or legal-form suffix), and `audit`, which gives each
customer's findings with the reason, the contact concerned and the duplicate partner.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

NO_PRIMARY_CONTACT = "no_primary_contact"
NO_PHONE_OR_EMAIL = "no_phone_or_email"
INVALID_EMAIL = "invalid_email"
INVALID_MOBILE = "invalid_mobile"
INVALID_PHONE = "invalid_phone"
SAME_PHONE = "same_phone"
SAME_EMAIL = "same_email"
SAME_NAME = "same_name"
NOT_CONFIRMED = "not_confirmed"
NO_TIER = "no_tier"
NO_ACCOUNT_MANAGER = "no_account_manager"

REASON_LABELS = {
	NO_PRIMARY_CONTACT: "No primary contact",
	NO_PHONE_OR_EMAIL: "No phone or email",
	INVALID_EMAIL: "Invalid email address",
	INVALID_MOBILE: "Invalid mobile number",
	INVALID_PHONE: "Invalid phone number",
	SAME_PHONE: "Possible duplicate: same phone",
	SAME_EMAIL: "Possible duplicate: same email",
	SAME_NAME: "Possible duplicate: same name",
	NOT_CONFIRMED: "Contact details not confirmed",
	NO_TIER: "No follow-up tier",
	NO_ACCOUNT_MANAGER: "No account manager",
}
REASONS = tuple(REASON_LABELS)
ORDER = {reason: position for position, reason in enumerate(REASONS)}

EMAIL = "email"
MOBILE = "mobile"
PHONE = "phone"

_EMAIL = re.compile(
	r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
	r"@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_NUMBER_CHARACTERS = re.compile(r"^\(?\+?[0-9 ().\-/]+$")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#|转|分机)\s*\d{1,6}$", re.IGNORECASE)
_CHINA_MOBILE = re.compile(r"^(?:86)?(1[3-9]\d{9})$")
_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+")
# Legal-form words (after case folding and punctuation removal) and Chinese suffixes, stripped from
# the end of a company name before names are compared.
_LATIN_SUFFIXES = frozenset(
	("co", "ltd", "limited", "inc", "incorporated", "llc", "gmbh", "corp", "corporation", "company", "plc")
)
_CJK_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司")


def _text(value: str | None) -> str:
	if not value:
		return ""
	return (value if value.isascii() else unicodedata.normalize("NFKC", value)).strip()


def is_valid_email(value: str | None) -> bool:
	"""Whether `value` is a syntactically valid email address (full-width characters allowed)."""
	return _is_email(_text(value))


def _is_email(text: str) -> bool:
	if len(text) > 254 or text.count("@") != 1:
		return False
	return text.index("@") <= 64 and bool(_EMAIL.match(text))


def _number(value: str | None) -> str | None:
	"""The number with separators removed, `+` kept and `00` read as `+`; None when it holds other
	characters."""
	return _number_of(_text(value))


def _number_of(text: str) -> str | None:
	if text.isdigit() and text.isascii():
		return "+" + text[2:] if text.startswith("00") else text
	text = _EXTENSION.sub("", text)
	if not text or not _NUMBER_CHARACTERS.match(text):
		return None
	plus = text.lstrip("(").startswith("+")
	digits = re.sub(r"\D", "", text)
	if not plus and digits.startswith("00"):
		plus, digits = True, digits[2:]
	return ("+" if plus else "") + digits


def _is_mobile(number: str | None) -> bool:
	if number is None:
		return False
	digits = number.lstrip("+")
	if number.startswith("+") and not digits.startswith("86"):
		return 8 <= len(digits) <= 15 and digits[0] != "0"
	return bool(_CHINA_MOBILE.match(digits))


def _is_phone(number: str | None) -> bool:
	return _is_mobile(number) or (number is not None and 6 <= len(number.lstrip("+")) <= 15)


def _number_key(number: str) -> str:
	digits = number.lstrip("+")
	china = _CHINA_MOBILE.match(digits)
	return china.group(1) if china else digits


def is_valid_mobile(value: str | None) -> bool:
	"""A Chinese mobile number (1[3-9] and nine digits, optionally after +86 / 0086 / 86) or an
	international number with its country code (+ or 00, then 8-15 digits), separators allowed."""
	return _is_mobile(_number(value))


def is_valid_phone(value: str | None) -> bool:
	"""A plausible phone number: a valid mobile number, or 6-15 digits (a landline with its area
	code, e.g. 010-6552 9988 or (021) 5888 6666; an extension is allowed)."""
	return _is_phone(_number(value))


def phone_key(value: str | None) -> str | None:
	"""The digits two numbers are matched on: a Chinese mobile without its +86 / 0086, other
	numbers as their digits (international ones with their country code); None when not a valid
	phone number."""
	number = _number(value)
	return _number_key(number) if _is_phone(number) else None


def email_key(value: str | None) -> str | None:
	"""The address two emails are matched on (case-insensitive); None when not valid."""
	return _text(value).casefold() if is_valid_email(value) else None


def name_key(value: str | None) -> str | None:
	"""The company name two customers are matched on: NFKC (full-width to half-width), case-folded,
	without spaces or punctuation and without legal-form suffixes such as 有限公司 or Co., Ltd.;
	None for an empty name."""
	text = _text(value).casefold()
	words = [word for word in _PUNCTUATION_OR_SPACE.split(text) if word]
	if not words:
		return None
	while True:
		if len(words) > 1 and words[-1] in _LATIN_SUFFIXES:
			words.pop()
			continue
		if not words[-1].endswith(_CJK_SUFFIXES):
			break
		suffix = next(s for s in _CJK_SUFFIXES if words[-1].endswith(s))
		if words[-1] == suffix and len(words) == 1:
			break
		words[-1] = words[-1][: -len(suffix)]
		if not words[-1]:
			words.pop()
	return "".join(words)


class AuditCustomer(NamedTuple):
	"""One enabled customer as the audit sees it; `confirmed_on` is when its contact details were
	last confirmed (blank: never), `created_on` when it was created."""

	name: str
	customer_name: str | None
	primary_contact: str | None
	tier: str | None
	account_manager: str | None
	confirmed_on: date | None
	created_on: date | None


class ContactPoint(NamedTuple):
	"""An email address or phone number of a customer: `kind` is EMAIL, MOBILE or PHONE; `contact`
	is the Contact it is on (None: on the Customer itself)."""

	customer: str
	kind: str
	value: str
	contact: str | None = None


class Finding(NamedTuple):
	"""Why a customer is listed: the reason code, the contact and value concerned, the duplicate
	partner (with how many more customers share the value), or the date details were last confirmed."""

	customer: str
	reason: str
	contact: str | None = None
	value: str | None = None
	partner: str | None = None
	more_partners: int = 0
	confirmed_on: date | None = None


def confirmation_due(customer: AuditCustomer, today: date, days: int) -> bool:
	"""Whether the customer's contact details were last confirmed (else, the customer created) more
	than `days` days before `today`."""
	since = customer.confirmed_on or customer.created_on
	return since is None or since < today - timedelta(days=days)


def audit(
	customers: Iterable[AuditCustomer], points: Iterable[ContactPoint], today: date, confirm_days: int
) -> list[Finding]:
	"""The findings for `customers`, customer by customer (in the order given), reasons in the order
	of REASONS. Duplicates are looked for among the customers given only; each customer of a group
	sharing a value gets one finding per rule, naming the first other customer (by name) as its
	partner and how many more share it."""
	customers = list(customers)
	own = _points_by_customer(customers, points)
	checked = {}  # (kind, value) -> (reason if invalid, matching key), each value checked once
	for values in own.values():
		for point in values:
			if point not in checked:
				checked[point] = _check(*point)
	duplicates = _duplicates(customers, own, checked)
	findings: list[Finding] = []
	for customer in customers:
		name = customer.name
		values = own.get(name, {})
		if not customer.primary_contact:
			findings.append(Finding(name, NO_PRIMARY_CONTACT))
		if not values:
			findings.append(Finding(name, NO_PHONE_OR_EMAIL))
		invalid = [
			Finding(name, checked[point][0], contact, point[1])
			for point, contact in values.items()
			if checked[point][0]
		]
		findings += (
			sorted(invalid, key=lambda finding: ORDER[finding.reason]) if len(invalid) > 1 else invalid
		)
		if name in duplicates:
			found = duplicates[name]
			findings += [found[reason] for reason in (SAME_PHONE, SAME_EMAIL, SAME_NAME) if reason in found]
		if confirmation_due(customer, today, confirm_days):
			findings.append(Finding(name, NOT_CONFIRMED, confirmed_on=customer.confirmed_on))
		if not customer.tier:
			findings.append(Finding(name, NO_TIER))
		if not customer.account_manager:
			findings.append(Finding(name, NO_ACCOUNT_MANAGER))
	return findings


def _points_by_customer(customers, points) -> dict[str, dict[tuple[str, str], str | None]]:
	"""{customer: {(kind, value): contact}}: each value once per customer and kind (on the first
	contact given), empty values left out."""
	own: dict[str, dict[tuple[str, str], str | None]] = {customer.name: {} for customer in customers}
	for customer, kind, value, contact in points:
		values = own.get(customer)
		value = _text(value)
		if values is not None and value:
			values.setdefault((kind, value), contact)
	return {customer: values for customer, values in own.items() if values}


def _check(kind: str, value: str) -> tuple[str | None, str | None]:
	"""(the invalid reason or None, the key it is matched on or None) of one normalised value."""
	if kind == EMAIL:
		return (None, value.casefold()) if _is_email(value) else (INVALID_EMAIL, None)
	number = _number_of(value)
	if not (_is_mobile(number) if kind == MOBILE else _is_phone(number)):
		return (INVALID_MOBILE if kind == MOBILE else INVALID_PHONE), None
	return None, _number_key(number)


def _duplicates(customers, own, checked) -> dict[str, dict[str, Finding]]:
	"""{customer: {reason: duplicate finding}} for the customers sharing a phone, an email or a name
	with another one; a customer's finding is on the first of its values shared."""
	first: dict[tuple[str, str], tuple[str, str, str | None]] = {}  # (rule, key) -> its first holder
	shared: dict[tuple[str, str], dict[str, tuple[str, str | None]]] = defaultdict(dict)

	def hold(group, customer, value, contact):
		holder = first.get(group)
		if holder is None:
			first[group] = (customer, value, contact)
		elif holder[0] != customer:
			members = shared[group]
			if not members:
				members[holder[0]] = holder[1:]
			members.setdefault(customer, (value, contact))

	for customer, values in own.items():
		for point, contact in values.items():
			key = checked[point][1]
			if key:
				hold((SAME_EMAIL if point[0] == EMAIL else SAME_PHONE, key), customer, point[1], contact)
	for customer in customers:
		shown = customer.customer_name or customer.name
		key = name_key(shown)
		if key:
			hold((SAME_NAME, key), customer.name, shown, None)
	duplicates: dict[str, dict[str, Finding]] = defaultdict(dict)
	for (rule, _key), members in shared.items():
		names = sorted(members)
		for customer in names:
			value, contact = members[customer]
			partner = names[1] if names[0] == customer else names[0]
			candidate = Finding(customer, rule, contact, value, partner, len(names) - 2)
			current = duplicates[customer].get(rule)
			if current is None or _position(own, customer, candidate) < _position(own, customer, current):
				duplicates[customer][rule] = candidate
	return duplicates


def _position(own, customer: str, finding: Finding) -> int:
	"""Where the finding's value comes among the customer's values (its first shared value wins)."""
	if finding.reason == SAME_NAME:
		return 0
	kind_of = (lambda kind: kind == EMAIL) if finding.reason == SAME_EMAIL else (lambda kind: kind != EMAIL)
	for position, (kind, value) in enumerate(own[customer]):
		if value == finding.value and kind_of(kind):
			return position
	return len(own[customer])
