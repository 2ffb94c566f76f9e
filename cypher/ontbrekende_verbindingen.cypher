// title: Ontbrekende verbindingen: organisaties met gedeelde initiatieven
// description: Kandidaten voor een ontbrekende verbinding: paren van organisaties zonder
//   directe relatie met elkaar, die wel samen in ten minste min_shared initiatieven of
//   evenementen zitten (als partner, deelnemer, organisator, medewerker of financier).
//   Initiatieven en evenementen met meer dan max_members organisaties tellen niet mee
//   (samen een groot landelijk pact ondertekenen is geen samenwerking). Paren die het
//   aanjagersteam als 'niet_relevant' heeft beoordeeld vallen weg. Het Cypher-tegenstuk
//   van de analyse van ontbrekende verbindingen; de meeste gedeelde activiteiten eerst,
//   hoogstens limit paren.
// param: min_shared = 1
// param: max_members = 50
// param: limit = 100
// engines: neo4j, ladybug
MATCH (f:Initiative|Event)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(m:Organisation)
WITH f, count(DISTINCT m.id) AS leden
WHERE leden >= 2 AND leden <= $max_members
MATCH (a:Organisation)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(f)
      -[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(b:Organisation)
WHERE a.id < b.id
  AND NOT EXISTS { MATCH (a)-[:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|FUNDED_BY|PART_OF]-(b) }
  AND NOT EXISTS { MATCH (a)-[j:JUDGED]-(b) WHERE j.verdict = 'niet_relevant' }
WITH DISTINCT a, b, f
ORDER BY f.name, f.id SKIP 0
WITH a, b, count(f) AS gedeeld, collect(f.name) AS gedeelde_activiteiten
WHERE gedeeld >= $min_shared
RETURN a.id AS organisatie_a_id, a.name AS organisatie_a, a.kind AS soort_a,
       b.id AS organisatie_b_id, b.name AS organisatie_b, b.kind AS soort_b,
       gedeeld, gedeelde_activiteiten
ORDER BY gedeeld DESC, organisatie_a, organisatie_b, organisatie_a_id, organisatie_b_id
LIMIT $limit
