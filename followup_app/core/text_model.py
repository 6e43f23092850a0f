"""Suggested Feedback Category and sentiment of a text, from the shipped words or a site's own model.

A text's features are its words (jieba's for Chinese), neighbouring word pairs, Chinese character
pairs and the shipped lexicon's hits. Training (scikit-learn: tf-idf and logistic regression) turns
a site's labelled texts into a `TextModel`, stored as plain JSON (no pickle: a model file is data,
never code). Prediction reads that JSON with plain Python, so a suggestion costs well under a
millisecond and needs scikit-learn only to train. Before a site has a model, the lexicon decides.
"""

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from followup_app.core.lexicon import category_hits, polarity
from followup_app.core.text import char_pairs, clean, has_words, words

FORMAT = 1
SENTIMENTS = ("Positive", "Neutral", "Negative")
MIN_SAMPLES_PER_HEAD = 10  # fewer labels than this train nothing


@dataclass(frozen=True)
class Suggestion:
	"""What a text seems to be about and how it feels; `category` None means unknown."""

	category: str | None = None
	confidence: float = 0.0  # 0..1
	sentiment: str | None = None
	sentiment_confidence: float = 0.0
	source: str = "lexicon"  # "lexicon", or "model vN"


UNKNOWN = Suggestion(source="")


@dataclass(frozen=True)
class Sample:
	"""One labelled text: a category a person chose, and its sentiment where a person gave one."""

	text: str
	category: str | None
	sentiment: str | None = None


