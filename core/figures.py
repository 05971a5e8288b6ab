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
from dataclasses import dataclass, replace

from .lexicon import lexicon, words
from .nlp import DASHES
from .numbers import NUMBER_WORDS, SCALES, is_number_word, parse_number
from .records import Figure
from .text import MONTHS, captives_of, inside, places_in, stem

_W = words("figures")  # assets/lang/en/figures.toml
QUALIFIERS = sorted(_W.qualifiers, key=len, reverse=True)  # longest first: "at least" before "least"
QUALIFIERS_NAME = _W.qualifiers.name
HOSTAGE_NOUNS, PRISONER_NOUNS, PEOPLE_NOUNS = _W.hostage_nouns, _W.prisoner_nouns, _W.people_nouns
KILLED_WORDS, WOUNDED_WORDS, ABDUCTED_WORDS = _W.killed, _W.wounded, _W.abducted
DISPLACED_WORDS, AT_RISK_WORDS, NEED_VERBS, RELIEF_WORDS = _W.displaced, _W.at_risk, _W.need_verbs, _W.relief_words
DRIVING_VERBS, HOME_NOUNS, JAIL_NOUNS, CAMP_NOUNS = _W.driving_verbs, _W.home_nouns, _W.jail_nouns, _W.camp_nouns
JAILED_WORDS, COMBATANT_NOUNS, LEAVING_VERBS = _W.jailed_words, _W.combatant_nouns, _W.leaving_verbs
VALUING_VERBS, COUNT_NOUNS, ORDER_WORDS, OWNER_WORDS = _W.valuing_verbs, _W.count_nouns, _W.order_words, _W.owner_words
LOSING_VERBS, LIFE_NOUNS, SENTENCING_VERBS = _W.losing_verbs, _W.life_nouns, _W.sentencing_verbs
CAPTIVITY_NOUNS, MISSING_WORDS = _W.captivity_nouns, _W.missing_words
SUSPENDING_VERBS = words("positions").suspending_verbs  # "suspended operations for 24 hours": a truce of a day
HOLDING_VERBS = words("mentions").holding_verbs  # people a party holds are its prisoners: "holding 89 policemen"
REPORTING_VERBS = _W.reporting_verbs
DEATH_OF_CAPTIVES, TRUCE_NOUNS, HOURS = _W.death_of_captives, _W.truce_nouns, _W.hours
GROWTH_VERBS, CURRENCY = _W.growth_verbs, _W.currency
PERSON_NOUNS, RELEASE_VERBS, HELD_AS, HOSTAGE_TAKERS = _W.person_nouns, _W.release_verbs, _W.held_as, _W.hostage_takers
HOSTAGE_VERBS, HELD_AS_PRISONER, CROSSING_VERBS = _W.hostage_verbs, _W.held_as_prisoner, _W.crossing_verbs
WAR_NOUNS, LASTING_VERBS, FRACTIONS = _W.war_nouns, _W.lasting_verbs, _W.fractions
POSSIBILITY_MODALS = words("positions").possibility_modals
DURATION_DAYS: dict[str, int] = _W.duration_days._table
SPEECH_VERBS = lexicon().speech
MAX_SENTENCE_TOKENS = 250
_AGE = re.compile(r"^-?(?:year|yr)s?-?old$|^years?$", re.IGNORECASE)


@dataclass
class _Group:
    start: int  # token index of the first token (doc-level)
    end: int  # one past the last token
    value: int


