import { MECHANISM } from '../../indicators/catalogue/common.ts';
import { roadMap, severomorsk, sovgavanItem } from '../sources.ts';
import type { MonitoringForm } from '../types.ts';

/** Профессиональное развитие педагогов и наставничество: young teachers with a mentor, diagnostics of deficits, contests. */
export const MENTORING: MonitoringForm = {
  id: 'mentoring',
  version: 2,
  title: 'Профессиональное развитие педагогов и наставничество',
  system: MECHANISM.methodical,
  addressees: 'общеобразовательные организации',
  purpose:
    'Молодые педагоги и наставничество, диагностика профессиональных дефицитов и индивидуальные маршруты, участие педагогов в конкурсах профессионального мастерства.',
  fields: [
    {
      code: 'teachers',
      label: 'Педагогических работников, всего',
      unit: 'чел.',
      kind: 'count',
      min: 0,
      max: 1000,
      required: true,
      hint: 'Основные работники и внешние совместители на конец отчётного периода, каждый один раз.',
      serves: roadMap('2.3.1', 'Проведение муниципального мониторинга профессиональных потребностей и дефицитов работников образования'),
    },
    {
      code: 'young',
      label: 'из них молодых педагогов (педагогический стаж до 3 лет)',
      unit: 'чел.',
      kind: 'count',
      min: 0,
      max: 1000,
      partOf: 'teachers',
      required: true,
      hint: 'Педагоги со стажем педагогической работы менее трёх лет.',
      serves: roadMap('2.3.8', 'Проведение муниципального мониторинга адаптации молодых педагогов'),
    },
    {
      code: 'young_mentored',
      label: 'из них молодых педагогов, закреплённых за наставником',
      unit: 'чел.',
      kind: 'count',
      min: 0,
      max: 1000,
      partOf: 'young',
      required: true,
      hint: 'Молодые педагоги, за которыми приказом ОО закреплён наставник.',
      serves: sovgavanItem(71, 'Разработка показателей эффективности целевой Модели наставничества'),
    },
    {
      code: 'diagnosed',
      label: 'Педагогов, прошедших диагностику профессиональных дефицитов',
      unit: 'чел.',
      kind: 'count',
      min: 0,
      max: 1000,
      partOf: 'teachers',
      required: true,
      hint: 'За отчётный учебный год, любая диагностика (региональная, муниципальная, внутри ОО).',
      serves: sovgavanItem(58, 'Изучение профессиональных дефицитов педагогических работников на муниципальном уровне'),
    },
    {
      code: 'routes',
      label: 'из них с индивидуальным образовательным маршрутом по итогам диагностики',
      unit: 'чел.',
      kind: 'count',
      min: 0,
      max: 1000,
      partOf: 'diagnosed',
      required: true,
      hint: 'Педагоги, для которых по итогам диагностики составлен индивидуальный маршрут повышения квалификации.',
      serves: sovgavanItem(40, 'Разработка индивидуальных маршрутов повышения квалификации педагогов и руководителей по восполнению выявленных дефицитов'),
    },
    {
      code: 'contests',
      label: 'Педагогов — участников конкурсов профессионального мастерства',
      unit: 'чел.',
      kind: 'count',
      min: 0,
      max: 1000,
      partOf: 'teachers',
      required: true,
      hint: 'Муниципальный и более высокие уровни («Учитель года» и другие); педагог считается один раз.',
      serves: sovgavanItem(62, 'Организация и проведение муниципальных конкурсов профессионального мастерства педагогических работников'),
    },
    {
      code: 'mentoring_rules',
      label: 'В ОО утверждено положение о наставничестве',
      unit: 'да / нет',
      kind: 'yesno',
      required: true,
      hint: 'Выберите «да» или «нет» из списка.',
      serves: `${roadMap('2.3.7', 'Положение о наставничестве в образовательных организациях')}; ${severomorsk('обеспечить внедрение новых моделей наставничества')}`,
    },
  ],
  history: [
    {
      version: 1,
      // Version 1 had no diagnostics block and called the mentored teachers «с наставником».
      fields: [
        { code: 'teachers', label: 'Педагогических работников, всего', unit: 'чел.' },
        { code: 'young', label: 'из них молодых педагогов (стаж до 3 лет)', unit: 'чел.' },
        { code: 'young_with_mentor', label: 'из них молодых педагогов с наставником', unit: 'чел.' },
        { code: 'contests', label: 'Педагогов — участников конкурсов профессионального мастерства', unit: 'чел.' },
      ],
      upgrade: {
        kind: 'migrate',
        note:
          'форма версии 1 принята: «молодых педагогов с наставником» перенесено в «закреплённых за наставником»; вопросов о ' +
          'диагностике дефицитов и положении о наставничестве в ней не было, эти показатели для ОО остаются пустыми',
        upgrade: (v) => ({
          teachers: v.teachers ?? null,
          young: v.young ?? null,
          young_mentored: v.young_with_mentor ?? null,
          contests: v.contests ?? null,
          diagnosed: null,
          routes: null,
          mentoring_rules: null,
        }),
      },
    },
  ],
};
