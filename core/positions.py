"""Find what each party demands, offers, accepts and rejects, issue by issue.

The reading is issue-centric: for every issue a sentence mentions, walk up the
dependency parse to the nearest stance cue ("demanded", "refusal", "was
willing to"), noting on the way what changes the stance: a negation, "in
exchange for" (what is asked in return), a condition ("if", "until"), a
contrast ("rather than"). Who holds the cue is found in holders.py. A cue
whose object points back ("rejected both of these demands", "cannot accept
that") takes the issues the other side last demanded. Without a parse (no
trained pipeline) the same cues are read from word order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .holders import (
    BOTH_SIDES,
    PRONOUNS,
    Context,
    Holder,
    find_holders,
    joined_to,
    labelled_speakers,
    quotation_speakers,
    relative_noun,
    section_parties,
    span_tokens,
    speaker_of_quotation,
    statement_issuers,
)
from .lexicon import Cues as Lexicon
from .lexicon import lexicon, words
from .mentions import (
    KEEPING_VERBS,
    TALK_NOUNS,
    WEAPON_NOUNS,
    PartyMention,
    issue_mentions,
    party_mentions,
    people_of_parties,
    sentence_entities,
)
from .nlp import PARTY_LABEL
from .records import Position
from .text import stem, word_table

MAX_SENTENCE_TOKENS = 250  # longer "sentences" are tables or noise; skipping them bounds the work
_W = words("positions")  # assets/lang/en/positions.toml: what each list is for is said there
CONDITION_MARKS, TEMPORAL_MARKS, HYPOTHETICAL_MARKS = _W.condition_marks, _W.temporal_marks, _W.hypothetical_marks
REFUSAL_CONDITION_MARKS = CONDITION_MARKS - {"until"}  # "would not agree to X until ...": X refused now
FRAME_VERBS, CARRYING_VERBS, DECLARING_VERBS = _W.frame_verbs, _W.carrying_verbs, _W.declaring_verbs
ORDERING_VERBS, STOPPING_VERBS, STOPPING_NOUNS = _W.ordering_verbs, _W.stopping_verbs, _W.stopping_nouns
PERMITTING_VERBS = _W.permitting_verbs
OBLIGATION_MODALS, BREAKING_VERBS, UNREALISED_VERBS = _W.obligation_modals, _W.breaking_verbs, _W.unrealised_verbs
NECESSITY_ADJECTIVES, RULED_OUT_ADJECTIVES = _W.necessity_adjectives, _W.ruled_out_adjectives
ACCEPTABLE_ADJECTIVES, RULED_OUT_NOUNS, ONLY_WAY_NOUNS = _W.acceptable_adjectives, _W.ruled_out_nouns, _W.only_way_nouns
LIKELIHOOD_ADJECTIVES, CONSIDERING_VERBS = _W.likelihood_adjectives, _W.considering_verbs
TRUCE_NOUNS = words("figures").truce_nouns
DROPPING_VERBS, VOWING_VERBS = _W.dropping_verbs, _W.vowing_verbs
RESOLVE_MODALS, RETREATING_VERBS, BEGINNING_VERBS = _W.resolve_modals, _W.retreating_verbs, _W.beginning_verbs
BEGUN_UNDERTAKINGS, ASKING_VERBS, SUPPORTING_VERBS = _W.begun_undertakings, _W.asking_verbs, _W.supporting_verbs
PUSHING_VERBS, MOVING_PARTICLES, CONDITION_NOUNS = _W.pushing_verbs, _W.moving_particles, _W.condition_nouns
RULED_OUT_PHRASES = _W.ruled_out_phrases
NO_DEAL_NOUNS = frozenset({"ceasefire", "truce", "agreement", *TALK_NOUNS})  # "no ceasefire if ...", "no talks until ..."
POSSIBILITY_MODALS, OBLIGATION_VERBS = _W.possibility_modals, _W.obligation_verbs
ACCUSING_VERBS, ACCUSING_NOUNS = _W.accusing_verbs, _W.accusing_nouns
HEDGING_VERBS, HEDGING_PREPOSITIONS = _W.hedging_verbs, _W.hedging_prepositions
COMMENT_VERBS, FRAME_PREPOSITIONS, ABIDING_VERBS = _W.comment_verbs, _W.frame_prepositions, _W.abiding_verbs
COMPLYING_VERBS, SUSPENDING_VERBS, MONITORING_VERBS = _W.complying_verbs, _W.suspending_verbs, _W.monitoring_verbs
BOUNDARY_NOUNS, DEAL_STAGES, AGENDA_VERBS = _W.boundary_nouns, _W.deal_stages, _W.agenda_verbs
FLIP_ON_NEGATION = {"accept": "reject", "offer": "reject", "demand": None, "reject": None}
FLIP_INSIDE_NEGATION = {"reject": "demand", "demand": "reject", "accept": "reject", "offer": "reject"}
EXCHANGE = {"offer": "demand", "accept": "demand", "demand": "offer", "reject": None}


@dataclass
class Cue:
    token: object  # the anchor Token: the verb, the cue noun, or the copula of a cue adjective
    stance: str
    kind: str  # verb, noun, adjective, modal, no-deal, impersonal, condition
    negated: bool = False
    source: str = ""  # the lexicon list that made it a cue
    word: str = ""  # the cue word where the anchor is another token (an adjective's copula)

    def why(self) -> str:
        said = f'cue "{self.word or self.token.text}" ({self.source or self.kind})'
        return said + (", negated" if self.negated else "")


FLAG_WORDS = {"negated": "flipped by a negation above it", "condition": "a condition (asked in return)",
              "exchange": "asked in exchange", "contrast": "contrasted ('rather than')", "purpose": "its purpose",
              "offered": "offered on a condition", "minimum": "the least it would take ('nothing less than')"}


def explain(*parts: str) -> str:
    """The "why" of a record: its decision trace, short and stable."""
    return "; ".join(p for p in parts if p)


def find_positions(doc, sentences, profile, matcher, published: str | None, date_of=None, background=None,
                   text_offset: int = 0) -> list[Position]:
    """The positions in a processed document (or a chunk of one, at `text_offset`). `date_of` and
    `background` take a sentence's text."""
    lex = lexicon()
    parties_known = set(profile.parties) if profile else set()
    parsed = doc.has_annotation("DEP")
    entities = sentence_entities(doc, sentences)
    people = people_of_parties(doc, profile)
    ctx = Context(belligerents={p.name for p in profile.parties.values() if p.role == "belligerent"} if profile else set(),
                   roles={p.name: p.role for p in profile.parties.values()} if profile else {})
    found: list[Position] = []
    mentions_of = {sent.start: party_mentions(sent, profile, entities.get(sent.start, []), people) for sent in sentences}
    text = doc.text  # built from every token each time it is asked for: once
    speakers = quotation_speakers(doc, text, sentences, mentions_of, lex) if parsed else {}
    labelled = labelled_speakers(doc, text, sentences, mentions_of) or statement_issuers(text, sentences, profile)
    ctx.sections = section_parties(text, profile)
    for sent in sentences:
        mentions = mentions_of[sent.start]
        ctx.sentence_mentions = mentions
        ctx.quote_speaker = speaker_of_quotation(speakers.get(sent.start), ctx) or labelled.get(sent.start, [])
        issues = issue_mentions(sent, matcher, parties_known)
        triples: list[tuple[str, str, str, str | None, str]] = []
        sent_text = text[sent.start_char:sent.end_char]  # Span.text joins its tokens again at each call
        if len(sent) <= MAX_SENTENCE_TOKENS and not sent_text.rstrip().endswith("?"):  # questions state none
            if parsed:
                triples = _read_parsed(sent, mentions, issues, lex, ctx)
            else:
                triples = _read_unparsed(sent, mentions, issues, lex, ctx)
        start = sent.start_char + text_offset
        if triples:  # dates and background only where there is something to date
            when = date_of(sent_text) if date_of else published
            is_background = bool(background(sent_text)) if background else False
        seen = set()
        for party, stance, issue, actor, why in triples:
            if (party, stance, issue) in seen:
                continue
            seen.add((party, stance, issue))
            found.append(Position(party=party, stance=stance, issue=issue, actor=actor, sentence=sent_text,
                                  start=start, end=start + len(sent_text), date=when, background=is_background,
                                  why=why))
        _remember(ctx, sent, mentions, issues, triples)
    return found


