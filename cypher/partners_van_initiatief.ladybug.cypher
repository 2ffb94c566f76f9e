// LadybugDB: label(r) in plaats van type(r).
MATCH (i:Initiative)
WHERE i.id = $initiative OR toLower(i.name) = toLower($initiative)
MATCH (o:Organisation)-[r:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY|PART_OF]-(i)
WITH i, o, r, label(r) AS relatie
ORDER BY relatie, r.role SKIP 0
WITH i, o, collect(DISTINCT relatie) AS relaties, collect(DISTINCT r.role) AS rollen,
     count(DISTINCT r.doc) AS bronnen
RETURN i.name AS initiatief, o.id AS organisatie_id, o.name AS organisatie,
       o.kind AS soort, relaties, rollen, bronnen
ORDER BY organisatie, organisatie_id
