"""Extraction against bare `nlp.pipe` over whole articles, the trained pipeline as shipped, in one run.

    python bench/parse_less.py            # 200 generated articles
    python bench/parse_less.py --n 50     # a smoke run

    python bench/parse_less.py --folder DIR   # the .txt files of a folder instead (real news)

Prints the CPU seconds of this process (wall seconds beside them) for bare `nlp.pipe` of
the trained pipeline as its package ships it, every component on, and for extraction over
the same articles, their ratio against the goal of 0.6 with PASS/FAIL. Extraction runs less
of the pipeline: with a profile it leaves the entity recognizer out (core/names.py says
why), and each component's share of the shipped pipeline's CPU time is printed to show
what that saves. It also prints the share of tokens in sentences that could yield a
record: a sentence without a cue word, a speech verb or a number yields none, so only the
rest would need the parse, and that share bounds what parsing fewer sentences could save.
A sharper test that still drops no record needs two signs at once (a stance cue with an
issue phrase, a deal noun or a word that refers back; a number with a word of the figures
lexicon): its share is printed with the records it would miss, alone and with the sentence
before each kept one (the context the extractor's memory of the article reads). It reads
the parse's lemmas: a test run before parsing has the words alone and must be looser. Beside
them, the share of tokens in the sentences that did yield a record (what a perfect
candidate test would keep). Each side is timed twice, alternately, and the faster run
counts: CPU time is what a busy machine disturbs least.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

GOAL = 0.6


def timed(work) -> tuple[float, float]:
    """CPU and wall seconds of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def could_yield(sent) -> bool:
    """Whether a sentence has what a record needs: a position needs a cue word (or a speech
    verb, for "X said the army must withdraw"), a figure a number."""
    from ceasetalk.core.figures import number_groups
    from ceasetalk.core.lexicon import lexicon
    from ceasetalk.core.positions import cue_words
    from ceasetalk.core.text import stem

    words = cue_words() | lexicon().speech
    return any(stem(token) in words for token in sent) or bool(number_groups(sent))


@cache
def _signs() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The words of the two-sign test: stance cues, what a cue can be about, what a number counts."""
    from ceasetalk.core.lexicon import WordList, lexicon, words
    from ceasetalk.core.positions import cue_words

    lex = lexicon()
    about = lex.deal_nouns | lex.anaphor_pronouns | lex.anaphor_determiners | lex.anaphor_nouns
    counts = frozenset().union(*(v for v in vars(words("figures")).values() if isinstance(v, WordList)))
    return cue_words(), about, counts


def two_signs(sent, matcher) -> bool:
    """Whether a sentence has what a record needs, two signs at once: a position needs a stance
    cue and something it is about (an issue phrase, a deal noun, a word that refers back to one);
    a figure needs a number and a word that says what it counts (any word of the figures lexicon,
    a generous superset of the metrics' words)."""
    from ceasetalk.core.figures import number_groups
    from ceasetalk.core.text import stem

    cues, about, counts = _signs()
    seen = {stem(token) for token in sent} | {token.lower_ for token in sent}
    position = bool(seen & cues) and (bool(seen & about) or bool(matcher(sent)))
    return position or bool(seen & counts) and bool(number_groups(sent))


def component_times(nlp, texts: list[str], batch: int) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each pipeline component over the texts, run one
    component at a time over all of them, in the pipeline's order."""
    times = {}
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    times["tokenizer"] = time.process_time() - start
    for name, component in nlp.pipeline:
        start = time.process_time()
        docs = list(component.pipe(docs, batch_size=batch)) if hasattr(component, "pipe") else [component(d) for d in docs]
        times[name] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument("--folder", type=Path, help="measure on the .txt files of this folder instead")
    args = parser.parse_args()

    from ceasetalk.core.extract import PIPE_BATCH, Extractor
    from ceasetalk.core.nlp import sentences, shipped_pipeline
    from ceasetalk.core.profiles import resolve_profile
    from ceasetalk.core.records import Article

    if args.folder:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.txt"))]
    else:
        with tempfile.TemporaryDirectory() as folder:
            texts = [p.read_text(encoding="utf-8") for p in generate(args.n, Path(folder))]
    articles = [Article(id=f"a{i}", title="", outlet=None, published="2024-06-01", published_from="flag",
                        source=f"a{i}.txt", kind="text", text=text) for i, text in enumerate(texts)]
    extractor = Extractor(resolve_profile("gaza"))
    nlp = extractor.pipeline.nlp
    stock = shipped_pipeline()
    list(extractor.extract_many(articles[:3]))  # load lazily built tables before timing

    def bare():
        for _ in stock.pipe(texts, batch_size=PIPE_BATCH):
            pass

    def extract():
        list(extractor.extract_many(articles))

    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "extract": []}
    for _ in range(2):
        runs["bare"].append(timed(bare))
        runs["extract"].append(timed(extract))
    best = {name: min(times) for name, times in runs.items()}

    found = [[(r.start, r.end) for r in (*e.positions, *e.figures)] for e in extractor.extract_many(articles)]
    tokens = candidate = yielded = sharp = sharp_context = 0
    missed = [0, 0]  # sentences that yielded a record: missed by the two-sign test, all
    for doc, spans in zip(nlp.pipe(texts, batch_size=PIPE_BATCH), found, strict=True):
        sents = sentences(doc)
        kept = [two_signs(sent, extractor.matcher) for sent in sents]
        for k, sent in enumerate(sents):
            did_yield = any(s < sent.end_char and e > sent.start_char for s, e in spans)
            tokens += len(sent)
            candidate += len(sent) if could_yield(sent) else 0
            yielded += len(sent) if did_yield else 0
            sharp += len(sent) if kept[k] else 0
            sharp_context += len(sent) if kept[k] or k + 1 < len(sents) and kept[k + 1] else 0
            missed[0] += did_yield and not kept[k]
            missed[1] += did_yield
    components = component_times(stock, texts, PIPE_BATCH)

    ratio = best["extract"][0] / best["bare"][0]

    def line(label: str, text: str) -> None:
        print(f"  {label:<44}{text}")

    print(f"{len(texts)} {'articles from ' + str(args.folder) if args.folder else 'generated articles'}, "
          f"{tokens:,} tokens in sentences, pipeline {extractor.name}; CPU seconds of this process (wall)")
    line(f"bare nlp.pipe, shipped pipeline, batch {PIPE_BATCH}", f"{best['bare'][0]:6.1f} ({best['bare'][1]:.1f})")
    line("extraction", f"{best['extract'][0]:6.1f} ({best['extract'][1]:.1f})")
    line("ratio extraction / bare", f"{ratio:6.2f}   goal <= {GOAL}   {'PASS' if ratio <= GOAL else 'FAIL'}")
    line("tokens in sentences that could yield a record", f"{candidate / tokens:6.0%}   (parsing only those "
         f"would save at most {1 - candidate / tokens:.0%} of the pipeline's work)")
    line("tokens in sentences with two signs", f"{sharp / tokens:6.0%}   ({sharp_context / tokens:.0%} with the "
         f"sentence before each; {missed[0]} of {missed[1]} sentences with records missed)")
    line("tokens in sentences that yielded a record", f"{yielded / tokens:6.0%}   (what a perfect candidate test "
         "would parse)")
    total = sum(components.values())
    line("each component's share, shipped pipeline", ", ".join(f"{name} {seconds / total:.0%}"
                                                                      for name, seconds in components.items()))
    line("extraction's own pipeline", ", ".join(nlp.pipe_names))

if __name__ == "__main__":
    main()
