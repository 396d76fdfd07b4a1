/**
 * The catalogue SQL of these indicators as it was before they read the aggregate tables
 * (agg_result, agg_score, agg_task): straight from the raw rows of result and task_score (O3 and
 * L2 read their ГИА part from agg_attempt already, their ВПР part from result).
 * aggregates.test.ts runs both forms on the fixtures and the demo and expects the same rows.
 */
export const RAW_SQL: Record<string, string> = {
  V1: `WITH base AS MATERIALIZED (
  SELECT r.school_id, r.absent
  FROM result r
  JOIN assessment a ON a.assessment_id = r.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND s.municipality_id = :municipality
  AND (r.absent = 1 OR r.mark IS NOT NULL)
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         SUM(absent = 0) AS n,
         SUM(absent = 1) AS n_absent,
         ROUND(100.0 * SUM(absent = 1) / COUNT(*), 2) AS absent_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         SUM(absent = 0) AS n,
         SUM(absent = 1) AS n_absent,
         ROUND(100.0 * SUM(absent = 1) / COUNT(*), 2) AS absent_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         SUM(absent = 0) AS n,
         SUM(absent = 1) AS n_absent,
         ROUND(100.0 * SUM(absent = 1) / COUNT(*), 2) AS absent_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V2: `WITH base AS MATERIALIZED (
  SELECT school_id, mark FROM v_vpr WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality
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
         SUM(mark = 2) AS n_2, SUM(mark = 3) AS n_3, SUM(mark = 4) AS n_4, SUM(mark = 5) AS n_5,
         ROUND(100.0 * SUM(mark = 2) / COUNT(*), 2) AS pct_2,
         ROUND(100.0 * SUM(mark = 3) / COUNT(*), 2) AS pct_3,
         ROUND(100.0 * SUM(mark = 4) / COUNT(*), 2) AS pct_4,
         ROUND(100.0 * SUM(mark = 5) / COUNT(*), 2) AS pct_5
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(mark = 2) AS n_2, SUM(mark = 3) AS n_3, SUM(mark = 4) AS n_4, SUM(mark = 5) AS n_5,
         ROUND(100.0 * SUM(mark = 2) / COUNT(*), 2) AS pct_2,
         ROUND(100.0 * SUM(mark = 3) / COUNT(*), 2) AS pct_3,
         ROUND(100.0 * SUM(mark = 4) / COUNT(*), 2) AS pct_4,
         ROUND(100.0 * SUM(mark = 5) / COUNT(*), 2) AS pct_5
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(mark = 2) AS n_2, SUM(mark = 3) AS n_3, SUM(mark = 4) AS n_4, SUM(mark = 5) AS n_5,
         ROUND(100.0 * SUM(mark = 2) / COUNT(*), 2) AS pct_2,
         ROUND(100.0 * SUM(mark = 3) / COUNT(*), 2) AS pct_3,
         ROUND(100.0 * SUM(mark = 4) / COUNT(*), 2) AS pct_4,
         ROUND(100.0 * SUM(mark = 5) / COUNT(*), 2) AS pct_5
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
  UNION ALL
  SELECT CASE p.level WHEN 'region' THEN 'Регион' ELSE 'РФ' END AS level,
  CASE p.level WHEN 'region' THEN p.entity ELSE 'Российская Федерация (ФИС ОКО)' END AS name,
  m_n,
  NULL,
  NULL,
  NULL,
  NULL,
  m_pct_2,
  m_pct_3,
  m_pct_4,
  m_pct_5
  FROM (
  SELECT f.level, f.entity,
  MAX(CASE f.metric WHEN 'n' THEN f.value END) AS m_n,
  MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS m_pct_2,
  MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS m_pct_3,
  MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS m_pct_4,
  MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS m_pct_5,
  MAX(CASE f.metric WHEN 'lowered_pct' THEN f.value END) AS m_lowered_pct,
  MAX(CASE f.metric WHEN 'confirmed_pct' THEN f.value END) AS m_confirmed_pct,
  MAX(CASE f.metric WHEN 'raised_pct' THEN f.value END) AS m_raised_pct,
  MAX(CASE f.metric WHEN 'lowered_n' THEN f.value END) AS m_lowered_n,
  MAX(CASE f.metric WHEN 'confirmed_n' THEN f.value END) AS m_confirmed_n,
  MAX(CASE f.metric WHEN 'raised_n' THEN f.value END) AS m_raised_n
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND f.report = 'marks' AND f.level IN ('region', 'RF')
  GROUP BY f.level, f.entity
  ) p
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V3: `WITH base AS MATERIALIZED (
  SELECT school_id, mark FROM v_vpr WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality
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
         SUM(mark >= 3) AS n_pass,
         ROUND(100.0 * SUM(mark >= 3) / COUNT(*), 2) AS pass_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(mark >= 3) AS n_pass,
         ROUND(100.0 * SUM(mark >= 3) / COUNT(*), 2) AS pass_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(mark >= 3) AS n_pass,
         ROUND(100.0 * SUM(mark >= 3) / COUNT(*), 2) AS pass_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
  UNION ALL
  SELECT CASE p.level WHEN 'region' THEN 'Регион' ELSE 'РФ' END AS level,
  CASE p.level WHEN 'region' THEN p.entity ELSE 'Российская Федерация (ФИС ОКО)' END AS name,
  m_n,
  NULL,
  ROUND(m_pct_3 + m_pct_4 + m_pct_5, 2)
  FROM (
  SELECT f.level, f.entity,
  MAX(CASE f.metric WHEN 'n' THEN f.value END) AS m_n,
  MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS m_pct_2,
  MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS m_pct_3,
  MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS m_pct_4,
  MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS m_pct_5,
  MAX(CASE f.metric WHEN 'lowered_pct' THEN f.value END) AS m_lowered_pct,
  MAX(CASE f.metric WHEN 'confirmed_pct' THEN f.value END) AS m_confirmed_pct,
  MAX(CASE f.metric WHEN 'raised_pct' THEN f.value END) AS m_raised_pct,
  MAX(CASE f.metric WHEN 'lowered_n' THEN f.value END) AS m_lowered_n,
  MAX(CASE f.metric WHEN 'confirmed_n' THEN f.value END) AS m_confirmed_n,
  MAX(CASE f.metric WHEN 'raised_n' THEN f.value END) AS m_raised_n
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND f.report = 'marks' AND f.level IN ('region', 'RF')
  GROUP BY f.level, f.entity
  ) p
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V4: `WITH base AS MATERIALIZED (
  SELECT school_id, mark FROM v_vpr WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality
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
         SUM(mark >= 4) AS n_quality,
         ROUND(100.0 * SUM(mark >= 4) / COUNT(*), 2) AS quality_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(mark >= 4) AS n_quality,
         ROUND(100.0 * SUM(mark >= 4) / COUNT(*), 2) AS quality_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(mark >= 4) AS n_quality,
         ROUND(100.0 * SUM(mark >= 4) / COUNT(*), 2) AS quality_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
  UNION ALL
  SELECT CASE p.level WHEN 'region' THEN 'Регион' ELSE 'РФ' END AS level,
  CASE p.level WHEN 'region' THEN p.entity ELSE 'Российская Федерация (ФИС ОКО)' END AS name,
  m_n,
  NULL,
  ROUND(m_pct_4 + m_pct_5, 2)
  FROM (
  SELECT f.level, f.entity,
  MAX(CASE f.metric WHEN 'n' THEN f.value END) AS m_n,
  MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS m_pct_2,
  MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS m_pct_3,
  MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS m_pct_4,
  MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS m_pct_5,
  MAX(CASE f.metric WHEN 'lowered_pct' THEN f.value END) AS m_lowered_pct,
  MAX(CASE f.metric WHEN 'confirmed_pct' THEN f.value END) AS m_confirmed_pct,
  MAX(CASE f.metric WHEN 'raised_pct' THEN f.value END) AS m_raised_pct,
  MAX(CASE f.metric WHEN 'lowered_n' THEN f.value END) AS m_lowered_n,
  MAX(CASE f.metric WHEN 'confirmed_n' THEN f.value END) AS m_confirmed_n,
  MAX(CASE f.metric WHEN 'raised_n' THEN f.value END) AS m_raised_n
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND f.report = 'marks' AND f.level IN ('region', 'RF')
  GROUP BY f.level, f.entity
  ) p
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V5: `WITH base AS MATERIALIZED (
  SELECT school_id, mark FROM v_vpr WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality
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
         ROUND(AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END), 2) AS sou
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         ROUND(AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END), 2) AS sou
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         ROUND(AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END), 2) AS sou
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
  UNION ALL
  SELECT CASE p.level WHEN 'region' THEN 'Регион' ELSE 'РФ' END AS level,
  CASE p.level WHEN 'region' THEN p.entity ELSE 'Российская Федерация (ФИС ОКО)' END AS name,
  m_n,
  ROUND((100 * m_pct_5 + 64 * m_pct_4 + 36 * m_pct_3 + 16 * m_pct_2) / 100, 2)
  FROM (
  SELECT f.level, f.entity,
  MAX(CASE f.metric WHEN 'n' THEN f.value END) AS m_n,
  MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS m_pct_2,
  MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS m_pct_3,
  MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS m_pct_4,
  MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS m_pct_5,
  MAX(CASE f.metric WHEN 'lowered_pct' THEN f.value END) AS m_lowered_pct,
  MAX(CASE f.metric WHEN 'confirmed_pct' THEN f.value END) AS m_confirmed_pct,
  MAX(CASE f.metric WHEN 'raised_pct' THEN f.value END) AS m_raised_pct,
  MAX(CASE f.metric WHEN 'lowered_n' THEN f.value END) AS m_lowered_n,
  MAX(CASE f.metric WHEN 'confirmed_n' THEN f.value END) AS m_confirmed_n,
  MAX(CASE f.metric WHEN 'raised_n' THEN f.value END) AS m_raised_n
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND f.report = 'marks' AND f.level IN ('region', 'RF')
  GROUP BY f.level, f.entity
  ) p
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V6: `WITH base AS MATERIALIZED (
  SELECT school_id, mark, primary_score, max_primary FROM v_vpr WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality
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
         ROUND(AVG(mark), 2) AS mean_mark,
         ROUND(AVG(primary_score), 2) AS mean_score,
         MAX(max_primary) AS max_primary,
         ROUND(100.0 * AVG(primary_score) / MAX(max_primary), 2) AS score_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         ROUND(AVG(mark), 2) AS mean_mark,
         ROUND(AVG(primary_score), 2) AS mean_score,
         MAX(max_primary) AS max_primary,
         ROUND(100.0 * AVG(primary_score) / MAX(max_primary), 2) AS score_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         ROUND(AVG(mark), 2) AS mean_mark,
         ROUND(AVG(primary_score), 2) AS mean_score,
         MAX(max_primary) AS max_primary,
         ROUND(100.0 * AVG(primary_score) / MAX(max_primary), 2) AS score_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V7: `WITH base AS MATERIALIZED (
  SELECT school_id, mark, journal_mark FROM v_vpr
  WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality AND journal_mark IS NOT NULL
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
         SUM(mark < journal_mark) AS lowered_n,
         ROUND(100.0 * SUM(mark < journal_mark) / COUNT(*), 2) AS lowered_pct,
         SUM(mark = journal_mark) AS confirmed_n,
         ROUND(100.0 * SUM(mark = journal_mark) / COUNT(*), 2) AS confirmed_pct,
         SUM(mark > journal_mark) AS raised_n,
         ROUND(100.0 * SUM(mark > journal_mark) / COUNT(*), 2) AS raised_pct
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(mark < journal_mark) AS lowered_n,
         ROUND(100.0 * SUM(mark < journal_mark) / COUNT(*), 2) AS lowered_pct,
         SUM(mark = journal_mark) AS confirmed_n,
         ROUND(100.0 * SUM(mark = journal_mark) / COUNT(*), 2) AS confirmed_pct,
         SUM(mark > journal_mark) AS raised_n,
         ROUND(100.0 * SUM(mark > journal_mark) / COUNT(*), 2) AS raised_pct
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(mark < journal_mark) AS lowered_n,
         ROUND(100.0 * SUM(mark < journal_mark) / COUNT(*), 2) AS lowered_pct,
         SUM(mark = journal_mark) AS confirmed_n,
         ROUND(100.0 * SUM(mark = journal_mark) / COUNT(*), 2) AS confirmed_pct,
         SUM(mark > journal_mark) AS raised_n,
         ROUND(100.0 * SUM(mark > journal_mark) / COUNT(*), 2) AS raised_pct
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
  UNION ALL
  SELECT CASE p.level WHEN 'region' THEN 'Регион' ELSE 'РФ' END AS level,
  CASE p.level WHEN 'region' THEN p.entity ELSE 'Российская Федерация (ФИС ОКО)' END AS name,
  m_n,
  m_lowered_n,
  m_lowered_pct,
  m_confirmed_n,
  m_confirmed_pct,
  m_raised_n,
  m_raised_pct
  FROM (
  SELECT f.level, f.entity,
  MAX(CASE f.metric WHEN 'n' THEN f.value END) AS m_n,
  MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS m_pct_2,
  MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS m_pct_3,
  MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS m_pct_4,
  MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS m_pct_5,
  MAX(CASE f.metric WHEN 'lowered_pct' THEN f.value END) AS m_lowered_pct,
  MAX(CASE f.metric WHEN 'confirmed_pct' THEN f.value END) AS m_confirmed_pct,
  MAX(CASE f.metric WHEN 'raised_pct' THEN f.value END) AS m_raised_pct,
  MAX(CASE f.metric WHEN 'lowered_n' THEN f.value END) AS m_lowered_n,
  MAX(CASE f.metric WHEN 'confirmed_n' THEN f.value END) AS m_confirmed_n,
  MAX(CASE f.metric WHEN 'raised_n' THEN f.value END) AS m_raised_n
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND f.report = 'journal' AND f.level IN ('region', 'RF')
  GROUP BY f.level, f.entity
  ) p
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V7S: `WITH base AS (
  SELECT v.school_id, v.subject_code, v.grade, v.mark, v.journal_mark FROM v_vpr v
  WHERE v.year = :year AND v.municipality_id = :municipality
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, COALESCE(sb.vpr_abbr, sb.name, b.subject_code) || '-' || b.grade AS work, b.grade AS work_grade, COALESCE(sb.name, b.subject_code) AS work_subject, COUNT(*) AS n_all, SUM(journal_mark IS NOT NULL) AS n, SUM(mark = journal_mark) AS confirmed_n
  FROM base b JOIN school s ON s.school_id = b.school_id LEFT JOIN subject sb ON sb.subject_code = b.subject_code
  GROUP BY s.school_id, b.subject_code, b.grade
  UNION ALL
  SELECT 'ОО', COALESCE(s.short_name, s.full_name, s.fisoko_login), 'все работы', 99, '', COUNT(*) AS n_all, SUM(journal_mark IS NOT NULL) AS n, SUM(mark = journal_mark) AS confirmed_n
  FROM base b JOIN school s ON s.school_id = b.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Муниципалитет', mu.name, COALESCE(sb.vpr_abbr, sb.name, b.subject_code) || '-' || b.grade, b.grade, COALESCE(sb.name, b.subject_code), COUNT(*) AS n_all, SUM(journal_mark IS NOT NULL) AS n, SUM(mark = journal_mark) AS confirmed_n
  FROM base b JOIN municipality mu ON mu.municipality_id = :municipality LEFT JOIN subject sb ON sb.subject_code = b.subject_code
  GROUP BY b.subject_code, b.grade
  UNION ALL
  SELECT 'Муниципалитет', mu.name, 'все работы', 99, '', COUNT(*) AS n_all, SUM(journal_mark IS NOT NULL) AS n, SUM(mark = journal_mark) AS confirmed_n
  FROM base b JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT level, name, work, n_all, n, confirmed_n,
       ROUND(100.0 * confirmed_n / n, 2) AS confirmed_pct,
       ROUND(100.0 * confirmed_n / n_all, 2) AS confirmed_all_pct,
       n < 10 AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND n < 10)
ORDER BY level = 'Муниципалитет', name, work_grade, work_subject`,
  V8: `WITH base AS MATERIALIZED (
  SELECT school_id, mark, journal_mark FROM v_vpr
  WHERE year = :year AND subject_code = :subject AND grade = :grade AND municipality_id = :municipality AND journal_mark IS NOT NULL
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
         SUM(ABS(mark - journal_mark) >= 2) AS diverge_n,
         ROUND(100.0 * SUM(ABS(mark - journal_mark) >= 2) / COUNT(*), 2) AS diverge_pct,
         SUM(journal_mark - mark >= 2) AS lower2_n,
         SUM(mark - journal_mark >= 2) AS higher2_n
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(*) AS n,
         SUM(ABS(mark - journal_mark) >= 2) AS diverge_n,
         ROUND(100.0 * SUM(ABS(mark - journal_mark) >= 2) / COUNT(*), 2) AS diverge_pct,
         SUM(journal_mark - mark >= 2) AS lower2_n,
         SUM(mark - journal_mark >= 2) AS higher2_n
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(*) AS n,
         SUM(ABS(mark - journal_mark) >= 2) AS diverge_n,
         ROUND(100.0 * SUM(ABS(mark - journal_mark) >= 2) / COUNT(*), 2) AS diverge_pct,
         SUM(journal_mark - mark >= 2) AS lower2_n,
         SUM(mark - journal_mark >= 2) AS higher2_n
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V9: `WITH scores AS (
  SELECT t.position, t.task_code, t.difficulty, t.max_score, ts.score,
         (:school = 0 OR v.school_id = :school) AS chosen
  FROM v_vpr v
  JOIN task_score ts ON ts.result_id = v.result_id
  JOIN assessment_task t ON t.assessment_id = v.assessment_id AND t.task_code = ts.task_code
  WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality
)
SELECT position, task_code AS task, difficulty, max_score,
       SUM(chosen) AS n,
       ROUND(100.0 * TOTAL(CASE WHEN chosen THEN score END) / (max_score * SUM(chosen)), 2) AS pct,
       ROUND(100.0 * TOTAL(score) / (max_score * COUNT(*)), 2) AS mun_pct,
       SUM(chosen) < 10 AS small
FROM scores
GROUP BY position, task_code
ORDER BY position, task_code`,
  V10: `WITH base AS MATERIALIZED (
  SELECT v.school_id, v.result_id, CASE t.difficulty WHEN 'Б' THEN 'Б' ELSE 'ПВ' END AS lvl,
  t.max_score, ts.score
  FROM v_vpr v
  JOIN task_score ts ON ts.result_id = v.result_id
  JOIN assessment_task t ON t.assessment_id = v.assessment_id AND t.task_code = ts.task_code
  WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality AND t.difficulty IN ('Б', 'П', 'В')
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         COUNT(DISTINCT result_id) AS n,
         ROUND(100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END), 2) AS basic_pct,
         CASE WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) IS NULL THEN NULL WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) >= :basic THEN 'достаточно' WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) < 0.95 * :basic THEN 'недостаточно' ELSE 'зона неопределённости' END AS basic_status,
         ROUND(100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END), 2) AS advanced_pct,
         CASE WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) IS NULL THEN NULL WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) >= :advanced THEN 'достаточно' WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) < 0.95 * :advanced THEN 'недостаточно' ELSE 'зона неопределённости' END AS advanced_status,
         100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) >= 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) AS inversion,
         :basic AS basic_threshold,
         :advanced AS advanced_threshold
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         COUNT(DISTINCT result_id) AS n,
         ROUND(100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END), 2) AS basic_pct,
         CASE WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) IS NULL THEN NULL WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) >= :basic THEN 'достаточно' WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) < 0.95 * :basic THEN 'недостаточно' ELSE 'зона неопределённости' END AS basic_status,
         ROUND(100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END), 2) AS advanced_pct,
         CASE WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) IS NULL THEN NULL WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) >= :advanced THEN 'достаточно' WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) < 0.95 * :advanced THEN 'недостаточно' ELSE 'зона неопределённости' END AS advanced_status,
         100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) >= 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) AS inversion,
         :basic AS basic_threshold,
         :advanced AS advanced_threshold
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         COUNT(DISTINCT result_id) AS n,
         ROUND(100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END), 2) AS basic_pct,
         CASE WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) IS NULL THEN NULL WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) >= :basic THEN 'достаточно' WHEN 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) < 0.95 * :basic THEN 'недостаточно' ELSE 'зона неопределённости' END AS basic_status,
         ROUND(100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END), 2) AS advanced_pct,
         CASE WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) IS NULL THEN NULL WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) >= :advanced THEN 'достаточно' WHEN 100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) < 0.95 * :advanced THEN 'недостаточно' ELSE 'зона неопределённости' END AS advanced_status,
         100.0 * TOTAL(CASE WHEN lvl = 'ПВ' THEN score END) / SUM(CASE WHEN lvl = 'ПВ' THEN max_score END) >= 100.0 * TOTAL(CASE WHEN lvl = 'Б' THEN score END) / SUM(CASE WHEN lvl = 'Б' THEN max_score END) AS inversion,
         :basic AS basic_threshold,
         :advanced AS advanced_threshold
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V11: `WITH scores AS (
SELECT t.position, t.task_code, t.difficulty, t.max_score, ts.score, v.mark
FROM v_vpr v
JOIN task_score ts ON ts.result_id = v.result_id
JOIN assessment_task t ON t.assessment_id = v.assessment_id AND t.task_code = ts.task_code
WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality AND (:school = 0 OR v.school_id = :school)
)
SELECT position, task_code AS task, difficulty, max_score,
       SUM(mark = 2) AS n_2, SUM(mark = 3) AS n_3, SUM(mark = 4) AS n_4, SUM(mark = 5) AS n_5,
       CASE WHEN :hide_small = 1 AND SUM(mark = 2) < 10 THEN NULL ELSE ROUND(100.0 * TOTAL(CASE WHEN mark = 2 THEN score END) / (max_score * SUM(mark = 2)), 2) END AS pct_2,
       CASE WHEN :hide_small = 1 AND SUM(mark = 3) < 10 THEN NULL ELSE ROUND(100.0 * TOTAL(CASE WHEN mark = 3 THEN score END) / (max_score * SUM(mark = 3)), 2) END AS pct_3,
       CASE WHEN :hide_small = 1 AND SUM(mark = 4) < 10 THEN NULL ELSE ROUND(100.0 * TOTAL(CASE WHEN mark = 4 THEN score END) / (max_score * SUM(mark = 4)), 2) END AS pct_4,
       CASE WHEN :hide_small = 1 AND SUM(mark = 5) < 10 THEN NULL ELSE ROUND(100.0 * TOTAL(CASE WHEN mark = 5 THEN score END) / (max_score * SUM(mark = 5)), 2) END AS pct_5,
       COUNT(*) < 10 AS small
FROM scores
GROUP BY position, task_code
ORDER BY position, task_code`,
  V12: `WITH RECURSIVE work AS (
  SELECT a.assessment_id, a.max_primary FROM assessment a WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
),
scores AS (
  SELECT CAST(v.primary_score AS INTEGER) AS score, (:school = 0 OR v.school_id = :school) AS chosen
  FROM v_vpr v WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality AND v.primary_score IS NOT NULL
),
top AS (
  SELECT MAX(COALESCE((SELECT MAX(max_primary) FROM work), 0), COALESCE((SELECT MAX(score) FROM scores), 0)) AS m
),
series(score) AS (
  SELECT 0 UNION ALL SELECT series.score + 1 FROM series, top WHERE series.score < top.m
),
counts AS (SELECT score, SUM(chosen) AS n, COUNT(*) AS mun_n FROM scores GROUP BY score),
totals AS (SELECT SUM(chosen) AS n, COUNT(*) AS mun_n FROM scores)
SELECT se.score,
       (SELECT ms.mark FROM mark_scale ms
   WHERE ms.kind = 'vpr' AND ms.year = :year AND ms.subject_code = :subject AND ms.grade = :grade AND ms.level = ''
     AND se.score BETWEEN ms.min_primary AND ms.max_primary) AS mark,
       COALESCE(c.n, 0) AS n,
       ROUND(100.0 * COALESCE(c.n, 0) / t.n, 2) AS pct,
       ROUND(100.0 * COALESCE(c.mun_n, 0) / t.mun_n, 2) AS mun_pct,
       (SELECT MAX(f.value) FROM fisoko_agg f JOIN work w ON w.assessment_id = f.assessment_id
   WHERE f.report = 'hist' AND f.level = 'region' AND f.metric = 'score:' || se.score) AS region_pct,
       (SELECT MAX(f.value) FROM fisoko_agg f JOIN work w ON w.assessment_id = f.assessment_id
   WHERE f.report = 'hist' AND f.level = 'RF' AND f.metric = 'score:' || se.score) AS rf_pct,
       t.n < 10 AS small
FROM series se CROSS JOIN totals t LEFT JOIN counts c ON c.score = se.score
WHERE t.mun_n > 0
ORDER BY se.score`,
  V13: `WITH units AS (
  SELECT v.school_id AS unit, CAST(v.primary_score AS INTEGER) AS score FROM v_vpr v WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality AND v.primary_score IS NOT NULL
  UNION ALL
  SELECT 0, CAST(v.primary_score AS INTEGER) FROM v_vpr v WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality AND v.primary_score IS NOT NULL
),
sizes AS (SELECT unit, COUNT(*) AS n FROM units GROUP BY unit),
hist AS (SELECT unit, score, COUNT(*) AS k FROM units GROUP BY unit, score),
bounds AS (
  SELECT ms.mark, ms.min_primary AS b FROM mark_scale ms
  WHERE ms.kind = 'vpr' AND ms.year = :year AND ms.subject_code = :subject AND ms.grade = :grade AND ms.level = ''
    AND ms.mark IN (3, 4, 5)
),
region AS (
  SELECT CAST(SUBSTR(f.metric, 7) AS INTEGER) AS score, MAX(f.value) AS k
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
    AND f.report = 'hist' AND f.level = 'region' AND f.metric LIKE 'score:%'
  GROUP BY 1
),
region_ratio AS (
  SELECT bd.b, r0.k / ((r1.k + r2.k) / 2.0) AS ratio
  FROM bounds bd
  JOIN region r0 ON r0.score = bd.b JOIN region r1 ON r1.score = bd.b - 1 JOIN region r2 ON r2.score = bd.b - 2
  WHERE r1.k + r2.k > 0
),
counted AS (
  SELECT sz.unit, sz.n, bd.mark, bd.b,
         COALESCE(h0.k, 0) AS n_b, COALESCE(h1.k, 0) AS n_b1, COALESCE(h2.k, 0) AS n_b2,
         (COALESCE(h1.k, 0) + COALESCE(h2.k, 0)) / 2.0 AS before,
         rr.ratio AS region_ratio
  FROM sizes sz CROSS JOIN bounds bd
  LEFT JOIN hist h0 ON h0.unit = sz.unit AND h0.score = bd.b
  LEFT JOIN hist h1 ON h1.unit = sz.unit AND h1.score = bd.b - 1
  LEFT JOIN hist h2 ON h2.unit = sz.unit AND h2.score = bd.b - 2
  LEFT JOIN region_ratio rr ON rr.b = bd.b
),
peaks AS (
  SELECT counted.*, CASE WHEN before > 0 THEN n_b / before END AS ratio,
         CASE WHEN n < :min_n THEN NULL
              ELSE n_b >= before + 1
               AND (before = 0 OR n_b / before >= :ratio)
               AND (region_ratio IS NULL OR before = 0 OR n_b / before >= region_ratio + :excess)
         END AS signal
  FROM counted
),
named AS (
  SELECT CASE WHEN p.unit = 0 THEN 'Муниципалитет' ELSE 'ОО' END AS level,
         CASE WHEN p.unit = 0 THEN (SELECT mu.name FROM municipality mu WHERE mu.municipality_id = :municipality)
              ELSE (SELECT COALESCE(s.short_name, s.full_name, s.fisoko_login) FROM school s WHERE s.school_id = p.unit) END AS name,
         p.*
  FROM peaks p
)
SELECT level, name, n, mark, b AS boundary, n_b, n_b1, n_b2,
       ROUND(ratio, 2) AS ratio, ROUND(region_ratio, 2) AS region_ratio, signal,
       n < 10 AS small
FROM named
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND n < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name, mark`,
  V14: `WITH base AS MATERIALIZED (
  SELECT v.school_id, v.year = :year AS cur, v.mark FROM v_vpr v
  WHERE v.year IN (:year, :prev_year) AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality
),
clusters AS (
  SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
  WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
  FROM cluster_assignment y WHERE y.scheme = :scheme)
),
grouped AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name,
         SUM(cur) AS n,
         ROUND(100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0), 2) AS pct_2,
         SUM(NOT cur) AS n_prev,
         ROUND(100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0), 2) AS pct_2_prev,
         ROUND(100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0) - 100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0), 2) AS delta,
         100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0) - 100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0) >= :rise AS rise_flag,
         :rise AS rise_threshold
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT 'Кластер' AS level, 'кластер «' || c.cluster || '»' AS name,
         SUM(cur) AS n,
         ROUND(100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0), 2) AS pct_2,
         SUM(NOT cur) AS n_prev,
         ROUND(100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0), 2) AS pct_2_prev,
         ROUND(100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0) - 100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0), 2) AS delta,
         100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0) - 100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0) >= :rise AS rise_flag,
         :rise AS rise_threshold
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT 'Муниципалитет' AS level, mu.name AS name,
         SUM(cur) AS n,
         ROUND(100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0), 2) AS pct_2,
         SUM(NOT cur) AS n_prev,
         ROUND(100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0), 2) AS pct_2_prev,
         ROUND(100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0) - 100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0), 2) AS delta,
         100.0 * SUM(cur AND mark = 2) / NULLIF(SUM(cur), 0) - 100.0 * SUM(NOT cur AND mark = 2) / NULLIF(SUM(NOT cur), 0) >= :rise AS rise_flag,
         :rise AS rise_threshold
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, CASE WHEN level IN ('Регион', 'РФ') THEN 0 ELSE COALESCE(n, 0) < 10 END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND COALESCE(n, 0) < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name`,
  V15: `WITH base AS MATERIALIZED (
  SELECT v.school_id, v.mark FROM v_vpr v
  WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality
),
clusters AS (
SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
                 FROM cluster_assignment y WHERE y.scheme = :scheme)
),
per AS (SELECT school_id, COUNT(*) AS n, CASE :metric
  WHEN 'pass' THEN 100.0 * SUM(mark >= 3) / COUNT(mark)
  WHEN 'pct2' THEN 100.0 * SUM(mark = 2) / COUNT(mark)
  WHEN 'sou' THEN AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END)
  ELSE 100.0 * SUM(mark >= 4) / COUNT(mark) END AS value FROM base GROUP BY school_id),