def _remember(ctx: Context, sent, mentions: list[PartyMention], issues, triples) -> None:
    subjects = [m for m in mentions if sent.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass") or
                any(sent.doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(m.start, m.end))]
    if subjects:
        ctx.last_subject = subjects[0]
    elif mentions and not sent.doc.has_annotation("DEP"):
        ctx.last_subject = mentions[0]
    if mentions:
        ctx.last_mention = mentions[-1]
        ctx.recent = [m for m in ctx.recent if m.party not in {n.party for n in mentions}][-20:] + mentions
    for mention in mentions:
        if mention.party in ctx.belligerents or not ctx.belligerents:
            ctx.belligerents_named = [b for b in ctx.belligerents_named if b[0] != mention.party]
            ctx.belligerents_named.append((mention.party, mention.text))
    offers = [(p, i) for p, s, i, *_ in triples if s == "offer" and i != "temporary_truce"]
    if offers:
        ctx.previous_offers = offers
    demands = [(p, i) for p, s, i, *_ in triples if s == "demand"]
    if demands or issues:
        ctx.previous_demands = demands
        ctx.previous_issues = [m.issue for m in issues if not _in_background(m)]
    deals = lexicon().deal_nouns
    for mention in issues:
        root = mention.root  # "a five-point truce plan": the noun "truce" modifies is named too
        words = [*sent.doc[mention.start:mention.end], *([root.head] if root.dep_ in ("compound", "amod", "nmod") else [])]
        named = [stem(t) for t in words if stem(t) in deals]
        if mention.issue in ("permanent_ceasefire", "temporary_truce") and not _in_background(mention) and named:
            ctx.deal_issue = mention.issue  # "a peace agreement": later "the agreement" is that one
            ctx.deals_named.update(dict.fromkeys(named, mention.issue))  # and "the plan" the "truce plan"


# -- with a dependency parse ------------------------------------------------------------


def _read_parsed(sent, mentions, issues, lex: Lexicon, ctx: Context):
    cues = _find_cues(sent, lex)
    by_token = {cue.token.i: cue for cue in cues}
    ctx.holders_of = {}
    triples = []
    governed: set[int] = set()
    by_cue: dict[int, set[str]] = {}  # cue token -> the issues it was read with
    for mention in issues:
        described = _described_by(mention, by_token)
        framed = _framed(mention)  # "the agreement signed by X and Y is meant to ...": only who signed it
        if any(c.dep_ == "det" and c.lower_ == "no" for c in mention.root.children) or framed and described is None:
            continue  # "no ceasefire if ...": the refusal's object, read by its condition
        listed = _listed_after_colon(mention, by_token, sent)
        if listed is None and mention.root.dep_ == "appos" and mention.root.head.dep_ in ("nsubj", "nsubjpass"):
            continue  # "Norway and Cuba, guarantors of the talks, welcomed ...": it says who they are
        walked = _walk_to_cue(mention, by_token, sent)
        # a cue the word order gives, nearer than the one the parse gave: a list after a colon, or
        # "its demand for X to be allowed to return", misparsed
        for nearer in (listed, _noun_cue_before(mention, cues, sent)):
            if nearer is not None and (walked is None or walked[0].token.i < nearer.token.i):
                walked = (nearer, set())
        readings = [walked] if walked is not None and not framed else []
        if described is not None and (walked is None or described is not walked[0]):
            readings.append((described, set()))  # "accepted a truce proposed by X": X offered it too
        for cue, flags in readings:
            cue = _outer_cue(cue, by_token)
            governed.add(cue.token.i)
            stance = _stance(cue, flags)
            if stance is None or "condition" not in flags and _conditional(cue):
                continue  # "the army would only join the truce if ...": the truce is not accepted, the condition is
            holders = find_holders(cue, sent, mentions, lex, ctx)
            joint = stance == "offer" and len([h for h in holders if ctx.roles.get(h.party) != "mediator"]) >= 2
            for holder in holders:
                own, own_flags = stance, flags
                if "exchange" in flags and ctx.roles.get(holder.party) == "mediator":
                    # a mediator's package, "X in exchange for Y", asks nothing for itself: it offers both
                    own_flags = flags - {"exchange"}
                    own = _stance(cue, own_flags)
                    if own is None:
                        continue
                why = explain(cue.why(), *(FLAG_WORDS[f] for f in sorted(own_flags) if f in FLAG_WORDS), holder.why(),
                              f"issue {mention.why}", "offered by both sides together: an agreement" if joint else "")
                triples.append((holder.party, "accept" if joint else own, mention.issue, holder.actor, why))
                ctx.holders_of.setdefault(mention.start, set()).add(holder.party)
                by_cue.setdefault(cue.token.i, set()).add(mention.issue)
    for cue in cues:
        if cue.token.dep_ == "advcl" and cue.token.tag_ == "VBN" and cue.token.head.i in by_cue \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.token.children):
            # "agreed to disarm, as demanded by X": X demanded what was agreed
            for holder in find_holders(cue, sent, mentions, lex, ctx):
                triples.extend((holder.party, cue.stance, issue, holder.actor,
                                explain(cue.why(), "said of what the main clause states", holder.why()))
                               for issue in sorted(by_cue[cue.token.head.i]))
    for inner in cues:
        cue = _outer_cue(inner, by_token)
        stance = FLIP_ON_NEGATION[cue.stance] if cue.negated else cue.stance
        if stance is None:
            continue
        targets = _referents(inner, sent, issues, lex, ctx, triples, governed)
        if not targets:
            continue
        for holder in find_holders(cue, sent, mentions, lex, ctx):
            triples.extend((holder.party, stance, issue, holder.actor, explain(cue.why(), holder.why(), how))
                           for issue, how in targets)
    return triples


def _find_cues(sent, lex: Lexicon) -> list[Cue]:
    return [cue for cue in _all_cues(sent, lex) if not _hypothetical(cue.token) and not _owed(cue)]


