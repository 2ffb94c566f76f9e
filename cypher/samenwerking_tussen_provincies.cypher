// title: Samenwerking tussen provincies
// description: Paren van provincies waarvan organisaties samen in een initiatief of
//   evenement zitten (als partner, deelnemer, organisator, medewerker of financier), met
//   het aantal organisatieparen, het aantal betrokken organisaties per kant en de
//   gedeelde initiatieven en evenementen. De provincie van een organisatie is haar
//   eigenschap province, anders die van de regio's waar ze gevestigd is.
// engines: neo4j, ladybug
MATCH (a:Organisation)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(f:Initiative|Event)
      -[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(b:Organisation)
WHERE a.id <> b.id
OPTIONAL MATCH (a)-[:LOCATED_IN]->(la:Region)
OPTIONAL MATCH (b)-[:LOCATED_IN]->(lb:Region)
WITH DISTINCT a, b, f, coalesce(a.province, la.province) AS pa, coalesce(b.province, lb.province) AS pb
WHERE pa IS NOT NULL AND pb IS NOT NULL AND pa < pb
WITH a, b, f, pa, pb
ORDER BY f.name, f.id SKIP 0
WITH pa, pb, count(DISTINCT a.id + ' ' + b.id) AS paren, count(DISTINCT a.id) AS n_a,
     count(DISTINCT b.id) AS n_b, count(DISTINCT f.id) AS n_f, collect(DISTINCT f.name) AS gedeeld
RETURN pa AS provincie_a, pb AS provincie_b, paren AS organisatieparen,
       n_a AS organisaties_a, n_b AS organisaties_b, n_f AS gedeelde_activiteiten,
       gedeeld AS initiatieven_en_evenementen
ORDER BY organisatieparen DESC, provincie_a, provincie_b
