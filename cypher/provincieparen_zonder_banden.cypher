// title: Provincieparen zonder samenwerking
// description: Paren van provincies die allebei organisaties hebben, maar waarvan geen
//   enkele organisatie met een organisatie uit de andere provincie in hetzelfde initiatief
//   of evenement zit. Met het aantal organisaties aan elke kant: grote aantallen zonder
//   band zijn kansen voor een verbinding. De provincie van een organisatie is haar
//   eigenschap province, anders die van de regio's waar ze gevestigd is.
// engines: neo4j, ladybug
OPTIONAL MATCH (a:Organisation)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(f:Initiative|Event)
               -[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(b:Organisation)
OPTIONAL MATCH (a)-[:LOCATED_IN]->(la:Region)
OPTIONAL MATCH (b)-[:LOCATED_IN]->(lb:Region)
WITH DISTINCT coalesce(a.province, la.province) AS p1, coalesce(b.province, lb.province) AS p2
WITH collect(CASE WHEN p1 IS NOT NULL AND p2 IS NOT NULL THEN p1 + ' | ' + p2 END) AS verbonden
MATCH (o:Organisation)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(l:Region)
WITH DISTINCT verbonden, o, coalesce(o.province, l.province) AS provincie
WHERE provincie IS NOT NULL
WITH verbonden, provincie AS pa, count(DISTINCT o.id) AS na
MATCH (o:Organisation)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(l:Region)
WITH DISTINCT verbonden, pa, na, o, coalesce(o.province, l.province) AS provincie
WHERE provincie IS NOT NULL AND pa < provincie
WITH verbonden, pa, na, provincie AS pb, count(DISTINCT o.id) AS nb
WHERE NOT (pa + ' | ' + pb) IN verbonden
RETURN pa AS provincie_a, pb AS provincie_b, na AS organisaties_a, nb AS organisaties_b
ORDER BY organisaties_a * organisaties_b DESC, provincie_a, provincie_b
