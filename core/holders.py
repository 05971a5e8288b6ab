"""Who holds a position, and what the article has said so far that tells.

A cue's holder is found through the parse: the subject of its verb, the agent of a
passive, the possessor of a cue noun ("its demand"), "from X" / "for X" opening the
sentence, "according to X", the speaker of reported speech or of a quotation over several
sentences, or, for pronouns, epithets ("the militant group") and documents ("the
statement"), the party last named as a subject, which `Context` remembers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .lexicon import Cues as Lexicon
from .lexicon import words
from .mentions import FORCE_NOUNS, PartyMention
from .nlp import PARTY_LABEL
from .quotes import quotations
from .text import stem

if TYPE_CHECKING:
    from .positions import Cue

_W = words("positions")  # assets/lang/en/positions.toml: what each list is for is said there
BOTH_SIDES, MAKING_VERBS, EPITHETS, DOCUMENTS = _W.both_sides, _W.making_verbs, _W.epithets, _W.documents
SPEAKING_NOUNS, PRONOUNS, PRESSING_VERBS, FIRST_PERSON = _W.speaking_nouns, _W.pronouns, _W.pressing_verbs, _W.first_person
AGENT_NOUNS = SPEAKING_NOUNS | FORCE_NOUNS | _W.acting_nouns  # through whom a party acts
OWNED_VOICES = AGENT_NOUNS | DOCUMENTS  # "his men", "their note": the party the possessive stands for speaks
LEADING_VERBS, BYSTANDER_NOUNS = _W.leading_verbs, _W.bystander_nouns


class Holder(NamedTuple):
    """Who holds a position, the words that name them, and how they were found."""

    party: str
    actor: str | None
    how: str

    def why(self) -> str:
        return f'holder {self.party}: {self.how} "{self.actor}"' if self.actor else f"holder {self.party}: {self.how}"


@dataclass
class Context:
    """What the article has said so far: for pronouns and back-references."""

    last_subject: PartyMention | None = None
    last_mention: PartyMention | None = None
    previous_demands: list[tuple[str, str]] = field(default_factory=list)
    previous_offers: list[tuple[str, str]] = field(default_factory=list)  # the last offer made, other than a truce
    previous_issues: list[str] = field(default_factory=list)
    sentence_mentions: list[PartyMention] = field(default_factory=list)
    recent: list[PartyMention] = field(default_factory=list)  # the parties named so far, latest last
    holders_of: dict[int, set[str]] = field(default_factory=dict)  # issue mention start -> parties holding it
    belligerents: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)  # party -> belligerent or mediator
    belligerents_named: list[tuple[str, str]] = field(default_factory=list)  # most recent last, one per party
    quote_speaker: list[Holder] = field(default_factory=list)  # who speaks the quotation this sentence is in
    sections: list[tuple[int, int, list[Holder]]] = field(default_factory=list)  # listed lines and their party
    deal_issue: str = "temporary_truce"  # what "the agreement" is: the last deal named with its issue ("peace deal")
    deals_named: dict[str, str] = field(default_factory=dict)  # deal noun -> the issue it was last named with


def find_holders(cue: Cue, sent, mentions: list[PartyMention], lex: Lexicon, ctx: Context) -> list[Holder]:
    token = cue.token
    if cue.kind == "noun":
        found = _noun_holders(token, sent, mentions, ctx)
        if found:
            return found
        if cue.stance in ("offer",) and not (token.head.pos_ in ("VERB", "AUX") and stem(token.head) in MAKING_VERBS):
            return []
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return _from_prefix(sent, mentions) or _section_of(token, ctx)
        token = verb
    if cue.kind in ("no-deal", "impersonal"):
        # "X will not accept A, and there is no question of B": the frame is X's, as A is
        joined = _unique([h for s in _subjects(token.head) for h in _parties_in(s, mentions, "subject of the clause joined")]
                         if token.dep_ == "conj" else [])
        return (_speaker(token, mentions, lex, ctx) or joined or _according_to(sent, mentions)
                or _from_prefix(sent, mentions) or ctx.quote_speaker or _section_of(token, ctx))
    subjects = _subjects(token)
    if all(s.is_punct for s in subjects) and (section := _section_of(token, ctx)):
        return section  # "* Demands the withdrawal of ...", listed under its party's heading (the bullet no subject)
    found = _unique([h for s in subjects for h in _parties_in(s, mentions, "subject")])
    if found:
        return found
    found = _unique([h for s in subjects for h in _resolve(s, ctx)])
    if found:
        return found
    found = _unique([h for s in subjects if stem(s) in OWNED_VOICES for c in s.children if c.dep_ == "poss"
                     for h in _resolve(c, ctx)])
    if found:
        return found  # "his men would keep their weapons", "their note asked for ...": the party "his" stands for
    if any(stem(s) in BYSTANDER_NOUNS and s.dep_ == "nsubj" for s in subjects):
        return []  # "24 million people will require aid": they are no party, and not the one reporting it
    found = _named_before(token, mentions)
    if found:
        return found
    reported = _speaker(token, mentions, lex, ctx) or _according_to(sent, mentions) or _from_prefix(sent, mentions)
    if cue.stance == "accept" and (not reported or all(ctx.roles.get(h.party) == "mediator" for h in reported)):
        # "a ceasefire has been agreed, the UN envoy said": the parties agreed, not the one reporting it
        return _both_sides(ctx, f'"{token.text}" with no party as subject: the two sides last named')
    return reported


def _unique(holders: list[Holder]) -> list[Holder]:
    seen: set[str] = set()
    return [h for h in holders if not (h.party in seen or seen.add(h.party))]


def _named_before(token, mentions: list[PartyMention]) -> list[Holder]:
    """Parties named right before a verb that the parse gave no subject ("Following talks in
    Moscow, Azerbaijan and Armenia agreed ...", parsed as conjuncts of "Moscow"): only names,
    commas and "and" may stand between them and the verb."""
    doc = token.doc
    found, k = [], token.i - 1
    while k >= token.sent.start:
        mention = next((m for m in mentions if m.end - 1 == k), None)
        if mention is not None and doc[k].dep_ != "pobj":
            found.append(Holder(mention.party, mention.text, "named right before the verb"))
            k = mention.start - 1
        elif doc[k].lower_ in (",", "and", "&") or doc[k].pos_ == "DET":
            k -= 1
        else:
            break
    return _unique(found[::-1])


def _both_sides(ctx: Context, how: str) -> list[Holder]:
    if len(ctx.belligerents_named) < 2:
        return []
    return [Holder(party, text, how) for party, text in ctx.belligerents_named[-2:]]


def _noun_holders(token, sent, mentions, ctx) -> list[Holder]:
    """The party behind a cue noun: "its demand", "Egypt's proposal", "an Israeli proposal", "demands by X"."""
    for child in token.children:
        if child.dep_ == "poss":
            return (_parties_in(child, mentions, "owner of the cue noun")
                    or _resolve(child, ctx, prefer=_verb_subject(token, mentions)))
        if child.dep_ in ("compound", "amod", "nmod"):
            found = _parties_in(child, mentions, "owner of the cue noun")
            if found:
                return found
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = _parties_in(pobj, mentions, f'"{child.lower_}" the party') if pobj is not None else []
            if found:
                return found
    if token.dep_ in ("appos", "attr", "pobj", "conj") and token.head.pos_ in ("NOUN", "PRON"):
        head = token.head if token.dep_ != "pobj" else token.head.head
        if head.pos_ in ("NOUN", "PRON") and head.i != token.i:
            for child in head.children:
                if child.dep_ == "poss":
                    return (_parties_in(child, mentions, "owner of the cue noun")
                            or _resolve(child, ctx, prefer=_verb_subject(head, mentions)))
    return []


def _verb_subject(token, mentions) -> list[Holder]:
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = _subject(verb) if verb is not None else None
    return _parties_in(subject, mentions, "subject of the verb") if subject is not None else []


def _subjects(token) -> list:
    """The subjects of a verb: "Ethiopian govt, rebels agree" has two; an agent of a passive
    ("signed by the army and the RSF") counts as the subject."""
    node = token
    for _ in range(7):
        named = [c for c in node.children if c.dep_ == "nsubj"
                 or c.dep_ == "dep" and c.i < node.i and c.pos_ in ("NOUN", "PROPN")]  # "X, Y agree"
        pronouns = [c for c in named if c.dep_ == "nsubj" and c.pos_ == "PRON" and c.i < node.i]
        if pronouns and sum(c.dep_ == "nsubj" for c in named) > 1:
            # a verb has one subject; given two, the parse lost its way in a long phrase before it
            # ("With the help of X, which sent A and B to Y, we offered ..."): a pronoun next to it is the one
            named = pronouns[-1:]
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            return [pobj, *_dangling_conjunct(pobj)]
        between = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "between"), None)
        pobj = next((c for c in between.children if c.dep_ == "pobj"), None) if between is not None else None
        if pobj is not None and not named:
            return [pobj]  # "a peace deal signed between the US and the Taliban"
        named += [c for c in node.children if c.dep_ == "nsubjpass"]
        if named or any(c.dep_ == "expl" for c in node.children):
            return [_antecedent(n) for n in named]
        if node.dep_ in ("xcomp", "conj", "advcl", "acomp", "acl", "pcomp", "pobj", "prep") and node.head.i != node.i:
            if node.dep_ == "xcomp":
                obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if obj is not None and stem(node.head) in PRESSING_VERBS:
                    return [obj]  # "pressed Hamas to accept": Hamas is to accept
            if node.dep_ == "acl" and node.tag_ in ("VBD", "VBZ") and node.head.dep_ == "ROOT":
                return [node.head]  # "The UN envoy called on X to ...", parsed as a noun with a clause: its subject
            if node.dep_ == "acl" and node.head.dep_ in ("dobj", "attr") and node.head.head.i != node.head.i:
                node = node.head.head  # "issued a decree promising X": the one who issued it
                continue
            node = joined_to(node) if node.dep_ == "conj" else node.head
            continue
        return []
    return []


def _dangling_conjunct(token) -> list:
    """The conjunct the parse hung elsewhere: in "signed by the government and the rebels", "and"
    stays on "government" while "rebels" is joined to the noun before it."""
    cc = next((c for c in token.children if c.dep_ == "cc"), None)
    if cc is None or any(c.dep_ == "conj" for c in token.children):
        return []
    return [t for t in token.doc[cc.i + 1:min(cc.i + 5, token.sent.end)] if t.dep_ == "conj"][:1]


def joined_to(verb):
    """The verb a conjoined verb goes with: its head, but the clause above when a finite verb is hung on
    a subjunctive or a modal ("insists that the rebels be disarmed and refuses any guarantee": the
    parse joins "refuses" to "disarmed", yet it is the one insisting who refuses), or on a clause of
    time or condition, up to a verb of its own person and tense ("wants the troops to stay until the
    army is back and rejects any timetable": the one who wants rejects)."""
    head = verb.head
    if verb.tag_ not in ("VBZ", "VBD"):
        return head
    node = head
    for _ in range(4):
        if node.dep_ == "ccomp" and (node.tag_ == "VB" or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VB", "MD")
                                                              for c in node.children)):
            return node.head
        if node.dep_ != "advcl" or not any(c.dep_ == "mark" for c in node.children) or node.head.i == node.i:
            break
        node = node.head
        if node.tag_ == verb.tag_:
            return node
    return head


def _subject(token):
    """The subject of a verb, climbing through infinitives, conjuncts and passives."""
    for _ in range(7):
        for child in token.children:
            if child.dep_ in ("nsubj", "expl"):
                return _antecedent(child) if child.dep_ == "nsubj" else None
            if child.dep_ == "nsubjpass":
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                return pobj if pobj is not None else child
        if token.dep_ in ("xcomp", "conj", "advcl", "acomp", "acl", "pcomp", "pobj", "prep") and token.head.i != token.i:
            if token.dep_ == "xcomp":
                obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
                if obj is not None and stem(token.head) in PRESSING_VERBS:
                    return obj  # "pressed Hamas to accept": Hamas is to accept
            token = joined_to(token) if token.dep_ == "conj" else token.head
            continue
        if token.dep_ == "relcl":
            return None
        return None
    return None


def _antecedent(subject):
    """The one a relative pronoun stands for: "Qatar, which has offered to host the talks" is Qatar,
    "a Security Council resolution that calls for ..." the Council; "the declaration, which calls
    for ..." stays a document, no party."""
    named = relative_noun(subject)
    if named is not None and (
            named.pos_ == "PROPN" or named.ent_type_ or stem(named) in AGENT_NOUNS | EPITHETS
            or any(c.ent_type_ == PARTY_LABEL for c in named.children if c.dep_ in ("compound", "amod", "poss"))):
        return named
    return subject


def relative_noun(pronoun):
    """The noun a relative pronoun stands for ("the resolution, which calls for ...": the resolution),
    or None for any other word."""
    clause = pronoun.head
    if pronoun.tag_ in ("WDT", "WP") and clause.dep_ == "relcl" and clause.head.i != clause.i:
        return clause.head
    return None


def span_tokens(token):
    """A phrase's tokens, without the relative clauses and appositions inside it."""
    stack, out = [token], []
    while stack:
        node = stack.pop()
        out.append(node.i)
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "acl", "appos", "advcl", "ccomp", "punct"))
    return set(out)


