"""Where parties and issues are mentioned in a sentence.

Parties come from the profile's EntityRuler (aliases) and from demonyms that
modify a speaking noun ("Israeli officials"); without a profile, from the
organisations and countries the NER finds. Issues come from the taxonomy's cue
phrases plus a few structural readings that a phrase list cannot make: "an
end to X's assault" is an end of the war, "return" counts only where people
return, and "dismantle" only where an armed group is dismantled.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .lexicon import words
from .nlp import PARTY_LABEL
from .text import captives_of, inside, stem, word_table

_W = words("mentions")  # assets/lang/en/mentions.toml: what each list is for is said there
AGENT_NOUNS, WAR_NOUNS, ENDED_CAMPAIGNS, ENDING_WORDS = _W.agent_nouns, _W.war_nouns, _W.ended_campaigns, _W.ending_words
WEAPON_NOUNS, PLACE_NOUNS, DISARM_VERBS = _W.weapon_nouns, _W.place_nouns, _W.disarm_verbs
DEMOBILISING_VERBS, SHARE_NOUNS = _W.demobilising_verbs, _W.share_nouns
REMOVING_VERBS, TAKING_VERBS, LEAVING_VERBS, HOMING_VERBS = (_W.removing_verbs, _W.taking_verbs, _W.leaving_verbs,
                                                             _W.homing_verbs)
ARMED_GROUP_NOUNS, FORCE_NOUNS = _W.armed_group_nouns, _W.force_nouns
WITHDRAWN_NOUNS, LEFT_UNDERTAKINGS, WITHDRAWN_OTHERS = _W.withdrawn_nouns, _W.left_undertakings, _W.withdrawn_others
MOVED_NOUNS = FORCE_NOUNS | WITHDRAWN_NOUNS
RETURN_CONTEXT, NOT_RETURN_TARGETS, HOME_PLACES = _W.return_context, _W.not_return_targets, _W.home_places
COMPASS_NAMES = _W.compass_names
DURABLE_WORDS, REAR_PLACES, CEASEFIRE_NOUNS = _W.durable_words, _W.rear_places, _W.ceasefire_nouns
COUNTING_NOUNS, KEEPING_VERBS, SURRENDERING_VERBS = _W.counting_nouns, _W.keeping_verbs, _W.surrendering_verbs
HALTING_WORDS, TALK_NOUNS, NOT_HUMANITARIAN = _W.halting_words, _W.talk_nouns, _W.not_humanitarian
HOLDING_VERBS, ABDUCTING_VERBS, PEOPLE_NOUNS = _W.holding_verbs, _W.abducting_verbs, _W.people_nouns
ANYONE = _W.anyone
RELEASING_VERBS, HELD_AS, JAIL_NOUNS = words("figures").release_verbs, words("figures").held_as, words("figures").jail_nouns
HOSTAGE_VERBS = words("figures").hostage_verbs
CAPTIVE_NOUNS = {"prisoner_release": words("figures").prisoner_nouns, "hostage_release": words("figures").hostage_nouns}


@dataclass
class PartyMention:
    party: str
    start: int  # token indices in the doc
    end: int
    text: str


@dataclass
class IssueMention:
    issue: str
    start: int
    end: int
    root: object  # the spaCy Token that heads the mention
    why: str = ""  # the words and the list or reading that made it this issue

    @property
    def tokens(self) -> range:
        return range(self.start, self.end)


def sentence_entities(doc, sentences) -> dict[int, list]:
    """Each sentence's entities (by start token), in one pass: `Span.ents` rescans the whole document."""
    starts = [s.start for s in sentences]
    buckets: dict[int, list] = {start: [] for start in starts}
    import bisect

    for ent in doc.ents:
        k = bisect.bisect_right(starts, ent.start) - 1
        if k >= 0 and ent.end <= sentences[k].end:
            buckets[starts[k]].append(ent)
    return buckets


