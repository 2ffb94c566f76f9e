// title: Organisaties per provincie en soort
// description: Aantal organisaties per provincie, sector (zorg, onderwijs, overheid,
//   werkgevers, bedrijven) en soort, met hun namen. De provincie komt uit de eigenschap
//   province van de organisatie, anders uit de regio's waar ze gevestigd is (LOCATED_IN);
//   organisaties zonder bekende provincie staan onder '(onbekend)'.
// engines: neo4j, ladybug
MATCH (o:Organisation)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(l:Region)
WITH DISTINCT o, coalesce(o.province, l.province, '(onbekend)') AS provincie
WITH o, provincie,
     CASE o.kind
       WHEN 'care_provider' THEN 'zorg'
       WHEN 'insurer' THEN 'zorg'
       WHEN 'school' THEN 'onderwijs'
       WHEN 'knowledge_institute' THEN 'onderwijs'
       WHEN 'government' THEN 'overheid'
       WHEN 'employer_org' THEN 'werkgevers'
       ELSE 'bedrijven'
     END AS sector
ORDER BY o.name, o.id SKIP 0
WITH provincie, sector, o.kind AS soort, count(o) AS aantal, collect(o.name) AS organisaties
RETURN provincie, sector, soort, aantal, organisaties
ORDER BY provincie, sector, soort
