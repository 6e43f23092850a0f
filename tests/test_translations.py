"""Every user-facing string has a Simplified Chinese translation."""

from metadata import translation_rows, translations
from translatable import all_strings, built_texts


def test_translation_file_is_clean():
	rows = translation_rows()
	sources = [row[0] for row in rows]
	assert len(sources) == len(set(sources)), "duplicate source strings in zh.csv"
	for row in rows:
		assert len(row) in (2, 3) and row[0].strip() and row[1].strip(), row


def test_every_string_has_a_zh_translation():
	zh = translations()
	missing = sorted({f"{text!r} ({origin})" for text, origin in all_strings() if text not in zh})
	assert not missing, "untranslated:\n" + "\n".join(missing)


def test_no_translated_text_is_built_at_run_time():
	assert not built_texts(), "pass a literal with {0} placeholders to _() / __() instead"


def test_placeholders_survive_translation():
	for source, target in translations().items():
		for index in range(10):
			placeholder = "{" + str(index) + "}"
			assert (placeholder in source) == (placeholder in target), f"{source!r} -> {target!r}"
