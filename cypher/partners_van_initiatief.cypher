// title: Partners van een initiatief
// description: Organisaties die partner zijn in een initiatief, eraan deelnemen, het
//   (mede) organiseren of financieren, of er als koploper onderdeel van zijn; met hun
//   soort, de relaties, de genoemde rollen en het aantal bronnen. Het initiatief mag
//   met id of naam worden opgegeven.
// param: initiative = ini:zorgpact-flevoland
// engines: neo4j, ladybug
MATCH (i:Initiative)
WHERE i.id = $initiative OR toLower(i.name) = toLower($initiative)
MATCH (o:Organisation)-[r:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY|PART_OF]-(i)
WITH i, o, r, type(r) AS relatie
ORDER BY relatie, r.role SKIP 0
WITH i, o, collect(DISTINCT relatie) AS relaties, collect(DISTINCT r.role) AS rollen,
     count(DISTINCT r.doc) AS bronnen
RETURN i.name AS initiatief, o.id AS organisatie_id, o.name AS organisatie,
       o.kind AS soort, relaties, rollen, bronnen
ORDER BY organisatie, organisatie_id
