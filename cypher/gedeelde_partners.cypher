// title: Ontbrekende verbindingen: organisaties met gedeelde partners
// description: Paren van organisaties die nog nergens samen in zitten en geen directe
//   relatie hebben, maar wel gemeenschappelijke partners: organisaties die met allebei in
//   een initiatief of evenement zitten. Hoe meer gedeelde partners, hoe kansrijker een
//   introductie (de gedeelde partner kan die doen). Met ten minste min_partners gedeelde
//   partners. Partners via initiatieven en evenementen met meer dan max_members
//   organisaties tellen niet mee; paren die als 'niet_relevant' zijn beoordeeld vallen weg.
//   Lid van een initiatief of evenement is wie er partner, deelnemer, organisator,
//   medewerker of financier van is, zoals in de analyse ('onderdeel van' telt niet).
//   De meeste gedeelde partners eerst, hoogstens limit paren.
// param: min_partners = 1
// param: max_members = 50
// param: limit = 100
// engines: neo4j, ladybug
MATCH (f:Initiative|Event)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(m:Organisation)
WITH f, count(DISTINCT m.id) AS leden
WHERE leden >= 2 AND leden <= $max_members
MATCH (x:Organisation)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(f)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(y:Organisation)
WHERE x.id <> y.id
WITH DISTINCT x, y.id AS yid
WITH x AS c, collect(yid) AS buren
WHERE size(buren) >= 2
UNWIND buren AS aid
UNWIND buren AS bid
WITH c, aid, bid
WHERE aid < bid
WITH c, aid, bid
ORDER BY c.name, c.id SKIP 0
WITH aid, bid, count(c) AS aantal, collect(c.name) AS gedeelde_partners
WHERE aantal >= $min_partners
MATCH (a:Organisation {id: aid}), (b:Organisation {id: bid})
WHERE NOT EXISTS { MATCH (a)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(:Initiative|Event)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(b) }
  AND NOT EXISTS { MATCH (a)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY|PART_OF]-(b) }
  AND NOT EXISTS { MATCH (a)-[j:JUDGED]-(b) WHERE j.verdict = 'niet_relevant' }
RETURN a.id AS organisatie_a_id, a.name AS organisatie_a, a.kind AS soort_a,
       b.id AS organisatie_b_id, b.name AS organisatie_b, b.kind AS soort_b,
       aantal AS aantal_gedeelde_partners, gedeelde_partners
ORDER BY aantal_gedeelde_partners DESC, organisatie_a, organisatie_b, organisatie_a_id,
         organisatie_b_id
LIMIT $limit
