// LadybugDB: label(r) in plaats van type(r).
MATCH (o:Organisation)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
MATCH (o)-[r:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY|PART_OF]-(i:Initiative)
WITH o, i, r, label(r) AS relatie
ORDER BY relatie, r.role SKIP 0
WITH o, i, collect(DISTINCT relatie) AS relaties, collect(DISTINCT r.role) AS rollen,
     count(DISTINCT r.doc) AS bronnen, min(r.date) AS sinds
RETURN o.name AS organisatie, i.id AS initiatief_id, i.name AS initiatief,
       i.subkind AS subsoort, i.scope AS schaal, relaties, rollen, bronnen, sinds
ORDER BY initiatief, initiatief_id