def people_of_parties(doc, profile) -> dict[str, str]:
    """People the article introduces by their party, and the party each speaks for: "the Lebanese
    foreign minister Abdallah Bou Habib", "Mahmoud Qmati, a Hezbollah official", "Suhail Shaheen of
    the Taliban". Their full name and surname then count as the party wherever they are named again,
    so a profile need not list every official."""
    if profile is None or not doc.has_annotation("DEP"):
        return {}
    demonyms = {d: p.name for p in profile.parties.values() for d in p.demonyms}
    people: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) > 5:
            continue
        described = [t for t in ent.root.children if t.dep_ in ("compound", "amod", "appos", "nmod", "prep")
                     and t.i not in range(ent.start, ent.end)]
        if ent.root.dep_ == "appos" or ent.root.dep_ == "compound" and ent.root.head.pos_ in ("NOUN", "PROPN"):
            described.append(ent.root.head)  # "the foreign minister, Abdallah Bou Habib", "Hamas chief X"
        party = None
        for node in described:
            for token in node.subtree:
                if token.ent_type_ == PARTY_LABEL and token.ent_id_:
                    party = doc.vocab.strings[token.ent_id] if token.ent_id else token.ent_id_
                elif token.text in demonyms:
                    party = demonyms[token.text]
                if party:
                    break
            if party:
                break
        if party:
            people.setdefault(ent.text, party)
            people.setdefault(ent[-1].text, party)
    return people


def party_mentions(sent, profile, ents=None, people: dict[str, str] | None = None) -> list[PartyMention]:
    found = []
    doc = sent.doc
    for ent in (sent.ents if ents is None else ents):
        if ent.label_ == PARTY_LABEL:
            if ent.start > 0 and doc[ent.start - 1].lower_ in COMPASS_NAMES and doc[ent.start - 1].is_title:
                continue  # "South Sudan", "East Jerusalem": another place than the alias names
            found.append(PartyMention(ent.ent_id_ or ent.text, ent.start, ent.end, ent.text))
        elif ent.label_ == "PERSON" and people and (ent.text in people or ent[-1].text in people):
            found.append(PartyMention(people.get(ent.text) or people[ent[-1].text], ent.start, ent.end, ent.text))
        elif profile is None and ent.label_ in ("ORG", "GPE"):
            found.append(PartyMention(ent.text.removeprefix("the ").strip(), ent.start, ent.end, ent.text))
    if profile is not None:
        demonyms = {d: p.name for p in profile.parties.values() for d in p.demonyms}
        parsed = sent.doc.has_annotation("DEP")
        for token in _words_among(sent, demonyms):
            if any(m.start <= token.i < m.end for m in found):
                continue
            if parsed:
                # "Russian and Ukrainian delegations": a conjoined demonym speaks through the first one's noun
                anchor = token.head if token.dep_ == "conj" and token.head.text in demonyms else token
                speaks = anchor.dep_ in ("amod", "compound", "nmod") and stem(anchor.head) in AGENT_NOUNS
                noun = anchor.head
            else:
                noun = sent.doc[token.i + 1] if token.i + 1 < sent.end else None
                speaks = noun is not None and stem(noun) in AGENT_NOUNS
            if speaks:  # the mention is the demonym itself; its text names the speaker
                found.append(PartyMention(demonyms[token.text], token.i, token.i + 1, f"{token.text} {noun.text}"))
    return sorted(found, key=lambda m: m.start)


def _words_among(sent, texts) -> list:
    """The tokens of a sentence written as one of `texts`, found once a document from the words'
    ids in C (a demonym is one word in hundreds)."""
    doc, key = sent.doc, ("words among", frozenset(texts))
    found = doc.user_data.get(key)
    if found is None:
        from spacy.attrs import ORTH

        ids = {doc.vocab.strings[text] for text in texts}
        found = doc.user_data[key] = [i for i, word in enumerate(doc.to_array(ORTH).tolist()) if word in ids]
    return [doc[i] for i in found if sent.start <= i < sent.end]


def build_issue_matcher(nlp, issues: dict):
    """The cue phrases of every issue, matched as written (lower case) and, where the pipeline
    lemmatises, by lemma too: "pulls back" and "withdrew" match "pull back" and "withdraw"."""
    from spacy.matcher import PhraseMatcher

    by_word = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA") if "lemmatizer" in nlp.pipe_names else None
    for issue in issues.values():
        phrases = [c for c in issue.cues if c.split()[0].lower() not in DISARM_VERBS or len(c.split()) > 1]
        by_word.add(issue.id, list(nlp.tokenizer.pipe(phrases)))
        if by_lemma is not None:
            by_lemma.add(issue.id, list(nlp.pipe(phrases)))
        # the tagger takes some gerunds for nouns, whose lemma keeps "-ing" ("ruled out handing over their
        # weapons"): phrases of several words are matched with their first word in that form too (where
        # that word is no verb, "prisonering exchange" matches nothing)
        gerunds = [f"{_gerund(first.lower())} {rest}" for first, _, rest in (c.partition(" ") for c in phrases)
                   if rest and not first.endswith("ing")]
        by_word.add(issue.id, list(nlp.tokenizer.pipe(gerunds)))

    def match(span):
        """The phrases inside a span, in order. A document is matched once, its sentences then take
        their share: two matcher calls a sentence cost more than the matching itself."""
        doc, key = span.doc, ("issue phrases", id(match))
        found = doc.user_data.get(key)
        if found is None:
            matches = set(by_word(doc)) | (set(by_lemma(doc)) if by_lemma is not None else set())
            found = doc.user_data[key] = sorted(matches, key=lambda m: (m[1], m[2], m[0]))
        first = bisect_left(found, span.start, key=lambda m: m[1])
        last = bisect_left(found, span.end, lo=first, key=lambda m: m[1])
        return [m for m in found[first:last] if m[2] <= span.end]

    return match