def number_groups(sent) -> list[_Group]:
    """Runs of tokens that together spell one number ("1.5 million", "thirty - three"), and the
    "a" of "a month-long" (one of the unit)."""
    groups, tokens, i = [], list(sent), 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.text.lower()
        if word not in _GROUP_STARTS and not word[:1].isdigit():
            i += 1  # no number starts here (most words): the tests below need not run
            continue
        starts = is_number_word(word) and word not in ("hundred", "thousand", "million", "billion") or (
            word in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower_ in SCALES and len(tokens[i + 1].text) > 2
        )
        if word == "half" and i + 2 < len(tokens) and tokens[i + 1].lower_ in ("a", "an") \
                and tokens[i + 2].lower_ in SCALES:
            groups.append(_Group(tokens[i].i, tokens[i + 2].i + 1, SCALES[tokens[i + 2].lower_] // 2))
            i += 3  # "half a million"
            continue
        if word in ("a", "an") and i + 3 < len(tokens) and tokens[i + 1].lower_ in DURATION_DAYS \
                and tokens[i + 2].text == "-" and tokens[i + 3].lower_ == "long":
            groups.append(_Group(tok.i, tok.i + 1, 1))  # "a month-long truce": one month
            i += 1
            continue
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            nxt = tokens[j].lower_
            if (is_number_word(nxt) and not re.fullmatch(r"\d[\d,.]*", nxt)
                    or nxt in ("million", "billion", "thousand", "hundred", "m", "bn", "mn")):
                j += 1
            elif re.fullmatch(r"\d{3}", nxt) and re.fullmatch(r"\d{1,3}", tokens[j - 1].text) and j == i + 1 \
                    and tokens[j - 1].whitespace_ == " ":
                j += 1  # "12 500": thousands set apart by a space
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


_WORD_UNITS_AND_TEENS = NUMBER_WORDS - {"zero"}
_GROUP_STARTS = NUMBER_WORDS | set(SCALES) | {"a", "an", "half"}  # the words a group can start from, digits aside


def _is_excluded(doc, group: _Group) -> bool:
    """Years, dates, ages, identifiers, money, percentages and clock times are not figures."""
    last = doc[group.end - 1]
    before = doc[group.start - 1] if group.start > 0 else None
    after = doc[group.end] if group.end < len(doc) else None
    after2 = doc[group.end + 1] if group.end + 1 < len(doc) else None
    text = doc[group.start:group.end].text
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return True  # a year
    if after is not None and (after.lower_ in FRACTIONS or after.text == "-" and after2 is not None
                              and after2.lower_ in FRACTIONS):
        return True  # "one-fifth of the population"
    if before is not None and before.lower_ == "of" and group.start > 1 and doc[group.start - 2].lower_ == "age":
        return True  # "men above the age of 60"
    if before is not None and before.lower_ in ("under", "over", "above", "below") and group.start > 1 \
            and stem(doc[group.start - 2]) in PERSON_NOUNS:
        return True  # "children under 19": an age limit
    if text.lower() in ("one", "a", "an") and after is not None and after.lower_ == "of":
        return True  # "one of the hostages" picks one out; it counts nothing
    if text.lower() == "one" and (last.tag_ != "CD" or before is not None and before.lower_ in ("no", "any", "every", "by")
                                  or after is not None and after.lower_ in ("by", "another")):
        return True  # "one by one", "no one", "whatever one thinks": a pronoun, no count
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


_HEDGE_WORDS = {w for q in QUALIFIERS for w in q.split()}
_QUALIFIER_WORDS = _HEDGE_WORDS | {"another", "the", "a", "an", "all", "and", "only"}


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
        if unit.dep_ == "npadvmod" and head.lower_ == "long":
            unit, head = head, head.head  # "a month-long truce": what is long is the truce
        if unit.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod") and (
                stem(head) in TRUCE_NOUNS or any(c.dep_ == "compound" and stem(c) in TRUCE_NOUNS for c in head.children)):
            return True  # "40-day truce", "four-day truce agreement"
        if unit.dep_ in ("appos", "attr") and stem(head) in TRUCE_NOUNS:
            return True
        if (of := _of_object(unit)) is not None and stem(of) in TRUCE_NOUNS \
                and not any(c.lower_ in ORDER_WORDS for c in unit.children):
            return True  # "72 hours of calm", but not "the first ten days of the truce"
        if unit.dep_ == "pobj" and head.lower_ in ("for", "of", "by", "to"):
            holder = head.head
            if stem(holder) in TRUCE_NOUNS:
                return True
            if holder.pos_ in ("VERB", "AUX"):
                if holder.dep_ == "relcl" and stem(holder.head) in TRUCE_NOUNS and stem(holder) in LASTING_VERBS:
                    return True  # "the ceasefire, which is scheduled for another three months"
                if stem(holder) in SUSPENDING_VERBS and head.lower_ == "for":
                    return True  # "suspended offensive operations for 24 hours"
                return any(stem(t) in TRUCE_NOUNS for c in holder.children
                           if c.dep_ in ("dobj", "nsubj", "nsubjpass") for t in c.subtree)
        if (unit.dep_ in ("dobj", "npadvmod", "attr") and head.pos_ in ("VERB", "AUX")
                and stem(head) in LASTING_VERBS):
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
    described = _fact_box(doc, group, sent)
    if described is not None:  # a fact box's line: "12,000 - people forced from ..."
        head = _described(described)
        words.extend(described)
    elif last.dep_ in ("nummod", "quantmod", "amod", "compound") and last.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        head = last.head
    else:
        for child in last.children:
            if child.lower_ == "of":
                head = next((c for c in child.children if c.dep_ == "pobj"), None)
    if head is None:
        head = _valued(last)
        if head is not None:  # "estimate rebel dead at 1,200": the words between say what is counted
            words.extend(doc[head.left_edge.i:last.head.i])
    set_off = _set_off_after(doc, group, sent)
    if set_off is not None and (head is None or stem(head) in PEOPLE_NOUNS):
        # "its cadres held in jails, some 350": the people named before the comma, and what they are
        nouns.append(set_off)
        words.extend(c for c in set_off.children if c.dep_ in ("amod", "acl", "relcl"))
        head = head or set_off
    words.extend(c for c in last.children if c.pos_ in ("VERB", "ADJ") and c.dep_ in ("acl", "amod", "relcl"))
    if head is not None:
        nouns.append(head)
        nouns.extend(c for c in head.children if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN"))
        nouns.extend(c for n in list(nouns) for c in n.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
        words.extend(c for c in head.children if c.dep_ in ("amod", "compound", "acl", "relcl"))
    node = head if head is not None else last
    for _ in range(4):
        if node.dep_ == "ROOT" or _whole_of_part(node, group):
            break
        node = node.head
        words.append(node)
        if node.pos_ in ("VERB", "AUX"):
            words.extend(c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "acomp", "attr", "oprd"))
            words.extend(t for c in node.children if c.dep_ in ("dobj", "attr", "acomp") for t in c.subtree)
            # "living as refugees"; "are believed to have been killed": what a report says they are
            words.extend(t for c in node.children if c.dep_ == "prep" and c.lower_ == "as" for t in c.subtree)
            if stem(node) in REPORTING_VERBS:
                words.extend(c for c in node.children if c.dep_ == "xcomp")
            # "left more than 24 million facing food shortages": what follows the count says what it is
            if head is None:
                words.extend(t for c in node.children if c.dep_ in ("advcl", "xcomp") and c.i > last.i
                             for t in c.subtree)
            if node.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "relcl"):
                continue
            break
    return nouns, words


def _whole_of_part(node, group: _Group) -> bool:
    """Whether a count is the whole another number takes a part of: in "killed 15 of the 16 people
    aboard" the verb is the 15's; the 16 keeps only what its own words say ("82 of the 276 girls
    abducted": abducted)."""
    of = node.head
    return (node.dep_ == "pobj" and of.lower_ == "of" and of.head.like_num
            and not group.start <= of.head.i < group.end)


def _set_off_after(doc, group: _Group, sent):
    """The people a count is set off after by a comma ("the refugees sheltering in Tripura, some 64,000
    people", "its cadres held in jails, some 350"): the first word that counts people on the way up
    from the word before the comma, out of its prepositions and clauses."""
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in (doc[group.end - 1], doc[group.end - 1].head)):
        return None  # ", and some 700,000 have been displaced": a clause of its own
    k = group.start - 1
    while k > sent.start and doc[k].lower_ in _HEDGE_WORDS:
        k -= 1
    if k <= sent.start or doc[k].text != ",":
        return None
    node = doc[k - 1]
    for _ in range(8):
        if node.pos_ in ("NOUN", "PROPN") and _counts_people(node):
            return node
        if node.dep_ not in ("pobj", "prep", "acl", "relcl", "amod", "compound") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _hostage_taker(verb):
    """The hostage-taker who holds or frees people: the verb's subject ("the kidnappers freed six"), or
    the one a participle hangs on ("the hijackers holding 100 people")."""
    doer = verb.head if verb.dep_ == "acl" else next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return doer if doer is not None and stem(doer) in HOSTAGE_TAKERS else None


