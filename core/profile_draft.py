"""Draft a conflict profile from articles: the parties the NER finds, their names, officials, demonyms and roles.

The draft is a starting point the user edits, so it would rather leave a name
out than file it under the wrong party. spaCy's labels are noisy, so each name
is typed by the votes of all its mentions; the names of one party are merged
(a country, its capital, its acronym, its organs: "Sudanese Armed Forces" goes
under Sudan when Sudan is a party); a person goes to the party their own title
names ("Lebanese foreign minister X", "X, a spokesman for Y", "Ukraine's X"),
not to whatever organisation is nearest; a party the text has mediating,
brokering or hosting the talks is a mediator.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from .resources import assets_dir

MAX_PARTIES = 8
MAX_PEOPLE = 12
NAME_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})
# A place named after these is where something happens, not who acts ("talks in Cairo").
LOCATIVE = frozenset({"in", "at", "near", "across", "into", "inside", "outside", "throughout", "around", "within", "from", "to"})
# "Interior" in "Interior Minister", "State" in "Secretary of State": a portfolio, not a party.
OFFICES = frozenset({"minister", "ministry", "secretary", "department"})
# The organs of a state or body: "Sudanese Armed Forces", "Government of Yemen", "UN Security Council".
ORGANS = frozenset({
    "government", "govt", "administration", "army", "military", "forces", "force", "ministry", "parliament", "senate",
    "congress", "cabinet", "department", "presidency", "council", "navy", "police", "embassy", "delegation", "office",
    "authorities", "authority",
})
# Words a country's formal name adds to its short one ("Republic of Armenia", "DR Congo").
FORMAL = frozenset({"republic", "of", "the", "democratic", "dr", "federal", "islamic", "people's", "kingdom", "state", "union"})
STOPWORDS = frozenset({"of", "the", "and", "for", "de", "del", "la", "los", "las", "y", "et", "des", "du"})
# Whom a title sends somewhere: "envoy for Sudan", "ambassador to Lebanon" name the host, not the sender.
POSTINGS = frozenset({"envoy", "ambassador", "emissary", "representative", "coordinator", "rapporteur", "correspondent"})
MEDIATION = frozenset({"mediate", "mediator", "mediation", "broker", "facilitate", "facilitator", "auspices", "envoy"})
# These make a mediator only when what they govern is the talks: "AU-led talks", not "Saudi-led coalition".
CONVENING = frozenset({"lead", "host", "co-host", "cohost", "sponsor", "co-sponsor", "chair", "convene"})
TALKS = frozenset({
    "talk", "talks", "negotiation", "negotiations", "process", "mediation", "dialogue", "summit", "meeting", "effort",
    "efforts", "drive", "initiative", "conference", "round", "consultations",
})
# "a ceasefire with Israel", "talks between Kigali and Kinshasa": the sides, not a go-between.
SIDES_OF = frozenset({"ceasefire", "cease-fire", "truce", "deal", "agreement", "war", "peace", "fighting", "conflict"})
DEMONYM_ENDINGS = ("", "n", "an", "ian", "i", "ese", "lese", "ish", "ic", "ean", "er")


@dataclass
class _Name:
    """One name over all its mentions in the texts."""

    forms: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    free: int = 0  # mentions that are not only a place ("in Gaza")
    determined: int = 0  # mentions after "the": a group, never a person ("the Houthis")
    offices: int = 0

    @property
    def count(self) -> int:
        return sum(self.labels.values())

    @property
    def form(self) -> str:
        # "Istanbul" over the dateline's "ISTANBUL"
        return max(self.forms, key=lambda f: (not (f.isupper() and len(f) > 6), self.forms[f], f))


def draft_profile(texts: list[str], title: str = "Draft profile") -> str:
    """TOML text of a starter profile for the articles."""
    from .nlp import load_pipeline

    docs = list(load_pipeline(None).nlp.pipe(texts))
    draft = _Draft(docs)
    lines = [
        "# A starter profile drafted by `ceasetalk profile draft`: check every party, its role,",
        "# and the officials filed under it; add the epithets the news uses (\"the militant group\").",
        f'title = "{_escape(title)}"',
    ]
    for group in draft.parties():
        lines += [
            "",
            f'[parties."{_escape(draft.display(group))}"]',
            f'role = "{draft.role(group)}"',
            "aliases = [" + ", ".join(f'"{_escape(a)}"' for a in draft.aliases(group)) + "]",
            "demonyms = [" + ", ".join(f'"{_escape(d)}"' for d in draft.demonyms(group)) + "]",
        ]
    return "\n".join(lines) + "\n"


class _Draft:
    """Names, their merging into parties, people's parties and mediation, read once from the parsed texts."""

    def __init__(self, docs):
        self.docs = docs
        self.capitals = _capitals()
        self.names: dict[str, _Name] = defaultdict(_Name)
        self.at: list[dict[int, str]] = []  # per text: token index -> key of the name it is part of
        self.mentions: list[tuple[int, object, str]] = []  # (text, span, key)
        for index, doc in enumerate(docs):
            self.at.append({})
            for ent in doc.ents:
                if ent.label_ in NAME_LABELS:
                    self._collect(index, ent)
        self.kind = self._kinds()
        self.parent = {key: key for key, kind in self.kind.items() if kind == "group"}
        self.country_of: dict[str, str] = {}  # root -> the country name a capital gave it
        self._merge_names()
        self.demonym_of = self._demonyms()
        self._merge_organs()
        self.owner = self._owners()
        self.mediating, self.siding = self._roles()

    # -- names -----------------------------------------------------------------------------------------

    def _collect(self, index: int, ent) -> None:
        text = _clean(ent.text)
        key = _key(text)
        if not key or not re.search(r"[a-z]", key) or re.search(r"(?:^| )\d+(?: |$)", key):
            return
        name = self.names[key]
        name.forms[text] += 1
        name.labels[ent.label_] += 1
        root = ent.root
        before = ent.doc[ent.start - 1] if ent.start > ent.sent.start else None
        name.free += not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE)
        name.determined += ent[0].lower_ == "the" or (before is not None and before.lower_ == "the")
        name.offices += len(ent) == 1 and (
            (ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in OFFICES)
            or (before is not None and before.lower_ == "of" and ent.start > 1 and ent.doc[ent.start - 2].lower_ in OFFICES)
        )
        self.mentions.append((index, ent, key))
        for token in ent:
            self.at[index][token.i] = key

    def _kinds(self) -> dict[str, str]:
        """Each name as a person, a group (a party or its name) or a nationality, by the votes of its mentions."""
        places = set(self.capitals) | {_key(c) for c in self.capitals.values()}

        def votes_person(key: str, name: _Name) -> bool:
            return key not in places and not name.determined and name.labels["PERSON"] * 2 >= name.count

        surnames = {k.split()[-1] for k, n in self.names.items() if " " in k and votes_person(k, n)}
        kinds = {}
        for key, name in self.names.items():
            if key not in places and (votes_person(key, name) or (key in surnames and not name.determined)):
                kinds[key] = "person"
            elif name.offices == name.count:
                continue
            elif key not in places and name.labels.most_common(1)[0][0] == "NORP":
                kinds[key] = "norp"
            else:
                kinds[key] = "group"
        return kinds

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = key = self.parent[self.parent[key]]
        return key

    def union(self, a: str, b: str) -> None:
        # The better-known name becomes the root, so a capital joins its country and not the reverse.
        a, b = self.find(a), self.find(b)
        if a != b:
            if (self.names[b].count if b in self.names else 0) > (self.names[a].count if a in self.names else 0):
                a, b = b, a
            self.parent[b] = a
            if b in self.country_of:
                self.country_of.setdefault(a, self.country_of.pop(b))

    def _merge_names(self) -> None:
        countries = {}
        for key in list(self.parent):
            country = self.capitals.get(key)
            if country:  # the capital's country may never be written; it still names the party
                countries[_key(country)] = country
                self.parent.setdefault(_key(country), _key(country))
                self.country_of.setdefault(_key(country), country)
                self.union(_key(country), key)
            for plural in (key + "s", key + "es"):
                if plural in self.parent:
                    self.union(key, plural)
        forms = {k: self.names[k].form if k in self.names else countries[k] for k in self.parent}
        for short in forms:
            for long in forms:
                if short != long and (_is_acronym_of(forms[short], forms[long]) or _is_formal_of(short, long)):
                    self.union(short, long)
        for _, span, key in self.mentions:
            other = _parenthesised(span)
            if key in self.parent and other:
                self.parent.setdefault(other, other)
                if other not in self.names:
                    self.names[other].forms[other.upper() if len(other) <= 6 else other] += 1
                    self.names[other].labels["ORG"] += 1
                self.union(key, other)

    def _is_place(self, root: str) -> bool:
        if root in self.country_of:
            return True
        members = [k for k in self.parent if self.find(k) == root and k in self.names]
        return any(self.names[k].labels["GPE"] >= self.names[k].count / 2 for k in members)

    def _demonyms(self) -> dict[str, str]:
        """Nationality adjectives ("Sudanese", "Israelis") -> the country's party, by how English forms them."""
        words: dict[str, set[str]] = defaultdict(set)
        for key in self.parent:
            root = self.find(key)
            if self._is_place(root):
                words[root] |= {w for w in key.split() if w not in FORMAL}
                words[root] |= {w for w in _key(self.country_of.get(root, "")).split() if w not in FORMAL}
        found = {}
        places = set(self.capitals) | {_key(c) for c in self.capitals.values()}
        for key, kind in self.kind.items():
            if kind == "person" or " " in key or key in places:
                continue
            roots = [r for r, ws in words.items() if key not in ws and any(_is_demonym(key, w) for w in ws)]
            if roots:  # "Sudanese" is Sudan's, not Port Sudan's: the better-known place
                found[key] = max(roots, key=lambda r: sum(self.names[k].count for k in self.members(r)))
                self.parent.pop(key, None)
        for key in list(self.parent):  # a demonym that was the root of others hands them back
            if self.parent[key] in found:
                self.parent[key] = key
        return found

    def _merge_organs(self) -> None:
        """'Sudanese Armed Forces', 'Government of Yemen', 'UN Security Council' -> that party, if it is one."""
        for key in list(self.parent):
            words = key.split()
            for cut in range(1, len(words)):
                head, rest = " ".join(words[:cut]), words[cut:]
                owner = self.demonym_of.get(head) or (self.find(head) if head in self.parent else None)
                if owner and any(w in ORGANS for w in rest):
                    self.union(owner, key)
                    break
            if len(words) > 2 and words[0] in ORGANS and words[1] == "of":
                tail = " ".join(words[2:])
                if tail in self.parent:
                    self.union(tail, key)
                elif tail in self.demonym_of:
                    self.union(self.demonym_of[tail], key)

    # -- what a token refers to ---------------------------------------------------------------------

    def ref(self, index: int, token) -> str | None:
        """The party a token names (by name or nationality), 'person:KEY' for a person, else None."""
        key = self.at[index].get(token.i)
        if key is None:
            return None
        if key in self.demonym_of:
            return self.find(self.demonym_of[key])
        if key in self.parent:
            return self.find(key)
        return f"person:{key}" if self.kind.get(key) == "person" else None

    def _first_ref(self, index: int, tokens, skip=()) -> str | None:
        for token in tokens:
            if token.i not in skip:
                found = self.ref(index, token)
                if found:
                    return found
        return None

    # -- people -------------------------------------------------------------------------------------

    def _owners(self) -> dict[str, str]:
        """Person key -> party, from each person's own title; a surname shares its full name's party."""
        votes: dict[str, Counter] = defaultdict(Counter)
        links: dict[str, Counter] = defaultdict(Counter)  # "an aide to Berri": Berri's party
        for index, span, key in self.mentions:
            if self.kind.get(key) != "person":
                continue
            found = self._title_owner(index, span)
            if found and found.startswith("person:"):
                links[_surname(key)][_surname(found[7:])] += 1
            elif found:
                votes[_surname(key)][found] += 1
        owner = {s: c.most_common(1)[0][0] for s, c in votes.items()}
        for surname, targets in links.items():
            target = targets.most_common(1)[0][0]
            if surname not in owner and target in owner:
                owner[surname] = owner[target]
        return {key: owner[_surname(key)] for key, kind in self.kind.items() if kind == "person" and _surname(key) in owner}

    def _title_owner(self, index: int, span) -> str | None:
        """The party in a person's title: before the name, or in an apposition, leftmost first; then 'of'/'for' phrases."""
        root = span.root
        inside = {t.i for t in span}
        heads = [root] + ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
        for head in heads:
            before = [t for t in head.subtree if t.i < head.i and t.i not in inside and t.sent == span.sent]
            found = self._first_ref(index, before)
            if found:
                return found
        for head in heads:
            for prep in head.children:
                # "an aide to Berri", "a spokesman for the Taliban"; never the person's own "to" (a verb's, often)
                for_whom = prep.lower_ in ("for", "to") and head is not root and head.lemma_.lower() not in POSTINGS
                if prep.dep_ == "prep" and (prep.lower_ == "of" or for_whom):
                    found = self._first_ref(index, prep.subtree, skip=inside)
                    if found:
                        return found
        return None

    # -- roles --------------------------------------------------------------------------------------

    def _roles(self) -> tuple[Counter, Counter]:
        """How often each party is the agent of mediation, and how often one of the sides."""
        mediating: Counter = Counter()
        siding: Counter = Counter()
        for index, doc in enumerate(self.docs):
            for token in doc:
                lemma = token.lemma_.lower()
                if lemma in MEDIATION or (lemma in CONVENING and self._about_talks(token)):
                    for party in self._agents(index, token):
                        mediating[party] += 1
                if token.lower_ == "between" or (token.lower_ == "with" and token.head.lemma_.lower() in SIDES_OF):
                    for obj in (c for c in token.children if c.dep_ == "pobj"):
                        for part in (obj, *obj.conjuncts):
                            party = self._party(index, self.ref(index, part))
                            if party:
                                siding[party] += 1
        return mediating, siding

    @staticmethod
    def _about_talks(token) -> bool:
        governed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(t.lemma_.lower() in TALKS or t.lower_ in TALKS for t in [token.head, *governed])

    def _agents(self, index: int, cue) -> set[str]:
        """Who mediates: 'Egyptian mediation', 'US-brokered', 'hosted by X and Y', 'X, which mediated', 'X is the mediator'."""
        agents = []
        for child in cue.children:
            if child.dep_ in ("nsubj", "compound", "amod", "nmod", "poss", "npadvmod"):
                agents.append(child)
            elif child.dep_ in ("agent", "prep") and child.lower_ in ("by", "of"):
                agents += [g for g in child.children if g.dep_ == "pobj"]
        if cue.dep_ == "relcl":
            agents.append(cue.head)
        if cue.dep_ == "attr":
            agents += [c for c in cue.head.children if c.dep_ == "nsubj"]
        parties = set()
        for agent in agents:
            for part in (agent, *agent.conjuncts):
                party = self._party(index, self.ref(index, part) or self._first_ref(index, part.subtree))
                if party:
                    parties.add(party)
        return parties

    def _party(self, index: int, found: str | None) -> str | None:
        if found and found.startswith("person:"):
            return self.owner.get(found[7:])
        return found

    # -- the draft ----------------------------------------------------------------------------------

    def members(self, root: str) -> list[str]:
        return sorted((k for k in self.parent if k in self.names and self.find(k) == root), key=lambda k: -self.names[k].count)

    def parties(self) -> list[str]:
        """The parties, most active first: mentions that act, nationality adjectives and officials all count."""
        score: Counter = Counter()
        mentions: Counter = Counter()
        for key in self.parent:
            if key in self.names:
                score[self.find(key)] += self.names[key].free
                mentions[self.find(key)] += self.names[key].count
        for key, root in self.demonym_of.items():
            score[self.find(root)] += self.names[key].count
        for key, root in self.owner.items():
            score[self.find(root)] += self.names[key].count
        ranked = sorted((r for r in score if score[r] > 0 and self.members(r)), key=lambda r: (-score[r], -mentions[r], r))
        return ranked[:MAX_PARTIES]

    def display(self, root: str) -> str:
        """A country's own name over its capital or acronym; otherwise the longest of the common spellings."""
        members = self.members(root)
        country = self.country_of.get(root)
        if country and (_key(country) in members or not any(k not in self.capitals for k in members)):
            return country
        names = [k for k in members if k not in self.capitals and not _acronym(self.names[k].form)] or members
        top = self.names[names[0]].count
        return self.names[max((k for k in names if self.names[k].count * 2 >= top), key=len)].form

    def aliases(self, root: str) -> list[str]:
        name = self.display(root)
        names = [self.names[k].form for k in self.members(root)]
        people = sorted((k for k, r in self.owner.items() if self.find(r) == root), key=lambda k: (-self.names[k].count, k))
        return list(dict.fromkeys([name, *names, *(self.names[k].form for k in people[:MAX_PEOPLE])]))

    def demonyms(self, root: str) -> list[str]:
        return sorted({self.names[k].form for k, r in self.demonym_of.items() if self.find(r) == root})

    def role(self, root: str) -> str:
        return "mediator" if self.mediating[root] > self.siding[root] else "belligerent"


