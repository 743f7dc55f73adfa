"""Train (and score) the embedding half of the technique classifier on the PTC corpus.

    python -m conflictlens.framing.train_span_classifier --data ../shared/data/ptc [--folds 5]
        [--output src/conflictlens/framing/data/technique_embeddings.npz] [--no-evaluate]

Needs the ``neural`` extra. Every gold fragment is embedded once by the frozen encoder (about
3 minutes for the 6,100 PTC fragments on 2 cores); the rest is logistic regressions. With
evaluation on (the default) it prints TC micro-F1, scored by the corpus's own ``score.py``, for
the linear classifier alone, the embedding regression alone and the two mixed:

1. k-fold cross-validation by article (the folds of ``train_techniques``), the regularisation
   and the mixing weight chosen on the out-of-fold predictions (a small optimism);
2. the held-out split of ``train_techniques`` (20% of the articles): both chosen by
   cross-validation on the other 80%, models trained on those 80%, scored on the 20%.

Then it fits the regression on every fragment with the settings of step 1 and writes it.
Deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from types import ModuleType

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from conflictlens.framing.span_classifier import (
    HEAD_FILE,
    fragment_extras,
    linear_probabilities,
    load_embedder,
)
from conflictlens.framing.techniques import technique_names
from conflictlens.framing.train_techniques import (
    Article,
    Row,
    article_folds,
    fit_kinds,
    held_out_split,
    load_corpus,
    training_parser,
    wants_evaluation,
    write,
)
from conflictlens.nlp.encoder import EmbeddingHead, SentenceEncoder

#: Regularisation strengths tried (the 389 features are standardised first).
CS = (0.003, 0.01, 0.03, 0.1)
#: Weights of the embedding regression's vote tried; 0 is the linear classifier alone.
MIXES = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0)
#: Used by ``--no-evaluate`` when there is no saved head to read them from.
DEFAULT_C, DEFAULT_MIX = 0.005, 0.5

Span = tuple[str, int, int]  # article id, start, end
Probabilities = dict[Span, np.ndarray]  # a row over technique_names(), per gold span


def embed_gold(articles: Sequence[Article], embedder: SentenceEncoder) -> dict[Span, np.ndarray]:
    """The head's features (embedding, then ``fragment_extras``) per distinct gold fragment."""
    spans = sorted({(a.article_id, s, e) for a in articles for _, _, s, e in a.gold})
    text = {a.article_id: a.doc.text for a in articles}
    vectors = embedder.embed([text[aid][s:e] for aid, s, e in spans])
    rows: dict[str, list[int]] = {}
    for i, (aid, _, _) in enumerate(spans):
        rows.setdefault(aid, []).append(i)
    extras = np.zeros((len(spans), 5))
    for aid, indexes in rows.items():
        extras[indexes] = fragment_extras(text[aid], [spans[i][1:] for i in indexes])
    return dict(zip(spans, np.hstack([vectors, extras]), strict=True))


def fit_head(
    articles: Sequence[Article], vectors: dict[Span, np.ndarray], c: float, mix: float
) -> EmbeddingHead:
    """The regression on ``articles``' fragments, scaling folded into its weights."""
    names = technique_names()
    rows = [(a.article_id, t, s, e) for a in articles for _, t, s, e in a.gold]
    x = np.array([vectors[(aid, s, e)] for aid, _, s, e in rows], dtype=np.float64)
    targets = [t for _, t, _, _ in rows]
    if len(set(targets)) < 2:
        raise SystemExit("training data has a single technique; is the corpus folder right?")
    scaler = StandardScaler().fit(x)
    clf = LogisticRegression(C=c, max_iter=3000).fit(scaler.transform(x), targets)
    coef, intercept = clf.coef_, clf.intercept_
    if coef.shape[0] == 1:  # two classes: one logit, for the second
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.array([0.0, intercept[0]])
    weights = np.zeros((x.shape[1], len(names)))
    bias = np.full(len(names), -30.0)  # a technique never seen in training is never picked
    for k, name in enumerate(str(c) for c in clf.classes_):
        j = names.index(name)
        weights[:, j] = coef[k] / scaler.scale_
        bias[j] = intercept[k] - float(coef[k] / scaler.scale_ @ scaler.mean_)
    return EmbeddingHead(names, weights, bias, mix, c)


def _gold_spans(article: Article) -> list[Span]:
    return list(dict.fromkeys((article.article_id, s, e) for _, _, s, e in article.gold))


def predict(
    train: Sequence[Article], test: Sequence[Article], vectors: dict[Span, np.ndarray]
) -> tuple[Probabilities, dict[float, Probabilities]]:
    """Probabilities for ``test``'s gold fragments from models fit on ``train``: the linear
    classifier's, and the embedding regression's for each C."""
    names = technique_names()
    kinds, kind_classes = fit_kinds(train)
    linear: Probabilities = {}
    for article in test:
        spans = _gold_spans(article)
        features = [article.doc.span_features(s, e) for _, s, e in spans]
        probs = linear_probabilities(kinds, kind_classes, features, names)
        linear.update(zip(spans, probs, strict=True))
    embedded: dict[float, Probabilities] = {}
    spans = [span for article in test for span in _gold_spans(article)]
    x = np.array([vectors[span] for span in spans])
    for c in CS:
        head = fit_head(train, vectors, c, 1.0)
        embedded[c] = dict(zip(spans, head.probabilities(x), strict=True))
    return linear, embedded


