// title: Entiteiten uit een document
// description: Welke organisaties, initiatieven, evenementen, personen en regio's een
//   document noemt, met de schrijfwijzen waarin ze erin voorkomen, in hoeveel andere
//   documenten ze ook staan en of het document ze als enige noemt (dan voegde het ze
//   toe). Het document mag worden opgegeven met id, titel of bron (pad of URL).
// param: doc = doc:0d94d7aceeec8fa4
// engines: neo4j, ladybug
MATCH (d:Document)
WHERE d.id = $doc OR d.name = $doc OR d.source = $doc
MATCH (n)-[m:MENTIONED_IN]->(d)
OPTIONAL MATCH (n)-[:MENTIONED_IN]->(d2:Document)
WHERE d2.id <> d.id
WITH d, n, m, count(DISTINCT d2.id) AS andere
RETURN d.name AS document, n.id AS entiteit_id, n.name AS naam, n.kind AS soort,
       m.mentions AS schrijfwijzen, andere AS andere_documenten, andere = 0 AS alleen_hier
ORDER BY soort, naam, entiteit_id
