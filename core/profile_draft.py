"""Draft a conflict profile from articles: the parties the NER finds, their names, officials, demonyms and roles.

The draft is a starting point the user edits, so it would rather leave a name
out than file it under the wrong party. spaCy's labels are noisy, so a name is
typed by the votes of all its mentions; the names of one party are merged (a
country, its capital, its acronym, its organs: "Sudanese Armed Forces" goes
under Sudan when Sudan is a party); a person goes to the party their own title
names ("Lebanese foreign minister X", "X, a spokesman for Y", "Ukraine's X"),
not to whatever organisation is nearest; a party the text has mediating,
brokering or hosting the talks is a mediator. The English word lists are in
`assets/lang/en/profile_draft.toml`, the world's capitals in `capitals.toml`.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from .lexicon import words

MAX_PARTIES = 10
MAX_PEOPLE = 12
NAME_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})


@dataclass
class _Name:
    """One name over all its mentions in the texts."""

    forms: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    free: int = 0  # mentions that are not only a place ("in Gaza", "the town of X", a dateline)
    determined: int = 0  # mentions after "the": a group, never a person ("the Houthis")
    portfolios: int = 0  # "Interior" in "Interior Minister"
    media: int = 0  # "told Reuters", "according to RBC", "(Xinhua) -"

    @property
    def count(self) -> int:
        return sum(self.labels.values())

    @property
    def form(self) -> str:
        # "Istanbul" over the dateline's "ISTANBUL"
        return max(self.forms, key=lambda f: (not (f.isupper() and len(f) > 6), self.forms[f], f))


def draft_profile(texts: list[str], title: str = "Draft profile") -> str:
    """TOML text of a starter profile for the articles."""
    from .nlp import chunks, load_pipeline

    nlp = load_pipeline(None).nlp
    draft = _Draft(list(nlp.pipe(piece for text in texts for _, piece in chunks(text))))
    lines = [
        "# A starter profile drafted by `ceasetalk profile draft`: check every party, its role and the",
        "# officials filed under it, and add the epithets the news uses for each (\"the militant group\").",
        f'title = "{_escape(title)}"',
    ]
    written = set()
    for root in draft.parties():
        name = draft.display(root)
        if name.lower() in written:
            continue
        written.add(name.lower())
        lines += [
            "",
            f'[parties."{_escape(name)}"]',
            f'role = "{draft.role(root)}"',
            "aliases = [" + ", ".join(f'"{_escape(a)}"' for a in draft.aliases(root)) + "]",
            "demonyms = [" + ", ".join(f'"{_escape(d)}"' for d in draft.demonyms(root)) + "]",
        ]
    return "\n".join(lines) + "\n"


class _Draft:
    """Names, their merging into parties, people's parties and mediation, read once from the parsed texts.

    Names are keyed by `_key` and merged with a union-find (`parent`); a party is a root of it."""

    def __init__(self, docs):
        self.docs = docs
        self.words = _words()
        self.capitals = _capitals()
        self.places = set(self.capitals) | {_key(c) for c in self.capitals.values()}
        self.names: dict[str, _Name] = defaultdict(_Name)
        self.at: list[dict[int, str]] = [{} for _ in docs]  # per text: token index -> key of the name it is in
        self.mentions: list[tuple[int, object, str]] = []  # (text, span, key)
        for index, doc in enumerate(docs):
            for ent in doc.ents:
                if ent.label_ in NAME_LABELS:
                    self._collect(index, ent, ent.label_)
        self._collect_untagged()
        self.kind = self._kinds()
        self.parent = {key: key for key, kind in self.kind.items() if kind == "group"}
        self.countries: dict[str, str] = {}  # key -> country, for each country the capitals table named
        self.country_of: dict[str, str] = {}  # root -> that country, moved along as roots merge
        self.organs: set[str] = set()
        self._merge_names()
        self.demonym_of = self._demonyms()
        self._merge_organs()
        self.owner = self._owners()
        self.mediating, self.siding = self._roles()

    # -- names -----------------------------------------------------------------------------------------

    def _collect(self, index: int, span, label: str) -> None:
        w = self.words
        text = _clean(span.text)
        if _honorific().match(text):  # "Field Marshal X" taken for an organisation is a person
            text, label = _honorific().sub("", text), "PERSON"
        key = _key(text)
        if not re.search(r"[A-Z]", text) or re.search(r"(?:^| )\d+(?: |$)", key):
            return  # "revolutionary armed organization", "Resolution 1701": no party's name
        root, doc = span.root, span.doc
        before = doc[span.start - 1] if span.start > span.sent.start else None
        place = (
            (root.dep_ in ("compound", "appos") and root.head.lemma_.lower() in w.place_nouns)
            or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in w.place_nouns)
        )
        titled = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        if key not in self.places and any(t.lemma_.lower() in w.personal_titles for t in titled):
            label = "PERSON"  # "X, Kosovo's foreign minister" is a person, whatever the NER said
        locative = root.dep_ == "pobj" and (root.head.lower_ in w.locative or (root.head.lower_ == "to" and key in self.capitals))
        name = self.names[key]
        name.forms[text] += 1
        name.labels["GPE" if place else label] += 1
        name.free += not (place or locative or _dateline(span))
        # "the Houthis", but not "the Trump administration"
        name.determined += root.dep_ not in ("compound", "amod", "nmod") and (
            span[0].lower_ == "the" or (before is not None and before.lower_ == "the"))
        after = doc[span.end] if span.end < len(doc) else None
        beyond = doc[span.start - 2] if before is not None and span.start > 1 else None
        name.portfolios += len(span) == 1 and (
            (after is not None and after.lower_ in w.portfolio_heads)
            or (before is not None and before.lower_ == "of" and beyond is not None and beyond.lower_ in w.portfolio_heads)
        )
        name.media += (
            (root.dep_ in ("dobj", "dative") and root.head.lemma_ == "tell")
            or (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according")
            or doc[span.end: span.end + 2].text.lower().startswith(("news agency", "agency"))
            or (before is not None and before.text == "(" and bool(re.match(r"\)\s*[-–—]", doc.text[span.end_char:])))
            or bool(w.media_words & set(re.split(r"[\s/-]+", key)))
        )
        self.mentions.append((index, span, key))
        for token in span:
            self.at[index][token.i] = key

    def _collect_untagged(self) -> None:
        """Names the NER left out: a capital ("Pristina said"), or an acronym ("AU") the texts also spell out."""
        spelled = {_initials(n.form, self.words) for k, n in self.names.items() if len(re.split(r"[\s-]+", k)) > 1}
        for index, doc in enumerate(self.docs):
            for size in (3, 2, 1):
                for start in range(len(doc) - size + 1):
                    span = doc[start: start + size]
                    if any(t.i in self.at[index] for t in span) or not span.text[:1].isupper():
                        continue
                    if _key(span.text) in self.capitals and span.root.dep_ != "compound":  # not the "Nairobi Process"
                        self._collect(index, span, "GPE")
                    elif size == 1 and _acronym(span.text) and _key(span.text) in spelled:
                        self._collect(index, span, "ORG")

    def _kinds(self) -> dict[str, str]:
        """Each name as a person, a group (a party or one of its names) or a nationality, by its mentions' votes.

        A surname of a person is a person whatever its own votes ("Prada said", tagged an organisation); a word
        formed like a nationality of a place in the texts or the capitals table never is ("Azerbaijani military")."""
        place_words = {w for k, n in self.names.items() if n.labels["GPE"] * 2 > n.count for w in k.split()}
        place_words |= {w for c in self.capitals.values() for w in _key(c).split()}

        def votes_person(key: str, name: _Name) -> bool:
            if key in self.places or name.determined or name.labels["PERSON"] * 2 < name.count:
                return False
            return " " in key or not any(_is_demonym(key, w, self.words.demonym_endings) for w in place_words)

        surnames = {k.split()[-1] for k, n in self.names.items() if " " in k and votes_person(k, n)}
        kinds = {}
        for key, name in self.names.items():
            if key not in self.places and (votes_person(key, name) or (key in surnames and not name.determined)):
                kinds[key] = "person"
            elif name.portfolios == name.count:
                continue
            elif key not in self.places and name.labels.most_common(1)[0][0] == "NORP":
                kinds[key] = "norp"
            else:
                kinds[key] = "group"
        return kinds

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = key = self.parent[self.parent[key]]
        return key

    def union(self, a: str, b: str) -> None:
        # The more mentioned name becomes the root, so a capital joins its country and not the reverse.
        a, b = self.find(a), self.find(b)
        if a != b:
            if (self.names[b].count if b in self.names else 0) > (self.names[a].count if a in self.names else 0):
                a, b = b, a
            self.parent[b] = a
            if b in self.country_of:
                self.country_of.setdefault(a, self.country_of.pop(b))

    def _add_country(self, country: str) -> str:
        """A country the capitals table names (for a capital or a nationality), as a name of its own."""
        key = _key(country)
        self.countries[key] = country
        if key not in self.parent:
            self.parent[key] = key
            self.country_of[key] = country
        return key

    def _merge_names(self) -> None:
        """Capitals into countries, plurals, acronyms and formal names, 'the Alliance', '(RSF)', 'known as'."""
        for key in list(self.parent):
            if key in self.capitals:  # the capital's country may never be written; it still names the party
                self.union(self._add_country(self.capitals[key]), key)
            for plural in (key + "s", key + "es"):
                if plural in self.parent:
                    self.union(key, plural)
        forms = {k: self.names[k].form if k in self.names else self.countries[k] for k in self.parent}
        for short in forms:
            tails = [long for long in forms if long != short and long.split()[-1] == short]
            name = self.names.get(short)
            if len(tails) == 1 and name and name.labels["GPE"] * 2 < name.count:
                self.union(short, tails[0])  # "the Alliance" after "the Three Brotherhood Alliance"
            for long in forms:
                if short != long and (_is_acronym_of(forms[short], forms[long], self.words)
                                      or _is_formal_of(short, long, self.words)):
                    self.union(short, long)
        for _, span, key in self.mentions:
            other = _parenthesised(span)
            if key in self.parent and other:
                if other not in self.names:
                    self.names[other].forms[other.upper()] += 1
                    self.names[other].labels["ORG"] += 1
                    self.parent[other] = other
                if other in self.parent:
                    self.union(key, other)
        for index, doc in enumerate(self.docs):
            for token in doc:
                self._merge_known_as(index, token)

    def _merge_known_as(self, index: int, token) -> None:
        """'Ansarallah, the rebel group better known as the Houthis': two names of one party."""
        if token.lemma_ not in ("know", "call") or token.head is token:
            return
        named = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "as" for g in p.children if g.dep_ == "pobj"]
        noun, doc = token.head, token.doc
        beside = [noun, noun.head if noun.dep_ == "appos" else noun]  # the name the described noun stands beside
        if noun.left_edge.i > 1 and doc[noun.left_edge.i - 1].text == ",":
            beside.append(doc[noun.left_edge.i - 2])
        first = next((self.at[index][t.i] for t in beside if self.at[index].get(t.i) in self.parent), None)
        for other in named:
            second = self.at[index].get(other.i)
            if first in self.parent and second in self.parent:
                self.union(first, second)

    def _is_place(self, root: str) -> bool:
        return root in self.country_of or any(self.names[k].labels["GPE"] * 2 >= self.names[k].count for k in self.members(root))

    def _demonyms(self) -> dict[str, str]:
        """Nationality adjectives ("Sudanese", "Israelis") -> their country's party, by how English forms them.

        A nationality whose country is never written is looked up among the capitals table's countries:
        "Turkish Foreign Minister X" can make Turkey a party (if it has officials, see `parties`)."""
        stems: dict[str, set[str]] = defaultdict(set)  # place root -> the words of its names
        for key in self.parent:
            root = self.find(key)
            if self._is_place(root):
                stems[root] |= {w for w in re.split(r"[\s-]+", key) if w not in self.words.formal_words}
        endings = self.words.demonym_endings
        found = {}
        for key, kind in self.kind.items():
            if kind == "person" or " " in key or key in self.places:
                continue
            own = self.find(key) if key in self.parent else None
            roots = [r for r, ws in stems.items()
                     if r != own and (any(_is_demonym(key, w, endings) for w in ws) or (kind == "norp" and key in ws))]
            if roots:  # "Sudanese" is Sudan's, not Port Sudan's: the more mentioned place
                found[key] = max(roots, key=lambda r: sum(self.names[k].count for k in self.members(r)))
            elif kind == "norp":
                countries = {c for c in self.capitals.values() if any(_is_demonym(key, w, endings) for w in _key(c).split())}
                if len(countries) == 1:
                    found[key] = self._add_country(countries.pop())
        for key in found:
            self.parent.pop(key, None)
        for key in list(self.parent):  # a nationality that was the root of others hands them back
            if self.parent[key] in found:
                self.parent[key] = key
        return found

    def _merge_organs(self) -> None:
        """'Sudanese Armed Forces', 'Government of Yemen', 'the Taliban's Prisoners Commission' -> that party,
        when it is written in the texts (not only known from a nationality)."""
        organs = self.words.organs

        def written_party(name: str) -> str | None:
            owner = self.demonym_of.get(name) or (name if name in self.parent else None)
            return owner if owner and self.members(self.find(owner)) else None

        def merge(owner: str | None, key: str) -> bool:
            if owner:
                self.union(owner, key)
                self.organs.add(key)
            return bool(owner)

        for key in [k for k in self.parent if k in self.names]:
            words = key.split()
            if any(merge(written_party(" ".join(words[:cut])), key) for cut in range(1, len(words)) if organs & set(words[cut:])):
                continue
            if len(words) > 2 and words[0] in organs and words[1] == "of":
                merge(written_party(" ".join(words[2:])), key)
        for index, span, key in self.mentions:
            doc = span.doc
            if key in self.parent and span.start > 1 and doc[span.start - 1].tag_ == "POS" and organs & set(key.split()):
                owner = self.ref(index, doc[span.start - 2])
                merge(owner if owner and not owner.startswith("person:") else None, key)

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
        return next((found for t in tokens if t.i not in skip and (found := self.ref(index, t))), None)

    def _party(self, found: str | None) -> str | None:
        """A party for a reference: a person's is their own party."""
        if found and found.startswith("person:"):
            return self.owner.get(found[7:])
        return found

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
        """The party a person's title names, leftmost first ('US Special Envoy for Sudan X' is the US's): before the
        name, in an apposition ('X, the Speaker of the Lebanese Parliament'), in 'of'/'for'/'to', or 'led by X'."""
        officials = self.words.officials
        root, doc = span.root, span.doc
        inside = {t.i for t in span}
        heads = [root] + ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
        heads = [h for h in heads if h.sent == span.sent]
        for head in heads:
            before = [t for t in head.subtree if t.i < head.i and t.i not in inside]
            title = head
            if head is root:  # the word before the name, past a first name the NER left out ("Minister Rustem X")
                at = span.start - 1
                while at > span.sent.start and self._part_of_name(index, doc[at]):
                    at -= 1
                if at not in {t.i for t in before}:
                    continue
                title = doc[at]
            if title.tag_ == "POS" or title.i in self.at[index] or title.lemma_.lower() in officials:
                found = self._first_ref(index, before)
                if found:
                    return found
        led = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "by" else None
        if led is not None and led.lemma_ in ("lead", "head") and led.dep_ == "acl":  # "Russia's delegation, led by X"
            group = led.head
            found = self.ref(index, group) or self._first_ref(index, [t for t in group.subtree if t.i < group.i])
            if found:
                return found
        for head in heads[1:]:
            if head.lemma_.lower() not in officials:
                continue
            for prep in head.children:
                for_whom = prep.lower_ in ("for", "to") and head.lemma_.lower() not in self.words.postings
                if prep.dep_ == "prep" and (prep.lower_ == "of" or for_whom):
                    found = self._first_ref(index, prep.subtree, skip=inside)
                    if found:
                        return found
        return None

    def _part_of_name(self, index: int, token) -> bool:
        return token.pos_ == "PROPN" and token.i not in self.at[index] and token.lemma_.lower() not in self.words.officials

    # -- roles --------------------------------------------------------------------------------------

    def _roles(self) -> tuple[Counter, Counter]:
        """How often each party is the agent of mediation, and how often one of two sides."""
        w = self.words
        mediating: Counter = Counter()
        siding: Counter = Counter()
        for index, doc in enumerate(self.docs):
            for token in doc:
                lemma = token.lemma_.lower()
                if lemma in w.mediation or (lemma in w.convening and self._about_talks(token)):
                    mediating.update(self._agents(index, token))
                if token.lower_ == "between" or (token.lower_ == "with" and token.head.lemma_.lower() in w.sides_of):
                    for obj in (c for c in token.children if c.dep_ == "pobj"):
                        parts = (obj, *obj.conjuncts)
                        if token.lower_ == "with" or len(parts) == 2:  # "between Israel, Egypt, Qatar and the US": no sides
                            siding.update({p for part in parts if (p := self._party(self.ref(index, part)))})
        return mediating, siding

    def _about_talks(self, token) -> bool:
        governed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(t.lemma_.lower() in self.words.talks or t.lower_ in self.words.talks for t in [token.head, *governed])

    def _agents(self, index: int, cue) -> set[str]:
        """Who mediates: 'Egyptian mediation', 'US-brokered', 'hosted by X and Y', 'X, which mediated', 'X is the mediator'."""
        # of the words before the cue only the first is the agent: "the UN's Yemen envoy" is the UN's
        modifiers = [c for c in cue.children if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod") and c.i < cue.i]
        agents = modifiers[:1]
        for child in cue.children:
            if child.dep_ == "nsubj":
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
                # "the command of the Russian contingent" names its party inside; an unknown proper name does not
                found = self.ref(index, part) or (self._first_ref(index, part.subtree) if part.pos_ != "PROPN" else None)
                if party := self._party(found):
                    parties.add(party)
        return parties

    # -- the draft ----------------------------------------------------------------------------------

    def members(self, root: str) -> list[str]:
        """The written names of a party, most mentioned first."""
        return sorted((k for k in self.parent if k in self.names and self.find(k) == root), key=lambda k: -self.names[k].count)

    def people(self, root: str) -> list[str]:
        return sorted((k for k, r in self.owner.items() if self.find(r) == root), key=lambda k: (-self.names[k].count, k))

    def parties(self) -> list[str]:
        """The parties, most active first: mentions that act, nationality adjectives and officials all count.

        Outlets go; so does a country known only by its nationality unless it has officials in the texts."""
        score: Counter = Counter()
        mentions: Counter = Counter()
        media: Counter = Counter()
        for key in self.parent:
            if key in self.names:
                root = self.find(key)
                score[root] += self.names[key].free
                mentions[root] += self.names[key].count
                media[root] += self.names[key].media
        for key, root in self.demonym_of.items():
            score[self.find(root)] += self.names[key].count
        for key, root in self.owner.items():
            score[self.find(root)] += self.names[key].count
        ranked = sorted(
            (r for r in score if score[r] > 0 and media[r] * 2 < max(mentions[r], 1) and (self.members(r) or self.people(r))),
            key=lambda r: (-score[r], -mentions[r], r),
        )
        return ranked[:MAX_PARTIES]

    def display(self, root: str) -> str:
        """The country's name as written; else a plain name (the longest of the common ones); else the country the
        capitals table gives; else an organ, an acronym or a capital."""
        members = self.members(root)
        plain = [k for k in members if k not in self.capitals and k not in self.organs and not _acronym(self.names[k].form)]
        country = self.country_of.get(root)
        if country and (not plain or _key(country) in members):
            return country
        pool = plain or [k for k in members if k not in self.organs] or members
        top = self.names[pool[0]].count
        return self.names[max((k for k in pool if self.names[k].count * 2 >= top), key=len)].form

    def aliases(self, root: str) -> list[str]:
        names = [self.names[k].form for k in self.members(root)]
        people = [self.names[k].form for k in self.people(root)[:MAX_PEOPLE]]
        return list(dict.fromkeys([self.display(root), *names, *people]))

    def demonyms(self, root: str) -> list[str]:
        return sorted({self.names[k].form for k, r in self.demonym_of.items() if self.find(r) == root})

    def role(self, root: str) -> str:
        return "mediator" if self.mediating[root] and self.mediating[root] >= self.siding[root] else "belligerent"


# -- data and helpers ---------------------------------------------------------------------------------


def _words() -> SimpleNamespace:
    """The word lists of assets/lang/en/profile_draft.toml (through the one lexicon)."""
    return words("profile_draft")


@cache
def _capitals() -> dict[str, str]:
    """Capital (or seat of government) key -> country, from assets/lang/en/capitals.toml."""
    return {_key(city): country for table in words("capitals")._table.values() for city, country in table.items()}


@cache
def _honorific() -> re.Pattern:
    titles = sorted(_words().honorifics, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles) + r")\s+(?=[A-Z])", re.IGNORECASE)


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