def _gerund(verb: str) -> str:
    """The "-ing" form of a verb: "hand" -> "handing", "release" -> "releasing", "stop" -> "stopping"."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):  # one syllable, consonant-vowel-consonant
        return verb + verb[-1] + "ing"
    return verb + "ing"


def issue_mentions(sent, matcher, profile_parties: set[str]) -> list[IssueMention]:
    """The issues a sentence mentions: longest spans first, nested mentions folded into their head."""
    from spacy.util import filter_spans

    doc = sent.doc
    spans, whys = [], {}
    for match_id, start, end in matcher(doc[sent.start:sent.end]):
        span = doc[start:end]  # the matcher answers in document offsets, even on a span
        span.label_ = doc.vocab.strings[match_id]
        if span.label_ == "return_of_displaced" and len(span) == 1 and span[0].lower_.startswith("return"):
            continue  # a bare "return" is judged by _structural_issues: who returns, and where to
        spans.append(span)
        whys[(start, end, span.label_)] = f'{span.label_}: "{span.text}" (issues.{span.label_} cue)'
    for span, reading in _structural_issues(sent, profile_parties):
        spans.append(span)
        whys[(span.start, span.end, span.label_)] = f'{span.label_}: "{span.text}" ({reading})'
    spans = [_who_returns(s, whys) for s in filter_spans(spans) if _keep(s)]
    mentions = [IssueMention(s.label_, s.start, s.end, s.root, whys[(s.start, s.end, s.label_)]) for s in spans]
    if doc.has_annotation("DEP"):
        mentions = [m for m in mentions if not _nested(m, mentions)]
    return mentions


def _who_returns(span, whys: dict):
    """ "until all the hostages return home", "the repatriation of all prisoners": a return of captives
    is their release."""
    if span.label_ != "return_of_displaced":
        return span
    verb = next((t for t in span if stem(t) == "return"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is None and len(span) == 1:  # "the repatriation of all prisoners"
        subject = next((c for p in span[0].children if p.dep_ == "prep" and p.lower_ == "of"
                        for c in p.children if c.dep_ == "pobj"), None)
    captive = _captive(subject) if subject is not None else None
    if captive is not None:
        issue, nouns = captive
        relabelled = span.doc[span.start:span.end]
        relabelled.label_ = issue
        whys[(span.start, span.end, issue)] = f'{issue}: "{subject.text}" {span.text} ({nouns.name})'
        return relabelled
    return span


def _captive(person):
    """(the release issue, its list) where a captive noun names the person: "prisoners", "hostages"."""
    return next(((issue, nouns) for issue, nouns in CAPTIVE_NOUNS.items() if stem(person) in nouns), None)


def _keep(span) -> bool:
    """Drop cue matches that do not mean the issue here."""
    if span.label_ == "hostage_release" and len(span) == 1 and span[0].lower_ == "hostage":
        # "hostage families", "hostage talks", "took 30 people hostage" name no release; "that every
        # hostage be freed" does
        word = span[0]
        return word.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and stem(word.head) not in HOSTAGE_VERBS \
            and not any(c.dep_ == "compound" for c in word.children)
    root = span.root
    if span.label_ == "troop_withdrawal" and not _withdraws_forces(span):
        return False
    if root.dep_ in ("compound", "amod", "nmod") and stem(root.head) in TALK_NOUNS and root.head.i >= span.end:
        return False  # "ceasefire talks", "truce negotiations": what talks are about, held by nobody yet
    if span.label_ == "humanitarian_aid" and any(stem(t) in NOT_HUMANITARIAN for t in root.children
                                                 if t.dep_ in ("amod", "compound")):
        return False  # "military aid"
    if span.label_ == "humanitarian_aid" and len(span) == 1 and root.pos_ == "VERB":
        return False  # "to shelter the militants", "fuel the fighting": the verbs, not the aid
    if span.label_ == "humanitarian_aid" and len(span) == 1 and root.dep_ == "compound" and stem(root.head) in PEOPLE_NOUNS:
        return False  # "aid workers" are people, not the aid
    if span.label_ == "permanent_ceasefire" and stem(span[-1]) in ENDING_WORDS:
        of = next((c for c in span[-1].children if c.dep_ == "prep" and c.lower_ in ("of", "to")), None)
        ended = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if ended is not None and stem(ended) not in WAR_NOUNS | ENDED_CAMPAIGNS:
            return False  # "a complete cessation of Western military support" ends no war
    return True


# Every word a branch of _structural_issues starts from: the others are passed over at once (most
# words of a sentence), with "demilitari..." tested apart.
STRUCTURAL_WORDS = frozenset({
    *ENDING_WORDS, *CEASEFIRE_NOUNS, "fire", *HALTING_WORDS, "return", "go", "back", "out", "home", *REMOVING_VERBS,
    *TAKING_VERBS, *KEEPING_VERBS, *SURRENDERING_VERBS, *LEAVING_VERBS, *DISARM_VERBS, *RELEASING_VERBS, "freedom"})


def _leaving(token) -> tuple | None:
    """Forces leaving a place, or leaving: a withdrawal. Not people who leave ("civilians must leave
    the city", "urged residents to evacuate the town": people fleeing, or told to by someone)."""
    doc = token.doc
    leavers = [c for c in token.children if c.dep_ == "nsubj"]
    if token.dep_ == "xcomp":  # "urged residents to leave", "called on them to leave": the verb before names them
        for c in token.head.children:
            if c.dep_ in ("dobj", "dative"):
                leavers.append(c)
            elif c.dep_ == "prep":
                leavers += [p for p in c.children if p.dep_ == "pobj"]
    if any(stem(c) in RETURN_CONTEXT for c in leavers):
        return None
    target = _object_of(token)
    if any(c.dep_ in ("oprd", "ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in ("with", "without")
           for c in token.children):
        target = None  # "would leave Tigray without guarantees": leaving it so, not leaving it
    if target is not None and (stem(target) in PLACE_NOUNS or target.ent_type_ in ("GPE", "LOC", "FAC")):
        return _span(doc, token, target, "troop_withdrawal"), f"leaving {PLACE_NOUNS.name}"
    if target is None and any(c.dep_ == "nsubj" and _forces(c) for c in token.children):
        return _span(doc, token, token, "troop_withdrawal"), f"{FORCE_NOUNS.name} leaving"
    return None


def _structural_issues(sent, profile_parties: set[str]) -> list:
    doc, spans = sent.doc, []
    parsed = doc.has_annotation("DEP")
    stems = word_table(doc)[0]
    for i in range(sent.start, sent.end):
        word = stems[i]
        if word not in STRUCTURAL_WORDS and not word.startswith("demilitari"):
            continue
        token = doc[i]
        # "an end to the war", "ending the aggression", "a complete cessation of hostilities"
        if word in ENDING_WORDS:
            target = _object_of(token) if parsed else _next_noun(token, sent, WAR_NOUNS)
            if target is not None and stem(target) in WAR_NOUNS | ENDED_CAMPAIGNS:
                spans.append((_span(doc, token, target, "permanent_ceasefire"),
                              f"{ENDING_WORDS.name} + {WAR_NOUNS.name if stem(target) in WAR_NOUNS else ENDED_CAMPAIGNS.name}"))
        # "a definitive ceasefire", "a lasting truce": the war's end, whatever the cue list names
        elif parsed and (word in CEASEFIRE_NOUNS or word == "fire" and any(c.lower_ == "cease" for c in token.children)) \
                and (durable := next((a for c in token.children if c.dep_ == "amod" for a in (c, *c.conjuncts)
                                      if a.lower_ in DURABLE_WORDS), None)) is not None:  # "a bilateral and definitive ceasefire"
            spans.append((_span(doc, durable, token, "permanent_ceasefire"), f"{DURABLE_WORDS.name} + {CEASEFIRE_NOUNS.name}"))
        # "halt the fighting": a truce, not by that alone an end of the war
        elif word in HALTING_WORDS:
            target = _object_of(token) if parsed else _next_noun(token, sent, WAR_NOUNS)
            if target is not None and stem(target) in WAR_NOUNS and any(
                    stem(a) in DURABLE_WORDS for c in token.children if c.dep_ == "amod" for a in (c, *c.conjuncts)):
                spans.append((_span(doc, token, target, "permanent_ceasefire"),
                              f"{DURABLE_WORDS.name} + {HALTING_WORDS.name} + {WAR_NOUNS.name}"))
            elif target is not None and stem(target) in WAR_NOUNS:
                spans.append((_span(doc, token, target, "temporary_truce"), f"{HALTING_WORDS.name} + {WAR_NOUNS.name}"))
        # forces going back to their lines or positions
        elif word in ("return", "go") and parsed and _back_to_the_rear(token):
            spans.append((_span(doc, token, token, "troop_withdrawal"), f"forces back to {REAR_PLACES.name}"))
        # people returning home, not delegations returning to the table
        elif word == "back" and parsed and any(p.lower_ in ("to", "in") and any(
                c.dep_ == "pobj" and stem(c) in HOME_PLACES for c in p.children) for p in token.children) and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") and stem(c) in FORCE_NOUNS for c in token.head.children):
            spans.append((_span(doc, token, token, "return_of_displaced"), f"back to {HOME_PLACES.name}"))
        # "wants every foreign soldier out of the country": forces wanted out; not "the army ruled out a
        # truce" or "ruled out foreign troops"
        elif word == "out" and parsed and (forces := next(
                (c for c in [*token.children, *token.head.children] if stem(c) in FORCE_NOUNS and c.i < token.i
                 and (c.dep_ == "nsubj" and c.head.i == token.i or c.dep_ == "dobj")), None)):
            spans.append((_span(doc, forces, token, "troop_withdrawal"), f"{FORCE_NOUNS.name} out"))
        # "the British bases must go": forces going, with nowhere said; not "troops went on patrol"
        elif word == "go" and parsed and not any(c.dep_ in ("prep", "prt", "advmod", "dobj", "xcomp", "ccomp", "acomp",
                                                           "npadvmod") for c in token.children) and any(
                c.dep_ == "nsubj" and _forces(c) for c in token.children):
            spans.append((_span(doc, token, token, "troop_withdrawal"), f"{FORCE_NOUNS.name} going"))
        elif word == "home" and token.dep_ in ("advmod", "dobj", "npadvmod") and parsed and (found := _gone_home(token)):
            spans.append((_span(doc, token, token, found), f'people "{token.head.text} home"'))
        elif word == "return" and parsed and (found := _captives_returned(token)) is not None:
            spans.append((_span(doc, token, token, found[0]), found[1]))
        elif word == "return" and _is_return_of_people(token, sent):
            spans.append((_span(doc, token, token, "return_of_displaced"), f"return of people: {RETURN_CONTEXT.name}"))
        # removing forces is a withdrawal; taking them "off" or "out" too, not taking them to the front
        elif parsed and (word in REMOVING_VERBS or word in TAKING_VERBS and any(
                c.lower_ in ("off", "out") for c in token.children if c.dep_ in ("prt", "prep"))):
            target = _object_of(token)
            dividing = word == "separate" and token.dep_ in ("acl", "relcl")  # "the line separating two armies"
            if target is not None and stem(target) in FORCE_NOUNS and not dividing:
                spans.append((_span(doc, token, target, "troop_withdrawal"), f"moving {FORCE_NOUNS.name}"))
            elif word == "remove" and target is not None and _armed_group(target, profile_parties):
                spans.append((_span(doc, token, target, "disarmament"), f"removing {ARMED_GROUP_NOUNS.name}"))
            elif word in LEAVING_VERBS and (left := _leaving(token)) is not None:  # "evacuate" forces, or a land
                spans.append(left)
        elif word in KEEPING_VERBS and parsed:  # "would keep their weapons": the disarmament refused
            target = _object_of(token)
            if target is not None and stem(target) in WEAPON_NOUNS:
                spans.append((_span(doc, token, target, "disarmament"), f"keeping {WEAPON_NOUNS.name}"))
        elif word in SURRENDERING_VERBS and parsed:  # "hand in their guns", "wants the weapons locked away"
            target = _patient(token)
            if target is not None and stem(target) in WEAPON_NOUNS:
                spans.append((_span(doc, token, target, "disarmament"), f"handing over {WEAPON_NOUNS.name}"))
            elif word == "hand" and (found := _held_people(token)) is not None:  # "hand over the captured pilot"
                spans.append((_span(doc, token, token, found[0]), found[1]))
        elif word in LEAVING_VERBS and parsed and (left := _leaving(token)) is not None:
            spans.append(left)
        elif word in DISARM_VERBS or word.startswith("demilitari"):  # the verb, or the noun of it
            target = _patient(token) if parsed else _next_noun(token, sent, ARMED_GROUP_NOUNS)
            if target is None and parsed and any(c.dep_ == "auxpass" for c in token.children):
                target = _preceding_group(token, sent, profile_parties)  # "until Hamas, which ..., was defeated"
            target = _counted(target) if target is not None and parsed else target
            if target is not None and (_armed_group(target, profile_parties)
                                       or word in DEMOBILISING_VERBS and stem(target) in FORCE_NOUNS):
                spans.append((_span(doc, token, target, "disarmament"), f"{DISARM_VERBS.name} + an armed group"))
            elif target is not None and stem(target) in PLACE_NOUNS and target.pos_ == "NOUN" and word.startswith("demilitari"):
                spans.append((_span(doc, token, target, "troop_withdrawal"), f"demilitarising {PLACE_NOUNS.name}"))
        elif (word in RELEASING_VERBS or word == "freedom") and parsed:
            found = _held_people(token) or _counted_before(token, sent) or _captives_freed(token)
            if found is not None:  # "declined to release all 5,000": the 5,000 prisoners named before
                spans.append((_span(doc, token, token, found[0]), found[1]))
    return spans


def _gone_home(token) -> str | None:
    """The issue of people allowed or sent home: "wants the villagers who fled allowed home" returns
    the displaced, "until every prisoner comes home" releases prisoners, "its troops would come home"
    withdraws them."""
    verb = token.head
    if stem(verb) not in HOMING_VERBS:
        return None
    movers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    controller = verb
    while not movers and controller.dep_ in ("xcomp", "acomp"):  # "families must be able to go home"
        controller = controller.head
        movers = [c for c in controller.children if c.dep_ in ("nsubj", "nsubjpass")]
    for mover in movers:
        if (captive := _captive(mover)) is not None:
            return captive[0]
        if stem(mover) in FORCE_NOUNS:
            return "troop_withdrawal"
        if stem(mover) in RETURN_CONTEXT or any(stem(t) in RETURN_CONTEXT for t in mover.subtree if t.dep_ == "relcl"):
            return "return_of_displaced"
    return None


def _captives_returned(token):
    """The return of captives is their release: "the return of the 65 prisoners", "of its captured soldiers"."""
    for person in (c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                   if c.dep_ == "pobj"):
        if (captive := _captive(person)) is not None:
            return captive[0], f'the return of "{person.text}" ({captive[1].name})'
    return _held_people(token)


def _captives_freed(token):
    """People freed with no word saying they are held, in a text whose captives are hostages (see
    `captives_of`): "will free 75 foreign nationals", "the release of everyone inside"."""
    if captives_of(token.doc) != "hostages":
        return None
    freed = _released(token)
    person = next((p for p in freed if stem(p) in PEOPLE_NOUNS or p.lower_ in ANYONE), None)
    return ("hostage_release", f'people "{person.text}" freed, in a text of hostages') if person is not None else None


def _released(token) -> list:
    """Who a release frees: the object of "free", "release" ("wants them released"); what hangs on
    "the release of", "freedom for"."""
    if token.pos_ == "NOUN":
        return [c for p in token.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
                for c in p.children if c.dep_ == "pobj"]
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "nsubj" and _participle(token)]


def _held_people(token):
    """Releasing people described as held: "the release of its fighters detained by the army" or "of
    the detained fishermen" frees prisoners, "free the two crewmen held hostage" hostages. None
    where a captive noun names them (the issue's own cues find those) or nothing says they are held."""
    released = _released(token)
    if token.pos_ != "NOUN":
        # "free the Ukrainians held in its jails", parsed as a clause "the Ukrainians (are) held"
        released += [n for c in token.children if c.dep_ == "ccomp" and c.tag_ == "VBN" for n in c.children
                     if n.dep_ == "nsubj"]
    for pronoun in [r for r in released if r.lower_ in ("them", "they")]:
        antecedent = _people_before(pronoun)
        if antecedent is not None and (captive := _captive(antecedent)) is not None:
            return captive[0], f'"{pronoun.text}": the "{antecedent.text}" named before'
        if antecedent is not None:
            released.append(antecedent)  # "holds seven men seized last month and offered to free them"
    described: dict[int, list] = {}  # person -> the tokens whose clauses describe them
    for counted in [r for r in released if r.like_num or stem(r) in COUNTING_NOUNS]:
        for person in (c for p in counted.children if p.dep_ == "prep" and p.lower_ == "of"
                       for c in p.children if c.dep_ == "pobj"):
            released.append(person)  # "hundreds of cadres still jailed": the people counted, and the count's clause
            described[person.i] = [person, counted]
    for person in [*released, *(c for r in released for c in r.conjuncts)]:
        if _captive(person) is not None:
            return None
        if token.pos_ == "VERB" and person.tag_ == "NNPS" and person.ent_type_ in ("NORP", PARTY_LABEL) and not any(
                p.lower_ == "from" and not any(stem(o) in JAIL_NOUNS for o in p.children) for p in token.children):
            # "will free the Bolivians", "released 90 Ukrainians"; not "free the Kurds from fear"
            return "prisoner_release", f'"{person.text}" set free'
        clauses = [c for d in described.get(person.i, [person]) for c in d.children
                   if c.dep_ in ("acl", "relcl") or c.dep_ == "amod" and c.tag_ == "VBN"]
        if token.pos_ == "NOUN":  # "the release of the men captured in May", the clause hung on "release"
            clauses += [c for c in token.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD")]
        if stem(person.head) in HOLDING_VERBS and (person.dep_ in ("dobj", "nsubjpass") or person.dep_ == "nsubj"
                                                   and person.head.tag_ == "VBN"):
            clauses.append(person.head)  # "300 men are held in camps", "holds seven men (seized last month)"
        jailed = any(inside(c, JAIL_NOUNS) for c in [*clauses, person, token])  # "held in Indian jails", "still in prison"
        if jailed and (stem(person) in PEOPLE_NOUNS or person.tag_ == "NNS"):
            # "the sympathisers still held in its prisons": whoever a jail holds is a prisoner
            return "prisoner_release", f'people "{person.text}" in {JAIL_NOUNS.name}'
        if person.ent_type_ not in ("PERSON", "NORP", PARTY_LABEL) and stem(person) not in PEOPLE_NOUNS and not (
                jailed and person.pos_ == "PROPN"):  # "Kashmiris held in Indian jails", whatever the tagger made of them
            continue  # a party's name stands for its members: "the Houthis captured near the border"
        for held in clauses:
            if stem(held) in ABDUCTING_VERBS or stem(held) in HOLDING_VERBS and any(stem(c) in HELD_AS for c in held.children):
                return "hostage_release", f'people "{held.text}": {ABDUCTING_VERBS.name}, {HELD_AS.name}'
            if stem(held) in HOLDING_VERBS:
                return "prisoner_release", f'people "{held.text}": {HOLDING_VERBS.name}'
    return None


def _participle(verb) -> bool:
    """A past participle, also where tagged a past tense: "wants all its supporters freed" (no "that",
    no auxiliary: no clause of its own)."""
    return verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.dep_ == "ccomp" and not any(
        c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def _people_before(pronoun):
    """The people a plural pronoun stands for: the last plural noun before it that is no object of a
    preposition, in its sentence or the one before, if it names people ("The rebels hold seven men.
    The army wants them released."; "300 men are held in camps and India wants them freed")."""
    sent = pronoun.sent
    start = sent.start if sent.start == 0 else pronoun.doc[sent.start - 1].sent.start
    last = next((t for t in reversed(pronoun.doc[start:pronoun.i]) if t.tag_ in ("NNS", "NNPS") and t.dep_ != "pobj"),
                None)
    if last is not None and (stem(last) in PEOPLE_NOUNS or last.ent_type_ in ("NORP", PARTY_LABEL)
                             or _captive(last) is not None):
        return last
    return None


def _counted_before(token, sent):
    """What a bare number released refers to: the same number counted as prisoners or hostages earlier."""
    number = next((c for c in token.subtree if c.like_num and c.dep_ in ("dobj", "nummod", "pobj")), None)
    if number is None or any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in token.children):
        return None
    doc = token.doc
    for other in doc[max(sent.start - 400, 0):sent.start]:
        if other.text == number.text:
            following = doc[other.i + 1:other.i + 4]
            for noun in following:
                if (captive := _captive(noun)) is not None:
                    return captive[0], f'"{number.text}" counted before as "{noun.text}"'
    return None


def _span(doc, a, b, label):
    start, end = min(a.i, b.i), max(a.i, b.i) + 1
    span = doc[start:end]
    span.label_ = label
    return span


def _object_of(token):
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("to", "of", "on"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _patient(token):
    """What a verb acts on: its object, or its subject when passive ("Hamas being dismantled")."""
    target = _object_of(token)
    if target is None and token.tag_ == "VBN":
        target = next((c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if target is None and token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
        target = token.head
    return target


def _preceding_group(token, sent, profile_parties):
    for other in reversed(sent.doc[max(token.i - 12, sent.start):token.i]):
        if _armed_group(other, profile_parties) and other.pos_ in ("PROPN", "NOUN"):
            return other
    return None


def _next_noun(token, sent, vocabulary):
    for other in sent.doc[token.i + 1:min(token.i + 5, sent.end)]:
        if stem(other) in vocabulary or other.ent_type_ == PARTY_LABEL:
            return other
    return None


def _counted(noun):
    """What a share counts: "70 percent of their forces" demobilises forces, "the rest of the
    militias" militias; any other noun is itself."""
    if not (noun.like_num or stem(noun) in SHARE_NOUNS):
        return noun
    return next((c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj"), noun)


def _armed_group(target, profile_parties: set[str]) -> bool:
    if target.ent_type_ == PARTY_LABEL or stem(target) in ARMED_GROUP_NOUNS:
        return True
    return any(c.ent_type_ == PARTY_LABEL for c in target.children if c.dep_ in ("poss", "compound"))


def _is_return_of_people(token, sent) -> bool:
    doc = sent.doc
    if token.dep_ == "pobj" and token.head.lower_ == "in":
        return False  # "in return they offered ...": an exchange, no one returning
    after = [t for t in doc[token.i + 1:min(token.i + 4, sent.end)] if not t.is_punct]
    if any(stem(t) in NOT_RETURN_TARGETS or t.ent_type_ in ("GPE", PARTY_LABEL) and t.i == after[0].i + 1 for t in after[:3]):
        return False
    window = doc[max(token.i - 6, sent.start):min(token.i + 7, sent.end)]
    return any(stem(t) in RETURN_CONTEXT or (t.ent_type_ == "NORP" and t.text.endswith("s")) for t in window)


def _nested(mention: IssueMention, mentions: list[IssueMention]) -> bool:
    """Whether a mention only qualifies another one ("guarantees for the second phase")."""
    for other in mentions:
        if other is mention:
            continue
        node = mention.root
        while node.i != node.head.i and (node.dep_ in ("pobj", "prep", "compound", "amod", "nmod", "poss", "agent")
                                         or node.dep_ == "acl" and node.tag_ == "VBN"):
            if node.dep_ == "pobj" and node.head.lower_ in ("without", "until", "unless") and node.head.head.i in other.tokens:
                break  # "in exchange for X" and conditions stand on their own
            if node.lower_ in ("exchange", "return") and node.dep_ == "pobj":
                break
            node = node.head
            if node.i in other.tokens:
                return True
    return False


def _forces(token) -> bool:
    """Whether a word names forces or what a withdrawal moves with them ("troops", "artillery"),
    by its lemma or as written ("bases", which the lemmatizer makes "basis")."""
    return stem(token) in MOVED_NOUNS or token.lower_ in MOVED_NOUNS


def _back_to_the_rear(token) -> bool:
    """ "the return of both armies to the positions they held", "forces go back to the lines": forces
    (the subject, or what returns) sent back to their lines, positions, bases or barracks."""
    back = next((c for c in token.children if c.lower_ == "back"), None)
    if stem(token) == "go" and back is None:
        return False
    to = next((c for c in [*token.children, *(back.children if back is not None else [])]
               if c.dep_ == "prep" and c.lower_ == "to"), None)
    place = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if place is None or stem(place) not in REAR_PLACES:
        return False
    movers = [c for c in token.children if c.dep_ == "nsubj"] + [
        c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
    return any(stem(m) in FORCE_NOUNS or any(stem(c) in FORCE_NOUNS for c in m.children if c.dep_ == "compound")
               for m in movers)


def _withdraws_forces(span) -> bool:
    """A withdrawal moves forces: "will withdraw its ambassador" or "pulled out of the talks" names
    a verb of withdrawing, and no troop withdrawal."""
    for token in span:
        moved = next((c for c in token.children if c.dep_ == "dobj"), None) if token.pos_ == "VERB" else None
        if moved is not None and moved.i >= span.end and not _forces(moved) and stem(moved) not in WEAPON_NOUNS:
            return False
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
            if any(c.dep_ == "pobj" and stem(c) in TALK_NOUNS | LEFT_UNDERTAKINGS for c in prep.children):
                return False  # "pull out of the talks": "of" hangs on "out" as often as on "pull"
            if prep.lower_ == "of" and any(c.dep_ == "pobj" and stem(c) in WITHDRAWN_OTHERS for c in prep.children):
                return False  # "the withdrawal of terrorism charges"
    return True
