// LadybugDB: label(r) in plaats van type(r). De richting komt uit het interne veld _SRC:
// start_node(r) volgt in een ongerichte MATCH de volgorde van het patroon, niet de
// opgeslagen richting (LadybugDB 0.22).
MATCH (o:Organisation)
WHERE o.id = $org OR toLower(o.name) = toLower($org)
MATCH (o)-[r:PARTNER_IN|AFFILIATED_WITH|ORGANISED|PARTICIPATED_IN|LOCATED_IN|ACTIVE_IN|FUNDED_BY|PART_OF]-(x)
OPTIONAL MATCH (d:Document {id: r.doc})
WITH o, r, x, d, label(r) AS relatie,
     CASE WHEN struct_extract(r, '_SRC') = id(o) THEN 'uit' ELSE 'in' END AS richting
RETURN o.name AS organisatie, relatie, richting, x.id AS ander_id, x.name AS ander,
       x.kind AS soort_ander, r.role AS rol, r.sentence AS zin, d.name AS document,
       coalesce(r.date, d.date) AS datum, r.confidence AS zekerheid,
       r.locator AS vindplaats, r.doc AS document_id
ORDER BY relatie, ander, ander_id, richting, document_id