mun AS (SELECT COUNT(*) AS n, CASE :metric
  WHEN 'pass' THEN 100.0 * SUM(mark >= 3) / COUNT(mark)
  WHEN 'pct2' THEN 100.0 * SUM(mark = 2) / COUNT(mark)
  WHEN 'sou' THEN AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END)
  ELSE 100.0 * SUM(mark >= 4) / COUNT(mark) END AS value FROM base),
percl AS (SELECT c.cluster, CASE :metric
  WHEN 'pass' THEN 100.0 * SUM(b.mark >= 3) / COUNT(b.mark)
  WHEN 'pct2' THEN 100.0 * SUM(b.mark = 2) / COUNT(b.mark)
  WHEN 'sou' THEN AVG(CASE b.mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END)
  ELSE 100.0 * SUM(b.mark >= 4) / COUNT(b.mark) END AS value FROM base b JOIN clusters c ON c.school_id = b.school_id GROUP BY c.cluster),
stats AS (SELECT AVG(value) AS mean, pow(MAX(AVG(value * value) - AVG(value) * AVG(value), 0), 0.5) AS sd FROM per),
ref AS (
  SELECT f.level,
         MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS p2, MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS p3,
         MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS p4, MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS p5
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
    AND f.report = 'marks' AND f.level IN ('region', 'RF')
  GROUP BY f.level
),
refs AS (
  SELECT (SELECT CASE :metric
  WHEN 'pass' THEN p3 + p4 + p5
  WHEN 'pct2' THEN p2
  WHEN 'sou' THEN (100 * p5 + 64 * p4 + 36 * p3 + 16 * p2) / 100
  ELSE p4 + p5 END FROM ref WHERE level = 'region') AS region,
         (SELECT CASE :metric
  WHEN 'pass' THEN p3 + p4 + p5
  WHEN 'pct2' THEN p2
  WHEN 'sou' THEN (100 * p5 + 64 * p4 + 36 * p3 + 16 * p2) / 100
  ELSE p4 + p5 END FROM ref WHERE level = 'RF') AS rf
),
rows AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, per.n, per.value, c.cluster, percl.value AS cluster_value,
         CASE WHEN stats.sd > 0 THEN (per.value - stats.mean) / stats.sd ELSE 0 END AS z
  FROM per JOIN school s ON s.school_id = per.school_id CROSS JOIN stats
  LEFT JOIN clusters c ON c.school_id = per.school_id LEFT JOIN percl ON percl.cluster = c.cluster
  UNION ALL
  SELECT 'Муниципалитет', (SELECT name FROM municipality WHERE municipality_id = :municipality), mun.n, mun.value, NULL, NULL, NULL
  FROM mun WHERE mun.n > 0
)
SELECT rows.level, rows.name, rows.n, ROUND(rows.value, 2) AS value,
       ROUND(mun.value, 2) AS mun_value, ROUND(rows.value - mun.value, 2) + 0.0 AS diff_mun, ROUND(rows.z, 2) + 0.0 AS z,
       rows.cluster, ROUND(rows.cluster_value, 2) AS cluster_value, ROUND(rows.value - rows.cluster_value, 2) + 0.0 AS diff_cluster,
       ROUND(refs.region, 2) AS region_value, ROUND(rows.value - refs.region, 2) + 0.0 AS diff_region,
       ROUND(refs.rf, 2) AS rf_value, ROUND(rows.value - refs.rf, 2) + 0.0 AS diff_rf,
       rows.n < 10 AS small
