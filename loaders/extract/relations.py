"""Document-level clean-up and relation rules.

:func:`document_pass` takes the sentence mentions of one document and

1. drops weak candidates, links bare surnames to full names and event references to events,
   turns "(X)" after a person into one organisation mention, decides the main event and main
   initiative (the ones named in the title);
2. applies the relation rules below, each with a confidence that reflects how strong the cue is.

Relation rules (cue phrases are in ``data/extract/cues.csv``)
-----------------------------------------------------------------
AFFILIATED_WITH  "<Person>, <rol> van/bij/aan <Org>" (0.9), "<Person> (<rol> <Org>)" (0.85),
                 "<rol> <Person> (<Org>)", "<Org>aanjager <Person>" (compound role, 0.7),
                 "<Person> van <Org>" (0.6), "<Person>, <Org>" (0.6), e-mail domain (0.5)
ORGANISED        "georganiseerd door", "organiseert", "is een initiatief van", "op initiatief
                 van", "in het leven geroepen", "ontwikkeld door", "dat X mede-ontwikkeld
                 heeft", "in samenwerking met" (with an organising verb), event names that
                 contain an initiative ("Landelijke Werkdag Zorgpact")
PARTNER_IN       "partners van X: A, B en C", "A partner in X", "partners, waaronder A",
                 "ondertekend door", "ondertekenden", "sloten een pact", "aangesloten bij"
PARTICIPATED_IN  participation cues (namen deel, sprak, presenteerde, verzorgde een bijdrage,
                 gaf een toelichting, in gesprek met, overhandigd …) for the people (and the
                 subject organisation) of the sentence, towards the event of the sentence or
                 the main event of the text; event roles (dagvoorzitter, spreker); "<event>
                 bij <Org>" (host)
PART_OF          "in het kader van", "onderdeel van", "maakt deel uit van", koploper lists and
                 "Koploper X" (membership of a group from domain.csv), known programme
                 structure (domain.csv part_of), labs/stands of an event
LOCATED_IN       "<event> … in <regio>", "<Org> in/te/uit <regio>", "gevestigd in", a region at
                 the end of a name ("Windesheim Flevoland") when the region is also named alone
ACTIVE_IN        the same for initiatives that are no place (pacts, programmes), "actief in",
                 "in de regio"
FUNDED_BY        "gefinancierd door", "subsidie van", "met steun van", "financiert",
                 "met een bijdrage van/uit", "<Org> ondersteunt <X | de academie>"
Also: "de gemeenten A, B en C" -> three municipal governments (shared plural head);
"<P>, <rol> bij A en <rol> bij B" -> two affiliations; "lid van de raad van … van X";
"A werken (daarin) samen met (… als) B" and "<X>, een samenwerking tussen A en B" /
"uitgevoerd door" -> PARTNER_IN; "is trekker/penvoerder van", "trekt" -> ORGANISED;
"zijn betrokken bij" -> PARTNER_IN; attendees ("schoof aan", "aanwezig", "bezochten",
"werkbezoek gebracht") -> the event of the sentence, the title event or the first event.
"""

from __future__ import annotations

from loaders.extract.base import (  # noqa: F401 (S_CONTEXT, INTERFIX_SET re-exported)
    INTERFIX_SET, S_CONTEXT, DocExtraction, Mention, RelCand, Sent)
from loaders.extract.cleanup import CleanupMixin
from loaders.extract.pipeline import Pipeline
from loaders.extract.rel_affiliation import AffiliationRules
from loaders.extract.rel_location import LocationRules
from loaders.extract.rel_organised import OrganisedRules
from loaders.extract.rel_participation import ParticipationRules
from loaders.extract.rel_partner import PartnerRules
from loaders.extract.rel_structure import StructureRules
from loaders.extract.relbase import PassBase, SentView, cues
from loaders.extract.rules import Rules


class DocPass(CleanupMixin, AffiliationRules, OrganisedRules,
              PartnerRules, StructureRules, LocationRules, ParticipationRules, PassBase):

    def __init__(self, p: Pipeline, R: Rules, sents: list[Sent], mentions: list[Mention],
                 title: str | None, date: str | None):
        self.p, self.R, self.lex = p, R, p.lex
        self.sents, self.title, self.date = sents, title, date
        self.mentions = mentions
        self.rels: list[RelCand] = []
        self.cues = cues()
        self.main_event: Mention | None = None
        self.main_ini: Mention | None = None
        #: (subject, sentence) of the last funding rule: "… dragen daarnaast … bij"
        self.last_funded: tuple[Mention, int] | None = None
        self.aff_targets: set[int] = set()   # id() of mentions used as affiliation targets
        self.role_spans: list[tuple[int, int, int]] = []   # (sentence, a, b) inside roles

    # ------------------------------------------------------------ clean-up
    def run(self) -> DocExtraction:
        self._plural_heads()
        self._parenthetical_orgs()
        self._filter_weak()
        self._link_surnames()
        self._link_events()
        self._main()
        self.by_sent: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sent.setdefault(m.s, []).append(m)
        for lst in self.by_sent.values():
            lst.sort(key=lambda m: m.start)
        self.views: dict[int, SentView] = {}
        for s in self.sents:
            ments = self.by_sent.get(s.idx, [])
            if not ments:
                continue
            v = self.views[s.idx] = SentView(s, ments)
            self._affiliations(v)
            self._on_behalf(v)
            self._organised(v)
            self._leads(v)
            self._owned(v)
            self._partners(v)
            self._part_of(v)
            self._located(v)
            self._funded(v)
        for v in self.views.values():   # participation last: needs the affiliation targets
            self._participation(v)
        self._group_lists()
        self._domain_structure()
        self._name_internal()
        if self.role_spans:
            def in_role(m):
                return any(m.s == si and a <= m.start and m.end <= b
                           for si, a, b in self.role_spans)
            drop = {id(m) for m in self.mentions if in_role(m)}
            self.mentions = [m for m in self.mentions if id(m) not in drop]
            self.rels = [r for r in self.rels if id(r.src) not in drop and id(r.dst) not in drop]
        return DocExtraction(self.sents, self.mentions, self.rels, self.title, self.date,
                             self.main_event, self.main_ini)


def document_pass(p: Pipeline, R: Rules, sents: list[Sent], mentions: list[Mention],
                  title: str | None, date: str | None) -> DocExtraction:
    return DocPass(p, R, sents, mentions, title, date).run()


__all__ = ["document_pass", "cues", "S_CONTEXT", "INTERFIX_SET"]