def _name_tokens(token):
    """The tokens that name who a phrase is: the head, its modifiers and conjuncts, the "of"
    phrase of a speaking noun ("representatives of the movement") and the "by" or "from" phrase
    of a document ("a declaration by X and Y"), but not what the phrase is about ("the
    withdrawal of Israeli troops" is no Israeli speaker)."""
    stack, out = [token], []
    while stack:
        node = stack.pop()
        out.append(node.i)
        for child in node.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "conj", "flat", "appos", "nummod", "case"):
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "from", "for") and stem(node) in SPEAKING_NOUNS:
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from") and stem(node) in DOCUMENTS:
                stack.append(child)  # "a declaration by X and Y", "a letter from X": who wrote it speaks
            elif child.dep_ == "prep" and child.lower_ == "between":
                stack.append(child)  # "talks between X and Y resulted in a ceasefire": X and Y
            elif child.dep_ == "pobj" and node.dep_ == "prep":
                stack.append(child)
            elif child.dep_ == "relcl" and stem(child) in LEADING_VERBS:
                stack.extend(c for c in child.children if c.dep_ == "dobj")  # "X, who heads the GNA"
    return set(out)


def _parties_in(token, mentions: list[PartyMention], how: str) -> list[Holder]:
    own = [m for m in mentions if m.start <= token.i < m.end]
    if own:
        # "Ethiopia's Tigray rebels": the rebels speak, Ethiopia only locates them; but "the government
        # of the Republic of X and Y" joins Y to the last word of the name
        name = own[0]
        joined = [c for t in token.doc[name.start:name.end] for c in t.children
                  if c.dep_ == "conj" and not name.start <= c.i < name.end]
        return _unique([Holder(name.party, name.text, how),
                        *(h for c in joined for h in _parties_in(c, mentions, how))])
    indices = _name_tokens(token)
    found, seen = [], set()
    for mention in mentions:
        if any(i in indices for i in range(mention.start, mention.end)) and mention.party not in seen:
            seen.add(mention.party)
            found.append(Holder(mention.party, mention.text, how))
    return found


