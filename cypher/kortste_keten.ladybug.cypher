// LadybugDB: kortste paden als [* ALL SHORTEST 1..8], properties(nodes(p), …) in plaats
// van een lijstcomprehensie, list_reduce in plaats van reduce. De voorwaarde a <> b staat
// na het pad: een WITH ertussen maakt LadybugDB 0.22 25x trager (begin en eind niet meer
// vast). Neo4j heeft haar juist vóór allShortestPaths nodig (zelfde begin- en eindknoop
// geeft daar een fout).
MATCH (a:Organisation)
WHERE a.id = $org_a OR toLower(a.name) = toLower($org_a)
MATCH (b:Organisation)
WHERE b.id = $org_b OR toLower(b.name) = toLower($org_b)
MATCH p = (a)-[:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|FUNDED_BY|PART_OF * ALL SHORTEST 1..8]-(b)
WHERE a.id <> b.id
WITH DISTINCT length(p) AS stappen,
     properties(nodes(p), 'name') AS namen,
     properties(nodes(p), 'kind') AS soorten,
     properties(nodes(p), 'id') AS ids
RETURN stappen,
       list_reduce(namen, (s, x) -> s + ' > ' + x) AS keten,
       list_reduce(soorten, (s, x) -> s + ' > ' + x) AS soorten_keten,
       list_reduce(ids, (s, x) -> s + ' > ' + x) AS id_keten
ORDER BY stappen, keten, id_keten
LIMIT $max_paths
