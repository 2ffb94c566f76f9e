// title: Personen die organisaties verbinden
// description: Personen die met ten minste min_orgs organisaties verbonden zijn: direct
//   (werkt bij of vertegenwoordigt de organisatie) of via een initiatief of evenement
//   waaraan de persoon en de organisatie allebei deelnemen. Met de functie, de eigen
//   organisaties en de organisaties die de persoon zo kan verbinden; de persoon met de
//   meeste verbindingen eerst.
// param: min_orgs = 2
// engines: neo4j, ladybug
MATCH (p:Person)
OPTIONAL MATCH (p)-[:AFFILIATED_WITH|PARTNER_IN|ORGANISED|PARTICIPATED_IN|FUNDED_BY|PART_OF]-(d:Organisation)
WITH p, d
ORDER BY d.name, d.id SKIP 0
WITH p, collect(DISTINCT d.id) AS eigen_ids, collect(DISTINCT d.name) AS eigen
OPTIONAL MATCH (p)-[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(f:Initiative|Event)
               -[:PARTNER_IN|ORGANISED|PARTICIPATED_IN|AFFILIATED_WITH|FUNDED_BY]-(o:Organisation)
WITH p, eigen, eigen_ids, collect(DISTINCT o.id) AS via_ids
UNWIND eigen_ids + via_ids AS oid
MATCH (o:Organisation {id: oid})
WITH DISTINCT p, eigen, o
ORDER BY o.name, o.id SKIP 0
WITH p, eigen, count(o) AS aantal, collect(o.name) AS organisaties
WHERE aantal >= $min_orgs
RETURN p.id AS persoon_id, p.name AS persoon, p.role AS functie, eigen AS eigen_organisaties,
       aantal AS verbonden_organisaties, organisaties
ORDER BY verbonden_organisaties DESC, persoon, persoon_id