def _resolve(token, ctx: Context, prefer=None) -> list[Holder]:
    """A pronoun or epithet ("it", "the group", "the premier") to a party: the subject of an
    enclosing clause ("Hamas announced that it had ..."), else the party last named as a subject."""
    if prefer:
        return prefer
    word = token.lower_
    if word in FIRST_PERSON and ctx.quote_speaker:
        return ctx.quote_speaker
    if stem(token) in BOTH_SIDES and token.tag_ in ("NNS", "NNPS") and len(ctx.belligerents_named) >= 2:
        return [Holder(party, text, f'"{token.text}" ({BOTH_SIDES.name}), the two sides last named')
                for party, text in ctx.belligerents_named[-2:]]
    if word in PRONOUNS or stem(token) in EPITHETS | DOCUMENTS and any(c.lower_ in ("the", "this") for c in token.children):
        mentions = ctx.sentence_mentions
        enclosing = set()
        for ancestor in token.ancestors:
            if ancestor.pos_ in ("VERB", "AUX") and word not in PRONOUNS:
                subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i), None)
                enclosing |= {h.party for h in (_parties_in(subject, mentions, "") if subject is not None else [])}
                continue  # "Riyadh wants guarantees that the group will stop": the group is someone else
            if ancestor.pos_ in ("VERB", "AUX"):
                subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i
                                and token.i not in {t.i for t in c.subtree}), None)
                found = _parties_in(subject, mentions, f'"{token.text}" resolved to the enclosing subject') \
                    if subject is not None else []
                if found:
                    return found
        earlier = _subject_before(token, mentions) if word in PRONOUNS else None
        antecedent = earlier or ctx.last_subject or ctx.last_mention
        if antecedent is not None and antecedent.party in enclosing:
            antecedent = next((m for m in reversed(ctx.recent) if m.party not in enclosing), None)
        if antecedent is not None:
            return [Holder(antecedent.party, antecedent.text, f'"{token.text}" resolved to the party last named')]
    return []


