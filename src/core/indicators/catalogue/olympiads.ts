import type { IndicatorDef } from '../types.ts';
import {
  CLUSTER_NOTE,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  SCHEME_PARAM,
  DOC,
  SEVEROMORSK_PROBLEMS,
  SMALL_COLUMN,
  TOTAL_NOTE,
  barsWithTotalRule,
  bySchoolWithTotal,
  pct,
} from './common.ts';
import { tableParams } from './staff.ts';

/** T1: ВсОШ protocols (table olympiad_result, migration 004). */
export const T1: IndicatorDef = {
  id: 'T1',
  title: 'Всероссийская олимпиада школьников: участники, победители и призёры',
  mechanism: MECHANISM.talents,
  source:
    `${SEVEROMORSK_PROBLEMS} («уменьшается численность учащихся, принимающих участие в муниципальном и региональном этапах ` +
    `Всероссийской олимпиады школьников… доля победителей и призеров от числа участников увеличивается»); ${DOC.novoaleksandrovsk}, ` +
    'п. 1.3.10 «мониторинг результативности муниципального этапа всероссийской олимпиады школьников»',
  formula:
    'Участий — строки протокола этапа (один участник × один предмет); участников — разные ключи участника. Доля ' +
    'победителей и призёров = (победители + призёры) / участия × 100; по людям — участники хотя бы с одним дипломом / ' +
    'участники × 100.',
  params: [
    ...tableParams('olympiad_result'),
    {
      name: 'stage',
      label: 'Этап',
      type: 'text',
      default: 'муниципальный',
      options: `SELECT DISTINCT stage AS value, stage AS label FROM olympiad_result WHERE year = :year
ORDER BY CASE stage WHEN 'школьный' THEN 1 WHEN 'муниципальный' THEN 2 WHEN 'региональный' THEN 3 ELSE 4 END`,
    },
    SCHEME_PARAM,
    HIDE_SMALL_PARAM,
  ],
  sql: bySchoolWithTotal(
    `SELECT o.school_id, o.participant_key, o.status FROM olympiad_result o JOIN school s ON s.school_id = o.school_id
WHERE o.year = :year AND o.stage = :stage AND s.municipality_id = :municipality`,
    `COUNT(*) AS n,
COUNT(DISTINCT participant_key) AS persons,
SUM(status = 'победитель') AS winners_n,
SUM(status = 'призёр') AS prizers_n,
${pct("SUM(status IN ('победитель', 'призёр'))")} AS awarded_pct,
COUNT(DISTINCT CASE WHEN status IN ('победитель', 'призёр') THEN participant_key END) AS awarded_persons,
${pct("COUNT(DISTINCT CASE WHEN status IN ('победитель', 'призёр') THEN participant_key END)", 'COUNT(DISTINCT participant_key)')} AS awarded_persons_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участий', format: 'int' },
    { name: 'persons', label: 'Участников (человек)', format: 'int' },
    { name: 'winners_n', label: 'Победителей', format: 'int' },
    { name: 'prizers_n', label: 'Призёров', format: 'int' },
    { name: 'awarded_pct', label: 'Победители и призёры, % участий', format: 'pct' },
    { name: 'awarded_persons', label: 'Участников с дипломом (человек)', format: 'int' },
    { name: 'awarded_persons_pct', label: 'Участники с дипломом, % участников', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('awarded_pct', 'Победители и призёры, % участий', [0, 100]),
  interpretation:
    'Рост доли дипломов при падении числа участников (как в концепции Североморска) может означать, что на этап выходят ' +
    'только сильнейшие; смотрите оба столбца. Для олимпиад тоже действует система объективности: резкий рост дипломов ' +
    `одной ОО — повод проверить организацию этапа. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};