def _owed(cue: Cue) -> bool:
    """An acceptance or offer someone "must" or "has to" make is not made: the one who says so
    demands it (the speech verb above reads that)."""
    token = cue.token
    return cue.kind == "verb" and cue.stance in ("accept", "offer") and (
        any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in token.children)
        or token.dep_ == "xcomp" and stem(token.head) in OBLIGATION_VERBS)


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Every lemma that can start a cue: anything else is skipped at once."""
    lex = lexicon()
    return frozenset({*lex.verbs, *(v for v, _ in lex.phrasal), *lex.nouns, *lex.adjectives, *lex.offer_actions,
                      *CARRYING_VERBS, *DECLARING_VERBS, *ORDERING_VERBS, *lex.deal_nouns, *NO_DEAL_NOUNS,
                      *BEGINNING_VERBS, *ASKING_VERBS,
                      "time", "be"})


def _hypothetical(token) -> bool:
    """A cue inside "if ...", "unless ..." or "whether ...", one that "failed" to happen, one that
    is hedged ("without committing to", "denied asking for", "stopped short of") or is one side's
    claim about the other ("accused Y of refusing") or a forecast ("is unlikely to accept") states no
    position."""
    if token.dep_ == "xcomp" and (stem(token.head) in UNREALISED_VERBS | LIKELIHOOD_ADJECTIVES or any(
            c.dep_ == "acomp" and stem(c) in LIKELIHOOD_ADJECTIVES for c in token.head.children)):
        return True
    for node in [token, *token.ancestors][:6]:
        head = node.head
        if node.dep_ in ("pcomp", "pobj") and head.lower_ in HEDGING_PREPOSITIONS:
            return True
        if stem(head) in HEDGING_VERBS or stem(head) in ACCUSING_VERBS | ACCUSING_NOUNS and head.i != node.i:
            return True
        if head.lower_ == "of" and stem(head.head) == "short" and head.head.head.i != head.head.i and \
                stem(head.head.head) == "stop":
            return True  # "stopped short of endorsing"
        if head.i == node.i:
            break
    joined = joined_to(token) if token.dep_ == "conj" else token.head
    above = [joined, *joined.ancestors] if joined.i != token.head.i else list(token.ancestors)  # out of a clause it is hung on
    for node in [token, *above]:
        if node.dep_ in ("advcl", "ccomp") and _mark(node) in HYPOTHETICAL_MARKS:
            return True
        if node.dep_ == "advcl" and _mark(node) in ("once", "when", "after", "as soon as") and any(
                c.dep_ == "aux" and c.lower_ in RESOLVE_MODALS for h in [node.head, *node.head.ancestors][:3]
                for c in h.children):
            return True  # "will free them once a deal is signed": not signed yet
        if node.dep_ == "advcl" and _mark(node) == "before" and not any(
                t.tag_ == "VBD" for t in (node, *node.children) if t is node or t.dep_ in ("aux", "auxpass")):
            return True  # "refused to stop before a deal is signed": not signed yet ("before X agreed" was)
    return False


def _all_cues(sent, lex: Lexicon) -> list[Cue]:
    cues = []
    candidates = cue_words()
    doc = sent.doc
    stems, tags = word_table(doc)
    for i in range(sent.start, sent.end):
        word = stems[i]
        if word not in candidates and tags[i] != "VERB":
            continue
        token = doc[i]
        if tags[i] == "VERB" and _obliged_thing(token):
            cues.append(Cue(token, "demand", "impersonal", False, f"a thing that {OBLIGATION_MODALS.name}"))
            continue
        if word not in candidates:
            continue
        if word == "time" or word == "be":
            impersonal = _impersonal(token)
            if impersonal:
                cues.append(Cue(token, impersonal[0], "impersonal", False, f"an impersonal frame, as {impersonal[1]}"))
            continue
        negated = any(c.dep_ == "neg" for c in token.children)
        if token.dep_ == "pcomp" and token.head.lower_ in ("from", "off") and token.head.i > 0 \
                and token.doc[token.head.i - 1].lower_ == "far":
            negated = True  # "remains far from accepting the plan", wherever the parse hangs "far"
        if word == "back" and any(c.lower_ in ("away", "down", "off") for c in token.children):
            continue  # "backed away from its offer": a retreat, not an endorsement
        if word in PUSHING_VERBS and any(c.dep_ in ("prt", "advmod") and c.lower_ in MOVING_PARTICLES for c in token.children):
            continue  # "pushed the deadline back", "pressed ahead with the offensive": moving, not asking
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
            particles = {stem(c) for c in token.children if c.dep_ in ("prt", "prep", "dobj", "dative", "advmod")}
            if token.dep_ == "acl" and token.tag_ == "VBN":
                particles.add(stem(token.head))  # "the accord reached with the rebels": "reach (an) accord"
            found = next((s for (verb, particle), s in lex.phrasal.items() if verb == word and particle in particles), None)
            found = found or lex.verbs.get(word)
            if found and word in SUPPORTING_VERBS and any(c.dep_ == "dobj" and lex.nouns.get(stem(c), ("",))[0] == "offer"
                                                          for c in token.children):
                found = ("accept", f"{SUPPORTING_VERBS.name} + a proposal")  # "supports the UN plan": accepts it
            if not found and word in ASKING_VERBS and any(
                    c.dep_ in ("ccomp", "xcomp") and _mark(c) not in HYPOTHETICAL_MARKS
                    and not any(w.tag_ in ("WDT", "WP", "WRB") for w in c.children) for c in token.children):
                found = ("demand", f"{ASKING_VERBS.name} + a clause")  # "asked that X be freed", not "asked whether"
            if found and found[0] == "accept" and any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS
                                                      for c in token.children):
                continue  # "a deal could be agreed": nobody has agreed yet
            if found and any(c.dep_ == "xcomp" and stem(c) in COMMENT_VERBS for c in token.children):
                continue  # "declined to comment on the proposal"
            if found:
                cues.append(Cue(token, found[0], "verb", negated, found[1]))
                continue
            if word in DECLARING_VERBS:
                cues.append(Cue(token, "offer", "declare", negated, DECLARING_VERBS.name))
                continue
            if word in ORDERING_VERBS and any(c.dep_ == "xcomp" and stem(c) in STOPPING_VERBS
                                              or c.dep_ == "dobj" and stem(c) in STOPPING_NOUNS for c in token.children):
                cues.append(Cue(token, "offer", "order", negated, f"{ORDERING_VERBS.name} + {STOPPING_VERBS.name}"))
                continue
            carried = next((c for c in token.children if c.dep_ == "dobj" and stem(c) in lex.nouns), None) or next(
                (p for c in token.children if c.dep_ == "prep" and c.lower_ == "as"  # "set as a precondition that ..."
                 for p in c.children if p.dep_ == "pobj" and stem(p) in lex.nouns), None)
            if word in CARRYING_VERBS and carried is not None:
                stance, source = lex.nouns[stem(carried)]
                cues.append(Cue(token, stance, "verb", negated, f"{CARRYING_VERBS.name} + {source}"))
                continue
            # "will start withdrawing its fighters": the modal and the subject of the verb of beginning
            anchor = token.head if token.dep_ == "xcomp" and stem(token.head) in BEGINNING_VERBS \
                or token.dep_ == "conj" and not _has_subject(token) else token  # "would grant X and free Y"
            modal = any(c.dep_ == "aux" and c.lower_ in lex.modals for c in anchor.children)
            if word in KEEPING_VERBS and modal and any(stem(c) in WEAPON_NOUNS for c in token.children
                                                             if c.dep_ == "dobj"):
                cues.append(Cue(token, "reject", "modal", negated, f"keeping {WEAPON_NOUNS.name} + {lex.modals.name}"))
                continue  # "would keep their weapons until X": refuses to disarm, asks for X
            begun = word in BEGINNING_VERBS and any(c.dep_ == "dobj" and stem(c) in BEGUN_UNDERTAKINGS for c in token.children)
            halted = word in SUSPENDING_VERBS and (token.tag_ == "VBD" or token.tag_ == "VBN" and any(
                c.dep_ == "aux" and stem(c) == "have" for c in token.children))  # "suspended", "has suspended the raids"
            if (word in lex.offer_actions or begun) and (modal or halted) and any(c.dep_ == "nsubj" for c in anchor.children):
                negated = negated or any(c.dep_ == "neg" for c in anchor.children)
                if word in COMPLYING_VERBS:  # "will respect the ceasefire": keeping to it accepts it
                    cues.append(Cue(token, "accept", "modal", negated, f"{COMPLYING_VERBS.name} + {lex.modals.name}"))
                    continue
                cues.append(Cue(token, "offer", "modal", negated, f"{lex.offer_actions.name} + {lex.modals.name}"))
                continue
        if token.pos_ in ("NOUN", "PROPN") and word in lex.nouns and _given_up(token):
            continue
        if token.pos_ in ("NOUN", "PROPN") and word in lex.nouns:
            cues.append(Cue(token, *lex.nouns[word][:1], "noun", False, lex.nouns[word][1]))
        elif token.pos_ == "ADJ" and word in lex.adjectives and token.dep_ in ("acomp", "amod", "ROOT", "xcomp", "ccomp", "conj"):
            anchor = token.head if token.dep_ == "acomp" else token
            negated = negated or any(c.dep_ == "neg" for c in anchor.children)
            stance, source = lex.adjectives[word]
            accepted = next((c for c in token.children
                             if c.dep_ == "xcomp" and lex.verbs.get(stem(c), ("",))[0] == "accept"), None)
            if stance == "offer" and accepted is not None:  # "is ready to accept / to sign X" accepts X
                stance, source = "accept", f"{source} + {lex.verbs[stem(accepted)][1]}"
            cues.append(Cue(anchor, stance, "adjective", negated, source, token.text))
            if anchor is not token:
                cues.append(Cue(token, stance, "adjective", negated, source))
        elif word in lex.deal_nouns | NO_DEAL_NOUNS and any(
                c.dep_ == "det" and c.lower_ == "no" for c in token.children) and token.head.pos_ in ("VERB", "AUX") \
                and _conditioned(token.head, token):
            cues.append(Cue(token.head, "demand", "no-deal", False, '"no" + a deal'))  # "no ceasefire if ..."
    return cues


def _given_up(noun) -> bool:
    """ "dropped its demand for X", "backed away from its offer": the demand or offer is no more."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in ("from", "on"):
        verb = verb.head  # "backed away from", "reneged on"
        if verb.dep_ == "advmod" and verb.lower_ in ("away", "back"):
            verb = verb.head
        return stem(verb) in RETREATING_VERBS | DROPPING_VERBS
    return noun.dep_ == "dobj" and stem(verb) in DROPPING_VERBS