def _valued(number):
    """What a verb values at a number: "put the number of fighters in its camps at 1,100" counts the
    fighters; "disputes the death toll, putting it at about 10,000" counts the toll; "put the number of
    hostages still missing at 1,000" too, where the parse hangs "at" on the clause describing them."""
    if number.dep_ != "pobj" or number.head.lower_ != "at":
        return None
    verb = number.head.head
    for _ in range(4):  # up from the describing clause: "held" in "the number of prisoners held there at 400"
        if stem(verb) in VALUING_VERBS or verb.dep_ not in ("advcl", "acl", "relcl", "pobj", "prep", "dobj"):
            break
        verb = verb.head
    if stem(verb) not in VALUING_VERBS:
        return None
    # "put the number of X at N", or in the passive "the number of X is put at N"
    valued = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
        (c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if valued is not None and valued.pos_ == "PRON" and verb.dep_ in ("advcl", "conj", "xcomp"):
        valued = next((c for c in verb.head.children if c.dep_ == "dobj"), None)  # "it": what the clause named
    if valued is not None and stem(valued) in COUNT_NOUNS:
        valued = _of_object(valued)  # "the number of fighters": the fighters
    return valued if valued is not None and valued.pos_ in ("NOUN", "PROPN") else None


def _held_in_camps(fighters, near) -> bool:
    """Whether fighters are in camps another side owns ("soldiers in Indian camps", "rebels are in army
    camps"): their own camps ("fighters in training camps", "Kurdish fighters in Kurdish camps") hold no one."""
    own = {c.lower_ for c in fighters.children if c.dep_ in ("amod", "compound", "nmod")}
    camps = [camp for t in near for camp in places_in(t, CAMP_NOUNS)]
    return any(m.lower_ not in own and (m.ent_type_ in POPULATION_ENTITIES or stem(m) in OWNER_WORDS)
               for camp in camps for m in camp.children if m.dep_ in ("amod", "compound", "nmod", "poss"))


def _missing(doc, group: _Group) -> bool:
    """Whether the words describing a number itself say its people are missing ("1,700 listed as
    missing", "300 missing"), not the clause it is hung on."""
    last = doc[group.end - 1]
    described = [c for c in last.children if c.dep_ in ("acl", "relcl", "amod")]
    if last.dep_ == "nummod":
        described += [c for c in last.head.children if c.dep_ in ("acl", "relcl", "amod")]
    return any(t.lower_ in MISSING_WORDS for c in described for t in c.subtree)


def _death(verb) -> str | None:
    """A death said in two words: "were burned to death", "lost their lives"."""
    if verb is None or stem(verb) in SENTENCING_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to" and any(stem(p) in KILLED_WORDS for p in child.children):
            return f'"{verb.text} {child.text} ..." ({KILLED_WORDS.name})'
        if child.dep_ == "dobj" and stem(verb) in LOSING_VERBS and stem(child) in LIFE_NOUNS:
            return f'"{verb.text} ... {child.text}" ({LOSING_VERBS.name} + {LIFE_NOUNS.name})'
    return None


def _fact_box(doc, group: _Group, sent):
    """The words that label a number on its line of a fact box: after it, where it opens the line and a
    spaced dash or a colon follows ("12,000 - people forced from their homes", "About 9,700 - dead and
    missing", "40: jailed rebels"), or before the colon, where it ends the line ("Soldiers held by the
    rebels: more than 2,500"); hedges aside. None for any other number ("the six-point plan")."""
    if group.end < sent.end and all(t.lower_ in _QUALIFIER_WORDS for t in doc[sent.start:group.start]):
        mark = doc[group.end]
        if mark.text == ":" or mark.text in DASHES and doc[group.end - 1].whitespace_:
            return doc[group.end + 1:sent.end]
    if all(t.is_punct or t.is_space for t in doc[group.end:sent.end]):
        colon = group.start - 1
        while colon > sent.start and doc[colon].lower_ in _QUALIFIER_WORDS:
            colon -= 1
        if colon > sent.start and doc[colon].text == ":":
            return doc[sent.start:colon]
    return None


def _described(span):
    """What a fact box's line counts, from the words after its number and dash ("12,000 - the number
    of people forced from their homes", "40 - jailed rebels", "9,700 - Soviet dead"): the first noun
    that counts people, else the first word that does, else the first noun."""
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return next((t for t in nouns if _counts_people(t)), None) or next((t for t in span if _counts_people(t)), None) \
        or next(iter(nouns), None)


def _metric(doc, group: _Group, sent, known: dict[int, str]) -> tuple[str, str] | None:
    """What the number counts, and why: the word that decided and the lexicon list it is in."""
    nouns, words = _context(doc, group, sent)
    noun_stems = {stem(t) for t in nouns}
    clause = {stem(t) for t in words}
    counted = next((t for t in nouns), None)
    if noun_stems & HOSTAGE_NOUNS:
        negated_alive = "alive" in {t.lower_ for t in sent} and any(t.lower_ in ("no", "not", "longer") for t in sent)
        if clause & DEATH_OF_CAPTIVES or negated_alive:
            return "hostages_dead", f'counts "{counted}" ({HOSTAGE_NOUNS.name}) who died ({DEATH_OF_CAPTIVES.name})'
        return "hostages", f'counts "{counted}" ({HOSTAGE_NOUNS.name})'
    own = next((t for t in words if t.pos_ == "VERB"), None)  # the number's own verb, not a conjunct's
    if noun_stems & PRISONER_NOUNS:
        for vocabulary, metric in ((KILLED_WORDS, "killed"), (WOUNDED_WORDS, "wounded")):
            if own is not None and counted.head.i == own.i and stem(own) in vocabulary:  # "61 prisoners were killed"
                return metric, f'"{counted}" ({PRISONER_NOUNS.name}) "{own.text}" ({vocabulary.name})'
        return "prisoners", f'counts "{counted}" ({PRISONER_NOUNS.name})'
    held = next((t for t in [*nouns, *words] for c in t.children if stem(c) in HELD_AS and stem(t) in HOSTAGE_VERBS), None)
    after = doc[counted.i + 1:counted.i + 3] if counted is not None else []
    if held is None and len(after) == 2 and stem(after[0]) in HOSTAGE_VERBS and stem(after[1]) in HELD_AS:
        held = after[0]  # the parse hung "held hostage" elsewhere
    if held is not None:  # "four nationals held hostage", "took 30 people hostage"
        if clause & DEATH_OF_CAPTIVES or any(stem(t) in DEATH_OF_CAPTIVES for t in sent if t.i < group.start):
            return "hostages_dead", f'"{counted}" held hostage ({HELD_AS.name}), dead ({DEATH_OF_CAPTIVES.name})'
        return "hostages", f'"{counted}" held hostage ({HELD_AS.name})'
    taken = next((t for t in [*nouns, *words] if stem(t) in HOSTAGE_VERBS and (t.tag_ == "VBN" or t.lower_ == "taken")
                  for c in t.children if c.dep_ in ("dobj", "oprd", "attr") and stem(c) in HELD_AS_PRISONER
                  and not any(d.dep_ in ("det", "poss") for d in c.children)), None)
    if taken is not None:  # "some 600 soldiers taken prisoner", "were held prisoner"
        return "prisoners", f'"{counted}" {taken.text} prisoner ({HELD_AS_PRISONER.name})'
    if counted is not None and not _counts_people(counted):
        return None  # "seized two key cities": a count of something else
    if _missing(doc, group):
        return None  # "some 1,700 still listed as missing", hung on the wounded before them
    taker = _hostage_taker(own) if own is not None and stem(own) in HOLDING_VERBS | RELEASE_VERBS else None
    if taker is not None:
        return "hostages", f'people "{own.text}" by "{taker.text}" ({HOSTAGE_TAKERS.name})'

    death = _death(own or (counted.head if counted.dep_ == "dobj" else None)) if counted is not None else None
    if death is None and counted is not None and stem(counted) in LIFE_NOUNS:
        # "have cost, by the most accepted estimate, some 90,000 lives": lives a war took, however parsed
        taking = next((t for t in doc[sent.start:group.start] if stem(t) in LOSING_VERBS), None)
        death = f'"{counted.text}" taken ({LOSING_VERBS.name} "{taking.text}")' if taking is not None else None
    if death is not None:
        return "killed", death
    facing = _facing(doc, group, sent)
    if facing is not None:  # "could face starvation": a danger is always a possibility
        return "at_risk", f'facing "{facing.text}" ({NEED_VERBS.name} + {AT_RISK_WORDS.name})'
    if any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for t in words if t.pos_ == "VERB" for c in t.children):
        return None  # "up to 100 may have died": a suspicion, not a count
    released = next((t for t in words if stem(t) in RELEASE_VERBS), None) if counted is not None else None
    if released is not None and clause & ABDUCTED_WORDS:  # "the release of 82 of the schoolgirls abducted"
        return "hostages", f'people abducted ({ABDUCTED_WORDS.name}) "{released.text}" in a deal'
    if released is not None:  # who they are where no word says it: see `captives_of`
        captives = captives_of(doc)
        return captives, f'people "{released.text}" in a deal ({RELEASE_VERBS.name}), {captives} in this text'
    for token in [*nouns, *words]:
        word = stem(token)
        for vocabulary, metric in ((WOUNDED_WORDS, "wounded"), (KILLED_WORDS, "killed"), (ABDUCTED_WORDS, "hostages"),
                                   (DISPLACED_WORDS, "displaced")):
            if word in vocabulary:
                return metric, f'"{token.text}" ({vocabulary.name})'
    last = doc[group.end - 1]
    near = [t for t in (counted, own, last, *(w for w in words if stem(w) == "be")) if t is not None]  # "are in jail"
    if any(inside(t, CAPTIVITY_NOUNS) for t in [*near, *(w for w in words if w.pos_ == "VERB")]):
        return "hostages", f'"{counted or last}" in {CAPTIVITY_NOUNS.name}'
    if counted is not None and any(inside(t, JAIL_NOUNS) for t in near):
        return "prisoners", f'"{counted}" in {JAIL_NOUNS.name}'
    jailed = next((t for t in [own, *(c for c in counted.children if c.dep_ in ("amod", "acl"))] if t is not None
                   and (t.lower_ in JAILED_WORDS or stem(t) in SENTENCING_VERBS)), None) if counted is not None else None
    if jailed is not None:  # "40 jailed activists", "300 people were detained", "12 sentenced to death"
        return "prisoners", f'"{counted}" "{jailed.text}" ({JAILED_WORDS.name})'
    driven = next((t for t in words if t.pos_ in ("VERB", "ADJ") and stem(t) in DRIVING_VERBS and _from_home(t)), None)
    if driven is not None:  # "forced from their homes", "remain driven from their villages"
        return "displaced", f'"{driven.text}" from home ({DRIVING_VERBS.name} + {HOME_NOUNS.name})'
    if own is not None and stem(own) in LEAVING_VERBS and any(
            c.dep_ == "dobj" and (stem(c) in HOME_NOUNS or noun_stems & PEOPLE_NOUNS and c.ent_type_ in ("GPE", "LOC"))
            for c in own.children):  # "left their villages"; people who "have left Swat"
        return "displaced", f'"{own.text}" home or homeland ({LEAVING_VERBS.name} + {HOME_NOUNS.name})'
    if own is not None and stem(own) in CROSSING_VERBS and noun_stems & PEOPLE_NOUNS and not noun_stems & COMBATANT_NOUNS \
            and any(c.dep_ == "prep" and c.lower_ in ("into", "to") and p.dep_ == "pobj" and p.pos_ == "PROPN"
                    for c in own.children for p in c.children):  # "12,000 people had crossed into Chad"
        return "displaced", f'"{counted}" "{own.text}" into another land ({CROSSING_VERBS.name})'
    if any(inside(t, CAMP_NOUNS) for t in near):
        if noun_stems & COMBATANT_NOUNS:
            if _held_in_camps(counted, near):  # "1,100 soldiers in Indian camps", not "fighters in training camps"
                return "prisoners", f'"{counted}" ({COMBATANT_NOUNS.name}) in the other side\'s {CAMP_NOUNS.name}'
        elif counted is None or noun_stems & PEOPLE_NOUNS or counted.ent_type_ == "NORP":
            return "displaced", f'"{counted or own}" in {CAMP_NOUNS.name}'
    if counted is not None and own is not None and stem(own) in HOLDING_VERBS and (
            counted.dep_ in ("dobj", "nsubjpass") or last.dep_ == "dobj" and last.head == own
            or own.dep_ == "acl" and own.head.i == counted.i and stem(counted) in COMBATANT_NOUNS):
        # "holds about 900 of its men", "ten soldiers were held by the other army", "soldiers held by X: 300"
        captives = captives_of(doc)
        return captives, f'"{counted}" held ({HOLDING_VERBS.name}), {captives} in this text'
    if noun_stems & PEOPLE_NOUNS:
        # "300,000 people still living there could be facing imminent famine": parses
        # often hang the danger on another clause, so look a few words ahead.
        ahead = doc[group.end:min(group.end + 10, sent.end)]
        danger = next((t for t in [*words, *ahead] if stem(t) in AT_RISK_WORDS), None)
        if danger is not None:
            return "at_risk", f'"{counted}" facing "{danger.text}" ({AT_RISK_WORDS.name})'
        if clause & NEED_VERBS and clause & RELIEF_WORDS:
            return "at_risk", f'"{counted}" in need ({NEED_VERBS.name} + {RELIEF_WORDS.name})'
    if not nouns and clause & NEED_VERBS and clause & (AT_RISK_WORDS | RELIEF_WORDS):
        return "at_risk", f"in need ({NEED_VERBS.name} + {RELIEF_WORDS.name})"  # "more than 5 million need food aid"
    verb = _verb_before(doc, group, sent)
    if verb is not None:
        return verb
    if not nouns and group.value in known:
        return known[group.value], f"the same number counted before as {known[group.value]}"  # "in return for the 40"
    if not nouns and doc.has_annotation("DEP") and stem(doc[group.end - 1].head) in GROWTH_VERBS:
        # "hostages ..., believed to number more than 100": the nearest metric noun before it
        for token in reversed(list(doc[sent.start:group.start])):
            word = stem(token)
            for vocabulary, metric in ((HOSTAGE_NOUNS, "hostages"), (PRISONER_NOUNS, "prisoners"),
                                       (KILLED_WORDS, "killed"), (WOUNDED_WORDS, "wounded"), (DISPLACED_WORDS, "displaced")):
                if word in vocabulary:
                    return metric, f'"{token.text}" ({vocabulary.name}) numbering it ({GROWTH_VERBS.name})'
    return None


