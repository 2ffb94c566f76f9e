// title: Datakwaliteit: entiteiten die maar één keer voorkomen
// description: Organisaties, initiatieven, evenementen, personen en regio's die in
//   hoogstens max_docs documenten genoemd worden en waarvan de relaties ook uit hoogstens
//   zoveel bronnen komen: het bewijs is dun, de naam is misschien verkeerd gelezen of de
//   entiteit is een dubbele van een andere. Met het document, het aantal beweringen en
//   de laagste zekerheid; de entiteiten met de minste beweringen eerst.
// param: max_docs = 1
// engines: neo4j, ladybug
MATCH (n:Organisation|Initiative|Event|Person|Region)
OPTIONAL MATCH (n)-[:MENTIONED_IN]->(d:Document)
WITH n, count(DISTINCT d.id) AS documenten, min(d.name) AS document
OPTIONAL MATCH (n)-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]-()
WITH n, documenten, document, count(r) AS beweringen, count(DISTINCT r.doc) AS bronnen,
     min(r.confidence) AS laagste_zekerheid
WHERE documenten <= $max_docs AND bronnen <= $max_docs
RETURN n.id AS entiteit_id, n.name AS naam, n.kind AS soort, documenten, document,
       beweringen, laagste_zekerheid
ORDER BY beweringen, documenten, soort, naam, entiteit_id