def _conditioned(*tokens) -> bool:
    """ "no ceasefire if ...", "no talks until / without ...": a refusal that asks for its condition
    ("there is no agreement on X" asks nothing)."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
               or c.dep_ == "prep" and c.lower_ in ("until", "unless", "without")
               for token in tokens for c in token.children)


def _impersonal(token) -> tuple[str, str] | None:
    """The stance of a frame that names nobody as holding it, so that whoever says it holds it, and
    the list that makes it one: "it is (high) time for X to ...", "it is essential that ...", "there
    must be a withdrawal", "the only way forward is X" demand; "a withdrawal is unacceptable / out of
    the question / off the table", "there is no question of X" reject it; "is acceptable" accepts it.
    Not "there must have been": a guess."""
    if stem(token) == "time":
        copula = token.head
        demanded = token.dep_ == "attr" and stem(copula) == "be" and _it_subject(copula)
        return ("demand", "it is time") if demanded else None
    existential = any(c.dep_ == "expl" and c.lower_ == "there" for c in token.children)
    if existential and any(c.dep_ == "attr" and stem(c) in RULED_OUT_NOUNS and any(d.lower_ == "no" for d in c.children)
                           for c in token.children):
        return "reject", RULED_OUT_NOUNS.name  # "there is no question of our troops withdrawing"
    if token.pos_ != "AUX":
        return None
    negated = any(c.dep_ == "neg" for c in token.children)
    if _ruled_out(token, negated):
        return "reject", RULED_OUT_ADJECTIVES.name
    if negated:
        return None
    if _only_way(token):
        return "demand", ONLY_WAY_NOUNS.name
    if existential:
        auxiliaries = [c.lower_ for c in token.children if c.dep_ == "aux"]
        obliged = any(a in OBLIGATION_MODALS for a in auxiliaries) and "have" not in auxiliaries
        return ("demand", OBLIGATION_MODALS.name) if obliged else None
    if _it_subject(token) and any(c.dep_ == "acomp" and stem(c) in NECESSITY_ADJECTIVES for c in token.children):
        return "demand", NECESSITY_ADJECTIVES.name
    if any(c.dep_ == "acomp" and stem(c) in ACCEPTABLE_ADJECTIVES for c in token.children):
        return "accept", ACCEPTABLE_ADJECTIVES.name
    return None


def _only_way(copula) -> bool:
    """ "The only way forward is X", "the only solution is X": the subject is the one way."""
    return any(c.dep_ == "nsubj" and stem(c) in ONLY_WAY_NOUNS and any(d.lower_ == "only" for d in c.children)
               for c in copula.children) and any(c.dep_ == "attr" for c in copula.children)


def _ruled_out(copula, negated: bool) -> bool:
    """ "unacceptable", "out of the question", "off the table"; negated, "acceptable", "on the table"."""
    for child in copula.children:
        if child.dep_ == "acomp" and (stem(child) in RULED_OUT_ADJECTIVES or negated and stem(child) == "acceptable"):
            return True
        if child.dep_ == "prep":
            words = " ".join(t.lower_ for t in child.subtree if t.dep_ != "det")
            if words in RULED_OUT_PHRASES or negated and words == "on table":
                return True
    return False


def _obliged_thing(verb) -> bool:
    """ "Decommissioning has to start", "the truce must be respected": an obligation whose subject is
    a thing, not a party (whoever says it asks for it; "X must withdraw" is read as X's duty)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_ or stem(subject) in BOTH_SIDES \
            or stem(verb) in FRAME_VERBS:  # "any agreement must be based on X": X is asked, not the agreement
        return False
    if stem(verb) in OBLIGATION_VERBS:
        return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children)


