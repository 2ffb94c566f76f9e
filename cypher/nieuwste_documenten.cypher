// title: Nieuwste documenten en wat ze toevoegden
// description: De laatst geladen documenten (bij gelijke laadtijd de recentste datum
//   eerst) met per document het aantal genoemde entiteiten, hoeveel daarvan in geen ander
//   document voorkomen, het aantal beweringen (relaties) dat het document onderbouwt en
//   het aantal bijbehorende organisaties. Toont hoogstens limit documenten.
// param: limit = 10
// engines: neo4j, ladybug
MATCH (d:Document)
OPTIONAL MATCH (n)-[:MENTIONED_IN]->(d)
WITH d, n, CASE WHEN n IS NULL THEN false
                ELSE NOT EXISTS { MATCH (n)-[m:MENTIONED_IN]->(d2:Document) WHERE d2.id <> d.id }
           END AS alleen_hier
WITH d, count(DISTINCT n.id) AS entiteiten,
     count(DISTINCT CASE WHEN alleen_hier THEN n.id END) AS nieuw,
     count(DISTINCT CASE WHEN n.kind IN ['care_provider', 'school', 'government', 'employer_org',
                                         'insurer', 'company', 'knowledge_institute']
                         THEN n.id END) AS organisaties
OPTIONAL MATCH ()-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]->()
WHERE r.doc = d.id
WITH d, entiteiten, nieuw, organisaties, count(r) AS beweringen
RETURN d.id AS document_id, d.name AS titel, d.date AS datum, d.doctype AS soort,
       d.source AS bron, d.loaded_at AS geladen_op, entiteiten, nieuw AS alleen_in_dit_document,
       organisaties, beweringen
ORDER BY coalesce(geladen_op, '') DESC, coalesce(datum, '') DESC, titel, document_id
LIMIT $limit