def _subject_before(pronoun, mentions: list[PartyMention]) -> PartyMention | None:
    """A party named as a subject earlier in the pronoun's sentence ("Santos ordered the raids; last
    month he suspended them", "India's prime minister ordered ...; he ..."); only "they" may stand for
    a plural ("he" stands for no "Ecuadorian troops")."""
    doc, plural = pronoun.doc, pronoun.lower_ in ("they", "them", "their")
    subjects = ("nsubj", "nsubjpass")
    return next((m for m in reversed(mentions) if pronoun.sent.start <= m.start and m.end <= pronoun.i
                 and any(t.dep_ in subjects or t.dep_ == "poss" and t.head.dep_ in subjects for t in doc[m.start:m.end])
                 and (plural or doc[m.end - 1].tag_ not in ("NNS", "NNPS"))), None)


def quotation_speakers(doc, text: str, sentences, mentions_of: dict, lex: Lexicon) -> dict[int, list]:
    """sentence start -> the attribution of the quotation it lies in, for quotations over several
    sentences that name their speaker after the closing mark (“..., ...,” the envoy said) or before
    the opening one (the envoy said: “...”): a one-item list of the speech verb's subject.

    A quotation that names no speaker and opens right after the sentence that attributed the one
    before (“...,” the envoy said. “...”, in the same paragraph or the next) goes on with that
    speaker's words, as news writes a long quotation."""
    found = {}
    previous: tuple[int, list] | None = None  # where the last attributed quotation's sentence ends, its speaker
    for start, end in quotations(text):
        inside = [sent for sent in sentences if sent.end_char > start and sent.start_char < end]
        if not inside:
            continue
        verbs = [t for t in inside[-1] if t.idx >= end] + [t for t in inside[0] if t.idx < start]
        subject = next((who for t in verbs if t.pos_ == "VERB" and stem(t) in lex.speech
                        and (who := _subject(t)) is not None), None)
        if subject is None:
            if previous is not None and not text[previous[0]:start].strip():
                for sent in inside:
                    found[sent.start] = previous[1]
                previous = (inside[-1].end_char, previous[1])
            else:
                previous = None
            continue
        holders = next((_parties_in(subject, mentions_of[sent.start], f'speaker of the quotation "{subject.text}"')
                        for sent in (inside[-1], inside[0]) if sent.start <= subject.i < sent.end), [])
        attribution = holders or [subject]  # a pronoun ("he said") is resolved where the quotation starts
        if len(inside) > 1:
            for sent in inside:
                found[sent.start] = attribution
        previous = (inside[-1].end_char, attribution)
    return found