def _it_subject(copula) -> bool:
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children)


def _mark(clause) -> str:
    """A clause's subordinator; "before" after a refusal is "until" ("will not sign before X")."""
    mark = " ".join(c.lower_ for c in clause.children if c.dep_ == "mark")
    if mark == "before" and any(c.dep_ == "neg" for c in clause.head.children):
        return "until"
    return mark


def _has_subject(token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _walk_to_cue(mention, by_token: dict, sent):
    """The nearest cue above an issue mention, and what lies between (negation, exchange, condition)."""
    flags: set[str] = set()
    doc = sent.doc
    if _contrasted(mention, sent):
        flags.add("contrast")
    if any(t.dep_ == "pobj" and t.head.lower_ in ("until", "unless", "without") for t in doc[mention.start:mention.end]):
        flags.add("condition")  # "... until Hamas was defeated"
    node = mention.root
    if node.dep_ in ("dobj", "nsubj", "nsubjpass") and stem(node.head) in BREAKING_VERBS:
        return None
    if node.i in by_token and by_token[node.i].kind == "noun":
        return by_token[node.i], flags  # "Egypt's truce proposal": the mention is its own cue
    if node.i in by_token and by_token[node.i].kind == "modal":
        return by_token[node.i], flags  # "would free the detainees": the issue's own verb is the offer
    if node.pos_ == "VERB" and any(c.dep_ == "neg" for c in node.children):
        flags.add("negated")  # "would scale back its operations but would not leave the provinces"
    held: Cue | None = None  # "will not negotiate until X": the course held until X, which asks for it
    upon = False  # crossed "on": what a condition is set on
    for _ in range(24):  # long lists of terms make long chains
        if node.head.i == node.i:
            return (held, flags) if held else None
        child, node = node, node.head
        if child.dep_ == "advcl":
            mark = _mark(child)
            if mark in CONDITION_MARKS:
                flags.add("condition")
                only = any(c.dep_ == "advmod" and c.lower_ == "only" for c in child.children)
                if held is None and (mark in ("until", "unless") or mark == "if" and only) and _resolute(node):
                    held = Cue(node, "demand", "condition", source=f"held until a condition is met ({VOWING_VERBS.name})")
            elif mark in ("after", "once", "when") and any(c.dep_ == "advmod" and c.lower_ == "only"
                                                          for c in [*child.children, *node.children]) \
                    and any(c.tag_ == "MD" or c.dep_ == "neg" for c in node.children):
                flags.add("condition")  # "a deal can only come after the prisoners are released": asked first
                if held is None:
                    held = Cue(node, "demand", "condition", source=f'"only {mark}" a condition is met')
            elif mark in TEMPORAL_MARKS:
                return None  # "once the deal is implemented": time, not content
        if child.dep_ in ("pobj", "pcomp") and node.lower_ in HEDGING_PREPOSITIONS and not (
                child.i == mention.root.i and any(c.dep_ == "det" and c.lower_ == "no" for c in node.head.children)):
            return None  # "without committing to end the war": no stance on it; but "no agreement without X" asks X
        if child.dep_ == "pobj" and node.lower_ in FRAME_PREPOSITIONS and node.head.i != node.i \
                and node.head.pos_ in ("VERB", "AUX") and (mention.root.i == child.i or _boundary_of(child, mention)) \
                and not (node.lower_ == "by" and stem(node.head) in ABIDING_VERBS):
            return None  # "under the first phase, Hamas will release ...", "by the end of the truce": a time
        if stem(node) in ACCUSING_VERBS | ACCUSING_NOUNS:
            return None  # "blaming Hamas' refusal to release the hostages": a claim about the other side
        if child.dep_ == "pobj" and node.lower_ in ("until", "unless", "without"):
            flags.add("condition")
        if child.dep_ == "pobj" and child.i == mention.root.i and node.lower_ == "for" and stem(node.head) in CONDITION_NOUNS:
            return None  # "set as a precondition for any ceasefire the disbanding of ...": what it is set for
        if child.dep_ == "pobj" and node.lower_ in ("on", "upon"):
            upon = True
        if child.dep_ == "pobj" and node.lower_ in ("than", "of") and node.head.lower_ in ("less", "short") \
                and node.head.head.lower_ == "nothing":
            flags.add("minimum")  # "would accept nothing less than a full withdrawal"
        if child.dep_ == "pobj" and node.lower_ == "for" and node.head.lower_ in ("exchange", "return"):
            flags.add("exchange")
        if child.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") for c in child.children):
            return None  # "the villagers who fled the shelling": it says who they are
        if child.dep_ in ("acl", "advcl", "xcomp") and node.lower_ == "order":
            flags.add("purpose")
        if child.dep_ == "dobj" and stem(node) in CONSIDERING_VERBS:
            return None  # "asked for time to study the text": under study, not asked for
        if child.dep_ == "dobj" and stem(node) in MONITORING_VERBS and node.i not in by_token:
            flags.add("monitored")
        if child.dep_ in ("dobj", "prep") and stem(node) in AGENDA_VERBS:
            flags.add("agenda")  # "agreed to discuss a truce": the truce is a topic, not accepted
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") and stem(node) in FRAME_VERBS:
            return None  # "whether the truce holds depends on ...": the truce is no demand
        if child.dep_ == "dobj" and stem(node) in FRAME_VERBS and node.dep_ in ("relcl", "acl") \
                and not _demand_noun(by_token.get(node.head.i)):
            # "a deal that would include a withdrawal": the deal's contents, nobody's stance yet; but
            # "its conditions, which include a withdrawal": what the conditions ask for
            return None
        if stem(node) == "be" and (child.dep_ in ("attr", "nsubj", "csubj") or _fronted_subject(child, mention)) \
                and (equated := _equated(node, child, by_token)):
            # "its main demand is a withdrawal", "a withdrawal is a precondition": the noun's stance
            return (None if any(c.dep_ == "neg" for c in node.children) else (equated, flags))
        if stem(node) in ("condition", "conditioning") and (child.dep_ == "dobj" or child.lower_ == "of") and not upon:
            flags.add("offered")  # "conditioned hostage releases on X": the releases are offered for X
        if node.i in by_token:
            cue = by_token[node.i]
            if cue.kind == "noun" and not _owned(cue.token) and _verb_cue_above(cue.token, by_token):
                continue  # "would not accept conditions that ...": the verb decides
            if cue.kind == "verb" and _inanimate_subject(cue.token):
                continue  # "an agreement that would require X": the agreement holds no position
            if cue.kind == "declare" and child.dep_ != "dobj":
                continue  # only what is declared is offered
            return cue, flags
        if node.pos_ == "VERB" and stem(node) in lexicon().speech and child.dep_ in ("ccomp", "advcl", "xcomp"):
            # reported speech is the speaker's own statement: "..., saying the group must first leave X"
            if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in child.children) \
                    or _obliged(child, mention):
                return Cue(node, "demand", "speech", source=f"{lexicon().speech.name} + {OBLIGATION_MODALS.name}"), flags
            return (held, flags) if held else None
        if any(c.dep_ == "neg" for c in node.children) and node.pos_ in ("VERB", "AUX"):
            flags.add("negated")
    return None


