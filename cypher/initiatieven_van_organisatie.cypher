// title: Initiatieven van een organisatie
// description: De initiatieven waarin een organisatie partner, deelnemer, (mede)organisator,
//   financier of koploper is, met subsoort en schaal van het initiatief, de relaties, de
//   rollen, het aantal bronnen en de vroegste datum uit de bronnen. De organisatie mag met
//   id of naam worden opgegeven.
// param: org = org:school:windesheim-flevoland
// engines: neo4j, ladybug
MATCH (o:Organisation)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
MATCH (o)-[r:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY|PART_OF]-(i:Initiative)
WITH o, i, r, type(r) AS relatie
ORDER BY relatie, r.role SKIP 0
WITH o, i, collect(DISTINCT relatie) AS relaties, collect(DISTINCT r.role) AS rollen,
     count(DISTINCT r.doc) AS bronnen, min(r.date) AS sinds
RETURN o.name AS organisatie, i.id AS initiatief_id, i.name AS initiatief,
       i.subkind AS subsoort, i.scope AS schaal, relaties, rollen, bronnen, sinds
ORDER BY initiatief, initiatief_id
