"""Writing generated text in its reader's language.

Text the app writes for someone (a ToDo, a notification, a reason in a complaint's history) is
translated when it is written, in the language of the user it is for; the scheduler's jobs would
otherwise write it in the system language.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe.translate import get_user_lang


def user_language(user: str | None) -> str:
	"""The language of `user` (the system language when the user has none); the current language
	when there is no user."""
	return get_user_lang(user) if user else frappe.local.lang


@contextmanager
def in_language(lang: str) -> Iterator[None]:
	"""Translate with `_()` in `lang` inside the block."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


def in_language_of(user: str | None):
	"""Translate inside the block in the language of `user` (see user_language)."""
	return in_language(user_language(user))


def by_language(users: list[str]) -> dict[str, list[str]]:
	"""The users grouped by their language."""
	groups: dict[str, list[str]] = {}
	for user in users:
		groups.setdefault(user_language(user), []).append(user)
	return groups