def _initials(form: str, words: SimpleNamespace) -> str:
    """'Tigray People's Liberation Front' -> 'tplf'; a word in capitals gives all its letters ('DR Congo' -> 'drc')."""
    kept = [w for w in re.split(r"[\s-]+", form.replace(".", "")) if w and w.lower() not in words.acronym_skips]
    return "".join(w.lower() if w.isupper() and len(w) > 1 else w[:1].lower() for w in kept)


def _is_acronym_of(short: str, long: str, words: SimpleNamespace) -> bool:
    """'RSF' ~ 'Rapid Support Forces', 'DRC' ~ 'DR Congo' ~ 'Democratic Republic of Congo', 'U.S.' ~ 'United States'."""
    return _acronym(short) and len(re.split(r"[\s-]+", long)) > 1 and _initials(long, words) == _key(short)


def _is_formal_of(short: str, long: str, words: SimpleNamespace) -> bool:
    """'Armenia' ~ 'Republic of Armenia', 'Congo' ~ 'DR Congo': the long name only adds formal words."""
    long_words, extra = long.split(), len(long.split()) - len(short.split())
    return extra > 0 and long_words[extra:] == short.split() and all(w in words.formal_words for w in long_words[:extra])


def _is_demonym(word: str, place: str, endings: frozenset[str]) -> bool:
    """'Israeli' ~ 'Israel', 'Sudanese' ~ 'Sudan', 'Lebanese' ~ 'Lebanon', 'Turkish' ~ 'Turkey', 'Afghan' ~
    'Afghanistan', 'Thai' ~ 'Thailand'; not 'Angola' ~ 'Angolan' nor 'Australian' ~ 'Austria'."""
    word = word[:-1] if word.endswith("s") and len(word) > 5 else word
    if len(place) < 4 or word == place:
        return False
    if len(word) >= 5 and place.startswith(word) and place[len(word):] in ("istan", "stan"):
        return True
    if place.endswith("land") and len(place) > 6 and word.startswith(place[:-4]) and word[len(place) - 4:] in ("", "ish", "nish"):
        return True
    for cut in range(0, 3):
        stem, ending = place[: len(place) - cut], word[len(place) - cut:]
        # nothing added only where a final "y" went ("German")
        if word.startswith(stem) and ending in endings and (ending or place[len(stem):] == "y"):
            return True
    return False


def _dateline(span) -> bool:
    """'DAKAR – ...', 'KABUL/WASHINGTON (Reuters) - ...': where the reporter filed from, at the head of a paragraph."""
    text = span.doc.text
    head = text[text.rfind("\n", 0, span.start_char) + 1: span.start_char]
    return span.text.isupper() and re.fullmatch(r"[\sA-Z/]*", head) is not None and bool(
        re.match(r"\s*(?:[(,:]|[-–—])", text[span.end_char:]))


def _parenthesised(span) -> str | None:
    """The acronym a name is given in brackets right after it: 'Rapid Support Forces (RSF)', '(Estado Mayor Central-EMC)'."""
    match = re.match(r"\s*\(([^()\n]{1,60})\)", span.doc.text[span.end_char: span.end_char + 64])
    if not match:
        return None
    last = re.split(r"[\s-]+", match.group(1).strip())[-1]
    return _key(last) if re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", last) else None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