POPULATION_ENTITIES = ("NORP", "GPE", "LOC", "PARTY")
POPULATION_PREPOSITIONS = ("in", "from", "on", "inside", "across")


def population(doc, group: _Group, sent) -> str | None:
    """Whom a count counts, in the sentence's own words: the people named by nationality or party
    ("34,000 Palestinians", "Israeli hostages") and where or when ("in Gaza", "on October 7"), so
    that the board sets against each other only counts of the same people."""
    if not doc.has_annotation("DEP"):
        return None
    nouns, words = _context(doc, group, sent)
    anchors = [*nouns[:1], *(w for w in words if w.pos_ == "VERB")][:2]
    pieces: list[str] = []
    for anchor in anchors:
        if anchor.ent_type_ in POPULATION_ENTITIES:
            pieces.append(anchor.text)
        for child in anchor.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in POPULATION_ENTITIES:
                pieces.append(child.text)
            elif child.dep_ == "prep" and child.lower_ in POPULATION_PREPOSITIONS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (pobj.ent_type_ in (*POPULATION_ENTITIES, "FAC")
                                         or pobj.ent_type_ == "DATE" and child.lower_ == "on"):
                    span = [t for t in pobj.subtree if t.ent_type_ or t.i == pobj.i]
                    pieces.append(f"{child.lower_} " + doc[span[0].i:span[-1].i + 1].text)
    return " ".join(dict.fromkeys(pieces)) or None


