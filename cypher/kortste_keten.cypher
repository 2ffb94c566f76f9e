// title: Kortste keten tussen twee organisaties
// description: Wie kan wie voorstellen? Alle kortste ketens van samenwerking (partner,
//   deelnemer, organisator, medewerker, financier, onderdeel; niet via vestigingsplaats of
//   document) tussen twee organisaties, via initiatieven, evenementen, personen en andere
//   organisaties, met het aantal stappen en de soort van elke schakel. Organisaties mogen
//   met id of naam worden opgegeven; ketens van hoogstens 8 stappen.
// param: org_a = org:school:landstede-groep
// param: org_b = org:care_provider:interaktcontour
// param: max_paths = 10
// engines: neo4j, ladybug
MATCH (a:Organisation)
WHERE a.id = $org_a OR toLower(a.name) = toLower($org_a)
MATCH (b:Organisation)
WHERE b.id = $org_b OR toLower(b.name) = toLower($org_b)
WITH a, b
WHERE a.id <> b.id
MATCH p = allShortestPaths((a)-[:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|FUNDED_BY|PART_OF*..8]-(b))
WITH DISTINCT length(p) AS stappen,
     [n IN nodes(p) | n.name] AS namen,
     [n IN nodes(p) | n.kind] AS soorten,
     [n IN nodes(p) | n.id] AS ids
RETURN stappen,
       reduce(s = head(namen), x IN tail(namen) | s + ' > ' + x) AS keten,
       reduce(s = head(soorten), x IN tail(soorten) | s + ' > ' + x) AS soorten_keten,
       reduce(s = head(ids), x IN tail(ids) | s + ' > ' + x) AS id_keten
ORDER BY stappen, keten, id_keten
LIMIT $max_paths