FROM rows CROSS JOIN mun CROSS JOIN refs
WHERE NOT (:hide_small = 1 AND rows.level = 'ОО' AND rows.n < 10)
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, rows.name`,
  V16: `WITH RECURSIVE steps(k) AS (
  SELECT 0 UNION ALL SELECT k + 1 FROM steps WHERE k < :steps
),
works AS (
  SELECT st.k, a.assessment_id, a.year, a.grade, a.max_primary
  FROM steps st CROSS JOIN assessment a
    ON a.kind = 'vpr' AND a.subject_code = :subject AND a.year = :year + st.k AND a.grade = :grade + st.k
),
rows AS MATERIALIZED (
  SELECT w.k, r.school_id, s.municipality_id, r.mark, r.primary_score, w.max_primary
  FROM works w
  CROSS JOIN result r ON r.assessment_id = w.assessment_id
  JOIN school s ON s.school_id = r.school_id
  WHERE r.absent = 0 AND r.mark IS NOT NULL
),
region AS (
  SELECT k, school_id, CUME_DIST() OVER (PARTITION BY k ORDER BY 100.0 * SUM(mark >= 4) / COUNT(*)) AS quality_rank
  FROM rows GROUP BY k, school_id
),
cells AS (
  SELECT 'ОО' AS level, school_id AS unit, k, COUNT(*) AS n,
         SUM(mark = 2) AS n2, SUM(mark = 3) AS n3, SUM(mark = 4) AS n4, SUM(mark = 5) AS n5,
         AVG(mark) AS mean_mark, 100.0 * AVG(primary_score / max_primary) AS score_pct
  FROM rows WHERE municipality_id = :municipality GROUP BY school_id, k
  UNION ALL
  SELECT 'Муниципалитет', 0, k, COUNT(*), SUM(mark = 2), SUM(mark = 3), SUM(mark = 4), SUM(mark = 5),
         AVG(mark), 100.0 * AVG(primary_score / max_primary)
  FROM rows WHERE municipality_id = :municipality GROUP BY k
),
measured AS (
  SELECT c.*, 100.0 * (n3 + n4 + n5) / n AS pass, 100.0 * (n4 + n5) / n AS quality, rg.quality_rank
  FROM cells c LEFT JOIN region rg ON c.level = 'ОО' AND rg.k = c.k AND rg.school_id = c.unit
),
changes AS (
  SELECT m.*,
         quality - LAG(quality) OVER (PARTITION BY level, unit ORDER BY k) AS delta_quality,
         pass - LAG(pass) OVER (PARTITION BY level, unit ORDER BY k) AS delta_pass,
         LAG(quality_rank) OVER (PARTITION BY level, unit ORDER BY k) AS prev_rank,
         LAG(k) OVER (PARTITION BY level, unit ORDER BY k) AS prev_k
  FROM measured m
)
SELECT ch.level,
       CASE WHEN ch.unit = 0 THEN (SELECT mu.name FROM municipality mu WHERE mu.municipality_id = :municipality)
            ELSE (SELECT COALESCE(s.short_name, s.full_name, s.fisoko_login) FROM school s WHERE s.school_id = ch.unit) END AS name,
       ch.k AS step, :year + ch.k AS year, :grade + ch.k AS grade, ch.n,
       ROUND(100.0 * ch.n2 / ch.n, 2) AS pct_2, ROUND(100.0 * ch.n3 / ch.n, 2) AS pct_3,
       ROUND(100.0 * ch.n4 / ch.n, 2) AS pct_4, ROUND(100.0 * ch.n5 / ch.n, 2) AS pct_5,
       ROUND(ch.pass, 2) AS pass_pct, ROUND(ch.quality, 2) AS quality_pct,
       ROUND(ch.mean_mark, 2) AS mean_mark, ROUND(ch.score_pct, 2) AS score_pct,
       ROUND(ch.delta_pass, 2) AS delta_pass, ROUND(ch.delta_quality, 2) AS delta_quality,
       CASE WHEN ch.level = 'ОО' AND ch.prev_k = ch.k - 1 AND ch.prev_rank IS NOT NULL
            THEN ch.prev_rank >= 0.75 AND ch.delta_quality <= -:drop END AS drop_signal,
       ch.n < 10 AS small
