import time

from hypothesis import given, settings
from hypothesis import strategies as st

from followup_app.core.lexicon import category_hits, polarity
from followup_app.core.text import MAX_CHARS, clean, language, words
from followup_app.core.text_model import UNKNOWN, Sample, TextModel, suggest, train

CATEGORIES = {
	"Product Quality",
	"Service Response",
	"Delivery",
	"Price",
	"Invoicing",
	"Installation",
	"Other",
}


def test_clean_removes_markup_and_entities_and_bounds_the_length():
	assert clean("<p>Late&nbsp;<b>again</b></p>") == "Late again"
	assert clean(None) == ""
	assert len(clean("延迟" * 60_000)) == MAX_CHARS


def test_language_of_chinese_english_mixed_and_wordless_texts():
	assert language("发货太慢了") == "zh"
	assert language("The delivery was late") == "en"
	assert language("PO 号 4711 的发票开错了") == "zh"
	assert language("😀😀 !!! 123") is None


def test_words_segment_chinese_and_lower_english():
	assert "发票" in words("发票开错了")
	assert words("Invoice WRONG") == ["invoice", "wrong"]


def test_lexicon_reads_categories_in_both_languages():
	assert max(category_hits("货到晚了三天"), key=category_hits("货到晚了三天").get) == "Delivery"
	assert "Invoicing" in category_hits("the invoice has the wrong tax id")


def test_negation_turns_the_sentiment_word_after_it():
	assert polarity("客户不满意") == (0, 1)
	assert polarity("没什么问题") == (1, 0)
	assert polarity("not happy with the price") == (0, 1)
	assert polarity("no problem at all") == (1, 0)
	assert polarity("very happy") == (1, 0)


def test_cold_start_suggests_from_the_lexicon():
	found = suggest("增值税专用发票的税号开错了")
	assert (found.category, found.sentiment, found.source) == ("Invoicing", "Negative", "lexicon")
	assert 0 < found.confidence <= 1


def test_texts_without_words_are_unknown():
	for text in ("", "   ", "😀🙏👍", "<p>&nbsp;</p>", None):
		assert suggest(text) == UNKNOWN


def test_allowed_categories_limit_the_suggestion():
	assert suggest("发票开错了", allowed={"Delivery"}).category is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_without_error(text):
	found = suggest(text)
	assert found.category is None or found.category in CATEGORIES
	assert 0 <= found.confidence <= 1
	assert found.sentiment in (None, "Positive", "Neutral", "Negative")


def test_a_100_kb_text_reads_quickly():
	text = "<div>货到晚了三天,客户很不满意 😀 The invoice is wrong. </div>" * 2100
	assert len(text) > 100_000
	started = time.perf_counter()
	found = suggest(text)
	assert time.perf_counter() - started < 0.5
	assert found.category is not None


SAMPLES = [
	Sample("发货太慢了,晚了三天", "Delivery", "Negative"),
	Sample("货到晚了,司机没打电话", "Delivery", "Negative"),
	Sample("the shipment arrived two days late", "Delivery", "Negative"),
	Sample("delivery came a day early, thanks", "Delivery", "Positive"),
	Sample("发票金额开错了", "Invoicing", "Negative"),
	Sample("the invoice shows the wrong VAT number", "Invoicing", "Negative"),
	Sample("请下周寄送专票", "Invoicing", "Neutral"),
	Sample("please send the monthly statement", "Invoicing", "Neutral"),
	Sample("价格比去年贵了很多", "Price", "Negative"),
	Sample("the discount was fair", "Price", "Positive"),
	Sample("报价很合理", "Price", "Positive"),
	Sample("can you quote for 500 units", "Price", "Neutral"),
]


def test_training_needs_enough_labels():
	assert train(SAMPLES[:5]) is None
	assert train([Sample("发货慢", "Delivery")] * 20) is None  # one class only


def test_the_model_predicts_as_scikit_learn_does():
	from sklearn.feature_extraction.text import TfidfVectorizer
	from sklearn.linear_model import LogisticRegression

	from followup_app.core.text_model import features

	model = train(SAMPLES, version=3)
	texts = [clean(sample.text) for sample in SAMPLES]
	vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True)
	matrix = vectorizer.fit_transform(texts)
	classifier = LogisticRegression(C=10.0, max_iter=2000).fit(matrix, [s.category for s in SAMPLES])
	for text in ("发货慢了两天", "wrong invoice amount", "价格太贵"):
		expected = classifier.predict_proba(vectorizer.transform([clean(text)]))[0]
		got = model.category.probabilities(model.vector(features(clean(text))))
		assert [round(p, 3) for p in got] == [round(float(p), 3) for p in expected]
		assert suggest(text, model).source == "model v3"


def test_a_model_survives_its_file_and_rejects_other_files():
	model = train(SAMPLES, version=2, trained_on="2026-12-05 22:00:00")
	again = TextModel.from_json(model.to_json())
	assert again.version == 2 and again.labels == len(SAMPLES)
	assert suggest("发货慢", again) == suggest("发货慢", model)
	for bad in ('{"format": 99}', "[]"):
		try:
			TextModel.from_json(bad)
		except ValueError:
			continue
		raise AssertionError(f"accepted {bad}")


def test_a_correction_changes_the_next_model():
	text = "包装箱上的标签印错了"
	before = train([*SAMPLES, *[Sample(text, "Delivery", "Negative")] * 3])
	after = train([*SAMPLES, *[Sample(text, "Invoicing", "Negative")] * 3])
	assert suggest(text, before).category == "Delivery"
	assert suggest(text, after).category == "Invoicing"