def _verb_before(doc, group: _Group, sent) -> tuple[str, str] | None:
    """The metric verb right before a count whose parse went astray ("displaced more than a million
    people entered its sixth week", where "people" was made the subject of "entered")."""
    k = group.start - 1
    while k > sent.start and doc[k].lower_ in _QUALIFIER_WORDS:
        k -= 1
    token = doc[k] if k >= sent.start else None
    if token is None or token.pos_ != "VERB":
        return None
    for vocabulary, metric in ((KILLED_WORDS, "killed"), (WOUNDED_WORDS, "wounded"), (DISPLACED_WORDS, "displaced")):
        if stem(token) in vocabulary:
            return metric, f'"{token.text}" right before it ({vocabulary.name})'
    return None


def _facing(doc, group: _Group, sent):
    """The danger a count faces, read in word order right after it ("about 750,000 face severe food
    shortages"), where the parse often hangs the count on the danger instead."""
    k = group.end + (group.end < sent.end and stem(doc[group.end]) in PEOPLE_NOUNS)
    while k < sent.end and doc[k].tag_ in ("MD", "RB"):
        k += 1  # "could face", "still face"
    if k >= sent.end or stem(doc[k]) not in NEED_VERBS:
        return None
    return next((t for t in doc[k + 1:min(k + 5, sent.end)] if stem(t) in AT_RISK_WORDS), None)


