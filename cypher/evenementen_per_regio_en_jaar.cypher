// title: Evenementen per provincie en jaar
// description: Aantal evenementen (bijeenkomsten, werkdagen, themaweken, sessies) per
//   provincie en jaar, met hun namen. De provincie komt uit de eigenschap province van
//   het evenement, anders uit de regio waar het plaatsvond (LOCATED_IN); het jaar uit de
//   datum. Onbekend staat als '(onbekend)'.
// engines: neo4j, ladybug
MATCH (e:Event)
OPTIONAL MATCH (e)-[:LOCATED_IN]->(l:Region)
WITH DISTINCT e, coalesce(e.province, l.province, '(onbekend)') AS provincie,
     CASE WHEN e.date IS NULL OR e.date = '' THEN '(onbekend)' ELSE left(e.date, 4) END AS jaar
ORDER BY e.date, e.name, e.id SKIP 0
WITH provincie, jaar, count(e) AS aantal, collect(e.name) AS evenementen
RETURN provincie, jaar, aantal, evenementen
ORDER BY provincie, jaar
