// LadybugDB: label(r) in plaats van type(r).
MATCH (a)-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]->(b)
WITH a, r, b,
     r.doc IS NULL OR trim(r.doc) = '' AS zonder_doc,
     r.sentence IS NULL OR trim(r.sentence) = '' AS zonder_zin
WITH a, r, b, zonder_doc, zonder_zin,
     NOT zonder_doc AND NOT EXISTS { MATCH (d:Document) WHERE d.id = r.doc } AS onbekend_doc
WHERE zonder_doc OR zonder_zin OR onbekend_doc
RETURN a.id AS van_id, a.name AS van, label(r) AS relatie, b.id AS naar_id, b.name AS naar,
       r.doc AS document_id, r.locator AS vindplaats,
       CASE
         WHEN zonder_doc AND zonder_zin THEN 'geen document en geen zin'
         WHEN zonder_doc THEN 'geen document'
         WHEN onbekend_doc AND zonder_zin THEN 'onbekend document en geen zin'
         WHEN onbekend_doc THEN 'onbekend document'
         ELSE 'geen zin'
       END AS probleem
ORDER BY van, van_id, relatie, naar, naar_id, document_id