def out_of_fold(
    articles: Sequence[Article], vectors: dict[Span, np.ndarray], k: int
) -> tuple[Probabilities, dict[float, Probabilities]]:
    linear: Probabilities = {}
    embedded: dict[float, Probabilities] = {c: {} for c in CS}
    for n, fold in enumerate(article_folds([a.article_id for a in articles], k), 1):
        started = time.perf_counter()
        train = [a for a in articles if a.article_id not in fold]
        test = [a for a in articles if a.article_id in fold]
        fold_linear, fold_embedded = predict(train, test, vectors)
        linear.update(fold_linear)
        for c in CS:
            embedded[c].update(fold_embedded[c])
        print(f"  fold {n}/{k}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return linear, embedded


def tc_rows(articles: Sequence[Article], probs: Probabilities) -> list[Row]:
    """One technique per gold row; a fragment listed k times gets its k likeliest (the rule of
    ``techniques.classify_spans``)."""
    names = technique_names()
    rows: list[Row] = []
    for article in articles:
        seen: Counter[Span] = Counter()
        for _, _, s, e in article.gold:
            span = (article.article_id, s, e)
            ranked = np.argsort(-probs[span], kind="stable")
            rows.append((article.article_id, names[ranked[min(seen[span], 13)]], s, e))
            seen[span] += 1
    return rows


def tc_f1(articles: Sequence[Article], probs: Probabilities, scorer: ModuleType) -> float:
    gold = [row for a in articles for row in a.gold]
    scores, reason = scorer.score_tc(gold, tc_rows(articles, probs), list(technique_names()))
    if scores is None:
        raise SystemExit(f"TC not scored: {reason}")
    return float(scores["micro_f1"])


def _mixed(linear: Probabilities, embedded: Probabilities, mix: float) -> Probabilities:
    return {span: mix * embedded[span] + (1 - mix) * row for span, row in linear.items()}


def choose(
    articles: Sequence[Article],
    linear: Probabilities,
    embedded: dict[float, Probabilities],
    scorer: ModuleType,
) -> tuple[float, float, float]:
    """(C, mix, TC micro-F1) with the best F1; ties go to the first tried."""
    best = (-1.0, DEFAULT_C, DEFAULT_MIX)
    for c in CS:
        for mix in MIXES:
            f1 = tc_f1(articles, _mixed(linear, embedded[c], mix), scorer)
            if f1 > best[0]:
                best = (f1, c, mix)
    return best[1], best[2], best[0]


def _report(
    articles: Sequence[Article],
    linear: Probabilities,
    embedded: Probabilities,
    mix: float,
    scorer: ModuleType,
) -> dict[str, float]:
    return {
        "tc_micro_f1_linear": round(tc_f1(articles, linear, scorer), 4),
        "tc_micro_f1_embedding": round(tc_f1(articles, embedded, scorer), 4),
        "tc_micro_f1_mixed": round(tc_f1(articles, _mixed(linear, embedded, mix), scorer), 4),
    }


def evaluate(
    articles: Sequence[Article], vectors: dict[Span, np.ndarray], scorer: ModuleType, k: int
) -> tuple[float, float]:
    """Print cross-validation and held-out scores; return (C, mix) chosen on all articles."""
    print(f"cross-validation, {k} folds by article, {len(articles)} articles", file=sys.stderr)
    linear, embedded = out_of_fold(articles, vectors, k)
    c, mix, _ = choose(articles, linear, embedded, scorer)
    cv = {"c": c, "mix": mix, **_report(articles, linear, embedded[c], mix, scorer)}
    print(json.dumps({"cross_validation": cv}))

    dev, test = held_out_split(articles)
    print(f"held-out split: choosing on {len(dev)} articles, scoring {len(test)}", file=sys.stderr)
    dev_linear, dev_embedded = out_of_fold(dev, vectors, k)
    dev_c, dev_mix, _ = choose(dev, dev_linear, dev_embedded, scorer)
    test_linear, test_embedded = predict(dev, test, vectors)
    held_scores = {
        "c": dev_c,
        "mix": dev_mix,
        **_report(test, test_linear, test_embedded[dev_c], dev_mix, scorer),
    }
    print(json.dumps({"held_out": held_scores}))
    return c, mix


def main(argv: Sequence[str] | None = None) -> None:
    args = training_parser(__spec__.name, __doc__, HEAD_FILE).parse_args(argv)
    articles, scorer = load_corpus(args.data)
    started = time.perf_counter()
    vectors = embed_gold(articles, load_embedder())
    seconds = time.perf_counter() - started
    print(f"embedded {len(vectors)} fragments in {seconds:.0f} s", file=sys.stderr)
    if wants_evaluation(args, scorer):
        assert scorer is not None  # wants_evaluation checked it
        c, mix = evaluate(articles, vectors, scorer, args.folds)
    elif args.output.exists():
        saved = EmbeddingHead.load(args.output)
        c, mix = saved.c, saved.mix
    else:
        c, mix = DEFAULT_C, DEFAULT_MIX
    write(args.output, fit_head(articles, vectors, c, mix).save, f"C {c}, mix {mix}")


if __name__ == "__main__":
    main()
