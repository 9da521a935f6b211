-- The figures of an edition as one GROUP BY per figure: the queries of
-- store_figures_reference (src/store/maint_store.c), run by the sqlite3
-- shell in bench/run.sh as the engine's floor for `pmm report`.
-- :ed is the edition id; only validated actions, as `pmm report` counts.
SELECT i.type, count(*), count(DISTINCT a.institution_id)
  FROM action a JOIN institution i ON i.id = a.institution_id
  WHERE a.edition_id = :ed AND a.status = 'validada' GROUP BY i.type;
SELECT count(DISTINCT i.state)
  FROM action a JOIN institution i ON i.id = a.institution_id
  WHERE a.edition_id = :ed AND a.status = 'validada' AND i.type = 'EF' AND i.state IS NOT NULL;
SELECT ao.objective, i.type, count(*)
  FROM action a JOIN action_objective ao ON ao.action_id = a.id
  JOIN institution i ON i.id = a.institution_id
  WHERE a.edition_id = :ed AND a.status = 'validada' GROUP BY ao.objective, i.type;
SELECT p.code, count(*)
  FROM action a JOIN action_population ap ON ap.action_id = a.id
  JOIN population p ON p.id = ap.population_id
  WHERE a.edition_id = :ed AND a.status = 'validada' GROUP BY p.code
UNION ALL
SELECT 'no_aplica', count(*) FROM action a
  WHERE a.edition_id = :ed AND a.status = 'validada'
  AND NOT EXISTS (SELECT 1 FROM action_population ap WHERE ap.action_id = a.id);
SELECT coalesce(sum(gender_focus = 1), 0), coalesce(sum(gender_focus = 0), 0),
       coalesce(sum(gender_focus IS NULL), 0),
       coalesce(sum(disability = 1), 0), coalesce(sum(disability = 0), 0),
       coalesce(sum(disability IS NULL), 0),
       coalesce(sum(beneficiaries), 0), count(beneficiaries)
  FROM action a WHERE a.edition_id = :ed AND a.status = 'validada';
SELECT cc.name, i.type, count(*)
  FROM action a JOIN challenge ch ON ch.action_id = a.id
  JOIN institution i ON i.id = a.institution_id
  LEFT JOIN challenge_category cc ON cc.id = ch.category_id
  WHERE a.edition_id = :ed AND a.status = 'validada' GROUP BY cc.name, i.type;
