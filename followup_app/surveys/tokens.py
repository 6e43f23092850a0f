"""Survey link tokens: 256 random bits in the link, only their SHA-256 hash in the database."""

import hashlib
import secrets

import frappe


def new_token() -> tuple[str, str]:
	"""A fresh (token, hash) pair."""
	token = secrets.token_urlsafe(32)
	return token, hash_token(token)


def hash_token(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def survey_link(token: str, answer: int | None = None) -> str:
	"""The public page URL carrying the token, and the answer a one-click button picks."""
	link = frappe.utils.get_url(f"/survey?t={token}")
	return link if answer is None else f"{link}&a={answer}"