FROM changes ch
WHERE NOT (:hide_small = 1 AND ch.level = 'ОО' AND ch.n < 10)
ORDER BY ch.level = 'Муниципалитет', name, ch.k`,
  O1: `WITH scope AS (
  SELECT school_id FROM school WHERE :municipality = 0 OR municipality_id = :municipality
),
years AS (SELECT DISTINCT year FROM objectivity_flag),
wrote AS (
  SELECT DISTINCT a.year, r.school_id
  FROM assessment a JOIN result r ON r.assessment_id = a.assessment_id JOIN school s ON s.school_id = r.school_id
  WHERE a.kind = 'vpr' AND a.subject_code = 'rus' AND a.grade = 4 AND r.absent = 0 AND r.mark IS NOT NULL
    AND (:municipality = 0 OR s.municipality_id = :municipality)
),
flags AS (SELECT * FROM objectivity_flag WHERE school_id IN (SELECT school_id FROM scope))
SELECT y.year,
       (SELECT COUNT(*) FROM wrote w WHERE w.year = y.year) AS n_oo,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged IS NOT NULL) AS analysed_oo,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1) AS flagged_oo,
       ROUND(100.0 * (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1)
             / NULLIF((SELECT COUNT(*) FROM wrote w WHERE w.year = y.year), 0), 2) AS flagged_pct,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'РУ4') AS ru4_n,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'МА4') AS ma4_n,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'РУ5') AS ru5_n,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'МА5') AS ma5_n,
       (SELECT COUNT(*) FROM flags f WHERE f.year = y.year AND f.flagged = 1) AS markers_n
