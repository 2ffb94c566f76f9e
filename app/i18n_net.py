"""Interface strings of the Netwerk page (merged into :data:`app.i18n.STRINGS`).

Counted words come in ``.one`` / ``.many`` pairs (see :func:`count`).
"""

from __future__ import annotations

NL: dict[str, str] = {
    "net.mode": "Weergave",
    "net.mode.entities": "Entiteiten: wie doet wat",
    "net.mode.orgs": "Organisaties: wie werkt met wie",
    "net.mode_help": "Organisaties zijn verbonden als ze samen in initiatieven of evenementen "
                     "zitten, personen delen of samen genoemd worden; de dikte van een lijn is "
                     "de sterkte van de samenwerking.",
    "net.filters": "Filters",
    "net.ego": "Ego-netwerk van **{name}** ({steps}).",
    "net.find": "Zoeken en centreren",
    "net.drawing": "Tekening",
    "net.kind_orgs": "alle soorten organisaties",
    "net.crumb": "Heel Nederland",
    "net.up": "Terug: {name}",
    "net.grouped": "{n} — te veel om leesbaar te tekenen, dus getekend als groepen {by}. "
                   "Klik op een groep om in te zoomen.",
    "net.by.municipality": "per gemeente",
    "net.capped": "{n} in deze selectie: de {shown} best verbonden zijn getekend, de overige "
                  "{rest} staan samen in het gestippelde bolletje (klik erop voor de lijst).",
    "net.drawn": "{nodes} en {edges} getekend (van {total} in de database).",
    "net.ws": "Werkset: {exp} uitgeklapt, {hide} verborgen.",
    "net.ws_reset": "Werkset wissen",
    "net.click_hint": "Klik op een knoop voor details; dubbelklik klapt de buren uit.",
    "np.title": "Details",
    "np.none": "Klik op een knoop of groep in de tekening om hier de details te zien.",
    "np.kind": "Soort",
    "np.place": "Plaats",
    "np.province": "Provincie",
    "np.aliases": "Ook bekend als",
    "np.cluster": "Cluster",
    "np.relations": "Relaties met bewijs",
    "np.no_relations": "Geen relaties.",
    "np.more_relations": "… en nog {n} (zie het profiel).",
    "np.ties": "Werkt samen met",
    "np.shared": "via {what}",
    "np.expand": "Buren uitklappen",
    "np.hide": "Verbergen",
    "np.ego": "Als centrum",
    "np.profile": "Profiel openen",
    "np.unselect": "Sluiten",
    "np.group": "Groep",
    "np.inside": "Wat erin zit",
    "np.drill": "Inzoomen",
    "np.top": "Best verbonden leden",
    "np.pick": "Kies een lid",
    "np.rest": "Overige, minder verbonden",
    "np.doc": "bron: {doc}",
    "lg.title": "Legenda",
    "lg.sector": "Kleur = sector",
    "lg.cluster": "Kleur = cluster",
    "lg.shapes": "Vorm",
    "lg.groups": "Een bolletje met een getal is een groep: de grootte is het aantal leden, "
                 "de kleur de meest voorkomende sector (of het cluster). Klik om in te zoomen.",
    "lg.rest": "Het gestippelde bolletje staat voor de minder verbonden leden.",
    "lg.width": "Dikte van een lijn = aantal beweringen.",
    "lg.width_org": "Dikte van een lijn = sterkte van de samenwerking.",
    "lg.labels": "Namen die elkaar zouden overlappen verschijnen bij inzoomen.",
    "shape.dot": "● organisatie",
    "shape.person": "• persoon",
    "shape.initiative": "◆ initiatief",
    "shape.event": "▲ evenement",
    "shape.region": "■ regio",
    "tip.strength": "Sterkte van de samenwerking",
    "tip.shared_initiatives": "Gedeelde initiatieven",
    "tip.shared_events": "Gedeelde evenementen",
    "tip.shared_persons": "Gedeelde personen",
    "tip.shared_documents": "Samen genoemd in",
    "tip.rest": "overige, minder verbonden",
    "tip.click_drill": "Klik om in te zoomen",
    "cnt.node.one": "{n} knoop", "cnt.node.many": "{n} knopen",
    "cnt.step.one": "{n} stap", "cnt.step.many": "{n} stappen",
    "cnt.edge.one": "{n} verbinding", "cnt.edge.many": "{n} verbindingen",
    "cnt.organisation.one": "{n} organisatie", "cnt.organisation.many": "{n} organisaties",
    "cnt.initiative.one": "{n} initiatief", "cnt.initiative.many": "{n} initiatieven",
    "cnt.event.one": "{n} evenement", "cnt.event.many": "{n} evenementen",
    "cnt.person.one": "{n} persoon", "cnt.person.many": "{n} personen",
    "cnt.region.one": "{n} regio", "cnt.region.many": "{n} regio's",
    "cnt.entity.one": "{n} entiteit", "cnt.entity.many": "{n} entiteiten",
    "cnt.expanded.one": "{n} knoop", "cnt.expanded.many": "{n} knopen",
}

