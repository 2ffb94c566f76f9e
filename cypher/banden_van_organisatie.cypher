// title: Alle banden van een organisatie, met bewijs
// description: Elke bewering over een organisatie (partner, deelnemer, organisator,
//   medewerker, vestiging, financiering, onderdeel), in beide richtingen, met de
//   andere kant, de rol, de zin uit de bron, de titel en datum van het document, de
//   zekerheid en de vindplaats. Eén rij per bewering per bron. De organisatie mag met
//   id of naam worden opgegeven.
// param: org = org:government:ministerie-van-volksgezondheid-welzijn-en-sport
// engines: neo4j, ladybug
MATCH (o:Organisation)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
MATCH (o)-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]-(x)
OPTIONAL MATCH (d:Document {id: r.doc})
WITH o, r, x, d, type(r) AS relatie,
     CASE WHEN startNode(r) = o THEN 'uit' ELSE 'in' END AS richting
RETURN o.name AS organisatie, relatie, richting, x.id AS ander_id, x.name AS ander,
       x.kind AS soort_ander, r.role AS rol, r.sentence AS zin, d.name AS document,
       coalesce(r.date, d.date) AS datum, r.confidence AS zekerheid,
       r.locator AS vindplaats, r.doc AS document_id
ORDER BY relatie, ander, ander_id, richting, document_id