# -- helpers ------------------------------------------------------------------------------------------


@cache
def _capitals() -> dict[str, str]:
    """Capital key -> country, from assets/lang/en/capitals.toml."""
    data = tomllib.loads((assets_dir() / "lang" / "en" / "capitals.toml").read_text(encoding="utf-8"))
    return {_key(city): country for city, country in data["capitals"].items()}


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = re.sub(r"['\u2019]s?$", "", text)
    return re.sub(r"^[^\w]+|[^\w.]+$", "", text)


def _key(text: str) -> str:
    """Case, dots and apostrophe shapes do not make another name: 'U.S.' is 'US', 'Sudan’s' is "Sudan's"."""
    return re.sub(r"\s+", " ", text.replace(".", "").replace("\u2019", "'")).strip().lower()


def _surname(key: str) -> str:
    return key.split()[-1]


def _acronym(form: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.?){2,6}", form))


def _initials(form: str) -> str:
    """'Tigray People's Liberation Front' -> 'tplf'; a word in capitals gives all its letters ('DR Congo' -> 'drc')."""
    words = [w for w in re.split(r"[\s-]+", _key(form)) if w not in STOPWORDS]
    shown = [w for w in re.split(r"[\s-]+", form.replace(".", "")) if w.lower() not in STOPWORDS]
    return "".join(k if s.isupper() and len(s) > 1 else k[:1] for k, s in zip(words, shown, strict=True))


