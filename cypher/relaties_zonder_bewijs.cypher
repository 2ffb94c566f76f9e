// title: Datakwaliteit: relaties zonder bewijs
// description: Beweringen (relaties) zonder onderbouwing: zonder zin uit de bron, zonder
//   document (doc leeg), of met een doc dat niet als document in de graaf staat. Met van,
//   relatie, naar, de vindplaats en wat er ontbreekt.
// engines: neo4j, ladybug
MATCH (a)-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]->(b)
WITH a, r, b,
     r.doc IS NULL OR trim(r.doc) = '' AS zonder_doc,
     r.sentence IS NULL OR trim(r.sentence) = '' AS zonder_zin
WITH a, r, b, zonder_doc, zonder_zin,
     NOT zonder_doc AND NOT EXISTS { MATCH (d:Document) WHERE d.id = r.doc } AS onbekend_doc
WHERE zonder_doc OR zonder_zin OR onbekend_doc
RETURN a.id AS van_id, a.name AS van, type(r) AS relatie, b.id AS naar_id, b.name AS naar,
       r.doc AS document_id, r.locator AS vindplaats,
       CASE
         WHEN zonder_doc AND zonder_zin THEN 'geen document en geen zin'
         WHEN zonder_doc THEN 'geen document'
         WHEN onbekend_doc AND zonder_zin THEN 'onbekend document en geen zin'
         WHEN onbekend_doc THEN 'onbekend document'
         ELSE 'geen zin'
       END AS probleem
ORDER BY van, van_id, relatie, naar, naar_id, document_id