# A transcript's speaker label opens its line: "A:", "MINISTER DUREZA:", "Official Spokesperson (Mr X):".
_LABEL = re.compile(r"[ \t]*([A-Z][\w.'’ ()-]{0,60}?)[ \t]*:[ \t]")
QUESTION_LABELS = {"q", "question", "journalist", "reporter", "interviewer"}
ANSWER_LABELS = {"a", "answer"}


def labelled_speakers(doc, text: str, sentences, mentions_of: dict) -> dict[int, list[Holder]]:
    """sentence start -> the party speaking a transcript's line, by its label: a label that names a
    party ("Official Spokesperson, Foreign Ministry:") speaks for it until the next label; "A:" in an
    interview is the one interviewed, the first party the text names before its first question;
    "Q:" is the journalist, who speaks for no one."""
    found: dict[int, list[Holder]] = {}
    if sum(1 for line in text.splitlines() if _LABEL.match(line)) < 2:
        return found  # one label is no transcript: "ISLAMABAD: The government said ..." is a dateline
    speaker: list[Holder] = []
    interviewee: list[Holder] = []
    introduced: dict[str, list[Holder]] = {}  # a label as shortened after its first use -> its speaker
    every = [m for sent in sentences for m in mentions_of.get(sent.start, [])]  # a label may be split in sentences
    asked = False
    for sent in sentences:
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        opens_line = line_start == sent.start_char or text[line_start:sent.start_char].isspace()
        label = _LABEL.match(text, line_start) if opens_line else None
        mentions = mentions_of.get(sent.start, [])
        if label is not None:
            name = label.group(1).lower()
            if set(re.findall(r"\w+", name)) & QUESTION_LABELS:
                asked, speaker = True, []
            elif name in ANSWER_LABELS:
                speaker = interviewee
            else:
                # "SPOKESMAN (Commander X):" names the speaker once; "SPOKESMAN:" after it is the same one
                short = name.split("(")[0].strip()
                named = [m for m in every if line_start <= doc[m.start].idx < label.end()]
                speaker = [Holder(named[0].party, named[0].text, "speaker label")] if named else introduced.get(short, [])
                if named:
                    introduced.setdefault(short, speaker)
        elif mentions and not asked and not interviewee:
            interviewee = [Holder(mentions[0].party, mentions[0].text, "the one interviewed")]
        if speaker:
            found[sent.start] = speaker
    return found


