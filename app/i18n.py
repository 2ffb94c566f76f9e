"""Interface strings: one dict per language (Dutch first, English as an option).

``t(key, **kwargs)`` looks a key up in the current language (the sidebar switch,
kept in ``st.session_state["lang"]``), falls back to Dutch, then to the key, and
fills ``{placeholders}`` with ``str.format``. Values passed to ``t`` that end up
in HTML are escaped by the caller. Newer strings (the Cypher, Laden and report
pages, plurals as ``key.one`` / ``key.other``) live in ``app/locales/{nl,en}.toml``
and are merged in at import.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("nl", "en")

NL: dict[str, str] = {
    # navigation and sidebar
    "nav.overview": "Overzicht",
    "nav.network": "Netwerk",
    "nav.clusters": "Clusters & makelaars",
    "nav.regions": "Regio's & gaten",
    "nav.links": "Ontbrekende verbindingen",
    "nav.profile": "Profiel",
    "nav.cypher": "Cypher",
    "nav.load": "Laden",
    "nav.export": "Export",
    "lang.label": "Taal / Language",
    "side.target": "Database: {target}",
    # messages
    "msg.loading_graph": "Graaf inlezen…",
    "msg.analysing": "Netwerk analyseren…",
    "msg.drawing": "Netwerk tekenen…",
    "msg.loading": "Laden…",
    "msg.empty": "De database is leeg. Laad de demo (het landelijke netwerk uit 65 webpagina's) "
                 "of ga naar **Laden** om eigen documenten of spreadsheets toe te voegen.",
    "btn.load_demo": "Demo laden",
    "err.store": "De database kan niet worden geopend: {msg}",
    "msg.recovered": "Een onderbroken laadactie is niet weggeschreven; de database staat op de "
                     "laatste voltooide stand. Laad de bron(nen) opnieuw om af te maken "
                     "(logbestand bewaard als `{backup}`).",
    "err.analysis": "Dit deel van de analyse is niet beschikbaar: {msg}",
    # entity types, sectors, relations
    "type.care_provider": "Zorg- en welzijnsaanbieder",
    "type.school": "Onderwijsinstelling",
    "type.government": "Overheid",
    "type.employer_org": "Werkgeversorganisatie",
    "type.insurer": "Zorgverzekeraar",
    "type.company": "Bedrijf",
    "type.knowledge_institute": "Kennisinstituut",
    "type.initiative": "Initiatief",
    "type.event": "Evenement",
    "type.person": "Persoon",
    "type.region": "Regio",
    "type.document": "Document",
    "type.supernode": "Groep",
    "type.overig": "Overig",
    "sector.zorg": "Zorg",
    "sector.onderwijs": "Onderwijs",
    "sector.overheid": "Overheid",
    "sector.werkgevers": "Werkgevers",
    "sector.bedrijven": "Bedrijven",
    "sector.initiatief": "Initiatief",
    "sector.evenement": "Evenement",
    "sector.persoon": "Persoon",
    "sector.regio": "Regio",
    "sector.overig": "Overig",
    "rel.PARTNER_IN": "partner in",
    "rel.AFFILIATED_WITH": "verbonden aan",
    "rel.ORGANISED": "organiseerde",
    "rel.PARTICIPATED_IN": "nam deel aan",
    "rel.LOCATED_IN": "gevestigd in",
    "rel.ACTIVE_IN": "actief in",
    "rel.FUNDED_BY": "gefinancierd door",
    "rel.PART_OF": "onderdeel van",
    "rel.MENTIONED_IN": "genoemd in",
    "rel.JUDGED": "beoordeeld",
    "region.province": "Provincie {name}",
    "region.municipality": "Gemeente {name}",
    "region.labour_market_region": "Arbeidsmarktregio {name}",
    # tooltip words
    "tip.type": "Soort",
    "tip.place": "Plaats",
    "tip.province": "Provincie",
    "tip.aliases": "Ook bekend als",
    "tip.degree": "Verbindingen",
    "tip.evidence": "Bewijs",
    "tip.members": "Leden",
    "tip.more": "meer",
    "tip.cluster": "Cluster",
    "tip.group": "Groep",
    "tip.ties": "Verbindingen tussen de groepen",
    "tip.unknown": "onbekend",
    "tip.date": "Datum",
    # common columns
    "col.name": "Naam",
    "col.type": "Soort",
    "col.province": "Provincie",
    "col.place": "Plaats",
    "col.degree": "Verbindingen",
    "col.sector": "Sector",
    "col.relation": "Relatie",
    "col.direction": "Richting",
    "col.other": "Met",
    "col.role": "Rol",
    "col.date": "Datum",
    "col.sentence": "Bewijszin",
    "col.document": "Document",
    "col.locator": "Vindplaats",
    "col.confidence": "Zekerheid",
    "col.source": "Bron",
    "col.statements": "Beweringen",
    "col.mentions": "Genoemd als",
    "col.score": "Score",
    "col.reason": "Toelichting",
    "col.size": "Omvang",
    "col.verdict": "Oordeel",
    "col.judged_at": "Beoordeeld op",
    "col.density": "Dichtheid",
    # overview
    "overview.title": "Overzicht van het Zorgpact-netwerk",
    "overview.intro": "Wie werkt met wie samen in zorg, welzijn, onderwijs en overheid — "
                      "kerncijfers, groei en spreiding over Nederland.",
    "overview.orgs": "Organisaties",
    "overview.initiatives": "Initiatieven",
    "overview.events": "Evenementen",
    "overview.documents": "Documenten",
    "overview.provinces": "Provincies",
    "overview.relations": "Beweringen",
    "overview.persons_munis": "{persons} personen · organisaties en initiatieven in "
                              "{munis} gemeenten",
    "overview.per_kind": "Organisaties per soort",
    "overview.count": "aantal",
    "overview.growth": "Groei in de tijd",
    "overview.new_orgs": "nieuwe organisaties",
    "overview.cum_orgs": "organisaties (cumulatief)",
    "overview.docs_year": "documenten",
    "overview.no_dates": "Geen gedateerde bronnen: groei in de tijd is niet te tonen.",
    "overview.undated": "{n} organisaties hebben (nog) geen datum en tellen niet mee in de grafiek.",
    "overview.map": "Kaart: organisaties per vestigingsplaats",
    "overview.map_note": "{placed} organisaties geplaatst op hun gemeente (of het midden van "
                         "hun provincie); {unplaced} zonder bekende plaats. "
                         "De kaart gebruikt geen online kaartlagen.",
    # network
    "net.title": "Netwerk",
    "net.region": "Regio",
    "net.kind": "Soort",
    "net.kind_default": "organisaties, initiatieven, evenementen, personen",
    "net.initiative": "Initiatief",
    "net.cluster": "Cluster",
    "net.all": "alle",
    "net.start": "Vanaf jaar",
    "net.end": "Tot en met jaar",
    "net.undated": "Ook ongedateerd",
    "net.undated_help": "Relaties zonder datum tonen als er een periode is gekozen.",
    "net.min_degree": "Minimaal aantal verbindingen",
    "net.color": "Kleur",
    "net.color.sector": "sector",
    "net.color.cluster": "cluster",
    "net.size": "Grootte",
    "net.size.degree": "verbindingen",
    "net.size.betweenness": "tussenpositie",
    "net.search": "Zoeken",
    "net.search_ph": "naam of alias, bv. Landstede",
    "net.focus": "Ego-netwerk van",
    "net.no_focus": "— geen (hele selectie) —",
    "net.hops": "Stappen",
    "net.no_hits": "Niets gevonden voor “{q}”.",
    "net.focus_missing": "De gekozen organisatie valt buiten de filters; het ego-netwerk is "
                         "getoond zonder de overige filters.",
    "net.aggregated": "De selectie telt {n} knopen, meer dan de {limit} die leesbaar te tekenen "
                      "zijn. Daarom zijn ze samengevoegd tot {groups} groepen ({by}); de grootte "
                      "is het aantal leden. Verfijn de filters om losse organisaties te zien.",
    "net.drill": "Inzoomen op een groep:",
    "net.by.cluster": "per cluster",
    "net.by.province": "per provincie",
    "net.caption": "{nodes} knopen en {edges} verbindingen getekend (van {total} entiteiten).",
    "net.sample": "Tussenpositie geschat uit een steekproef van {k} knopen.",
    "net.no_clusters": "Er zijn geen clusters berekend; kleuren gebeurt per sector.",
    "net.empty": "Geen knopen over met deze filters.",
    "net.shapes": "● organisatie/persoon ◆ initiatief ▲ evenement ■ regio",
    "net.ego_of": "Ego-netwerk van **{name}** ({hops} stap(pen)).",
    "net.open_profile": "Profiel openen",
    "net.table": "Knopen in deze selectie ({n})",
    "net.export": "Deze weergave exporteren",
    "net.export_note": "De export bevat de gefilterde knopen en verbindingen (niet "
                       "samengevoegd), met relaties, bewijszinnen en documenten.",
    "export.graphml": "GraphML",
    "export.gexf": "GEXF (Gephi)",
    "export.csv": "CSV (zip)",
    # clusters & brokers
    "cl.title": "Clusters & makelaars",
    "cl.intro": "Clusters zijn groepen organisaties die onderling veel samenwerken "
                "(gedeelde initiatieven, evenementen, personen, documenten). Makelaars "
                "verbinden wat anders gescheiden blijft.",
    "cl.summary": "{n} clusters gevonden met {method} (modulariteit {q}); {iso} organisaties "
                  "zonder samenwerking vallen in geen cluster.",
    "cl.members": "Leden",
    "cl.central": "Centrale leden",
    "cl.initiatives": "Gedeelde initiatieven",
    "cl.where": "Waar",
    "cl.sectors": "Sectoren",
    "cl.density": "dichtheid {d}",
    "cl.show": "In het netwerk tonen",
    "cl.none": "Geen clusters: er zijn (nog) geen samenwerkingsbanden tussen organisaties.",
    "br.title": "Makelaars",
    "br.degree": "Meeste partners",
    "br.betweenness": "Tussenpositie (betweenness)",
    "br.constraint": "Structurele gaten (lage constraint)",
    "br.sector": "Bruggen tussen sectoren",
    "br.region": "Bruggen tussen regio's",
    "br.exact": "Exact berekend over {k} verbonden organisaties.",
    "br.sampled": "Geschat uit een steekproef van {k} bronknopen (seed {seed}); de waarden zijn "
                  "benaderingen.",
    "br.candidates": "{n} kandidaten; de beste {top} getoond.",
    "br.col.partners": "Partners",
    "br.col.strength": "Sterkte",
    "br.col.betweenness": "Tussenpositie",
    "br.col.constraint": "Constraint",
    # regions & gaps
    "rg.title": "Regio's & gaten",
    "rg.heat": "Organisaties per provincie en sector",
    "rg.heat_note": "Een 0 betekent: geen bekende organisatie van die sector in de provincie.",
    "rg.ties": "Samenwerkingsbanden tussen provincies",
    "rg.ties_note": "Aantal organisatieparen dat samenwerkt; de diagonaal telt banden binnen "
                    "de provincie.",
    "rg.goto": "Naar het netwerk van een regio",
    "rg.goto_pick": "Regio",
    "rg.goto_btn": "Netwerk van {name} tonen",
    "rg.gaps": "Gaten in het netwerk",
    "rg.gaps_none": "Geen gaten gevonden.",
    "rg.gaps_count": "{n} gaten; de eerste {k} getoond.",
    "rg.to_network": "Naar het netwerk",
    "rg.gaps_missing": "De gatenanalyse is (nog) niet beschikbaar.",
    # links
    "lk.title": "Ontbrekende verbindingen",
    "lk.intro": "Paren die (nog) niet samenwerken maar het waarschijnlijk wel zouden kunnen, "
                "met de reden. Markeer een suggestie als interessant of niet relevant: het "
                "oordeel wordt in de graaf opgeslagen en blijft bewaard.",
    "lk.open": "Open ({n})",
    "lk.judged": "Beoordeeld ({n})",
    "lk.interesting": "Interessant",
    "lk.not_relevant": "Niet relevant",
    "lk.saved": "Oordeel opgeslagen: {a} → {b} ({v}).",
    "lk.none": "Geen open suggesties.",
    "lk.none_judged": "Nog niets beoordeeld.",
    "lk.missing": "De analyse van ontbrekende verbindingen is (nog) niet beschikbaar.",
    "lk.more": "{n} suggesties; de eerste {k} getoond.",
    "lk.show_n": "Aantal tonen",
    "verdict.interessant": "interessant",
    "verdict.niet_relevant": "niet relevant",
    # profile
    "pr.title": "Profiel",
    "pr.pick": "Entiteit",
    "pr.search": "Zoeken",
    "pr.search_ph": "naam of alias",
    "pr.none": "Kies een organisatie, initiatief, evenement, persoon of regio.",
    "pr.not_found": "Onbekende entiteit: {id}",
    "pr.kind": "Soort",
    "pr.place": "Plaats",
    "pr.province": "Provincie",
    "pr.aliases": "Ook bekend als",
    "pr.regions": "Regio's",
    "pr.props": "Overige gegevens",
    "pr.relations": "Relaties met bewijs ({n})",
    "pr.documents": "Documenten ({n})",
    "pr.no_relations": "Geen relaties.",
    "pr.in_network": "Ego-netwerk tonen",
    # cypher
    # load
    # export
    "ex.title": "Export",
    "ex.intro": "Exporteer de huidige weergave van de netwerkpagina (met haar filters) of de "
                "hele graaf, voor Gephi, yEd, Excel of verdere analyse.",
    "ex.current": "Huidige weergave",
    "ex.filters": "Filters: {f}",
    "ex.no_filters": "geen filters (alles)",
    "ex.size": "{nodes} knopen, {edges} verbindingen.",
    "ex.whole": "Hele graaf",
    "ex.whole_note": "Alle knopen en relaties uit de database, met alle eigenschappen.",
    # analysis reasons (app/reasons.py renders the codes of graph/gaps, links, brokers)
    "why.and": "en",
    "why.level.province": "provincie",
    "why.level.province.pl": "provincies",
    "why.level.municipality": "gemeente",
    "why.level.municipality.pl": "gemeenten",
    "why.level.labour_market_region": "arbeidsmarktregio",
    "why.level.labour_market_region.pl": "arbeidsmarktregio's",
    "why.level.other": "regio",
    "why.level.other.pl": "regio's",
    "why.shared_partners": "{n} gedeelde partners: {names}",
    "why.shared_partner": "1 gedeelde partner: {names}",
    "why.no_shared_partners": "nog geen gedeelde partners",
    "why.complementary": "vullen elkaar aan ({sectors})",
    "why.same_sector": "beide uit de sector {sector}",
    "why.other_sectors": "verschillende sectoren ({sectors})",
    "why.same_municipality": "in dezelfde gemeente ({municipality})",
    "why.same_province": "in dezelfde provincie ({province})",
    "why.adjacent_provinces": "in buurprovincies ({provinces})",
    "why.adjacent_province": "actief in buurprovincie {province}",
    "why.far": "in {provinces}",
    "why.common_large": "beide doen mee aan {names}",
    "why.partners_in": "werkt al samen met {n} van de {size} partners van {initiative}: {names}",
    "why.national_initiative": "een landelijk initiatief",
    "why.sector_missing": "de sector {sector} ontbreekt daar nog",
    "why.triangle_missing": "{region} heeft {n_active} actieve organisaties in het netwerk "
                            "({present}), maar geen {sector}{known} — van de {regions_tested} "
                            "getoetste {levels} heeft {regions_with_sector} er minstens één",
    "why.known_inactive": " ({n} bekend, niet actief)",
    "why.few_within": "binnen {region} {observed} banden tussen {n_orgs} organisaties; naar "
                      "omvang verwacht {expected} (gemiddeld {rate} interne banden per "
                      "organisatie over alle regio's van dit niveau; p = {p_value})",
    "why.few_between.adjacent": "tussen de buurprovincies {regions} {observed} banden; verwacht "
                                "{expected} naar omvang ({n_a} × {n_b} organisaties, tarief van "
                                "alle buurprovincies; p = {p_value})",
    "why.few_between.far": "tussen {regions} {observed} banden; verwacht {expected} naar "
                           "omvang ({n_a} × {n_b} organisaties, tarief van alle overige paren "
                           "provincies; p = {p_value})",
    "why.no_data": "{region}: geen gegevens (geen organisatie bekend)",
    "why.too_little_data": "{region}: te weinig gegevens ({n_active} actieve organisaties, "
                           "minstens {min_active} nodig)",
    "why.betweenness": "nummer {rank} van {of} op tussenpositie ({value})",
    "why.partner_sectors": "partners in {n} sectoren ({sectors})",
    "why.partner_provinces": "partners in {n} provincies ({provinces})",
    "why.constraint": "constraint {value}",
    "why.col": "Waarom",
    "why.score_meaning": "Score 0–100: het aandeel van alle kandidaten met een lagere score "
                         "(90 = beter dan 90 % van de kandidaten).",
    "why.details": "Details van de score",
    "why.no_data_title": "Geen of te weinig gegevens (geen gat)",
    "br.kadabra": "Geschat met KADABRA (steekproef van kortste paden, afgestemd op de top 100; "
                  "seed {seed}); de volgorde van de top is betrouwbaar, kleine waarden niet.",
}

EN: dict[str, str] = {
    "nav.overview": "Overview",
    "nav.network": "Network",
    "nav.clusters": "Clusters & brokers",
    "nav.regions": "Regions & gaps",
    "nav.links": "Missing links",
    "nav.profile": "Profile",
    "nav.cypher": "Cypher",
    "nav.load": "Load",
    "nav.export": "Export",
    "lang.label": "Taal / Language",
    "side.target": "Database: {target}",
    "msg.loading_graph": "Reading the graph…",
    "msg.analysing": "Analysing the network…",
    "msg.drawing": "Drawing the network…",
    "msg.loading": "Loading…",
    "msg.empty": "The database is empty. Load the demo (the national network from 65 web pages) "
                 "or go to **Load** to add your own documents or spreadsheets.",
    "btn.load_demo": "Load demo",
    "err.store": "The database cannot be opened: {msg}",
    "msg.recovered": "An interrupted load was not written; the database is at its last "
                     "committed state. Run the load again to complete it (log kept as "
                     "`{backup}`).",
    "err.analysis": "This part of the analysis is not available: {msg}",
    "type.care_provider": "Care or welfare provider",
    "type.school": "Educational institution",
    "type.government": "Government",
    "type.employer_org": "Employer organisation",
    "type.insurer": "Health insurer",
    "type.company": "Company",
    "type.knowledge_institute": "Knowledge institute",
    "type.initiative": "Initiative",
    "type.event": "Event",
    "type.person": "Person",
    "type.region": "Region",
    "type.document": "Document",
    "type.supernode": "Group",
    "type.overig": "Other",
    "sector.zorg": "Care",
    "sector.onderwijs": "Education",
    "sector.overheid": "Government",
    "sector.werkgevers": "Employers",
    "sector.bedrijven": "Companies",
    "sector.initiatief": "Initiative",
    "sector.evenement": "Event",
    "sector.persoon": "Person",
    "sector.regio": "Region",
    "sector.overig": "Other",
    "rel.PARTNER_IN": "partner in",
    "rel.AFFILIATED_WITH": "affiliated with",
    "rel.ORGANISED": "organised",
    "rel.PARTICIPATED_IN": "took part in",
    "rel.LOCATED_IN": "located in",
    "rel.ACTIVE_IN": "active in",
    "rel.FUNDED_BY": "funded by",
    "rel.PART_OF": "part of",
    "rel.MENTIONED_IN": "mentioned in",
    "rel.JUDGED": "judged",
    "region.province": "Province of {name}",
    "region.municipality": "Municipality of {name}",
    "region.labour_market_region": "Labour-market region {name}",
    "tip.type": "Kind",
    "tip.place": "Place",
    "tip.province": "Province",
    "tip.aliases": "Also known as",
    "tip.degree": "Connections",
    "tip.evidence": "Evidence",
    "tip.members": "Members",
    "tip.more": "more",
    "tip.cluster": "Cluster",
    "tip.group": "Group",
    "tip.ties": "Ties between the groups",
    "tip.unknown": "unknown",
    "tip.date": "Date",
    "col.name": "Name",
    "col.type": "Kind",
    "col.province": "Province",
    "col.place": "Place",
    "col.degree": "Connections",
    "col.sector": "Sector",
    "col.relation": "Relation",
    "col.direction": "Direction",
    "col.other": "With",
    "col.role": "Role",
    "col.date": "Date",
    "col.sentence": "Evidence sentence",
    "col.document": "Document",
    "col.locator": "Location",
    "col.confidence": "Confidence",
    "col.source": "Source",
    "col.statements": "Statements",
    "col.mentions": "Mentioned as",
    "col.score": "Score",
    "col.reason": "Explanation",
    "col.size": "Size",
    "col.verdict": "Verdict",
    "col.judged_at": "Judged at",
    "col.density": "Density",
    "overview.title": "Overview of the Zorgpact network",
    "overview.intro": "Who works with whom in care, welfare, education and government — key "
                      "figures, growth and spread across the Netherlands.",
    "overview.orgs": "Organisations",
    "overview.initiatives": "Initiatives",
    "overview.events": "Events",
    "overview.documents": "Documents",
    "overview.provinces": "Provinces",
    "overview.relations": "Statements",
    "overview.persons_munis": "{persons} persons · organisations and initiatives in "
                              "{munis} municipalities",
    "overview.per_kind": "Organisations by kind",
    "overview.count": "count",
    "overview.growth": "Growth over time",
    "overview.new_orgs": "new organisations",
    "overview.cum_orgs": "organisations (cumulative)",
    "overview.docs_year": "documents",
    "overview.no_dates": "No dated sources: growth over time cannot be shown.",
    "overview.undated": "{n} organisations have no date (yet) and are not in the chart.",
    "overview.map": "Map: organisations by location",
    "overview.map_note": "{placed} organisations placed at their municipality (or the centre of "
                         "their province); {unplaced} without a known place. "
                         "The map uses no online map layers.",
    "net.title": "Network",
    "net.region": "Region",
    "net.kind": "Kind",
    "net.kind_default": "organisations, initiatives, events, persons",
    "net.initiative": "Initiative",
    "net.cluster": "Cluster",
    "net.all": "all",
    "net.start": "From year",
    "net.end": "Up to year",
    "net.undated": "Include undated",
    "net.undated_help": "Show relations without a date when a period is chosen.",
    "net.min_degree": "Minimum number of connections",
    "net.color": "Colour",
    "net.color.sector": "sector",
    "net.color.cluster": "cluster",
    "net.size": "Size",
    "net.size.degree": "connections",
    "net.size.betweenness": "betweenness",
    "net.search": "Search",
    "net.search_ph": "name or alias, e.g. Landstede",
    "net.focus": "Ego network of",
    "net.no_focus": "— none (whole selection) —",
    "net.hops": "Hops",
    "net.no_hits": "Nothing found for “{q}”.",
    "net.focus_missing": "The chosen entity is outside the filters; its ego network is shown "
                         "without the other filters.",
    "net.aggregated": "The selection has {n} nodes, more than the {limit} that can be drawn "
                      "legibly, so they were merged into {groups} groups ({by}); size is the "
                      "number of members. Narrow the filters to see single organisations.",
    "net.drill": "Zoom in on a group:",
    "net.by.cluster": "by cluster",
    "net.by.province": "by province",
    "net.caption": "{nodes} nodes and {edges} connections drawn (of {total} entities).",
    "net.sample": "Betweenness estimated from a sample of {k} nodes.",
    "net.no_clusters": "No clusters were computed; colours are by sector.",
    "net.empty": "No nodes left with these filters.",
    "net.shapes": "● organisation/person ◆ initiative ▲ event ■ region",
    "net.ego_of": "Ego network of **{name}** ({hops} hop(s)).",
    "net.open_profile": "Open profile",
    "net.table": "Nodes in this selection ({n})",
    "net.export": "Export this view",
    "net.export_note": "The export holds the filtered nodes and connections (not merged), with "
                       "relations, evidence sentences and documents.",
    "export.graphml": "GraphML",
    "export.gexf": "GEXF (Gephi)",
    "export.csv": "CSV (zip)",
    "cl.title": "Clusters & brokers",
    "cl.intro": "Clusters are groups of organisations that collaborate a lot among "
                "themselves (shared initiatives, events, persons, documents). Brokers connect "
                "what would otherwise stay apart.",
    "cl.summary": "{n} clusters found with {method} (modularity {q}); {iso} organisations "
                  "without any collaboration are in no cluster.",
    "cl.members": "Members",
    "cl.central": "Central members",
    "cl.initiatives": "Shared initiatives",
    "cl.where": "Where",
    "cl.sectors": "Sectors",
    "cl.density": "density {d}",
    "cl.show": "Show in the network",
    "cl.none": "No clusters: there are no collaboration ties between organisations (yet).",
    "br.title": "Brokers",
    "br.degree": "Most partners",
    "br.betweenness": "Betweenness",
    "br.constraint": "Structural holes (low constraint)",
    "br.sector": "Bridges between sectors",
    "br.region": "Bridges between regions",
    "br.exact": "Computed exactly over {k} connected organisations.",
    "br.sampled": "Estimated from a sample of {k} source nodes (seed {seed}); values are "
                  "approximations.",
    "br.candidates": "{n} candidates; the best {top} shown.",
    "br.col.partners": "Partners",
    "br.col.strength": "Strength",
    "br.col.betweenness": "Betweenness",
    "br.col.constraint": "Constraint",
    "rg.title": "Regions & gaps",
    "rg.heat": "Organisations by province and sector",
    "rg.heat_note": "A 0 means: no known organisation of that sector in the province.",
    "rg.ties": "Collaboration ties between provinces",
    "rg.ties_note": "Number of collaborating organisation pairs; the diagonal counts ties "
                    "within the province.",
    "rg.goto": "To the network of a region",
    "rg.goto_pick": "Region",
    "rg.goto_btn": "Show the network of {name}",
    "rg.gaps": "Gaps in the network",
    "rg.gaps_none": "No gaps found.",
    "rg.gaps_count": "{n} gaps; the first {k} shown.",
    "rg.to_network": "To the network",
    "rg.gaps_missing": "The gap analysis is not available (yet).",
    "lk.title": "Missing links",
    "lk.intro": "Pairs that do not collaborate (yet) but plausibly could, with the reason. Mark "
                "a suggestion as interesting or not relevant: the verdict is stored in the "
                "graph and kept.",
    "lk.open": "Open ({n})",
    "lk.judged": "Judged ({n})",
    "lk.interesting": "Interesting",
    "lk.not_relevant": "Not relevant",
    "lk.saved": "Verdict saved: {a} → {b} ({v}).",
    "lk.none": "No open suggestions.",
    "lk.none_judged": "Nothing judged yet.",
    "lk.missing": "The missing-link analysis is not available (yet).",
    "lk.more": "{n} suggestions; the first {k} shown.",
    "lk.show_n": "Number shown",
    "verdict.interessant": "interesting",
    "verdict.niet_relevant": "not relevant",
    "pr.title": "Profile",
    "pr.pick": "Entity",
    "pr.search": "Search",
    "pr.search_ph": "name or alias",
    "pr.none": "Choose an organisation, initiative, event, person or region.",
    "pr.not_found": "Unknown entity: {id}",
    "pr.kind": "Kind",
    "pr.place": "Place",
    "pr.province": "Province",
    "pr.aliases": "Also known as",
    "pr.regions": "Regions",
    "pr.props": "Other properties",
    "pr.relations": "Relations with evidence ({n})",
    "pr.documents": "Documents ({n})",
    "pr.no_relations": "No relations.",
    "pr.in_network": "Show ego network",
    "ex.title": "Export",
    "ex.intro": "Export the current view of the network page (with its filters) or the whole "
                "graph, for Gephi, yEd, Excel or further analysis.",
    "ex.current": "Current view",
    "ex.filters": "Filters: {f}",
    "ex.no_filters": "no filters (everything)",
    "ex.size": "{nodes} nodes, {edges} connections.",
    "ex.whole": "Whole graph",
    "ex.whole_note": "All nodes and relations of the database, with all properties.",
    # analysis reasons (app/reasons.py renders the codes of graph/gaps, links, brokers)
    "why.and": "and",
    "why.level.province": "province",
    "why.level.province.pl": "provinces",
    "why.level.municipality": "municipality",
    "why.level.municipality.pl": "municipalities",
    "why.level.labour_market_region": "labour-market region",
    "why.level.labour_market_region.pl": "labour-market regions",
    "why.level.other": "region",
    "why.level.other.pl": "regions",
    "why.shared_partners": "{n} shared partners: {names}",
    "why.shared_partner": "1 shared partner: {names}",
    "why.no_shared_partners": "no shared partners yet",
    "why.complementary": "complementary ({sectors})",
    "why.same_sector": "both in the {sector} sector",
    "why.other_sectors": "different sectors ({sectors})",
    "why.same_municipality": "in the same municipality ({municipality})",
    "why.same_province": "in the same province ({province})",
    "why.adjacent_provinces": "in neighbouring provinces ({provinces})",
    "why.adjacent_province": "active in neighbouring province {province}",
    "why.far": "in {provinces}",
    "why.common_large": "both take part in {names}",
    "why.partners_in": "already works with {n} of the {size} partners of {initiative}: {names}",
    "why.national_initiative": "a national initiative",
    "why.sector_missing": "the {sector} sector is still missing there",
    "why.triangle_missing": "{region} has {n_active} active organisations in the network "
                            "({present}), but no {sector}{known} — of the {regions_tested} "
                            "{levels} assessed, {regions_with_sector} have at least one",
    "why.known_inactive": " ({n} known, not active)",
    "why.few_within": "within {region} {observed} ties among {n_orgs} organisations; expected "
                      "by size {expected} (on average {rate} internal ties per organisation "
                      "over all regions of this level; p = {p_value})",
    "why.few_between.adjacent": "between the neighbouring provinces {regions} {observed} ties; "
                                "expected by size {expected} ({n_a} × {n_b} organisations, rate "
                                "of all neighbouring provinces; p = {p_value})",
    "why.few_between.far": "between {regions} {observed} ties; expected by size {expected} "
                           "({n_a} × {n_b} organisations, rate of all other province pairs; "
                           "p = {p_value})",
    "why.no_data": "{region}: no data (no organisation known)",
    "why.too_little_data": "{region}: too little data ({n_active} active organisations, at "
                           "least {min_active} needed)",
    "why.betweenness": "number {rank} of {of} on betweenness ({value})",
    "why.partner_sectors": "partners in {n} sectors ({sectors})",
    "why.partner_provinces": "partners in {n} provinces ({provinces})",
    "why.constraint": "constraint {value}",
    "why.col": "Why",
    "why.score_meaning": "Score 0–100: the share of all candidates with a lower score "
                         "(90 = better than 90% of the candidates).",
    "why.details": "Score details",
    "why.no_data_title": "No or too little data (not a gap)",
    "br.kadabra": "Estimated with KADABRA (sampled shortest paths, tuned to the top 100; "
                  "seed {seed}); the order of the top is reliable, small values are not.",
}



def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in table.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = str(v)
    return out


def load_locale(lang: str) -> dict[str, str]:
    """The strings of ``app/locales/{lang}.toml`` as flat ``section.key`` keys."""
    from pathlib import Path

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    path = Path(__file__).with_name("locales") / f"{lang}.toml"
    return _flatten(tomllib.loads(path.read_text(encoding="utf-8"))) if path.exists() else {}


NL.update(load_locale("nl"))
EN.update(load_locale("en"))
STRINGS: dict[str, dict[str, str]] = {"nl": NL, "en": EN}


def current_lang() -> str:
    """The language of the current session ("nl" outside Streamlit)."""
    try:
        import streamlit as st

        lang = st.session_state.get("lang", "nl")
    except Exception:  # no script run context (unit tests, bench)
        return "nl"
    return lang if lang in STRINGS else "nl"


def tr(lang: str, key: str, **kwargs) -> str:
    """The string ``key`` in ``lang`` (Dutch, then the key itself, as fall-back)."""
    s = STRINGS.get(lang, NL).get(key) or NL.get(key) or key
    if kwargs:
        try:
            return s.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return s
    return s


def t(key: str, **kwargs) -> str:
    """The string ``key`` in the current language."""
    return tr(current_lang(), key, **kwargs)

from app.i18n_net import EN as _NET_EN, NL as _NET_NL  # noqa: E402  (the Netwerk page)
NL.update(_NET_NL), EN.update(_NET_EN)
