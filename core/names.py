"""What kind of name a word is, guessed from the tagger and the parse, where a profile names the parties.

The trained entity recognizer is over half of the trained pipeline's work (it has a
token-to-vector layer of its own), yet with a profile the extractor only asks what kind a
name is in a few places: a nationality ("Malians in camps", "Indian jails", "the Bolivians
set free"), a place ("in camps in Mexico", "left Goma"), a person introduced by their party
("Hamas official Basem Naim", read by `mentions.people_of_parties`), a date ("on Monday").
So, where a profile is given, the pipeline leaves the recognizer out and this component
labels those names from the tagger's proper nouns and capitalised adjectives, and where the
parse puts them; the profile's entity ruler labels the parties first and is never
overwritten. Without a profile the recognizer stays: its organisations and countries are then
the parties (core/nlp.py).
"""
from __future__ import annotations

from .lexicon import words
from .text import stem

_DATES = words("dates")
DATE_WORDS = frozenset(w.lower() for month in _DATES.months for w in month) | {d.lower() for d in _DATES.weekdays}
# A proper noun these govern is a place: "live in camps in Mexico", "crossed into North Ossetia".
PLACE_PREPOSITIONS = frozenset({"across", "at", "from", "in", "inside", "into", "near", "outside", "through",
                                "throughout", "to", "toward", "towards", "within"})
# ... and so do these verbs as their object: "people who have left Kashmir", "crossed Sinai".
PLACE_VERBS = frozenset({"abandon", "cross", "enter", "evacuate", "flee", "leave", "quit", "reach"})
NAME_LINKS = frozenset({"al", "bin", "de", "del", "da", "van", "von", "la", "le"})  # inside a run of a name


NATIONALITY_ENDINGS = ("an", "ese", "i", "ish", "ic")  # "Georgian", "Chinese", "Israeli", "Kurdish", "Slavic"


def guess_names(doc):
    """Label the names no entity covers yet: NORP for a capitalised adjective or plural proper
    noun inside a sentence ("Indian", "Guatemalans") and for a proper noun of a nationality's
    ending that qualifies a noun ("the Georgian delegation") or is its plural ("45,000
    Kashmiris"); DATE for months and weekdays; GPE for a run of proper nouns that a preposition
    of place or a verb of leaving or reaching governs ("in Mexico", "left Kashmir"); PERSON for
    a run of two or more ("Ismail Haniyeh") and for one word that ended such a run before
    ("Haniyeh")."""
    from spacy.attrs import IS_TITLE

    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    titled = doc.to_array(IS_TITLE).tolist()  # read in C: most words are not capitalised, and need no token
    surnames: set[str] = set()
    spans, i, size = [], 0, len(doc)
    while i < size:
        if i in taken or not titled[i]:
            i += 1
            continue
        token = doc[i]
        if token.is_sent_start and token.tag_ != "NNP":
            i += 1
            continue
        if token.tag_ in ("JJ", "NNPS") or token.tag_ == "NNS" and not token.is_sent_start:
            spans.append((i, i + 1, "NORP"))
            i += 1
            continue
        if token.tag_ != "NNP":
            i += 1
            continue
        end = i + 1
        while end < size and end not in taken:
            if doc[end].tag_ == "NNP" and (doc[end].is_title or doc[end].lower_ in NAME_LINKS):
                end += 1
            elif doc[end].text == "-" and doc[end - 1].lower_ in NAME_LINKS and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and end + 1 not in taken and doc[end + 1].tag_ == "NNP":
                end += 2  # "al-Subaihi" (a word ends no document, so "-" is never the last token)
            else:
                break
        run = doc[i:end]
        root = run.root
        if len(run) == 1 and token.lower_.rstrip(".") in DATE_WORDS:
            label = "DATE"
        elif len(run) == 1 and token.lower_.endswith(NATIONALITY_ENDINGS) and root.dep_ in ("amod", "nmod", "compound"):
            label = "NORP"
        elif len(run) == 1 and token.text not in surnames and token.lower_.endswith("s") \
                and token.lower_[:-1].endswith(NATIONALITY_ENDINGS) \
                and any(c.dep_ in ("nummod", "det", "amod") for c in token.children):
            label = "NORP"  # "45,000 Kashmiris", "the Kashmiris", tagged as one proper noun; not "Paris talks"
        elif (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS or root.dep_ == "dobj"
              and stem(root.head) in PLACE_VERBS) and not any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                               for c in root.children):
            label = "GPE"
        elif len(run) > 1 or token.text in surnames:
            label = "PERSON"
            surnames.add(run[-1].text)
        else:
            label = None
        if label:
            spans.append((i, end, label))
        i = end
    if spans:
        from spacy.tokens import Span

        doc.set_ents([Span(doc, start, end, label=label) for start, end, label in spans], default="unmodified")
    return doc
