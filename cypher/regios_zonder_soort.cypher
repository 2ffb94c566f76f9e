// title: Provincies zonder een bepaalde soort organisatie in een initiatief
// description: Provincies (regio's van niveau provincie) waar geen enkele organisatie van
//   de gekozen soort (bijvoorbeeld school, care_provider of government) partner,
//   deelnemer, organisator, financier of koploper is van een initiatief. Met het aantal
//   organisaties van die soort dat er wel gevestigd is, en het aantal organisaties van
//   andere soorten dat er wel in een initiatief zit. De provincie van een organisatie is
//   haar eigenschap province, anders die van de regio's waar ze gevestigd is.
// param: kind = school
// engines: neo4j, ladybug
MATCH (p:Region)
WHERE p.level = 'province'
WITH p, coalesce(p.province, p.name) AS provincie
OPTIONAL MATCH (o:Organisation)
WHERE o.province = provincie
   OR (o.province IS NULL
       AND EXISTS { MATCH (o)-[:LOCATED_IN]->(l:Region) WHERE l.province = provincie })
WITH p, provincie, o,
     EXISTS { MATCH (o)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY|PART_OF]-(:Initiative) } AS actief
WITH p, provincie,
     count(DISTINCT CASE WHEN o.kind = $kind AND actief THEN o.id END) AS soort_actief,
     count(DISTINCT CASE WHEN o.kind = $kind THEN o.id END) AS soort_gevestigd,
     count(DISTINCT CASE WHEN actief THEN o.id END) AS actief_totaal
WHERE soort_actief = 0
RETURN p.id AS regio_id, p.name AS regio, provincie, $kind AS soort,
       soort_gevestigd AS gevestigd_van_soort, actief_totaal AS actieve_organisaties
ORDER BY provincie, regio_id
