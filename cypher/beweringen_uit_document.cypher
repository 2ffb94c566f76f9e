// title: Beweringen uit een document
// description: Alles wat één document aan de graaf toevoegt: elke relatie die het
//   document onderbouwt, met van, relatie, naar, rol, de zin, de datum, de zekerheid en de
//   vindplaats. Het document mag worden opgegeven met id, titel of bron (pad of URL).
// param: doc = doc:0d94d7aceeec8fa4
// engines: neo4j, ladybug
MATCH (d:Document)
WHERE d.id = $doc OR d.name = $doc OR d.source = $doc
MATCH (a)-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]->(b)
WHERE r.doc = d.id
RETURN d.name AS document, a.id AS van_id, a.name AS van, a.kind AS soort_van,
       type(r) AS relatie, b.id AS naar_id, b.name AS naar, b.kind AS soort_naar,
       r.role AS rol, r.sentence AS zin, coalesce(r.date, d.date) AS datum,
       r.confidence AS zekerheid, r.locator AS vindplaats
ORDER BY van, van_id, relatie, naar, naar_id