def _resolute(verb) -> bool:
    """ "will not negotiate until ...", "vowed to keep fighting unless ...": a course held (a modal of
    will, a refusal, a vow) until a condition is met; a past "fought until ..." only tells. (With
    "if" the condition may be what the speaker fears: "would respond if attacked".)"""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in RESOLVE_MODALS for c in node.children):
            return True
        if node.i != verb.i and stem(node) in VOWING_VERBS:
            return True
        if node.dep_ != "xcomp":
            return False
        node = node.head
    return False


def _equated(copula, child, by_token: dict) -> Cue | None:
    """The cue noun on the other side of "be" from the issue."""
    other = ("nsubj", "csubj") if child.dep_ == "attr" else ("attr",)
    noun = next((c for c in copula.children if c.dep_ in other), None)
    cue = by_token.get(noun.i) if noun is not None else None
    return cue if cue is not None and cue.kind == "noun" else None


def _fronted_subject(child, mention) -> bool:
    """ "For Rabat, the release of X is a precondition": the parser hangs the subject on the fronted
    "for" phrase as an apposition of its party; the mention lies in that apposition."""
    if child.dep_ != "prep" or child.lower_ != "for" or child.i != child.sent.start:
        return False
    return any(appos.dep_ == "appos" and appos.left_edge.i <= mention.start <= appos.right_edge.i
               for pobj in child.children if pobj.dep_ == "pobj" for appos in pobj.children)


def _inanimate_subject(token) -> bool:
    """Whether a verb's subject is a text or a meeting, which holds no position: "an agreement that
    would require X", "the talks resulted in ..."."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    subject = relative_noun(subject) or subject
    if any(c.dep_ == "prep" and c.lower_ == "between" for c in subject.children):
        return False  # "talks between X and Y resulted in ...": the parties talking hold it
    before = subject.left_edge.i - 1
    if before >= subject.sent.start and subject.doc[before].pos_ == "ADP":
        return False  # "After long talks in Lund, X and Y agreed": "talks" was never the subject
    return stem(subject) in lexicon().deal_nouns | {"talks", "talk", "negotiation", "text", "draft", "resolution"}


def _owned(token) -> bool:
    """Whether a cue noun names its owner: "its demand", "Egypt's proposal", "the US draft"."""
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in (PARTY_LABEL, "NORP")):
            return True
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
            return True
    return False


def _verb_cue_above(token, by_token: dict) -> bool:
    return any(a.i in by_token and by_token[a.i].kind != "noun" for a in token.ancestors)


def _contrasted(mention, sent) -> bool:
    """ "a pause rather than a permanent end", "instead of a withdrawal", "but not ..." """
    before = sent.doc[max(mention.start - 5, sent.start):mention.start]
    words = [t.lower_ for t in before]
    for k in range(len(words) - 1):
        if (words[k], words[k + 1]) in (("rather", "than"), ("instead", "of"), ("but", "not")):
            return not any(t.pos_ in ("VERB", "AUX") for t in before[k + 2:])
    if not words or words[-1] != "not":
        return False
    # "a truce, not a permanent end" contrasts; "will not withdraw" negates the verb that is the issue
    return not (mention.root.pos_ in ("VERB", "AUX") and before[-1].head.i == mention.root.i)


def _obliged(verb, mention) -> bool:
    """ "... saying the army has to leave the city": an obligation verb whose 'to' clause holds the
    issue, said of a named subject (not "it has to", "we need to": the speaker's own duty)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if stem(verb) not in OBLIGATION_VERBS or subject is None or subject.pos_ == "PRON":
        return False
    node = mention.root
    while node.head.i != node.i and node.dep_ != "conj":
        if node.dep_ == "xcomp" and node.head.i == verb.i:
            return True
        node = node.head
    return False


def _framed(mention) -> bool:
    """The subject of "must include", "should lead to": the frame of a demand, not its content."""
    root = mention.root
    return root.dep_ in ("nsubj", "nsubjpass") and stem(root.head) in FRAME_VERBS


def _listed_after_colon(mention, by_token: dict, sent) -> Cue | None:
    """The cue that governs a list after a colon, whatever the parse made of the list: "came wanting
    two things: the return of X and the withdrawal of Y", "set three conditions: A, B and C" (a cue
    noun, or the object of a cue verb, right before the colon)."""
    doc = sent.doc
    colon = next((t for t in reversed(doc[sent.start:mention.start]) if t.text in (":", ";", "\u2014")), None)
    if colon is None or colon.text != ":":
        return None
    for noun in reversed([t for t in doc[max(sent.start, colon.i - 6):colon.i] if t.pos_ == "NOUN"]):
        if noun.i in by_token and by_token[noun.i].kind == "noun":
            return by_token[noun.i]
        if noun.dep_ == "dobj" and noun.head.i in by_token:
            return by_token[noun.head.i]
    return None


def _noun_cue_before(mention, cues: list[Cue], sent):
    """A cue noun shortly before a mention, with nothing between that starts another clause:
    the reading of "X's demand for A, B and C" that holds even where the parse attaches
    A, B or C elsewhere."""
    doc = sent.doc
    for cue in sorted((c for c in cues if c.kind == "noun" and _owned(c.token)), key=lambda c: -c.token.i):
        if not 0 < mention.start - cue.token.i <= 14:
            continue
        between = doc[cue.token.i + 1:mention.start]
        if between and between[0].lower_ not in ("for", "of", "to", "that", "on"):
            continue
        if any(t.text in (";", ":", "\u2014", "(") or t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in between):
            continue
        if cue.stance in ("offer", "accept") and any(stem(t) in AGENDA_VERBS for t in between):
            continue  # "its proposal to discuss X": X is on the agenda, not offered
        return cue
    return None


def _conditional(cue: Cue) -> bool:
    """An acceptance that holds only on a condition: "would join the truce if ...", "will accept it
    provided ..." (a conditional offer is still an offer: "would withdraw if ...")."""
    token = cue.token
    if cue.stance != "accept":
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in token.children)
    # but "would not agree to a truce until X": refused now, whatever may come later
    marks = REFUSAL_CONDITION_MARKS if cue.negated else CONDITION_MARKS
    return modal and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
                         for c in token.children)


def _described_by(mention, by_token: dict) -> Cue | None:
    """A cue verb that describes the issue's phrase from below: "a truce proposed by Egypt", "the
    cessation of hostilities agreement signed by X and Y" (a participle, not a clause that follows)."""
    nouns = [t for t in mention.root.subtree if t.pos_ in ("NOUN", "PROPN") and t.i - mention.start < 6]
    for node in nouns:
        for child in node.children:
            cue = by_token.get(child.i)
            if cue is not None and child.dep_ == "acl" and child.tag_ == "VBN" and cue.kind == "verb":
                return cue
    return None


