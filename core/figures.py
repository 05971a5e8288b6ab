"""Find the figures an article reports: metric, value or range, qualifier, authority, subject.

A number becomes a figure only when what it counts is one of the board's
metrics: the counted noun ("130 hostages"), its modifiers ("displaced
Palestinians"), the verb that governs it ("killing 1,139 people"), or a
duration unit bound to a truce ("40-day truce" -> 42 is 6 weeks). Years,
dates, ages, identifiers ("Channel 12"), money, percentages, ordinals and
vague quantities ("dozens") never are. With a dependency parse the links come
from the parse; without one, from the words around the number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import SCALES, is_number_word, parse_number
from .records import Figure
from .text import MONTHS, stem

QUALIFIERS = sorted([
    "at least", "more than", "over", "nearly", "almost", "about", "around", "roughly", "some",
    "up to", "as many as", "approximately", "an estimated", "estimated", "fewer than", "less than",
    "close to", "upwards of", "at most", "just over", "just under", "well over", "in excess of",
    "no fewer than", "no less than", "as few as", "an additional", "at least another",
], key=len, reverse=True)

HOSTAGE_NOUNS = {"hostage", "captive", "abductee"}
PRISONER_NOUNS = {"prisoner", "detainee", "inmate", "pow"}
KILLED_WORDS = {"kill", "killed", "die", "dead", "death", "fatality", "massacre", "slay", "slain", "perish", "toll"}
WOUNDED_WORDS = {"wound", "wounded", "injure", "injured", "injury", "hurt", "maim"}
ABDUCTED_WORDS = {"abduct", "abducted", "kidnap", "kidnapped", "seize"}
DISPLACED_WORDS = {"displace", "displaced", "refugee", "idp", "flee", "fled", "homeless", "uproot", "uprooted",
                   "evacuee", "refuge", "shelter", "sheltering"}
AT_RISK_WORDS = {"famine", "starvation", "starve", "hunger", "malnutrition", "risk", "danger", "threat"}
PEOPLE_NOUNS = {"people", "person", "resident", "civilian", "child", "family", "man", "woman", "inhabitant"}
NEED_VERBS = {"need", "face", "require", "risk", "depend"}
RELIEF_WORDS = {"aid", "food", "assistance", "relief"}
DEATH_OF_CAPTIVES = {"dead", "die", "kill", "killed", "body", "remains", "deceased", "murder"}
TRUCE_NOUNS = {"truce", "pause", "ceasefire", "cease-fire", "phase", "stage", "lull", "cessation", "halt",
               "deal", "armistice", "calm", "extension", "hiatus"}
DURATION_DAYS = {"day": 1, "week": 7, "month": 30}
HOURS = {"hour"}
MAX_SENTENCE_TOKENS = 250
GROWTH_VERBS = {"number", "total", "reach", "rise", "climb", "stand", "exceed", "top", "surpass", "increase", "jump"}
SPEECH_VERBS = {"say", "tell", "report", "announce", "estimate", "confirm", "warn", "count", "record", "state",
                "add", "show", "put", "tally", "publish", "note", "indicate"}
CURRENCY = {"$", "€", "£", "dollar", "euro", "pound", "shekel", "dinar", "riyal", "usd", "eur"}
_AGE = re.compile(r"^-?(?:year|yr)s?-?old$|^years?$", re.IGNORECASE)


@dataclass
class _Group:
    start: int  # token index of the first token (doc-level)
    end: int  # one past the last token
    value: int


def number_groups(sent) -> list[_Group]:
    """Runs of tokens that together spell one number ("1.5 million", "thirty - three")."""
    groups, tokens, i = [], list(sent), 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.text.lower()
        starts = is_number_word(word) and word not in ("hundred", "thousand", "million", "billion") or (
            word in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower_ in SCALES and len(tokens[i + 1].text) > 2
        )
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            nxt = tokens[j].lower_
            if (is_number_word(nxt) and not re.fullmatch(r"\d[\d,.]*", nxt)
                    or nxt in ("million", "billion", "thousand", "hundred", "m", "bn", "mn")):
                j += 1
            elif nxt in ("-", "and") and j + 1 < len(tokens) and tokens[j + 1].lower_ in _WORD_UNITS_AND_TEENS:
                j += 2
            else:
                break
        text = " ".join(t.text for t in tokens[i:j])
        value = parse_number(text)
        if value is not None:
            groups.append(_Group(tokens[i].i, tokens[j - 1].i + 1, value))
        i = j
    return groups


_WORD_UNITS_AND_TEENS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                         "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}


def _is_excluded(doc, group: _Group) -> bool:
    """Years, dates, ages, identifiers, money, percentages and clock times are not figures."""
    last = doc[group.end - 1]
    before = doc[group.start - 1] if group.start > 0 else None
    after = doc[group.end] if group.end < len(doc) else None
    after2 = doc[group.end + 1] if group.end + 1 < len(doc) else None
    text = doc[group.start:group.end].text
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return True  # a year
    if text.lower() in ("one", "a", "an") and after is not None and after.lower_ == "of":
        return True  # "one of the hostages" picks one out; it counts nothing
    if (before is not None and before.lower_.rstrip(".") in MONTHS) or (after is not None and after.lower_.rstrip(".") in MONTHS):
        return True  # a day of a month
    if after is not None and (after.text in ("%",) or after.lower_ in ("percent", "per", "pc")):
        return True
    if (before is not None and before.lower_ in CURRENCY) or (after is not None and stem(after) in CURRENCY):
        return True
    if after is not None and (_AGE.match(after.text) or (after.text == "-" and after2 is not None and _AGE.match(after2.text))):
        if not (after2 is not None and after2.lower_ in DURATION_DAYS):  # "six-year" war is still not a figure
            return True
    if after is not None and after.lower_ in ("years", "year") and after2 is not None and after2.lower_ == "old":
        return True
    if before is not None and before.lower_ in ("aged", "age"):
        return True
    if before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start \
            and before.lower_ not in _QUALIFIER_WORDS and before.ent_type_ not in ("CARDINAL", "QUANTITY"):
        return True  # an identifier: "Channel 12", "Resolution 2334"
    if after is not None and after.text in (":", ".") and after2 is not None and after2.text.isdigit():
        return True  # a clock time
    return bool(re.search(r"(?:st|nd|rd|th)$", last.text.lower()) and not last.text.isalpha())


_QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q.split()} | {"another", "the", "a", "an", "all", "and", "only"}


def _qualifier(doc, group: _Group) -> str | None:
    window = doc[max(group.start - 4, 0):group.start].text.lower()
    for qualifier in QUALIFIERS:
        if window.endswith(qualifier) and (len(window) == len(qualifier) or not window[-len(qualifier) - 1].isalpha()):
            return qualifier
    return None


def _unit_after(doc, group: _Group):
    """The duration unit right after a number: "42 days", "40-day", "six-week"."""
    k = group.end
    if k < len(doc) and doc[k].text == "-":
        k += 1
    if k < len(doc) and (stem(doc[k]) in DURATION_DAYS or stem(doc[k]) in HOURS):
        return doc[k]
    return None


def _days(value: int, unit) -> int | None:
    """A duration in whole days: "6-week" is 42, "72-hour" is 3; "12-hour" is no truce length."""
    if stem(unit) in HOURS:
        return value // 24 if value % 24 == 0 else None
    return value * DURATION_DAYS[stem(unit)]


def _truce_bound(unit, sent) -> bool:
    """Whether a duration measures a truce: "40-day truce", "stages, each lasting 42 days",
    "extend the ceasefire by 180 days", "a truce of six weeks"."""
    if unit.doc.has_annotation("DEP"):
        head = unit.head
        if unit.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") and stem(head) in TRUCE_NOUNS:
            return True
        if unit.dep_ in ("appos", "attr") and stem(head) in TRUCE_NOUNS:
            return True
        if unit.dep_ == "pobj" and head.lower_ in ("for", "of", "by", "to"):
            holder = head.head
            if stem(holder) in TRUCE_NOUNS:
                return True
            if holder.pos_ in ("VERB", "AUX"):
                return any(stem(t) in TRUCE_NOUNS for c in holder.children
                           if c.dep_ in ("dobj", "nsubj", "nsubjpass") for t in c.subtree)
        if (unit.dep_ in ("dobj", "npadvmod", "attr") and head.pos_ in ("VERB", "AUX")
                and stem(head) in ("last", "extend", "run", "hold")):
            return any(stem(t) in TRUCE_NOUNS for c in head.children
                       if c.dep_ in ("nsubj", "nsubjpass", "dobj") for t in c.subtree) or \
                any(stem(a) in TRUCE_NOUNS for a in head.ancestors)
        return False
    following = [stem(t) for t in unit.doc[unit.i + 1:min(unit.i + 3, sent.end)]]
    return any(w in TRUCE_NOUNS for w in following)


def _context(doc, group: _Group, sent):
    """The words that say what a number counts, nearest first: (counted nouns, other words)."""
    last = doc[group.end - 1]
    if not doc.has_annotation("DEP"):
        after = [t for t in doc[group.end:min(group.end + 4, sent.end)]]
        around = [t for t in doc[max(group.start - 6, sent.start):min(group.end + 6, sent.end)]]
        return after, around
    nouns, words = [], []
    head = None
    if last.dep_ in ("nummod", "quantmod", "amod", "compound") and last.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        head = last.head
    else:
        for child in last.children:
            if child.lower_ == "of":
                head = next((c for c in child.children if c.dep_ == "pobj"), None)
    words.extend(c for c in last.children if c.pos_ in ("VERB", "ADJ") and c.dep_ in ("acl", "amod", "relcl"))
    if head is not None:
        nouns.append(head)
        nouns.extend(c for c in head.children if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN"))
        nouns.extend(c for n in list(nouns) for c in n.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
        words.extend(c for c in head.children if c.dep_ in ("amod", "compound", "acl", "relcl"))
    node = head if head is not None else last
    for _ in range(4):
        if node.dep_ == "ROOT":
            break
        node = node.head
        words.append(node)
        if node.pos_ in ("VERB", "AUX"):
            words.extend(c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "acomp", "attr"))
            words.extend(t for c in node.children if c.dep_ in ("dobj", "attr", "acomp") for t in c.subtree)
            if node.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "relcl"):
                continue
            break
    return nouns, words


def _metric(doc, group: _Group, sent, known: dict[int, str]) -> str | None:
    nouns, words = _context(doc, group, sent)
    noun_stems = {stem(t) for t in nouns}
    clause = {stem(t) for t in words}
    if noun_stems & HOSTAGE_NOUNS:
        negated_alive = "alive" in {t.lower_ for t in sent} and any(t.lower_ in ("no", "not", "longer") for t in sent)
        if clause & DEATH_OF_CAPTIVES or negated_alive:
            return "hostages_dead"
        return "hostages"
    if noun_stems & PRISONER_NOUNS:
        return "prisoners"
    for token in [*nouns, *words]:
        word = stem(token)
        if word in WOUNDED_WORDS:
            return "wounded"
        if word in KILLED_WORDS:
            return "killed"
        if word in ABDUCTED_WORDS:
            return "hostages"
        if word in DISPLACED_WORDS:
            return "displaced"
    if noun_stems & PEOPLE_NOUNS:
        # "300,000 people still living there could be facing imminent famine": parses
        # often hang the danger on another clause, so look a few words ahead.
        ahead = doc[group.end:min(group.end + 10, sent.end)]
        if clause & AT_RISK_WORDS or any(stem(t) in AT_RISK_WORDS for t in ahead):
            return "at_risk"
    if not nouns and clause & NEED_VERBS and clause & (AT_RISK_WORDS | RELIEF_WORDS):
        return "at_risk"  # "more than 5 million need food aid"
    if not nouns and group.value in known:
        return known[group.value]  # "in return for the 40": the 40 counted earlier
    if not nouns and doc.has_annotation("DEP") and stem(doc[group.end - 1].head) in GROWTH_VERBS:
        # "hostages ..., believed to number more than 100": the nearest metric noun before it
        for token in reversed(list(doc[sent.start:group.start])):
            word = stem(token)
            for vocabulary, metric in ((HOSTAGE_NOUNS, "hostages"), (PRISONER_NOUNS, "prisoners"),
                                       (KILLED_WORDS, "killed"), (WOUNDED_WORDS, "wounded"), (DISPLACED_WORDS, "displaced")):
                if word in vocabulary:
                    return metric
    return None


def _range_end(doc, group: _Group, following: _Group | None) -> _Group | None:
    """The second number of "700 to 800", "between 40 and 70", "700-800"."""
    if following is None or following.start != group.end + 1 or following.value <= group.value:
        return None
    joiner = doc[group.end].lower_
    if joiner in ("to", "-", "\u2013") or joiner == "and" and group.start > 0 and doc[group.start - 1].lower_ == "between":
        return following
    return None


def attribution(sent, number_token=None) -> str | None:
    """Who the figure is attributed to: "according to X", else the subject of a speech verb."""
    match = re.search(r"\baccording to ([^,.;:\u2014]+)", sent.text, re.IGNORECASE)
    if match:
        return match.group(1).strip()
    if sent.doc.has_annotation("DEP"):
        node = number_token
        chain = list(node.ancestors) if node is not None else [sent.root]
        for verb in chain:
            if stem(verb) in SPEECH_VERBS:
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.pos_ != "PRON":
                    return " ".join(t.text for t in subject.subtree)
        return None
    match = re.search(r"([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,5})\s+"
                      r"(?:said|says|reported|estimated|confirmed)\b", sent.text)
    return match.group(1) if match else None


def _subject(doc, group: _Group, sent, metric: str) -> str:
    """A short description of what the number counts, in the sentence's own words:
    "people killed in Israel's war on Gaza since October", "initial 40-day truce"."""
    if not doc.has_annotation("DEP"):
        return doc[group.end:min(group.end + 6, sent.end)].text.strip(" ,.;")
    nouns, words = _context(doc, group, sent)
    pieces = []
    if nouns:
        head = nouns[0]
        left = min([head.i, *(t.i for t in head.lefts if t.dep_ in ("amod", "compound", "nmod"))])
        left = max(left, group.end) if left < group.end <= head.i else left
        pieces.append(doc[left:head.i + 1].text)
    verb = next((w for w in words if w.pos_ == "VERB" and stem(w) not in SPEECH_VERBS), None)
    if verb is not None and (not nouns or verb.i > nouns[0].i or stem(verb) in KILLED_WORDS | WOUNDED_WORDS):
        pieces.append(verb.text)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "since", "on", "during", "across", "inside"):
                subtree = list(child.subtree)[:10]
                pieces.append(doc[subtree[0].i:subtree[-1].i + 1].text)
    return " ".join(pieces).strip(" ,.;") or metric.replace("_", " ")


def _truce_subject(doc, group: _Group, unit) -> str:
    """ "six-week truce deal", "stages, each lasting 42 days" -> the truce phrase."""
    head = unit.head if unit.doc.has_annotation("DEP") else unit
    if head.i > unit.i and stem(head) in TRUCE_NOUNS:
        while head.head.i > head.i and head.dep_ == "compound" and stem(head.head) in TRUCE_NOUNS:
            head = head.head
        return doc[group.start:head.i + 1].text
    truce = next((a for a in [head, *head.ancestors] if stem(a) in TRUCE_NOUNS), None)
    return f"{truce.text}: {doc[group.start:unit.i + 1].text}" if truce is not None else doc[group.start:unit.i + 1].text


def find_figures(doc, sentences, published: str | None, text_offset: int = 0,
                 known: dict[int, str] | None = None, background=None) -> list[Figure]:
    """The figures in a processed document (or a chunk of one, at `text_offset`)."""
    known = {} if known is None else known
    figures = []
    for sent in sentences:
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue  # no news sentence is this long: a table, a list of numbers, or noise
        groups = [g for g in number_groups(sent) if not _is_excluded(doc, g)]
        skip: set[int] = set()
        for k, group in enumerate(groups):
            if group.start in skip:
                continue
            value, low, high = group.value, None, None
            other = _range_end(doc, group, groups[k + 1] if k + 1 < len(groups) else None)
            counted = other or group  # "700 to 800 prisoners": the noun hangs on the second number
            unit = _unit_after(doc, counted)
            if unit is not None:
                if not _truce_bound(unit, sent) or _days(group.value, unit) is None:
                    continue
                metric = "truce_days"
                value = _days(group.value, unit)
                if other is not None:
                    low, high = value, _days(other.value, unit)
            else:
                metric = _metric(doc, counted, sent, known)
                if metric is None:
                    continue
                if other is not None:
                    low, high = group.value, other.value
            if other is not None:
                skip.add(other.start)
            known.setdefault(group.value, metric)
            start = sent.start_char + text_offset
            figures.append(Figure(
                metric=metric, value=value, low=low, high=high,
                qualifier=_qualifier(doc, group),
                attribution=attribution(sent, doc[group.end - 1]),
                subject=_truce_subject(doc, group, unit) if unit is not None else _subject(doc, counted, sent, metric),
                sentence=sent.text, start=start, end=start + len(sent.text),
                date=published,
                background=bool(background(sent)) if background else False,
            ))
    return figures
