/**
 * The catalogue SQL of the indicators that count a person's first or last attempt at a ГИА exam,
 * as it was before they read agg_attempt: window functions over every written ГИА result of the
 * year, partitioned by person and exam (O2 and M3 are in aggregates-raw-sql.ts, raw in both
 * respects). gia-attempts.test.ts runs both forms on the fixtures and the demo and expects the
 * same rows.
 */
export const RAW_ATTEMPTS_SQL: Record<string, string> = {
  O3: `WITH base AS MATERIALIZED (
  SELECT v.school_id, 'vpr' AS src, v.mark FROM v_vpr v
  WHERE v.year = :year - 1 AND v.grade = 8 AND v.subject_code = :subject AND v.municipality_id = :municipality
  UNION ALL
  SELECT t.school_id, 'oge', t.mark FROM (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('oge')
  )
  SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  ROW_NUMBER() OVER w AS try_first,
  COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  - ROW_NUMBER() OVER w + 1 AS try_last
  FROM result r
  JOIN a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND a.subject_code = :subject AND s.municipality_id = :municipality
  WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t WHERE t.try_first = 1
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         MIN(SUM(src = 'vpr'), SUM(src = 'oge')) AS n,
         SUM(src = 'vpr') AS n_vpr,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0), 2) AS vpr_quality,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 3) / NULLIF(SUM(src = 'vpr'), 0), 2) AS vpr_pass,
         SUM(src = 'oge') AS n_oge,
         ROUND(100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0), 2) AS oge_quality,
         ROUND(100.0 * SUM(src = 'oge' AND mark >= 3) / NULLIF(SUM(src = 'oge'), 0), 2) AS oge_pass,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0), 2) AS quality_gap,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 3) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 3) / NULLIF(SUM(src = 'oge'), 0), 2) AS pass_gap,
         100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0) >= :gap AS signal
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         MIN(SUM(src = 'vpr'), SUM(src = 'oge')) AS n,
         SUM(src = 'vpr') AS n_vpr,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0), 2) AS vpr_quality,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 3) / NULLIF(SUM(src = 'vpr'), 0), 2) AS vpr_pass,
         SUM(src = 'oge') AS n_oge,
         ROUND(100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0), 2) AS oge_quality,
         ROUND(100.0 * SUM(src = 'oge' AND mark >= 3) / NULLIF(SUM(src = 'oge'), 0), 2) AS oge_pass,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0), 2) AS quality_gap,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 3) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 3) / NULLIF(SUM(src = 'oge'), 0), 2) AS pass_gap,
         100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0) >= :gap AS signal
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         MIN(SUM(src = 'vpr'), SUM(src = 'oge')) AS n,
         SUM(src = 'vpr') AS n_vpr,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0), 2) AS vpr_quality,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 3) / NULLIF(SUM(src = 'vpr'), 0), 2) AS vpr_pass,
         SUM(src = 'oge') AS n_oge,
         ROUND(100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0), 2) AS oge_quality,
         ROUND(100.0 * SUM(src = 'oge' AND mark >= 3) / NULLIF(SUM(src = 'oge'), 0), 2) AS oge_pass,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0), 2) AS quality_gap,
         ROUND(100.0 * SUM(src = 'vpr' AND mark >= 3) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 3) / NULLIF(SUM(src = 'oge'), 0), 2) AS pass_gap,
         100.0 * SUM(src = 'vpr' AND mark >= 4) / NULLIF(SUM(src = 'vpr'), 0) - 100.0 * SUM(src = 'oge' AND mark >= 4) / NULLIF(SUM(src = 'oge'), 0) >= :gap AS signal
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  G1: `WITH base AS MATERIALIZED (
  WITH tries AS (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('oge', 'gve9')
  )
  SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  ROW_NUMBER() OVER w AS try_first,
  COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  - ROW_NUMBER() OVER w + 1 AS try_last
  FROM result r
  JOIN a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND s.municipality_id = :municipality
  WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ),
  persons AS (
  SELECT student_id, MIN(school_id) AS school_id, COUNT(DISTINCT subject_code) AS subjects,
  MIN(CASE WHEN try_first = 1 THEN mark END) AS first_min,
  MIN(CASE WHEN try_last = 1 THEN mark END) AS final_min
  FROM tries WHERE student_id IS NOT NULL GROUP BY student_id
  )
  SELECT school_id, 1 AS person, first_min, final_min, subjects FROM persons
  UNION ALL
  SELECT school_id, 0, NULL, NULL, NULL FROM tries WHERE student_id IS NULL
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         SUM(person) AS n,
         SUM(person AND first_min >= 3) AS pass_first_n,
         ROUND(100.0 * SUM(person AND first_min >= 3) / SUM(person), 2) AS pass_first_pct,
         SUM(person AND final_min >= 3) AS pass_final_n,
         ROUND(100.0 * SUM(person AND final_min >= 3) / SUM(person), 2) AS pass_final_pct,
         SUM(person AND final_min >= 3 AND subjects >= :min_exams) AS full_set_n,
         ROUND(100.0 * SUM(person AND final_min >= 3 AND subjects >= :min_exams) / SUM(person), 2) AS full_set_pct,
         SUM(1 - person) AS no_key_n
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         SUM(person) AS n,
         SUM(person AND first_min >= 3) AS pass_first_n,
         ROUND(100.0 * SUM(person AND first_min >= 3) / SUM(person), 2) AS pass_first_pct,
         SUM(person AND final_min >= 3) AS pass_final_n,
         ROUND(100.0 * SUM(person AND final_min >= 3) / SUM(person), 2) AS pass_final_pct,
         SUM(person AND final_min >= 3 AND subjects >= :min_exams) AS full_set_n,
         ROUND(100.0 * SUM(person AND final_min >= 3 AND subjects >= :min_exams) / SUM(person), 2) AS full_set_pct,
         SUM(1 - person) AS no_key_n
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         SUM(person) AS n,
         SUM(person AND first_min >= 3) AS pass_first_n,
         ROUND(100.0 * SUM(person AND first_min >= 3) / SUM(person), 2) AS pass_first_pct,
         SUM(person AND final_min >= 3) AS pass_final_n,
         ROUND(100.0 * SUM(person AND final_min >= 3) / SUM(person), 2) AS pass_final_pct,
         SUM(person AND final_min >= 3 AND subjects >= :min_exams) AS full_set_n,
         ROUND(100.0 * SUM(person AND final_min >= 3 AND subjects >= :min_exams) / SUM(person), 2) AS full_set_pct,
         SUM(1 - person) AS no_key_n
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  G2: `WITH base AS MATERIALIZED (
  SELECT t.school_id, t.mark, t.primary_score, t.max_primary FROM (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('oge', 'gve9')
  )
  SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  ROW_NUMBER() OVER w AS try_first,
  COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  - ROW_NUMBER() OVER w + 1 AS try_last
  FROM result r
  JOIN a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.kind = :kind AND a.subject_code = :subject AND a.year = :year AND s.municipality_id = :municipality
  WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t WHERE t.try_first = 1
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         COUNT(*) AS n,
         ROUND(100.0 * SUM(mark = 2) / COUNT(*), 2) AS pct_2,
         ROUND(100.0 * SUM(mark = 3) / COUNT(*), 2) AS pct_3,
         ROUND(100.0 * SUM(mark = 4) / COUNT(*), 2) AS pct_4,
         ROUND(100.0 * SUM(mark = 5) / COUNT(*), 2) AS pct_5,
         ROUND(100.0 * SUM(mark >= 3) / COUNT(*), 2) AS pass_pct,
         ROUND(100.0 * SUM(mark >= 4) / COUNT(*), 2) AS quality_pct,
         ROUND(AVG(mark), 2) AS mean_mark,
         ROUND(AVG(primary_score), 2) AS mean_primary,
         ROUND(100.0 * AVG(primary_score / max_primary), 2) AS score_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         ROUND(100.0 * SUM(mark = 2) / COUNT(*), 2) AS pct_2,
         ROUND(100.0 * SUM(mark = 3) / COUNT(*), 2) AS pct_3,
         ROUND(100.0 * SUM(mark = 4) / COUNT(*), 2) AS pct_4,
         ROUND(100.0 * SUM(mark = 5) / COUNT(*), 2) AS pct_5,
         ROUND(100.0 * SUM(mark >= 3) / COUNT(*), 2) AS pass_pct,
         ROUND(100.0 * SUM(mark >= 4) / COUNT(*), 2) AS quality_pct,
         ROUND(AVG(mark), 2) AS mean_mark,
         ROUND(AVG(primary_score), 2) AS mean_primary,
         ROUND(100.0 * AVG(primary_score / max_primary), 2) AS score_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         ROUND(100.0 * SUM(mark = 2) / COUNT(*), 2) AS pct_2,
         ROUND(100.0 * SUM(mark = 3) / COUNT(*), 2) AS pct_3,
         ROUND(100.0 * SUM(mark = 4) / COUNT(*), 2) AS pct_4,
         ROUND(100.0 * SUM(mark = 5) / COUNT(*), 2) AS pct_5,
         ROUND(100.0 * SUM(mark >= 3) / COUNT(*), 2) AS pass_pct,
         ROUND(100.0 * SUM(mark >= 4) / COUNT(*), 2) AS quality_pct,
         ROUND(AVG(mark), 2) AS mean_mark,
         ROUND(AVG(primary_score), 2) AS mean_primary,
         ROUND(100.0 * AVG(primary_score / max_primary), 2) AS score_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  G3: `WITH base AS MATERIALIZED (
  SELECT t.school_id, t.mark, tm.mark AS term FROM (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('oge', 'gve9')
  )
  SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  ROW_NUMBER() OVER w AS try_first,
  COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  - ROW_NUMBER() OVER w + 1 AS try_last
  FROM result r
  JOIN a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.subject_code = :subject AND a.year = :year AND s.municipality_id = :municipality
  WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t
  JOIN term_mark tm ON tm.student_id = t.student_id AND tm.subject_code = t.subject_code AND tm.year = t.year AND tm.period = :period
  WHERE t.try_first = 1 AND t.student_id IS NOT NULL AND tm.mark IS NOT NULL
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         COUNT(*) AS n,
         SUM(mark < term) AS lowered_n,
         ROUND(100.0 * SUM(mark < term) / COUNT(*), 2) AS lowered_pct,
         SUM(mark = term) AS confirmed_n,
         ROUND(100.0 * SUM(mark = term) / COUNT(*), 2) AS confirmed_pct,
         SUM(mark > term) AS raised_n,
         ROUND(100.0 * SUM(mark > term) / COUNT(*), 2) AS raised_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(mark < term) AS lowered_n,
         ROUND(100.0 * SUM(mark < term) / COUNT(*), 2) AS lowered_pct,
         SUM(mark = term) AS confirmed_n,
         ROUND(100.0 * SUM(mark = term) / COUNT(*), 2) AS confirmed_pct,
         SUM(mark > term) AS raised_n,
         ROUND(100.0 * SUM(mark > term) / COUNT(*), 2) AS raised_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(mark < term) AS lowered_n,
         ROUND(100.0 * SUM(mark < term) / COUNT(*), 2) AS lowered_pct,
         SUM(mark = term) AS confirmed_n,
         ROUND(100.0 * SUM(mark = term) / COUNT(*), 2) AS confirmed_pct,
         SUM(mark > term) AS raised_n,
         ROUND(100.0 * SUM(mark > term) / COUNT(*), 2) AS raised_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  G4: `SELECT t.year, COUNT(*) AS n,
       ROUND(AVG(t.mark), 2) AS mean_mark,
       ROUND(100.0 * AVG(t.primary_score / t.max_primary), 2) AS score_pct,
       ROUND(100.0 * SUM(t.mark >= 3) / COUNT(*), 2) AS pass_pct,
       ROUND(100.0 * SUM(t.mark >= 4) / COUNT(*), 2) AS quality_pct,
       COUNT(*) < 10 AS small
FROM (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('oge', 'gve9')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.kind = :kind AND a.subject_code = :subject AND s.municipality_id = :municipality AND (:school = 0 OR r.school_id = :school)
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
) t
WHERE t.try_first = 1
GROUP BY t.year
ORDER BY t.year`,
  E1: `WITH first AS (
  SELECT t.*, th.min_certificate, th.min_vuz_rosobr, th.min_vuz_minobr,
         (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) AS by_mark, CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark < 3 ELSE t.test_score < th.min_certificate END AS below
  FROM (
    WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege', 'gve11')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND s.municipality_id = :municipality AND (:school = 0 OR r.school_id = :school)
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t
  LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.try_first = 1
),
exams AS (
  SELECT 'exam' AS row_kind, COALESCE(sb.name, f.subject_code) || CASE f.level WHEN 'base' THEN ' (базовый уровень)' WHEN 'prof' THEN ' (профильный уровень)' ELSE '' END || CASE WHEN f.kind IN ('gve9', 'gve11') THEN ' — ГВЭ' ELSE '' END AS exam, f.kind IN ('gve9', 'gve11') AS is_gve,
         CASE WHEN MAX(f.by_mark) = 1 THEN 'отметка «3»' ELSE CAST(MAX(f.min_certificate) AS TEXT) END AS threshold,
         COUNT(*) AS n, SUM(f.below) AS below_n
  FROM first f LEFT JOIN subject sb ON sb.subject_code = f.subject_code
  GROUP BY f.kind, f.subject_code, f.level
),
persons AS (
  SELECT 'persons' AS row_kind, 'Все участники (человек)' AS exam, 2 AS is_gve, NULL AS threshold, COUNT(*) AS n, SUM(any_below) AS below_n
  FROM (SELECT student_id, MAX(below) AS any_below FROM first WHERE student_id IS NOT NULL GROUP BY student_id)
  HAVING COUNT(*) > 0
)
SELECT row_kind, exam, threshold, n, below_n, ROUND(100.0 * below_n / n, 2) AS below_pct, n < 10 AS small
FROM (SELECT * FROM exams UNION ALL SELECT * FROM persons)
ORDER BY is_gve, exam`,
  E2: `WITH base AS MATERIALIZED (
  SELECT t.school_id, t.test_score, th.min_certificate, th.min_vuz_rosobr, th.min_vuz_minobr FROM (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege')
  )
  SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  ROW_NUMBER() OVER w AS try_first,
  COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  - ROW_NUMBER() OVER w + 1 AS try_last
  FROM result r
  JOIN a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.subject_code = 'rus' AND a.year = :year AND s.municipality_id = :municipality
  WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t
  LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.try_first = 1 AND t.test_score IS NOT NULL
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         COUNT(*) AS n,
         ROUND(AVG(test_score), 2) AS mean_score,
         SUM(test_score < min_certificate) AS below_cert_n,
         ROUND(100.0 * SUM(test_score < min_certificate) / COUNT(*), 2) AS below_cert_pct,
         SUM(test_score < min_vuz_rosobr) AS below_vuz_n,
         ROUND(100.0 * SUM(test_score < min_vuz_rosobr) / COUNT(*), 2) AS below_vuz_pct,
         SUM(test_score < min_vuz_minobr) AS below_minobr_n,
         ROUND(100.0 * SUM(test_score < min_vuz_minobr) / COUNT(*), 2) AS below_minobr_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         ROUND(AVG(test_score), 2) AS mean_score,
         SUM(test_score < min_certificate) AS below_cert_n,
         ROUND(100.0 * SUM(test_score < min_certificate) / COUNT(*), 2) AS below_cert_pct,
         SUM(test_score < min_vuz_rosobr) AS below_vuz_n,
         ROUND(100.0 * SUM(test_score < min_vuz_rosobr) / COUNT(*), 2) AS below_vuz_pct,
         SUM(test_score < min_vuz_minobr) AS below_minobr_n,
         ROUND(100.0 * SUM(test_score < min_vuz_minobr) / COUNT(*), 2) AS below_minobr_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         ROUND(AVG(test_score), 2) AS mean_score,
         SUM(test_score < min_certificate) AS below_cert_n,
         ROUND(100.0 * SUM(test_score < min_certificate) / COUNT(*), 2) AS below_cert_pct,
         SUM(test_score < min_vuz_rosobr) AS below_vuz_n,
         ROUND(100.0 * SUM(test_score < min_vuz_rosobr) / COUNT(*), 2) AS below_vuz_pct,
         SUM(test_score < min_vuz_minobr) AS below_minobr_n,
         ROUND(100.0 * SUM(test_score < min_vuz_minobr) / COUNT(*), 2) AS below_minobr_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  E3: `WITH first AS (
  SELECT t.*, th.min_certificate, th.min_vuz_rosobr, th.min_vuz_minobr,
         (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) AS by_mark, CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark < 3 ELSE t.test_score < th.min_certificate END AS below
  FROM (
    WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege', 'gve11')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND s.municipality_id = :municipality AND (:school = 0 OR r.school_id = :school)
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t
  LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.try_first = 1
)
SELECT 'exam' AS row_kind, COALESCE(sb.name, f.subject_code) || CASE f.level WHEN 'base' THEN ' (базовый уровень)' WHEN 'prof' THEN ' (профильный уровень)' ELSE '' END || CASE WHEN f.kind IN ('gve9', 'gve11') THEN ' — ГВЭ' ELSE '' END AS exam, COUNT(*) AS n, ROUND(AVG(f.test_score), 2) AS mean_score,
       ROUND(100.0 * SUM(f.test_score < COALESCE(f.min_certificate, 0)) / COUNT(*), 2) AS below_pct,
       ROUND(100.0 * SUM(f.test_score >= COALESCE(f.min_certificate, 0) AND f.test_score <= :mid) / COUNT(*), 2) AS mid_pct,
       ROUND(100.0 * SUM(f.test_score > :mid AND f.test_score <= :top) / COUNT(*), 2) AS upper_pct,
       ROUND(100.0 * SUM(f.test_score > :top) / COUNT(*), 2) AS top_pct,
       COUNT(*) < 10 AS small
FROM first f LEFT JOIN subject sb ON sb.subject_code = f.subject_code
WHERE NOT f.by_mark
GROUP BY f.kind, f.subject_code, f.level
ORDER BY exam`,
  E4: `WITH first AS (
  SELECT t.*, th.min_certificate, th.min_vuz_rosobr, th.min_vuz_minobr,
         (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) AS by_mark, CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark < 3 ELSE t.test_score < th.min_certificate END AS below
  FROM (
    WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege', 'gve11')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND s.municipality_id = :municipality AND (:school = 0 OR r.school_id = :school)
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ) t
  LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.try_first = 1
),
scored AS (SELECT * FROM first WHERE NOT by_mark),
exams AS (
  SELECT 'exam' AS row_kind, COALESCE(sb.name, f.subject_code) || CASE f.level WHEN 'base' THEN ' (базовый уровень)' WHEN 'prof' THEN ' (профильный уровень)' ELSE '' END || CASE WHEN f.kind IN ('gve9', 'gve11') THEN ' — ГВЭ' ELSE '' END AS exam, 0 AS persons_row, COUNT(*) AS n,
         SUM(f.test_score >= :high) AS high_n, NULL AS high2_n, SUM(f.test_score = 100) AS hundred_n
  FROM scored f LEFT JOIN subject sb ON sb.subject_code = f.subject_code
  GROUP BY f.kind, f.subject_code, f.level
),
persons AS (
  SELECT 'persons' AS row_kind, 'Все участники (человек)' AS exam, 1 AS persons_row, COUNT(*) AS n,
         SUM(high >= 1) AS high_n, SUM(high >= 2) AS high2_n, SUM(hundred >= 1) AS hundred_n
  FROM (SELECT student_id, SUM(test_score >= :high) AS high, SUM(test_score = 100) AS hundred
        FROM scored WHERE student_id IS NOT NULL GROUP BY student_id)
  HAVING COUNT(*) > 0
)
SELECT row_kind, exam, n, high_n, ROUND(100.0 * high_n / n, 2) AS high_pct, high2_n,
       ROUND(100.0 * high2_n / n, 2) AS high2_pct, hundred_n, n < 10 AS small
FROM (SELECT * FROM exams UNION ALL SELECT * FROM persons)
ORDER BY persons_row, exam`,
  E6: `WITH base AS MATERIALIZED (
  WITH tries AS (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege', 'gve11')
  )
  SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  ROW_NUMBER() OVER w AS try_first,
  COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  - ROW_NUMBER() OVER w + 1 AS try_last
  FROM result r
  JOIN a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.subject_code IN ('rus', 'math') AND a.year = :year AND s.municipality_id = :municipality
  WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
  ),
  ok AS (
  SELECT t.student_id, t.school_id, t.subject_code, t.try_first,
  CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark >= 3 ELSE t.test_score >= th.min_certificate END AS passed
  FROM tries t LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
  WHERE t.student_id IS NOT NULL
  ),
  persons AS (
  SELECT student_id, MIN(school_id) AS school_id,
  MAX(subject_code = 'rus' AND passed) AS rus_final,
  MAX(subject_code = 'math' AND passed) AS math_final,
  MAX(subject_code = 'rus' AND passed AND try_first = 1) AS rus_first,
  MAX(subject_code = 'math' AND passed AND try_first = 1) AS math_first
  FROM ok GROUP BY student_id
  )
  SELECT school_id, NOT (rus_first AND math_first) AS fail_first, NOT (rus_final AND math_final) AS fail_final,
  NOT rus_final AS no_rus, NOT math_final AS no_math
  FROM persons
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         COUNT(*) AS n,
         SUM(fail_first) AS fail_first_n,
         ROUND(100.0 * SUM(fail_first) / COUNT(*), 2) AS fail_first_pct,
         SUM(fail_final) AS fail_n,
         ROUND(100.0 * SUM(fail_final) / COUNT(*), 2) AS fail_pct,
         SUM(no_rus) AS no_rus_n,
         SUM(no_math) AS no_math_n
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(fail_first) AS fail_first_n,
         ROUND(100.0 * SUM(fail_first) / COUNT(*), 2) AS fail_first_pct,
         SUM(fail_final) AS fail_n,
         ROUND(100.0 * SUM(fail_final) / COUNT(*), 2) AS fail_pct,
         SUM(no_rus) AS no_rus_n,
         SUM(no_math) AS no_math_n
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(fail_first) AS fail_first_n,
         ROUND(100.0 * SUM(fail_first) / COUNT(*), 2) AS fail_first_pct,
         SUM(fail_final) AS fail_n,
         ROUND(100.0 * SUM(fail_final) / COUNT(*), 2) AS fail_pct,
         SUM(no_rus) AS no_rus_n,
         SUM(no_math) AS no_math_n
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  E7: `SELECT t.year, COUNT(*) AS n,
       ROUND(AVG(t.test_score), 2) AS mean_score,
       ROUND(AVG(CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark END), 2) AS mean_mark,
       ROUND(100.0 * SUM(CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark < 3 ELSE t.test_score < th.min_certificate END) / COUNT(*), 2) AS below_pct,
       ROUND(100.0 * SUM(t.test_score >= :high) / COUNT(*), 2) AS high_pct,
       COUNT(*) < 10 AS small
FROM (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege', 'gve11')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.kind || ':' || a.subject_code || ':' || a.level = :exam AND s.municipality_id = :municipality AND (:school = 0 OR r.school_id = :school)
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
) t
LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
WHERE t.try_first = 1
GROUP BY t.year
ORDER BY t.year`,
  L2: `WITH self AS MATERIALIZED (
  SELECT mv.school_id, 100.0 * SUM(mv.value) / 12 AS self
  FROM monitoring_value mv JOIN school s ON s.school_id = mv.school_id
  WHERE mv.form_id = 'leaders' AND mv.year = :year AND s.municipality_id = :municipality
    AND mv.field IN ('results_use', 'objectivity', 'staff_development', 'reserve', 'environment', 'families')
  GROUP BY mv.school_id HAVING COUNT(*) = 6
),
vpr AS MATERIALIZED (
  SELECT v.school_id, COUNT(*) AS n, 100.0 * SUM(v.mark >= 3) / COUNT(*) AS pass, 100.0 * SUM(v.mark >= 4) / COUNT(*) AS quality
  FROM v_vpr v
  WHERE v.year = :year AND v.subject_code IN ('rus', 'math') AND v.grade BETWEEN 4 AND 8 AND v.municipality_id = :municipality
  GROUP BY v.school_id
),
oge_tries AS (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('oge', 'gve9')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND s.municipality_id = :municipality
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
),
oge AS MATERIALIZED (
  SELECT school_id, 100.0 * SUM(first_min >= 3) / COUNT(*) AS oge
  FROM (SELECT student_id, MIN(school_id) AS school_id, MIN(CASE WHEN try_first = 1 THEN mark END) AS first_min
        FROM oge_tries WHERE student_id IS NOT NULL GROUP BY student_id)
  GROUP BY school_id
),
ege_tries AS (
  WITH a AS MATERIALIZED (
  SELECT a.*, ((COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ополнит%' OR (COALESCE(a.stage, '') || ' ' || COALESCE(a.term, '')) LIKE '%ересдач%') AS retake, REPLACE(REPLACE(COALESCE(NULLIF(a.exam_date, ''), a.sitting), '.', '-'), '/', '-') AS sitting_key FROM assessment a WHERE a.kind IN ('ege', 'gve11')
)
SELECT r.result_id, r.school_id, r.student_id, r.mark, r.test_score, r.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       ROW_NUMBER() OVER w AS try_first,
       COUNT(*) OVER (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         - ROW_NUMBER() OVER w + 1 AS try_last
FROM result r
JOIN a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE r.absent = 0 AND (r.mark IS NOT NULL OR r.test_score IS NOT NULL)
  AND a.year = :year AND s.municipality_id = :municipality
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)
),
ege AS MATERIALIZED (
  SELECT school_id, 100.0 * SUM(any_below) / COUNT(*) AS ege
  FROM (SELECT t.student_id, MIN(t.school_id) AS school_id, MAX(CASE WHEN (t.level = 'base' OR t.kind IN ('gve9', 'gve11') OR t.test_score IS NULL) THEN t.mark < 3 ELSE t.test_score < th.min_certificate END) AS any_below
        FROM ege_tries t LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
        WHERE t.try_first = 1 AND t.student_id IS NOT NULL GROUP BY t.student_id)
  GROUP BY school_id
),
comp AS MATERIALIZED (
  SELECT self.school_id, vpr.n, vpr.pass, vpr.quality, oge.oge, ege.ege, self.self
  FROM self
  LEFT JOIN vpr ON vpr.school_id = self.school_id
  LEFT JOIN oge ON oge.school_id = self.school_id
  LEFT JOIN ege ON ege.school_id = self.school_id
),
st AS (SELECT AVG(pass) AS mean_pass, pow(MAX(AVG(pass * pass) - AVG(pass) * AVG(pass), 0), 0.5) AS sd_pass, AVG(quality) AS mean_quality, pow(MAX(AVG(quality * quality) - AVG(quality) * AVG(quality), 0), 0.5) AS sd_quality, AVG(oge) AS mean_oge, pow(MAX(AVG(oge * oge) - AVG(oge) * AVG(oge), 0), 0.5) AS sd_oge, AVG(ege) AS mean_ege, pow(MAX(AVG(ege * ege) - AVG(ege) * AVG(ege), 0), 0.5) AS sd_ege, AVG(self) AS mean_self, pow(MAX(AVG(self * self) - AVG(self) * AVG(self), 0), 0.5) AS sd_self FROM comp),
zs AS (
  SELECT comp.*, CASE WHEN pass IS NULL THEN NULL WHEN st.sd_pass > 0 THEN (pass - st.mean_pass) / st.sd_pass ELSE 0 END AS z_pass, CASE WHEN quality IS NULL THEN NULL WHEN st.sd_quality > 0 THEN (quality - st.mean_quality) / st.sd_quality ELSE 0 END AS z_quality, CASE WHEN oge IS NULL THEN NULL WHEN st.sd_oge > 0 THEN (oge - st.mean_oge) / st.sd_oge ELSE 0 END AS z_oge, 0.0 - (CASE WHEN ege IS NULL THEN NULL WHEN st.sd_ege > 0 THEN (ege - st.mean_ege) / st.sd_ege ELSE 0 END) AS z_ege, CASE WHEN self IS NULL THEN NULL WHEN st.sd_self > 0 THEN (self - st.mean_self) / st.sd_self ELSE 0 END AS z_self
  FROM comp CROSS JOIN st
),
combined AS (
  SELECT zs.*,
         (:w_pass * COALESCE(z_pass, 0) + :w_quality * COALESCE(z_quality, 0) + :w_oge * COALESCE(z_oge, 0) + :w_ege * COALESCE(z_ege, 0) + :w_self * COALESCE(z_self, 0))
         / NULLIF(:w_pass * (z_pass IS NOT NULL) + :w_quality * (z_quality IS NOT NULL) + :w_oge * (z_oge IS NOT NULL) + :w_ege * (z_ege IS NOT NULL) + :w_self * (z_self IS NOT NULL), 0)
         AS value
  FROM zs
)
SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, c.n,
       ROUND(c.pass, 2) AS pass_pct, ROUND(c.z_pass, 2) AS z_pass,
       ROUND(c.quality, 2) AS quality_pct, ROUND(c.z_quality, 2) AS z_quality,
       ROUND(c.oge, 2) AS oge_pct, ROUND(c.z_oge, 2) AS z_oge,
       ROUND(c.ege, 2) AS ege_below_pct, ROUND(c.z_ege, 2) AS z_ege,
       ROUND(c.self, 2) AS self_pct, ROUND(c.z_self, 2) AS z_self,
       :w_pass AS w_pass, :w_quality AS w_quality, :w_oge AS w_oge, :w_ege AS w_ege, :w_self AS w_self,
       ROUND(c.value, 2) AS value,
       COALESCE(c.n, 0) < 10 AS small
FROM combined c JOIN school s ON s.school_id = c.school_id
WHERE NOT (:hide_small = 1 AND COALESCE(c.n, 0) < 10)
ORDER BY name`,
};