def _outer_cue(cue: Cue, by_token: dict) -> Cue:
    """ "pressed Hamas to accept" is a demand by the one pressing; "refused to accept" a rejection;
    but agreeing or offering to demand or reject is demanding or rejecting ("both parties agreed
    to demand the withdrawal")."""
    token = cue.token
    while True:
        # "urged X to respect the truce and reach a deal": the second verb is urged like the first
        dep, head = (token.head.dep_, token.head.head) if token.dep_ == "conj" else (token.dep_, token.head)
        if dep in ("ccomp", "xcomp") and stem(head) in PERMITTING_VERBS and head.dep_ == "xcomp":
            dep, head = "xcomp", head.head  # "refused to let the accord be signed": refused to sign it
        if token.dep_ == "conj" and joined_to(token).i != token.head.i:
            return cue  # "insists that the surrender be total and refuses ...": refusing is no part of what is insisted on
        if head.i not in by_token or by_token[head.i].kind == "noun" or not (
                dep == "xcomp" or dep == "ccomp" and by_token[head.i].stance == "demand"
                or dep in ("relcl", "acl") and by_token[head.i].kind == "impersonal"):
            return cue
        if dep == "ccomp" and cue.negated and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in token.children):
            return cue  # "insisted it would not accept X": its own refusal, said firmly
        outer = by_token[head.i]
        if outer.stance in ("accept", "offer") and cue.stance in ("demand", "reject") and not outer.negated:
            outer = Cue(outer.token, cue.stance, outer.kind, cue.negated, f"{outer.source} + {cue.source}", cue.word)
        cue = outer
        token = cue.token


def _stance(cue: Cue, flags: set[str]) -> str | None:
    stance = FLIP_ON_NEGATION[cue.stance] if cue.negated else cue.stance
    if stance is None:
        return None
    if "contrast" in flags:
        return "reject" if stance in ("demand", "offer", "accept") else None
    if "negated" in flags:
        stance = FLIP_INSIDE_NEGATION[stance]
    if "offered" in flags and stance == "demand":
        return "offer"
    if "minimum" in flags and stance in ("accept", "offer"):
        return "demand"
    if "condition" in flags:
        return "demand"
    if "exchange" in flags:
        return EXCHANGE[stance]
    if "agenda" in flags and stance in ("offer", "accept"):
        return None
    if "monitored" in flags and stance == "offer":
        return None  # "ready to send observers to supervise the ceasefire": the observers are offered, not the ceasefire
    if "purpose" in flags and stance in ("offer", "accept"):
        return "demand"
    return stance


def _issues_of_clause(token, issues) -> list:
    """The issues a verb with no object may be answering in its own sentence: those before it ("X
    proposed a truce, but Hamas refused") and those in its own clause; not those in a clause joined
    after it ("X refused, and the text says only that neither side will move troops")."""
    joined = {t.i for c in token.children if c.dep_ in ("conj", "parataxis") for t in c.subtree}
    return [m for m in issues if m.root.i < token.i or m.root.i in {t.i for t in token.subtree} - joined]


def _referents(cue: Cue, sent, issues, lex: Lexicon, ctx: Context, triples,
               governed: set[int]) -> list[tuple[str, str]]:
    """Issues a cue's object points to, each with how: a deal on the table, or what was demanded before."""
    token = cue.token
    deal = f'issue {ctx.deal_issue}: "{token.text}" is the deal on the table ({lex.deal_nouns.name})'
    if cue.kind == "noun" and _about_something_else(token, issues, lex):
        return []  # "a fisheries accord": a deal, but not on a truce
    if cue.kind == "noun":
        # "Egypt's proposal", "an Israeli plan": the deal on the table, offered by its owner
        own_issue = any(m.root.i in span_tokens(token) for m in issues)
        return [(ctx.deal_issue, deal)] if stem(token) in lex.deal_nouns and not own_issue else []
    obj = _object(token)
    if obj is None and cue.kind == "verb" and cue.stance in ("reject", "accept") and not _issues_of_clause(token, issues) \
            and token.dep_ in ("ROOT", "conj", "ccomp") and not any(
            c.dep_ in ("xcomp", "ccomp", "advcl", "dobj", "attr", "auxpass") or c.dep_ == "prep" and not _when_or_where(c)
            for c in token.children):  # "was rebuffed": the one refused is no party refusing
        # "The rebels refused." with nothing after it: the answer to what the other side last demanded
        own = {h.party for h in find_holders(cue, sent, ctx.sentence_mentions, lex, ctx)}
        return [(i, f'issue {i}: "{token.text}" with no object answers what {p} demanded')
                for p, i in ctx.previous_demands if p not in own]
    if obj is None:
        return []
    own_parties = {h.party for h in find_holders(_outer_cue(cue, {}), sent, ctx.sentence_mentions, lex, ctx)}
    contents = [(m.issue, f'issue {m.why}, inside its object "{obj.text}"') for m in issues
                if m.root.i != obj.i and _inside_phrase(m.root, obj) and not _on_agenda(m.root, obj)
                and not own_parties & ctx.holders_of.get(m.start, set())]
    if contents:
        return list(dict(contents).items())  # "rejected a proposal for a six-month truce": the truce
    targets: list[tuple[str, str]] = []
    word = stem(obj)
    is_anaphor = (
        stem(obj) not in BOTH_SIDES and obj.lower_ in lex.anaphor_pronouns | lex.anaphor_determiners
        and obj.pos_ in ("PRON", "DET")
        or word in lex.anaphor_nouns - lex.deal_nouns and token.dep_ == "relcl" and token.head.i == obj.i
        or stem(obj) not in BOTH_SIDES and any(c.dep_ in ("det", "predet") and c.lower_ in lex.anaphor_determiners
                                               for c in obj.subtree)
        or word in lex.anaphor_nouns and any(c.lower_ == "the" for c in obj.children) and not
        any(c.dep_ in ("poss", "compound", "amod") for c in obj.children)
    ) and not _ground(obj)
    if obj.tag_ == "WDT" or obj.lower_ in ("that", "which") and token.dep_ == "relcl":
        # "the ceasefire that Washington had proposed": the relative pronoun is the noun it hangs on
        head = token.head
        return [(m.issue, f'issue {m.why}, what "{obj.text}" stands for') for m in issues if m.root.i == head.i]
    temporal = any(a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in a.children)
                   for a in [token, *token.ancestors])
    if is_anaphor and temporal and obj.pos_ == "PRON":
        return []  # "after it was proposed": a pronoun in a clause of time refers to something in view
    if is_anaphor and word in ctx.deals_named and obj.pos_ == "NOUN":
        # "a five-point truce plan ... accepted the plan": the deal named with that noun before
        issue = ctx.deals_named[word]
        return [(issue, f'issue {issue}: "{obj.text}" is the {word} named before')]
    if is_anaphor and word in lex.deal_nouns and ctx.previous_offers:
        # "Taliban rejected the offer": the offer described before, by another party
        own = {h.party for h in find_holders(cue, sent, ctx.sentence_mentions, lex, ctx)}
        offered = [(p, i) for p, i in ctx.previous_offers if p not in own]
        if offered:
            return [(i, f'issue {i}: "{obj.text}" refers back to what {p} offered') for p, i in offered]
    if is_anaphor:
        own = {h.party for h in find_holders(cue, sent, ctx.sentence_mentions, lex, ctx)}
        earlier = [(p, i) for p, s, i, *_ in triples if s == "demand" and p not in own]
        pool = earlier or [(p, i) for p, i in ctx.previous_demands if p not in own]
        targets = [(i, f'issue {i}: "{obj.text}" refers back to what {p} demanded') for p, i in pool]
        named = list(dict.fromkeys(ctx.previous_issues))
        if not targets and obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that") and len(named) > 1:
            # "fuel ships in, flights out ... The rebels accepted it": one thing that holds them all, the deal
            targets = [(ctx.deal_issue, f'issue {ctx.deal_issue}: "{obj.text}", one thing for the several issues '
                                        "last named, is the deal")]
        elif not targets and word not in lex.deal_nouns and (word in lex.anaphor_nouns or obj.pos_ == "PRON"):
            targets = [(i, f'issue {i}: "{obj.text}" refers back to the issues last named') for i in named]
    if word in lex.deal_nouns and token.i not in governed and not _about_something_else(obj, issues, lex):
        targets.append((ctx.deal_issue, deal.replace(f'"{token.text}"', f'"{obj.text}"')))
    return list(dict(reversed(targets)).items())[::-1]


