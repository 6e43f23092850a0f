"""Feedback text made ready to read: cleaned of markup, cut to a bounded length, split into words.

Chinese runs are segmented with jieba (plus their character pairs, which carry meaning that a
segmenter may cut apart); other runs are lower-cased words. Emoji, punctuation and markup carry no
words. Everything here is bounded by `MAX_CHARS`, so a 100 kB text costs what its first part costs.
"""

import html
import logging
import re
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

MAX_CHARS = 2000  # what is read of a text: its first part
TAGS = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Runs of CJK, or of Latin letters/digits (with inner apostrophes: "don't"), in text order.
RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:'[a-z]+)?")
LATIN = re.compile(r"[a-z]")


def clean(text: str | None) -> str:
	"""Plain text: markup and entities removed, whitespace collapsed, at most MAX_CHARS characters."""
	if not text:
		return ""
	# Cut before the regular expressions too: a 100 kB text costs a bounded amount.
	raw = str(text)[: MAX_CHARS * 4]
	plain = html.unescape(TAGS.sub(" ", raw))
	return SPACE.sub(" ", plain).strip()[:MAX_CHARS]


def language(text: str) -> str | None:
	"""'zh' when Chinese characters make up at least a third of the letters, 'en' when Latin letters
	do the rest, None when the text has no letters at all (emoji, digits, punctuation)."""
	chinese = sum(len(run) for run in CJK.findall(text))
	latin = len(LATIN.findall(text.lower()))
	if not chinese and not latin:
		return None
	return "zh" if chinese * 3 >= chinese + latin else "en"


@lru_cache(maxsize=4096)
def segment(run: str) -> tuple[str, ...]:
	"""jieba's words of one Chinese run."""
	return tuple(word for word in jieba.lcut(run, HMM=True) if word.strip())


def words(text: str) -> list[str]:
	"""The words of a cleaned text in order: jieba's words for Chinese, lower-cased Latin words."""
	out: list[str] = []
	for run in RUNS.findall(text.lower()):
		if CJK.fullmatch(run):
			out.extend(segment(run))
		else:
			out.append(run)
	return out


def char_pairs(text: str) -> list[str]:
	"""The pairs of neighbouring Chinese characters of a text (e.g. 发货 in 发货慢)."""
	pairs = []
	for run in CJK.findall(text):
		pairs.extend(run[i : i + 2] for i in range(len(run) - 1))
	return pairs


def has_words(text: str) -> bool:
	"""Whether a cleaned text has anything to read (letters or Chinese characters)."""
	return language(text) is not None