def _is_acronym_of(short: str, long: str) -> bool:
    """'RSF' ~ 'Rapid Support Forces', 'DRC' ~ 'DR Congo' ~ 'Democratic Republic of Congo', 'U.S.' ~ 'United States'."""
    if not _acronym(short) or len(re.split(r"[\s-]+", long)) < 2:
        return False
    return _initials(long) == _key(short)


def _is_formal_of(short: str, long: str) -> bool:
    """'Armenia' ~ 'Republic of Armenia', 'Congo' ~ 'DR Congo': the long name only adds formal words."""
    words, extra = long.split(), len(long.split()) - len(short.split())
    return extra > 0 and words[extra:] == short.split() and all(w in FORMAL for w in words[:extra])


def _is_demonym(word: str, place: str) -> bool:
    """'Israeli' ~ 'Israel', 'Sudanese' ~ 'Sudan', 'Lebanese' ~ 'Lebanon', 'Turkish' ~ 'Turkey', 'Afghan' ~ 'Afghanistan'."""
    word = word[:-1] if word.endswith("s") and len(word) > 5 else word
    if len(place) < 4 or word == place:
        return False
    if len(word) >= 5 and place.startswith(word) and place[len(word):] in ("istan", "stan"):
        return True
    for cut in range(0, 3):
        stem, ending = place[: len(place) - cut], word[len(place) - cut:]
        # nothing added only where a final "y" went ("German"); "Angola" is no demonym of "Angolan"
        if word.startswith(stem) and ending in DEMONYM_ENDINGS and (ending or place[len(stem):] == "y"):
            return True
    return False


def _parenthesised(span) -> str | None:
    """The acronym a name is given in brackets right after it: 'Rapid Support Forces (RSF)', '(Estado Mayor Central-EMC)'."""
    match = re.match(r"\s*\(([^()\n]{1,60})\)", span.doc.text[span.end_char:span.end_char + 64])
    if not match:
        return None
    last = re.split(r"[\s-]+", match.group(1).strip())[-1]
    return _key(last) if re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", last) else None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