FROM years y
ORDER BY y.year`,
  O2: `WITH base AS (
  SELECT v.school_id, v.assessment_id, v.result_id, v.mark, v.journal_mark, v.primary_score, v.municipality_id
  FROM v_vpr v WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade
),
units AS (
  SELECT school_id AS unit, CAST(primary_score AS INTEGER) AS score FROM base
  WHERE municipality_id = :municipality AND primary_score IS NOT NULL
),
sizes AS (SELECT unit, COUNT(*) AS n FROM units GROUP BY unit),
hist AS (SELECT unit, score, COUNT(*) AS k FROM units GROUP BY unit, score),
bounds AS (
  SELECT ms.mark, ms.min_primary AS b FROM mark_scale ms
  WHERE ms.kind = 'vpr' AND ms.year = :year AND ms.subject_code = :subject AND ms.grade = :grade AND ms.level = ''
    AND ms.mark IN (3, 4, 5)
),
region AS (
  SELECT CAST(SUBSTR(f.metric, 7) AS INTEGER) AS score, MAX(f.value) AS k
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
    AND f.report = 'hist' AND f.level = 'region' AND f.metric LIKE 'score:%'
  GROUP BY 1
),
region_ratio AS (
  SELECT bd.b, r0.k / ((r1.k + r2.k) / 2.0) AS ratio
  FROM bounds bd
  JOIN region r0 ON r0.score = bd.b JOIN region r1 ON r1.score = bd.b - 1 JOIN region r2 ON r2.score = bd.b - 2
  WHERE r1.k + r2.k > 0
),
counted AS (
  SELECT sz.unit, sz.n, bd.mark, bd.b,
         COALESCE(h0.k, 0) AS n_b, COALESCE(h1.k, 0) AS n_b1, COALESCE(h2.k, 0) AS n_b2,
         (COALESCE(h1.k, 0) + COALESCE(h2.k, 0)) / 2.0 AS before,
         rr.ratio AS region_ratio
  FROM sizes sz CROSS JOIN bounds bd
  LEFT JOIN hist h0 ON h0.unit = sz.unit AND h0.score = bd.b
  LEFT JOIN hist h1 ON h1.unit = sz.unit AND h1.score = bd.b - 1
  LEFT JOIN hist h2 ON h2.unit = sz.unit AND h2.score = bd.b - 2
  LEFT JOIN region_ratio rr ON rr.b = bd.b
),
peaks AS (
  SELECT counted.*, CASE WHEN before > 0 THEN n_b / before END AS ratio,
         CASE WHEN n < :min_n THEN NULL
              ELSE n_b >= before + 1
               AND (before = 0 OR n_b / before >= :ratio)
               AND (region_ratio IS NULL OR before = 0 OR n_b / before >= region_ratio + :excess)
         END AS signal
  FROM counted
),
peak AS (SELECT unit AS school_id, MAX(signal) AS signal FROM peaks GROUP BY unit),
per AS (
  SELECT school_id, municipality_id, COUNT(*) AS n,
         100.0 * SUM(mark > journal_mark) / NULLIF(SUM(journal_mark IS NOT NULL), 0) AS raised,
         100.0 * SUM(mark = journal_mark) / NULLIF(SUM(journal_mark IS NOT NULL), 0) AS confirmed,
         100.0 * SUM(mark >= 4) / COUNT(*) AS quality
  FROM base GROUP BY school_id
),
ranked AS (
  SELECT per.*,
         CASE WHEN raised IS NOT NULL THEN CUME_DIST() OVER (PARTITION BY raised IS NULL ORDER BY raised) END AS raised_rank,
         CUME_DIST() OVER (ORDER BY quality) AS quality_rank
  FROM per WHERE n >= :min_n
),
levels AS (
  SELECT b.school_id,
         100.0 * TOTAL(CASE WHEN t.difficulty = 'Б' THEN ts.score END) / SUM(CASE WHEN t.difficulty = 'Б' THEN t.max_score END) AS basic,
         100.0 * TOTAL(CASE WHEN t.difficulty IN ('П', 'В') THEN ts.score END) / SUM(CASE WHEN t.difficulty IN ('П', 'В') THEN t.max_score END) AS advanced
  FROM base b
  JOIN task_score ts ON ts.result_id = b.result_id
  JOIN assessment_task t ON t.assessment_id = b.assessment_id AND t.task_code = ts.task_code
  WHERE b.municipality_id = :municipality
  GROUP BY b.school_id
),
next AS (
  SELECT v.school_id, COUNT(*) AS n, 100.0 * SUM(v.mark >= 4) / COUNT(*) AS quality
  FROM v_vpr v WHERE v.year = :year + 1 AND v.grade = :grade + 1 AND v.subject_code = :subject AND v.municipality_id = :municipality
  GROUP BY v.school_id
),
oge AS (
  SELECT t.school_id, COUNT(*) AS n, 100.0 * SUM(t.mark >= 4) / COUNT(*) AS quality
  FROM (WITH a AS MATERIALIZED (
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
  AND a.year = :year + 1 AND a.subject_code = :subject AND s.municipality_id = :municipality
WINDOW w AS (PARTITION BY COALESCE(r.student_id, -r.result_id), a.year, a.subject_code, a.level ORDER BY a.retake, a.sitting_key, a.assessment_id)) t
  WHERE t.try_first = 1 AND :grade = 8
  GROUP BY t.school_id
),
signals AS (
  SELECT p.school_id, p.n,
         CASE WHEN p.n >= :min_n THEN pk.signal END AS s_peak,
         CASE WHEN p.n >= :min_n AND p.raised IS NOT NULL
              THEN (rk.raised_rank >= 1 - :raised_top / 100.0 AND p.raised > 0) OR p.confirmed >= :confirmed END AS s_journal,
         CASE WHEN p.n >= :min_n AND lv.basic IS NOT NULL AND lv.advanced IS NOT NULL THEN lv.advanced >= lv.basic END AS s_inversion,
         CASE WHEN p.n >= :min_n AND nx.n >= :min_n THEN rk.quality_rank >= 0.75 AND nx.quality - p.quality <= -:drop END AS s_cohort,
         CASE WHEN p.n >= :min_n AND og.n >= :min_n THEN p.quality - og.quality >= :gap END AS s_oge,
         (SELECT MAX(f.flagged) FROM objectivity_flag f JOIN subject sb ON sb.subject_code = :subject
          WHERE f.school_id = p.school_id AND f.year = :year AND f.work = sb.vpr_abbr || :grade) AS official
  FROM per p
  LEFT JOIN ranked rk ON rk.school_id = p.school_id
  LEFT JOIN peak pk ON pk.school_id = p.school_id
  LEFT JOIN levels lv ON lv.school_id = p.school_id
  LEFT JOIN next nx ON nx.school_id = p.school_id
  LEFT JOIN oge og ON og.school_id = p.school_id
  WHERE p.municipality_id = :municipality
)
SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, sg.n,
       sg.s_peak, sg.s_journal, sg.s_inversion, sg.s_cohort, sg.s_oge,
       COALESCE(sg.s_peak, 0) + COALESCE(sg.s_journal, 0) + COALESCE(sg.s_inversion, 0) + COALESCE(sg.s_cohort, 0) + COALESCE(sg.s_oge, 0) AS signals,
       (sg.s_peak IS NOT NULL) + (sg.s_journal IS NOT NULL) + (sg.s_inversion IS NOT NULL) + (sg.s_cohort IS NOT NULL) + (sg.s_oge IS NOT NULL) AS checked,
       sg.official,
       sg.n < 10 AS small
FROM signals sg JOIN school s ON s.school_id = sg.school_id
WHERE NOT (:hide_small = 1 AND sg.n < 10)
ORDER BY name`,
  O3: `WITH base AS MATERIALIZED (
  SELECT v.school_id, 'vpr' AS src, v.mark FROM v_vpr v
  WHERE v.year = :year - 1 AND v.grade = 8 AND v.subject_code = :subject AND v.municipality_id = :municipality
  UNION ALL
  SELECT t.school_id, 'oge', t.mark FROM (
  SELECT g.result_id, g.school_id, g.student_id, g.mark, g.test_score, g.primary_score, a.max_primary,
  a.kind, a.year, a.subject_code, a.level,
  CASE WHEN g.mixed = 0 THEN g.try_first ELSE 1 + (SELECT COUNT(*) FROM assessment ga, agg_attempt o
  JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
  WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first < g.try_first
  AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN ('oge') AND a.year = :year AND a.subject_code = :subject AND s.municipality_id = :municipality) END AS try_first,
  CASE WHEN g.mixed = 0 THEN g.try_last ELSE 1 + (SELECT COUNT(*) FROM assessment ga, agg_attempt o
  JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
  WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first > g.try_first
  AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN ('oge') AND a.year = :year AND a.subject_code = :subject AND s.municipality_id = :municipality) END AS try_last
  FROM assessment a CROSS JOIN school s
  CROSS JOIN agg_attempt g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
  WHERE a.kind IN ('oge')
  AND a.year = :year AND a.subject_code = :subject AND s.municipality_id = :municipality
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
  M1: `WITH clusters AS (
SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
                 FROM cluster_assignment y WHERE y.scheme = :scheme)
),
per AS (
  SELECT v.school_id, v.year, COUNT(*) AS n, 100.0 * SUM(v.mark >= 3) / COUNT(*) AS pass, SUM(v.mark = 2) AS n2
  FROM v_vpr v
  WHERE v.subject_code IN ('rus', 'math') AND v.grade BETWEEN :grade_from AND :grade_to
    AND v.year BETWEEN :year - :years + 1 AND :year
  GROUP BY v.school_id, v.year
),
ranked AS (
  SELECT p.*, CUME_DIST() OVER (PARTITION BY p.year, COALESCE(c.cluster, '') ORDER BY p.pass) AS pass_rank
  FROM per p LEFT JOIN clusters c ON c.school_id = p.school_id
),
low AS (SELECT school_id, SUM(pass_rank <= :pct / 100.0) AS low_years FROM ranked GROUP BY school_id),
mun AS (
  SELECT 100.0 * SUM(p.n2) / SUM(p.n) AS p2 FROM per p JOIN school s ON s.school_id = p.school_id
  WHERE s.municipality_id = :municipality AND p.year = :year
),
rows AS (
  SELECT s.school_id, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, cur.n, cur.pass, cur.pass_rank, l.low_years,
         100.0 * cur.n2 / cur.n AS p2, mun.p2 AS mun_p2, c.cluster,
         l.low_years >= :years AS crit_a,
         100.0 * cur.n2 / cur.n - mun.p2 >= :gap AS crit_b
  FROM school s JOIN low l ON l.school_id = s.school_id
  LEFT JOIN ranked cur ON cur.school_id = s.school_id AND cur.year = :year
  LEFT JOIN clusters c ON c.school_id = s.school_id
  CROSS JOIN mun
  WHERE s.municipality_id = :municipality
)
SELECT 'ОО' AS level, name, cluster, n, ROUND(pass, 2) AS pass_pct, ROUND(100 * pass_rank, 1) AS pass_rank,
       low_years, ROUND(p2, 2) AS pct_2, ROUND(mun_p2, 2) AS mun_pct_2, ROUND(p2 - mun_p2, 2) AS gap,
       COALESCE(crit_a, 0) AS crit_a, COALESCE(crit_b, 0) AS crit_b,
       CASE :rule WHEN 'and' THEN COALESCE(crit_a, 0) AND COALESCE(crit_b, 0) ELSE COALESCE(crit_a, 0) OR COALESCE(crit_b, 0) END AS selected,
       (SELECT group_concat(sl.list, ', ') FROM school_list_membership sl WHERE sl.school_id = rows.school_id AND sl.year = :year) AS official,
       COALESCE(n, 0) < 10 AS small
FROM rows
WHERE NOT (:hide_small = 1 AND COALESCE(n, 0) < 10)
ORDER BY name`,
  M2: `WITH clusters AS (
SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
                 FROM cluster_assignment y WHERE y.scheme = :scheme)
),
base AS (
  SELECT v.school_id, v.municipality_id, v.mark, v.primary_score, v.max_primary, c.cluster
  FROM v_vpr v LEFT JOIN clusters c ON c.school_id = v.school_id
  WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade
),
per AS (
  SELECT school_id, municipality_id, cluster, COUNT(*) AS n, CASE :metric
  WHEN 'pass' THEN 100.0 * SUM(mark >= 3) / COUNT(*)
  WHEN 'sou' THEN AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END)
  WHEN 'score_pct' THEN 100.0 * AVG(primary_score / max_primary)
  WHEN 'pct2' THEN 100.0 * SUM(mark = 2) / COUNT(*)
  ELSE 100.0 * SUM(mark >= 4) / COUNT(*) END AS value FROM base GROUP BY school_id
),
percl AS (SELECT cluster, COUNT(*) AS n, CASE :metric
  WHEN 'pass' THEN 100.0 * SUM(mark >= 3) / COUNT(*)
  WHEN 'sou' THEN AVG(CASE mark WHEN 5 THEN 100 WHEN 4 THEN 64 WHEN 3 THEN 36 WHEN 2 THEN 16 END)
  WHEN 'score_pct' THEN 100.0 * AVG(primary_score / max_primary)
  WHEN 'pct2' THEN 100.0 * SUM(mark = 2) / COUNT(*)
  ELSE 100.0 * SUM(mark >= 4) / COUNT(*) END AS value FROM base WHERE cluster IS NOT NULL GROUP BY cluster),
ranked AS (
  SELECT per.*,
         RANK() OVER (PARTITION BY cluster ORDER BY CASE WHEN :metric = 'pct2' THEN -value ELSE value END DESC) AS rank,
         COUNT(*) OVER (PARTITION BY cluster) AS cluster_size
  FROM per
),
rows AS (
  SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, rk.cluster, rk.n, rk.value, pc.value AS cluster_value, rk.rank, rk.cluster_size
  FROM ranked rk JOIN school s ON s.school_id = rk.school_id LEFT JOIN percl pc ON pc.cluster = rk.cluster
  WHERE :municipality = 0 OR rk.municipality_id = :municipality
  UNION ALL
  SELECT 'Кластер', 'кластер «' || pc.cluster || '»', pc.cluster, pc.n, pc.value, pc.value, NULL,
         (SELECT COUNT(*) FROM per WHERE per.cluster = pc.cluster)
  FROM percl pc
)
SELECT level, name, COALESCE(cluster, 'вне кластеров') AS cluster, n, ROUND(value, 2) AS value, ROUND(cluster_value, 2) AS cluster_value,
       ROUND(value - cluster_value, 2) AS diff, rank, cluster_size, n < 10 AS small
FROM rows
WHERE NOT (:hide_small = 1 AND level = 'ОО' AND n < 10)
ORDER BY rows.cluster IS NULL, rows.cluster, level = 'ОО', rank, name`,
  M3: `WITH vpr AS MATERIALIZED (
  SELECT v.school_id, COUNT(*) AS n, 100.0 * SUM(v.mark >= 3) / COUNT(*) AS pass, 100.0 * SUM(v.mark >= 4) / COUNT(*) AS quality
  FROM v_vpr v
  WHERE v.year = :year AND v.subject_code IN ('rus', 'math') AND v.grade BETWEEN 4 AND 8
    AND (:municipality = 0 OR v.municipality_id = :municipality)
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
  AND a.year = :year AND (:municipality = 0 OR s.municipality_id = :municipality)
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
  AND a.year = :year AND (:municipality = 0 OR s.municipality_id = :municipality)
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
  SELECT sc.school_id, vpr.n, vpr.pass, vpr.quality, oge.oge, ege.ege
  FROM (SELECT school_id FROM vpr UNION SELECT school_id FROM oge UNION SELECT school_id FROM ege) sc
  LEFT JOIN vpr ON vpr.school_id = sc.school_id
  LEFT JOIN oge ON oge.school_id = sc.school_id
  LEFT JOIN ege ON ege.school_id = sc.school_id
),
st AS (SELECT AVG(pass) AS mean_pass, pow(MAX(AVG(pass * pass) - AVG(pass) * AVG(pass), 0), 0.5) AS sd_pass, AVG(quality) AS mean_quality, pow(MAX(AVG(quality * quality) - AVG(quality) * AVG(quality), 0), 0.5) AS sd_quality, AVG(oge) AS mean_oge, pow(MAX(AVG(oge * oge) - AVG(oge) * AVG(oge), 0), 0.5) AS sd_oge, AVG(ege) AS mean_ege, pow(MAX(AVG(ege * ege) - AVG(ege) * AVG(ege), 0), 0.5) AS sd_ege FROM comp),
zs AS (
  SELECT comp.*, CASE WHEN pass IS NULL THEN NULL WHEN st.sd_pass > 0 THEN (pass - st.mean_pass) / st.sd_pass ELSE 0 END AS z_pass, CASE WHEN quality IS NULL THEN NULL WHEN st.sd_quality > 0 THEN (quality - st.mean_quality) / st.sd_quality ELSE 0 END AS z_quality, CASE WHEN oge IS NULL THEN NULL WHEN st.sd_oge > 0 THEN (oge - st.mean_oge) / st.sd_oge ELSE 0 END AS z_oge, 0.0 - (CASE WHEN ege IS NULL THEN NULL WHEN st.sd_ege > 0 THEN (ege - st.mean_ege) / st.sd_ege ELSE 0 END) AS z_ege
  FROM comp CROSS JOIN st
),
indexed AS (
  SELECT zs.*,
         (:w_pass * COALESCE(z_pass, 0) + :w_quality * COALESCE(z_quality, 0) + :w_oge * COALESCE(z_oge, 0) + :w_ege * COALESCE(z_ege, 0))
         / NULLIF(:w_pass * (z_pass IS NOT NULL) + :w_quality * (z_quality IS NOT NULL) + :w_oge * (z_oge IS NOT NULL) + :w_ege * (z_ege IS NOT NULL), 0)
         AS idx
  FROM zs
)
SELECT 'ОО' AS level, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name, i.n,
       ROUND(i.pass, 2) AS pass_pct, ROUND(i.z_pass, 2) AS z_pass,
       ROUND(i.quality, 2) AS quality_pct, ROUND(i.z_quality, 2) AS z_quality,
       ROUND(i.oge, 2) AS oge_pct, ROUND(i.z_oge, 2) AS z_oge,
       ROUND(i.ege, 2) AS ege_below_pct, ROUND(i.z_ege, 2) AS z_ege,
       :w_pass AS w_pass, :w_quality AS w_quality, :w_oge AS w_oge, :w_ege AS w_ege,
       ROUND(i.idx, 2) AS idx,
       RANK() OVER (ORDER BY i.idx IS NULL, i.idx DESC) AS rank,
       (SELECT COUNT(*) FROM objectivity_flag f WHERE f.school_id = i.school_id AND f.year = :year AND f.flagged = 1) AS official_flags,
       COALESCE(i.n, 0) < 10 AS small
FROM indexed i JOIN school s ON s.school_id = i.school_id
WHERE NOT (:hide_small = 1 AND COALESCE(i.n, 0) < 10)
ORDER BY rank, name`,
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
  SELECT g.result_id, g.school_id, g.student_id, g.mark, g.test_score, g.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       CASE WHEN g.mixed = 0 THEN g.try_first ELSE 1 + (SELECT COUNT(*) FROM assessment ga, agg_attempt o
       JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
       WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first < g.try_first
         AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN ('oge', 'gve9') AND a.year = :year AND s.municipality_id = :municipality) END AS try_first,
       CASE WHEN g.mixed = 0 THEN g.try_last ELSE 1 + (SELECT COUNT(*) FROM assessment ga, agg_attempt o
       JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
       WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first > g.try_first
         AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN ('oge', 'gve9') AND a.year = :year AND s.municipality_id = :municipality) END AS try_last
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_attempt g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind IN ('oge', 'gve9')
  AND a.year = :year AND s.municipality_id = :municipality
),
oge AS MATERIALIZED (
  SELECT school_id, 100.0 * SUM(first_min >= 3) / COUNT(*) AS oge
  FROM (SELECT student_id, MIN(school_id) AS school_id, MIN(CASE WHEN try_first = 1 THEN mark END) AS first_min
        FROM oge_tries WHERE student_id IS NOT NULL GROUP BY student_id)
  GROUP BY school_id
),
ege_tries AS (
  SELECT g.result_id, g.school_id, g.student_id, g.mark, g.test_score, g.primary_score, a.max_primary,
       a.kind, a.year, a.subject_code, a.level,
       CASE WHEN g.mixed = 0 THEN g.try_first ELSE 1 + (SELECT COUNT(*) FROM assessment ga, agg_attempt o
       JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
       WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first < g.try_first
         AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN ('ege', 'gve11') AND a.year = :year AND s.municipality_id = :municipality) END AS try_first,
       CASE WHEN g.mixed = 0 THEN g.try_last ELSE 1 + (SELECT COUNT(*) FROM assessment ga, agg_attempt o
       JOIN assessment a ON a.assessment_id = o.assessment_id JOIN school s ON s.school_id = o.school_id
       WHERE ga.assessment_id = g.assessment_id AND o.person = g.person AND o.try_first > g.try_first
         AND a.year = ga.year AND a.subject_code = ga.subject_code AND a.level = ga.level AND a.kind IN ('ege', 'gve11') AND a.year = :year AND s.municipality_id = :municipality) END AS try_last
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_attempt g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind IN ('ege', 'gve11')
  AND a.year = :year AND s.municipality_id = :municipality
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
  R1: `WITH work AS (
  SELECT assessment_id FROM assessment WHERE kind = 'vpr' AND year = :year AND subject_code = :subject AND grade = :grade
),
base AS MATERIALIZED (SELECT v.school_id, v.mark, v.journal_mark FROM v_vpr v WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality),
entities AS (
  SELECT 'ОО' AS level, 'school' AS agg_level, s.school_id, s.fisoko_login AS entity, COALESCE(s.short_name, s.full_name, s.fisoko_login) AS name
  FROM school s WHERE s.municipality_id = :municipality AND s.fisoko_login IS NOT NULL
  UNION ALL
  SELECT 'Муниципалитет', 'municipality', NULL, m.fisoko_code, m.name
  FROM municipality m WHERE m.municipality_id = :municipality AND m.fisoko_code IS NOT NULL
),
wide AS (
  SELECT e.level, e.agg_level, e.entity, e.name,
         COUNT(b.mark) AS n,
         100.0 * SUM(b.mark = 2) / NULLIF(COUNT(b.mark), 0) AS pct_2,
         100.0 * SUM(b.mark = 3) / NULLIF(COUNT(b.mark), 0) AS pct_3,
         100.0 * SUM(b.mark = 4) / NULLIF(COUNT(b.mark), 0) AS pct_4,
         100.0 * SUM(b.mark = 5) / NULLIF(COUNT(b.mark), 0) AS pct_5,
         SUM(b.journal_mark IS NOT NULL) AS n_j,
         100.0 * SUM(b.mark < b.journal_mark) / NULLIF(SUM(b.journal_mark IS NOT NULL), 0) AS lowered,
         100.0 * SUM(b.mark = b.journal_mark) / NULLIF(SUM(b.journal_mark IS NOT NULL), 0) AS confirmed,
         100.0 * SUM(b.mark > b.journal_mark) / NULLIF(SUM(b.journal_mark IS NOT NULL), 0) AS raised
  FROM entities e LEFT JOIN base b ON e.school_id IS NULL OR b.school_id = e.school_id
  GROUP BY e.level, e.agg_level, e.entity, e.name
),
metrics(report, metric, label, ord) AS (
  VALUES ('marks', 'n', 'Участников', 0),
         ('marks', 'pct_2', '«2», %', 1),
         ('marks', 'pct_3', '«3», %', 2),
         ('marks', 'pct_4', '«4», %', 3),
         ('marks', 'pct_5', '«5», %', 4),
         ('journal', 'n', 'Участников в сравнении с журналом', 5),
         ('journal', 'lowered_pct', 'Понизили, %', 6),
         ('journal', 'confirmed_pct', 'Подтвердили, %', 7),
         ('journal', 'raised_pct', 'Повысили, %', 8)
),
compared AS (
  SELECT w.level, w.name, w.entity, m.report, m.label, m.ord, CASE m.report || ':' || m.metric
    WHEN 'marks:n' THEN w.n
    WHEN 'marks:pct_2' THEN w.pct_2 WHEN 'marks:pct_3' THEN w.pct_3 WHEN 'marks:pct_4' THEN w.pct_4 WHEN 'marks:pct_5' THEN w.pct_5
    WHEN 'journal:n' THEN w.n_j
    WHEN 'journal:lowered_pct' THEN w.lowered WHEN 'journal:confirmed_pct' THEN w.confirmed WHEN 'journal:raised_pct' THEN w.raised
  END AS computed, f.value AS fisoko
  FROM wide w CROSS JOIN metrics m
  JOIN fisoko_agg f ON f.assessment_id IN (SELECT assessment_id FROM work) AND f.report = m.report
   AND f.level = w.agg_level AND f.entity = w.entity AND f.metric = m.metric
)
SELECT level, name, entity,
       CASE report WHEN 'marks' THEN 'Статистика по отметкам' ELSE 'Сравнение с журналом' END AS report,
       label AS metric, name || ' — ' || label AS row_label,
       ROUND(computed, 2) AS computed, fisoko, ROUND(computed - fisoko, 2) + 0.0 AS diff,
       CASE WHEN computed IS NULL THEN 1 ELSE ABS(computed - fisoko) > :tolerance END AS mismatch
FROM compared
ORDER BY CASE level WHEN 'ОО' THEN 0 WHEN 'Кластер' THEN 1 WHEN 'Муниципалитет' THEN 2 WHEN 'Регион' THEN 3 ELSE 4 END, name, ord`,
};