def _when_or_where(prep) -> bool:
    """A phrase saying when, where or how a party answered, not to what: "refused at once", "accepted
    on Monday", "in Geneva", "within hours"."""
    if prep.lower_ in ("at", "in", "within", "after", "during", "from", "out"):
        return True
    return any(c.ent_type_ in ("DATE", "TIME", "GPE") for c in prep.children if c.dep_ == "pobj")


def _ground(noun) -> bool:
    """ "withdraw to the positions they held": positions on the ground, not a stance."""
    return stem(noun) == "position" and (noun.dep_ == "pobj" and noun.head.lower_ in ("to", "from", "behind", "at")
                                         or any(c.dep_ == "relcl" for c in noun.children))


def _inside_phrase(token, phrase) -> bool:
    """Whether a token belongs to a noun phrase's own modifiers ("a proposal for a six-month truce")."""
    node = token
    while node.i != node.head.i and (node.dep_ in ("pobj", "prep", "compound", "amod", "nmod", "conj", "pcomp", "acl")
                                     or node.dep_ == "dobj" and node.head.dep_ in ("acl", "xcomp")):
        node = node.head
        if node.i == phrase.i:
            return True
    return False


def _object(token):
    """What a cue verb acts on: its object, a phrasal verb's object, or the noun a relative clause hangs on."""
    xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
    for child in token.children:
        if child.dep_ in ("dobj", "attr") or (child.dep_ == "nsubjpass" and token.tag_ == "VBN"):
            if xcomp is not None and (child.ent_type_ == PARTY_LABEL or child.pos_ == "PRON" or stem(child) in BOTH_SIDES):
                return _object(xcomp)  # "pressed Hamas to accept the proposal": the proposal
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "on", "with", "for", "of", "at"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC"):
                return pobj
        if child.dep_ == "xcomp" and stem(child) not in CONSIDERING_VERBS:  # "asked for time to study it"
            inner = _object(child)
            if inner is not None:
                return inner
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return None


# -- without a parse ----------------------------------------------------------------------


def _read_unparsed(sent, mentions, issues, lex: Lexicon, ctx: Context):
    """Word order only: the nearest party before a cue holds it; issues after it, to the clause's end."""
    doc = sent.doc
    triples = []
    tokens = list(sent)
    for k, token in enumerate(tokens):
        word = stem(token)
        found = lex.verbs.get(word) or lex.nouns.get(word) or lex.adjectives.get(word)
        if found is None:
            nxt = stem(tokens[k + 1]) if k + 1 < len(tokens) else ""
            found = lex.phrasal.get((word, nxt))
        if found is None:
            continue
        stance, source = found
        window = doc[max(token.i - 3, sent.start):token.i].text.lower()
        negated = any(neg in window.split() for neg in ("not", "n't", "never", "cannot", "no"))
        if negated:
            stance = FLIP_ON_NEGATION[stance]
            if stance is None:
                continue
        before = [m for m in mentions if m.end <= token.i and token.i - m.end <= 8]
        if before:
            holder = Holder(before[-1].party, before[-1].text, "nearest party before the cue (no parse)")
        elif ctx.last_subject is not None and any(t.lower_ in PRONOUNS for t in doc[max(token.i - 3, sent.start):token.i]):
            holder = Holder(ctx.last_subject.party, ctx.last_subject.text, "a pronoun resolved to the party last named")
        else:
            continue
        stop = next((t.i for t in doc[token.i + 1:sent.end]
                     if t.text in (";",) or t.lower_ in ("but", "while", "whereas")), sent.end)
        cue = Cue(token, stance, "word order", negated, source)
        for mention in issues:
            if token.i < mention.start < stop:
                triples.append((holder.party, stance, mention.issue, holder.actor,
                                explain(cue.why(), holder.why(), f"issue {mention.why}")))
    return triples


def _demand_noun(cue: Cue | None) -> bool:
    return cue is not None and cue.kind == "noun" and cue.stance == "demand"


def _about_something_else(noun, issues, lex: Lexicon) -> bool:
    """Whether a deal noun's modifiers say what else it is about ("a grain deal", "a water-sharing
    proposal", "plans for closer ties"): a noun before it, or after "for", that is no party, place,
    issue, deal, truce or talks word, nor a stage of one; or it proposes talks ("a proposal to
    discuss X")."""
    if any(c.dep_ == "acl" and stem(c) in AGENDA_VERBS for c in noun.children):
        return True
    issue_tokens = {i for m in issues for i in m.tokens}
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects and all(o.i not in issue_tokens and o.ent_type_ not in (PARTY_LABEL, "GPE", "LOC", "NORP")
                           and stem(o) not in lex.deal_nouns | TALK_NOUNS | DEAL_STAGES | TRUCE_NOUNS | {"peace"}
                           for o in objects):
            return True
    stack = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    while stack:
        child = stack.pop()
        stack.extend(c for c in child.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < child.i)
        hyphened = child.i + 1 < len(child.doc) and child.doc[child.i + 1].text == "-"
        if (child.pos_ == "NOUN" or hyphened and child.pos_ == "VERB") and child.ent_type_ != PARTY_LABEL \
                and child.i not in issue_tokens and stem(child) not in lex.deal_nouns | TALK_NOUNS | DEAL_STAGES:
            return True
    return False


def _on_agenda(token, top) -> bool:
    """Whether the token is what a verb below `top` puts on the agenda: "a proposal to discuss X"."""
    for ancestor in token.ancestors:
        if ancestor.i == top.i:
            return False
        if stem(ancestor) in AGENDA_VERBS:
            return True
    return False


def _boundary_of(noun, mention) -> bool:
    """Whether the noun is a point in the life of the issue: "the end of the truce"."""
    if stem(noun) not in BOUNDARY_NOUNS:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.i == mention.root.i for o in c.children if o.dep_ == "pobj")
               for c in noun.children)


def _in_background(mention) -> bool:
    """An issue named as a time or as background ("after the 2003 ceasefire", "talks that followed
    the ceasefire") is nothing a later "the idea" or "that" points back to."""
    node = mention.root
    for _ in range(12):
        if node.head.i == node.i:
            return False
        if node.dep_ == "relcl" or node.dep_ == "pobj" and node.head.lower_ in FRAME_PREPOSITIONS:
            return True
        node = node.head
    return False
