// title: Datakwaliteit: mogelijke dubbelen
// description: Paren van entiteiten die misschien hetzelfde zijn, sterkste aanwijzing
//   eerst: dezelfde naam, dezelfde naam bij een andere soort (bijvoorbeeld een provincie
//   als regio en als overheid), de naam van de een is een alias van de ander, de ene naam
//   staat als geheel woord of woordgroep in de andere (namen van ten minste 4 tekens), of
//   de namen beginnen met dezelfde prefix tekens. Namen worden vergeleken zonder
//   hoofdletters, leestekens en witruimte aan de randen. Behalve bij dezelfde naam worden
//   alleen entiteiten van dezelfde groep vergeleken (organisaties onderling, initiatieven
//   onderling, …), en regio's alleen met regio's van hetzelfde niveau (provincie en
//   gemeente Utrecht zijn er twee).
// param: prefix = 20
// engines: neo4j, ladybug
MATCH (a:Organisation|Initiative|Event|Person|Region)
WITH a, toLower(trim(a.name)) AS na,
     CASE WHEN a.kind IN ['care_provider', 'school', 'government', 'employer_org', 'insurer',
                          'company', 'knowledge_institute']
          THEN 'organisation' ELSE a.kind END AS ga
MATCH (b:Organisation|Initiative|Event|Person|Region)
WHERE a.id < b.id
  AND NOT (a.kind = 'region' AND b.kind = 'region'
           AND coalesce(a.level, '') <> coalesce(b.level, ''))
  AND (toLower(trim(b.name)) = na
       OR CASE WHEN b.kind IN ['care_provider', 'school', 'government', 'employer_org',
                               'insurer', 'company', 'knowledge_institute']
               THEN 'organisation' ELSE b.kind END = ga)
WITH a, b, na, toLower(trim(b.name)) AS nb
WITH a, b, na, nb,
     ' ' + trim(replace(replace(replace(replace(na, ',', ' '), '.', ' '), '(', ' '), ')', ' ')) + ' ' AS wa,
     ' ' + trim(replace(replace(replace(replace(nb, ',', ' '), '.', ' '), '(', ' '), ')', ' ')) + ' ' AS wb
WITH a, b,
     CASE
       WHEN na = nb AND a.kind = b.kind THEN 1
       WHEN na = nb THEN 2
       WHEN b.name IN a.aliases OR a.name IN b.aliases THEN 3
       WHEN size(na) >= 4 AND size(nb) >= 4 AND (wa CONTAINS wb OR wb CONTAINS wa) THEN 4
       WHEN size(na) >= $prefix AND size(nb) >= $prefix AND left(na, $prefix) = left(nb, $prefix)
         THEN 5
     END AS rang
WHERE rang IS NOT NULL
RETURN rang,
       CASE rang
         WHEN 1 THEN 'zelfde naam'
         WHEN 2 THEN 'zelfde naam, andere soort'
         WHEN 3 THEN 'naam is alias van de ander'
         WHEN 4 THEN 'naam bevat de andere naam'
         ELSE 'zelfde begin'
       END AS reden,
       a.id AS entiteit_a_id, a.name AS entiteit_a, a.kind AS soort_a,
       b.id AS entiteit_b_id, b.name AS entiteit_b, b.kind AS soort_b
ORDER BY rang, entiteit_a, entiteit_b, entiteit_a_id, entiteit_b_id