def statement_issuers(text: str, sentences, profile) -> dict[int, list[Holder]]:
    """sentence start -> the parties issuing a statement printed in full: a text headed "Joint
    statement by X and Y" or "Communique of X" speaks in their name ("we call on both sides ...") up
    to a labelled note after it ("EDITOR'S NOTE: ..."). A headline that reports a statement ("X
    issues statement") does not: the document's name must open the heading. Headings are often in
    capitals, so the parties' names are looked for in any case."""
    if not sentences or profile is None:
        return {}
    opening = next((t for t in sentences[0][:3] if stem(t) in DOCUMENTS and t.pos_ in ("NOUN", "PROPN")), None)
    if opening is None:
        return {}
    line_end = text.find("\n", opening.idx)  # the heading is a line: the parse may split it
    heading = text[opening.idx:line_end if line_end != -1 else len(text)].lower()
    issuers = [Holder(party.name, alias, "issuer of the statement") for party in profile.parties.values()
               if (alias := _named_in(heading, party))]
    found: dict[int, list[Holder]] = {}
    for sent in [s for s in sentences if s.start_char > line_end] if issuers and line_end != -1 else []:
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        if line_start == sent.start_char and _LABEL.match(text, line_start):
            break
        found[sent.start] = issuers
    return found


BULLETS = ("*", "-", "\u2022", "\u2013", "\u25aa", "\u00b7")  # what opens a listed line
HEADING_WORDS = 12  # a heading is short: "THE OPPOSITION ALLIANCE (BNP, BCP, MFP)"
_LISTED = re.compile("^[ \t]*[" + re.escape("".join(BULLETS)) + "]", re.MULTILINE)  # a text with a listed line


