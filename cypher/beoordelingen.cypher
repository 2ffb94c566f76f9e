// title: Beoordeelde suggesties
// description: De oordelen van het aanjagersteam over voorgestelde verbindingen
//   ('interessant' of 'niet_relevant'), nieuwste eerst, met wie oordeelde en de notitie.
//   Beoordeelde paren verschijnen niet meer in de open lijst van suggesties.
// param: limit = 500
// engines: neo4j, ladybug
MATCH (a:Organisation)-[r:JUDGED]->(b)
RETURN a.id AS source, b.id AS target, a.name AS source_name, b.name AS target_name,
       r.verdict AS verdict, r.judged_at AS judged_at, r.judged_by AS judged_by,
       r.note AS note
ORDER BY judged_at DESC, source, target
LIMIT $limit