def _counts_people(noun) -> bool:
    """Whether a counted noun counts people: a person noun, a nationality or party ("Palestinians"),
    or a word of the metrics themselves ("deaths", "refugees")."""
    word = stem(noun)
    return (word in PERSON_NOUNS or word in HOSTAGE_NOUNS | PRISONER_NOUNS | KILLED_WORDS | WOUNDED_WORDS
            | DISPLACED_WORDS or noun.ent_type_ in ("NORP", "PARTY", "PERSON") or noun.tag_ == "NNPS")


def _range_end(doc, group: _Group, following: _Group | None) -> _Group | None:
    """The second number of "700 to 800", "between 40 and 70", "700-800", "two-to-three-day"."""
    if following is None or following.value <= group.value:
        return None
    joiner = doc[group.end:following.start].text.replace(" ", "").lower()
    if joiner in ("to", "-", "\u2013", "-to-", "or") or joiner == "and" and group.start > 0 \
            and doc[group.start - 1].lower_ == "between":
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
        stated: dict[tuple[str, int], Figure] = {}  # a count the sentence repeats is one finding: its first mention
        for k, group in enumerate(groups):
            if group.start in skip:
                continue
            value, low, high = group.value, None, None
            other = _range_end(doc, group, groups[k + 1] if k + 1 < len(groups) else None)
            counted = other or group  # "700 to 800 prisoners": the noun hangs on the second number
            unit = _unit_after(doc, counted)
            if unit is not None:
                if not _truce_bound(unit, sent) or _days(group.value, unit) is None or _war_length(unit):
                    continue
                metric = "truce_days"
                value = _days(group.value, unit)
                reason = f'a duration in "{unit.text}" of a truce ({TRUCE_NOUNS.name}), in days'
                if other is not None:
                    low, high = value, _days(other.value, unit)
            else:
                found = _metric(doc, counted, sent, known)
                if found is None and other is not None:
                    found = _metric(doc, group, sent, known)  # "between 600 and 900 detainees": the first carries it
                if found is None:
                    continue
                metric, reason = found
                if other is not None:
                    low, high = group.value, other.value
            if other is not None:
                skip.add(other.start)
            known.setdefault(group.value, metric)
            start = sent.start_char + text_offset
            qualifier, source = _qualifier(doc, group), attribution(sent, doc[group.end - 1])
            why = "; ".join(p for p in (
                f'"{doc[group.start:counted.end].text}" {metric}: {reason}',
                f"a range, {low:,} to {high:,}" if low is not None else "",
                f'qualified "{qualifier}" ({QUALIFIERS_NAME})' if qualifier else "",
                f'attributed to "{source}"' if source else "",
            ) if p)
            sent_text = sent.text
            figure = Figure(
                metric=metric, value=value, low=low, high=high,
                qualifier=qualifier, attribution=source,
                subject=_truce_subject(doc, group, unit) if unit is not None else _subject(doc, counted, sent, metric),
                sentence=sent_text, start=start, end=start + len(sent_text),
                date=published,
                background=bool(background(sent_text)) if background else False,
                population=None if unit is not None else population(doc, counted, sent),
                why=why,
            )
            stated.setdefault((metric, value), figure)
            if high is not None and high != value:
                # both ends of a range are reported values ("between 990 and 1,650"); the board shows one range
                stated.setdefault((metric, high), replace(figure, value=high, why=why + "; its upper end"))
        figures.extend(stated.values())
    return figures


def _from_home(verb) -> bool:
    """ "forced from their homes", "driven out of their villages" """
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "out")):
        places = [p for p in prep.subtree if p.dep_ == "pobj"]
        if any(stem(p) in HOME_NOUNS for p in places):
            return True
    return False


def _war_length(unit) -> bool:
    """ "15 months of conflict": a duration of the war, not of any truce."""
    counted = _of_object(unit)
    return counted is not None and stem(counted) in WAR_NOUNS


def _of_object(token):
    """What hangs on a word's "of": "months of conflict" -> conflict, "the number of fighters" -> fighters."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