def features(text: str) -> list[str]:
	"""The features of a cleaned text (repeated as often as they occur)."""
	lowered = text.lower()
	tokens = [word for word in words(lowered) if word.isalnum() or "'" in word]
	found = [f"w:{word}" for word in tokens]
	found += [f"b:{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
	found += [f"c:{pair}" for pair in char_pairs(lowered)]
	for category, count in category_hits(lowered).items():
		found += [f"lex:{category}"] * count
	positive, negative = polarity(lowered)
	found += ["lex:+"] * positive + ["lex:-"] * negative
	return found


def softmax(scores: Sequence[float]) -> list[float]:
	top = max(scores)
	exps = [math.exp(score - top) for score in scores]
	total = sum(exps)
	return [value / total for value in exps]


@dataclass
class Head:
	"""One classifier over the shared features: its classes, intercepts and weights per feature."""

	classes: list[str]
	intercept: list[float]
	weights: dict[str, list[float]] = field(default_factory=dict)

	def probabilities(self, vector: dict[str, float]) -> list[float]:
		scores = list(self.intercept)
		for feature, value in vector.items():
			row = self.weights.get(feature)
			if row:
				for i, weight in enumerate(row):
					scores[i] += weight * value
		return softmax(scores)


@dataclass
class TextModel:
	"""A site's trained model: the features' idf and a category head and/or a sentiment head."""

	idf: dict[str, float]
	category: Head | None
	sentiment: Head | None
	version: int = 0
	labels: int = 0
	trained_on: str = ""

	def vector(self, found: list[str]) -> dict[str, float]:
		"""tf-idf of the known features (sublinear tf, l2-normalised), as scikit-learn computes it."""
		vector = {
			feature: (1 + math.log(count)) * self.idf[feature]
			for feature, count in Counter(found).items()
			if feature in self.idf
		}
		norm = math.sqrt(sum(value * value for value in vector.values()))
		return {feature: value / norm for feature, value in vector.items()} if norm else {}

	def to_json(self) -> str:
		heads = {
			name: head and head.__dict__
			for name, head in (("category", self.category), ("sentiment", self.sentiment))
		}
		return json.dumps(
			{
				"format": FORMAT,
				"version": self.version,
				"labels": self.labels,
				"trained_on": self.trained_on,
				"idf": self.idf,
				**heads,
			},
			ensure_ascii=False,
			separators=(",", ":"),
		)

	@classmethod
	def from_json(cls, data: str) -> "TextModel":
		"""The model a file holds; ValueError when it is not a model of this format."""
		loaded = json.loads(data)
		if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
			raise ValueError("not a followup text model")
		return cls(
			idf=loaded["idf"],
			category=Head(**loaded["category"]) if loaded.get("category") else None,
			sentiment=Head(**loaded["sentiment"]) if loaded.get("sentiment") else None,
			version=loaded.get("version", 0),
			labels=loaded.get("labels", 0),
			trained_on=loaded.get("trained_on", ""),
		)


def best(
	classes: list[str], probabilities: list[float], allowed: set[str] | None
) -> tuple[str | None, float]:
	"""The most probable class among the allowed ones, with its probability."""
	ranked = sorted(zip(probabilities, classes, strict=True), reverse=True)
	for probability, name in ranked:
		if allowed is None or name in allowed:
			return name, probability
	return None, 0.0


def lexicon_category(text: str, allowed: set[str] | None) -> tuple[str | None, float]:
	"""The category with most lexicon words, its confidence its share of the hits (plus one unknown)."""
	hits = {
		name: count
		for name, count in category_hits(text.lower()).items()
		if allowed is None or name in allowed
	}
	if not hits:
		return None, 0.0
	name = max(sorted(hits), key=hits.get)
	return name, hits[name] / (sum(hits.values()) + 1)


def lexicon_sentiment(text: str) -> tuple[str, float]:
	"""Positive or Negative by the balance of lexicon words, Neutral when they even out or are absent."""
	positive, negative = polarity(text.lower())
	if positive == negative:
		return "Neutral", 0.5 / (1 + positive + negative)
	name = "Positive" if positive > negative else "Negative"
	return name, abs(positive - negative) / (positive + negative + 1)


def suggest(text: str | None, model: TextModel | None = None, allowed: set[str] | None = None) -> Suggestion:
	"""The suggestion for a raw text (markup allowed): the model's heads where it has them, the
	lexicon otherwise; UNKNOWN for a text without words. `allowed` limits the categories."""
	plain = clean(text)
	if not has_words(plain):
		return UNKNOWN
	category, confidence = lexicon_category(plain, allowed)
	sentiment, sentiment_confidence = lexicon_sentiment(plain)
	source = "lexicon"
	if model and (model.category or model.sentiment):
		vector = model.vector(features(plain))
		source = f"model v{model.version}"
		if model.category:
			category, confidence = best(model.category.classes, model.category.probabilities(vector), allowed)
		if model.sentiment:
			sentiment, sentiment_confidence = best(
				model.sentiment.classes, model.sentiment.probabilities(vector), None
			)
	return Suggestion(category, round(confidence, 4), sentiment, round(sentiment_confidence, 4), source)


def head(classifier, vocabulary: list[str]) -> Head:
	"""A Head from a fitted scikit-learn LogisticRegression (a binary one as two opposite rows)."""
	coef, intercept = classifier.coef_, classifier.intercept_
	if len(classifier.classes_) == 2:
		coef = [-coef[0] / 2, coef[0] / 2]
		intercept = [-intercept[0] / 2, intercept[0] / 2]
	weights = {}
	for index, feature in enumerate(vocabulary):
		row = [round(float(klass[index]), 5) for klass in coef]
		if any(row):
			weights[feature] = row
	return Head(
		classes=[str(name) for name in classifier.classes_],
		intercept=[round(float(value), 5) for value in intercept],
		weights=weights,
	)


def train(
	samples: Iterable[Sample], *, version: int = 0, trained_on: str = "", c: float = 10.0
) -> TextModel | None:
	"""A model from labelled samples; None when there is not enough to learn from (fewer than
	MIN_SAMPLES_PER_HEAD labels or a single class, for both heads)."""
	from sklearn.feature_extraction.text import TfidfVectorizer
	from sklearn.linear_model import LogisticRegression

	rows = [(clean(sample.text), sample) for sample in samples]
	rows = [(text, sample) for text, sample in rows if has_words(text)]
	labelled = {
		"category": [(text, s.category) for text, s in rows if s.category],
		"sentiment": [(text, s.sentiment) for text, s in rows if s.sentiment in SENTIMENTS],
	}
	trainable = {
		name: pairs
		for name, pairs in labelled.items()
		if len(pairs) >= MIN_SAMPLES_PER_HEAD and len({label for _, label in pairs}) >= 2
	}
	if not trainable:
		return None
	texts = [text for text, _sample in rows]
	vectorizer = TfidfVectorizer(
		analyzer=features, sublinear_tf=True, min_df=2 if len(texts) >= 1000 else 1, max_features=200_000
	)
	matrix = vectorizer.fit_transform(texts)
	vocabulary = vectorizer.get_feature_names_out().tolist()
	index = {text: i for i, text in enumerate(texts)}
	heads = {}
	for name, pairs in trainable.items():
		classifier = LogisticRegression(C=c, max_iter=2000)
		classifier.fit(matrix[[index[text] for text, _label in pairs]], [label for _text, label in pairs])
		heads[name] = head(classifier, vocabulary)
	return TextModel(
		idf={
			feature: round(float(value), 5)
			for feature, value in zip(vocabulary, vectorizer.idf_, strict=True)
		},
		category=heads.get("category"),
		sentiment=heads.get("sentiment"),
		version=version,
		labels=len(labelled["category"]),
		trained_on=trained_on,
	)