EN: dict[str, str] = {
    "net.mode": "View",
    "net.mode.entities": "Entities: who does what",
    "net.mode.orgs": "Organisations: who works with whom",
    "net.mode_help": "Organisations are linked when they share initiatives or events, share "
                     "people or are named together; the width of a line is the strength of "
                     "the collaboration.",
    "net.filters": "Filters",
    "net.ego": "Ego network of **{name}** ({steps}).",
    "net.find": "Search and centre",
    "net.drawing": "Drawing",
    "net.kind_orgs": "all kinds of organisations",
    "net.crumb": "The whole Netherlands",
    "net.up": "Back: {name}",
    "net.grouped": "{n} — too many to draw legibly, so drawn as groups {by}. Click a group to "
                   "zoom in.",
    "net.by.municipality": "by municipality",
    "net.capped": "{n} in this selection: the {shown} best connected are drawn, the other "
                  "{rest} share the dotted bubble (click it for the list).",
    "net.drawn": "{nodes} and {edges} drawn (of {total} in the database).",
    "net.ws": "Working set: {exp} expanded, {hide} hidden.",
    "net.ws_reset": "Clear working set",
    "net.click_hint": "Click a node for details; double-click expands its neighbours.",
    "np.title": "Details",
    "np.none": "Click a node or group in the drawing to see its details here.",
    "np.kind": "Kind",
    "np.place": "Place",
    "np.province": "Province",
    "np.aliases": "Also known as",
    "np.cluster": "Cluster",
    "np.relations": "Relations with evidence",
    "np.no_relations": "No relations.",
    "np.more_relations": "… and {n} more (see the profile).",
    "np.ties": "Works with",
    "np.shared": "through {what}",
    "np.expand": "Expand neighbours",
    "np.hide": "Hide",
    "np.ego": "As centre",
    "np.profile": "Open profile",
    "np.unselect": "Close",
    "np.group": "Group",
    "np.inside": "What is inside",
    "np.drill": "Zoom in",
    "np.top": "Best connected members",
    "np.pick": "Choose a member",
    "np.rest": "Others, less connected",
    "np.doc": "source: {doc}",
    "lg.title": "Legend",
    "lg.sector": "Colour = sector",
    "lg.cluster": "Colour = cluster",
    "lg.shapes": "Shape",
    "lg.groups": "A bubble with a number is a group: its size is the number of members, its "
                 "colour the most common sector (or the cluster). Click to zoom in.",
    "lg.rest": "The dotted bubble stands for the less connected members.",
    "lg.width": "Width of a line = number of statements.",
    "lg.width_org": "Width of a line = strength of the collaboration.",
    "lg.labels": "Names that would overlap appear when you zoom in.",
    "shape.dot": "● organisation",
    "shape.person": "• person",
    "shape.initiative": "◆ initiative",
    "shape.event": "▲ event",
    "shape.region": "■ region",
    "tip.strength": "Strength of the collaboration",
    "tip.shared_initiatives": "Shared initiatives",
    "tip.shared_events": "Shared events",
    "tip.shared_persons": "Shared people",
    "tip.shared_documents": "Named together in",
    "tip.rest": "others, less connected",
    "tip.click_drill": "Click to zoom in",
    "cnt.node.one": "{n} node", "cnt.node.many": "{n} nodes",
    "cnt.step.one": "{n} hop", "cnt.step.many": "{n} hops",
    "cnt.edge.one": "{n} connection", "cnt.edge.many": "{n} connections",
    "cnt.organisation.one": "{n} organisation", "cnt.organisation.many": "{n} organisations",
    "cnt.initiative.one": "{n} initiative", "cnt.initiative.many": "{n} initiatives",
    "cnt.event.one": "{n} event", "cnt.event.many": "{n} events",
    "cnt.person.one": "{n} person", "cnt.person.many": "{n} people",
    "cnt.region.one": "{n} region", "cnt.region.many": "{n} regions",
    "cnt.entity.one": "{n} entity", "cnt.entity.many": "{n} entities",
    "cnt.expanded.one": "{n} node", "cnt.expanded.many": "{n} nodes",
}


def fmt_int(n: int, lang: str) -> str:
    """``1650`` -> ``1.650`` (Dutch) or ``1,650`` (English).

    >>> fmt_int(1650, "nl"), fmt_int(1650, "en"), fmt_int(7, "nl")
    ('1.650', '1,650', '7')
    """
    s = f"{int(n):,}"
    return s.replace(",", ".") if lang == "nl" else s


def fmt_num(x: float, lang: str, digits: int = 2) -> str:
    """A decimal number with the language's separator: ``1,5`` in Dutch."""
    s = f"{x:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:,.0f}"
    if lang == "nl":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s