def section_parties(text: str, profile) -> list[tuple[int, int, list[Holder]]]:
    """The lines a fact box lists under a party's heading, as (start, end, party): a "who wants
    what" box heads each party's section with its name ("THE GOVERNMENT (Prime Minister X)",
    "Pretoria:") and lists its positions in lines with no subject ("* Demands the withdrawal of
    ...", "* Will not accept ..."): they are the heading's party's. A heading that names no party
    or several ("KEY FIGURES"), or a paragraph of prose, ends the section. By characters, not
    sentences: the parse often joins a heading to the line after it."""
    if profile is None or not _LISTED.search(text):
        return []
    listed: list[tuple[int, int, list[Holder]]] = []
    section: list[Holder] = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(BULLETS):
            if section:
                listed.append((start, start + len(line), section))
        elif stripped:
            section = _heading_party(stripped, profile)
        start += len(line) + 1
    return listed


def _section_of(token, ctx: Context) -> list[Holder]:
    """The party of the fact box section a word is listed in (see `section_parties`)."""
    return next((party for start, end, party in ctx.sections if start <= token.idx < end), [])


def _heading_party(line: str, profile) -> list[Holder]:
    """The one party a heading line names: short, and no sentence (it ends in no full stop)."""
    if len(line.split()) > HEADING_WORDS or line.endswith((".", "!", "?", '"', "\u201d")):
        return []
    heading = line.lower()
    named = [Holder(party.name, alias, "heading of its section") for party in profile.parties.values()
             if (alias := _named_in(heading, party))]
    return named if len(named) == 1 else []


def _named_in(heading: str, party) -> str | None:
    """The first of a party's names found in a lower-cased heading."""
    return next((a for a in (party.name, *party.aliases) if re.search(rf"\b{re.escape(a.lower())}\b", heading)), None)


def speaker_of_quotation(attribution: list | None, ctx: Context) -> list[Holder]:
    """The holders speaking a quotation: its named speaker, or its pronoun resolved as the quotation
    begins (and kept for its later sentences)."""
    if attribution and not isinstance(attribution[0], Holder):
        attribution[:] = _resolve(attribution[0], ctx)  # shared by the quotation's sentences
    return attribution or []


def _speaker(token, mentions, lex: Lexicon, ctx: Context) -> list[Holder]:
    """The party whose reported speech contains the cue: "X said (that) ...", "..., X added"."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and stem(ancestor) in lex.speech:
            subject = _subject(ancestor)
            if subject is not None:
                return _parties_in(subject, mentions, f'speaker of "{ancestor.text}"') or _resolve(subject, ctx)
    root = token.sent.root
    # "..., X says" hung on the root: "Pulling back is not on the table, the minister says, unless ..."
    said = [root, *(c for c in root.children if c.dep_ == "parataxis")]
    for verb in said:
        if stem(verb) in lex.speech and verb.i not in {a.i for a in token.ancestors} and verb.i != token.i:
            subject = _subject(verb)
            if subject is not None:
                return _parties_in(subject, mentions, f'speaker of "{verb.text}"') or _resolve(subject, ctx)
    return []


def _according_to(sent, mentions) -> list[Holder]:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "to":
            after = [m for m in mentions if token.i + 1 < m.start <= token.i + 6]
            if after:
                return [Holder(after[0].party, after[0].text, "according to")]
    return []


def _from_prefix(sent, mentions) -> list[Holder]:
    """ "From the Israelis, there's an insistence that ...", "For Rabat, X is a precondition"."""
    root = sent.root
    for child in root.children:
        if child.dep_ == "prep" and (child.lower_ == "from" or child.lower_ == "for" and child.i == sent.start):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _parties_in(pobj, mentions, f'"{child.lower_}" the party')
    return []
