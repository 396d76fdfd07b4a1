/**
 * Russian descriptions of every table and column of the schema: the in-app schema browser
 * and docs/schema.md are built from this, and a unit test fails when a column has none.
 */
export interface TableDescription {
  title: string;
  columns: Record<string, string>;
}

export const SCHEMA_DESCRIPTIONS: Record<string, TableDescription> = {
  municipality: {
    title: 'Муниципалитеты',
    columns: {
      municipality_id: 'Внутренний номер муниципалитета',
      region_code: 'Код региона: «20» из reg20_m012 или «20 - Чеченская Республика»',
      fisoko_code: 'Код муниципалитета в ФИС ОКО: reg20_m012',
      gia_msu_code: '«Код МСУ» в протоколах РЦОИ',
      name: 'Название муниципалитета («Муниципалитет»)',
    },
  },
  school: {
    title: 'Образовательные организации (ОО)',
    columns: {
      school_id: 'Внутренний номер ОО',
      municipality_id: 'Муниципалитет ОО → municipality',
      fisoko_login: 'Логин ОО в ФИС ОКО: edu203389 (старый вид — sch203389)',
      gia_code: '«Код ОО» в протоколах РЦОИ',
      full_name: 'Полное наименование ОО («Название ОО»)',
      short_name: 'Краткое наименование ОО',
      settlement_type: 'Тип поселения: город / село',
      school_type: 'Тип ОО: НОШ, ООШ, СОШ, гимназия, лицей…',
      ownership: 'Форма собственности',
      is_active: '1 — действующая ОО, 0 — закрыта или реорганизована',
    },
  },
  school_code_alias: {
    title: 'Коды ОО в разных системах (сопоставление)',
    columns: {
      source: 'Система: fisoko, rcoi, eisou, local',
      code: 'Код ОО в этой системе',
      name_seen: 'Наименование, с которым код встретился в файле',
      school_id: 'ОО → school',
    },
  },
  school_year_attr: {
    title: 'Характеристики ОО по годам (контингент, ИСБШ, …)',
    columns: {
      school_id: 'ОО → school',
      year: 'Год',
      attr: 'Название характеристики',
      value: 'Значение',
    },
  },
  cluster_assignment: {
    title: 'Кластеры ОО',
    columns: {
      scheme: 'Схема кластеризации: settlement, size, isbsh_quartile, directory…',
      year: 'Год',
      school_id: 'ОО → school',
      cluster: 'Кластер ОО в этой схеме',
    },
  },
  school_list_membership: {
    title: 'ОО в официальных списках (ШНОР, 500+, …)',
    columns: {
      list: 'Список: ШНОР, 500+, необъективность, ВПР с контролем объективности',
      year: 'Год',
      school_id: 'ОО → school',
      note: 'Примечание',
    },
  },
  objectivity_flag: {
    title: 'Признаки необъективности результатов ВПР (официальный перечень ФИОКО)',
    columns: {
      year: 'Год',
      school_id: 'ОО → school',
      work: 'Работа: РУ4, МА4, РУ5, МА5',
      flagged: '1 — признак есть, 0 — нет, пусто — работа не анализировалась',
      source: 'Источник признака (fioko)',
    },
  },
  subject: {
    title: 'Предметы',
    columns: {
      subject_code: 'Код предмета: rus, math, okr, bio, … (математика ЕГЭ — math с уровнем base/prof)',
      name: 'Название предмета',
      vpr_abbr: 'Сокращение в ФИС ОКО: РУ, МА',
    },
  },
  subject_code_alias: {
    title: 'Написания и коды предметов в файлах',
    columns: {
      source: 'Откуда: name (название), vpr_abbr, rcoi (код экзамена)',
      code: 'Код или название в нижнем регистре',
      name_seen: 'Как записано в файле',
      subject_code: 'Предмет → subject',
    },
  },
  assessment: {
    title: 'Работы и экзамены (одна процедура: ВПР, ОГЭ, ЕГЭ, ГВЭ)',
    columns: {
      assessment_id: 'Внутренний номер работы',
      kind: 'Вид: vpr, oge, gve9, ege, gve11',
      year: 'Год проведения',
      subject_code: 'Предмет → subject',
      grade: 'Класс (параллель): 4…11',
      level: 'Уровень: base / prof для математики ЕГЭ, иначе пусто',
      exam_code: 'Код экзамена РЦОИ: 01, 22, «п:09; у:29»',
      exam_date: 'Дата проведения (ГГГГ-ММ-ДД)',
      stage: 'Этап: досрочный / основной / дополнительный',
      term: 'Срок: основной / резерв / пересдача',
      max_primary: 'Максимальный первичный балл',
      sitting: 'Для ГИА — дата экзамена (различает пересдачи); для ВПР пусто',
    },
  },
  assessment_task: {
    title: 'Задания работ',
    columns: {
      assessment_id: 'Работа → assessment',
      task_code: 'Номер задания: 1, 9.1, 4К1',
      position: 'Порядковый номер столбца задания',
      max_score: 'Максимальный балл за задание («(2б)»)',
      difficulty: 'Уровень сложности: Б, П, В',
      part: 'Часть: short (краткий ответ), long (развёрнутый), oral (устная)',
      skill: 'Проверяемое умение / планируемый результат',
      codifier: 'Код по кодификатору',
    },
  },
  mark_scale: {
    title: 'Шкалы перевода первичного балла в отметку',
    columns: {
      kind: 'Вид работы: vpr, oge, …',
      year: 'Год',
      subject_code: 'Предмет → subject',
      grade: 'Класс',
      level: 'Уровень (обычно пусто)',
      mark: 'Отметка 2…5',
      min_primary: 'Наименьший первичный балл для этой отметки',
      max_primary: 'Наибольший первичный балл для этой отметки',
      condition: 'Дополнительное условие (например, баллы за геометрию)',
      source: 'Источник шкалы',
    },
  },
  ege_threshold: {
    title: 'Минимальные баллы ЕГЭ',
    columns: {
      year: 'Год',
      subject_code: 'Предмет → subject',
      min_certificate: 'Минимум для аттестата (русский 24, математика профиль 27)',
      min_vuz_rosobr: 'Минимум для поступления в вуз (Рособрнадзор)',
      min_vuz_minobr: 'Минимум для вузов Минобрнауки',
    },
  },
  student: {
    title: 'Участники, связанные между файлами (без ФИО)',
    columns: {
      student_id: 'Внутренний номер участника',
      person_key: 'Ключ-хэш от ФИО и документа: связывает экзамены одного человека, ФИО не хранится',
      gender: 'Пол',
      birth_year: 'Год рождения',
    },
  },
  import_batch: {
    title: 'Журнал загрузок',
    columns: {
      import_batch_id: 'Номер загрузки',
      file_name: 'Имя файла',
      sha256: 'Контрольная сумма SHA-256 файла (повторная загрузка узнаётся по ней)',
      detected_format: 'Распознанный формат: fisoko_f1, vpr_form_2026, …',
      imported_at: 'Когда загружен',
      rows: 'Загружено строк',
      warnings: 'Предупреждения (JSON-массив)',
    },
  },
  result: {
    title: 'Результаты участников (одна строка — участник × работа)',
    columns: {
      result_id: 'Внутренний номер результата',
      assessment_id: 'Работа → assessment',
      school_id: 'ОО → school',
      student_id: 'Участник → student (если известен ключ)',
      participant_code: '«Код участника»',
      class_label: 'Класс с литерой: 9А',
      class_ordinal: 'Порядковый номер класса ВПР (столбец «Класс» Ф1)',
      variant: '«Вариант»',
      absent: '1 — «отсутствовал»',
      primary_score: 'Первичный балл («Первичный балл», «Итого баллов»)',
      mark: 'Отметка 2…5 (ВПР «Отметка», ОГЭ/ГВЭ «Оценка»)',
      test_score: 'Тестовый балл ЕГЭ 0…100',
      journal_mark: '«Отметка по журналу» (за предыдущую четверть/триместр/полугодие); пусто — «нет отметки»',
      primary_written: 'Первичный балл письменной части',
      primary_oral: 'Первичный балл устной части',
      short_mask: 'Ответы с кратким ответом: «++-2+…»',
      long_mask: 'Ответы с развёрнутым ответом: «1(2)2(3)…»',
      oral_mask: 'Устная часть',
      ppe_code: '«Код ППЭ»',
      auditorium: '«Аудитория»',
      msu_code: '«Код МСУ»',
      appeal_status: 'Состояние после апелляции',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  task_score: {
    title: 'Баллы за задания',
    columns: {
      result_id: 'Результат → result',
      task_code: 'Номер задания → assessment_task',
      score: 'Балл; пусто — задание не выполнялось («X»)',
      raw: 'Как в файле: 2, 0, X, +, -',
    },
  },
  term_mark: {
    title: 'Отметки из журнала, загруженные отдельно',
    columns: {
      school_id: 'ОО → school',
      student_id: 'Участник → student',
      class_label: 'Класс',
      subject_code: 'Предмет → subject',
      year: 'Год',
      period: 'Период: Q3, H1, year, attestat',
      mark: 'Отметка',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  medal_candidate: {
    title: 'Претенденты на медаль',
    columns: {
      student_id: 'Участник → student',
      year: 'Год выпуска',
      degree: 'Степень медали: 1 или 2',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  fisoko_agg: {
    title: 'Сводные отчёты ФИС ОКО (РФ, регион, муниципалитет, ОО)',
    columns: {
      assessment_id: 'Работа → assessment',
      report: 'Отчёт: marks, journal, tasks, hist, planned, groups',
      level: 'Уровень: RF («Вся выборка»), region, municipality, school',
      entity: 'Код: reg20_m012, edu203389 или название региона',
      metric: 'Показатель: n, n_oo, pct_2…pct_5, lowered_pct, …, task:9.1, score:15',
      value: 'Значение',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  result_history: {
    title: 'История изменений результатов (апелляции, перепроверки)',
    columns: {
      history_id: 'Номер записи',
      result_id: 'Результат → result',
      changed_at: 'Когда изменено',
      batch_id: 'Загрузка, которая изменила → import_batch',
      column_name: 'Изменённый столбец result',
      old_value: 'Было',
      new_value: 'Стало',
      reason: 'Причина: «Апелляция удовлетворена» и т. п.',
    },
  },
  person_name_key: {
    title: 'Ключи участников по ФИО без документа (для апелляций ОГЭ)',
    columns: {
      name_key: 'Ключ-хэш от ФИО (без документа)',
      student_id: 'Участник → student',
    },
  },
  person_name: {
    title: 'ФИО участников — только если включено «Хранить ФИО в этой сессии»',
    columns: {
      student_id: 'Участник → student',
      surname: 'Фамилия',
      name: 'Имя',
      patronymic: 'Отчество',
      document: 'Документ (серия и номер)',
    },
  },
  olympiad_result: {
    title: 'Результаты олимпиад (ВсОШ)',
    columns: {
      olympiad_result_id: 'Номер записи',
      year: 'Год (окончания учебного года)',
      stage: 'Этап: школьный, муниципальный, региональный, заключительный',
      subject: 'Предмет олимпиады',
      school_id: 'ОО → school',
      participant_key: 'Ключ участника (без ФИО)',
      grade: 'Класс',
      status: 'Статус: участник, призёр, победитель',
      score: 'Балл',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  additional_education: {
    title: 'Охват дополнительным образованием',
    columns: {
      school_id: 'ОО → school',
      year: 'Год',
      students_total: 'Обучающихся всего',
      students_covered: 'Из них охвачено дополнительным образованием',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  teaching_staff: {
    title: 'Педагогические кадры',
    columns: {
      school_id: 'ОО → school',
      year: 'Год',
      teacher_key: 'Ключ педагога (без ФИО)',
      higher_education: '1 — высшее образование',
      category: 'Квалификационная категория: высшая, первая, соответствие, нет',
      refresher_valid: '1 — курсы повышения квалификации действуют',
      birth_year: 'Год рождения',
      age: 'Возраст',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  monitoring_campaign: {
    title: 'Мониторинги: циклы сбора форм (форма и учебный год)',
    columns: {
      form_id: 'Форма мониторинга: careers, leaders, mentoring, upbringing, preschool (docs/monitoring.md)',
      year: 'Учебный год (год окончания)',
      form_version: 'Версия формы, которой сформирован цикл',
      deadline: 'Срок сдачи формы (ГГГГ-ММ-ДД)',
      created_at: 'Когда формы сформированы',
    },
  },
  monitoring_addressee: {
    title: 'Мониторинги: ОО, которым направлена форма',
    columns: { form_id: 'Форма мониторинга', year: 'Учебный год (год окончания)', school_id: 'ОО → school' },
  },
  monitoring_return: {
    title: 'Мониторинги: формы, полученные от ОО',
    columns: {
      return_id: 'Номер полученной формы',
      form_id: 'Форма мониторинга',
      year: 'Учебный год (год окончания)',
      school_id: 'ОО → school',
      form_version: 'Версия формы в полученном файле',
      filled_on: 'Дата заполнения, указанная ОО (ГГГГ-ММ-ДД)',
      status: 'accepted — принята, refused — не принята (ответы не вошли в показатели)',
      problems: 'Ошибки формы: список сообщений (JSON) с листом, ячейкой и допустимыми значениями',
      file_name: 'Файл, из которого получена форма',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  monitoring_value: {
    title: 'Мониторинги: ответы ОО (одна строка на ОО, учебный год и показатель формы)',
    columns: {
      form_id: 'Форма мониторинга',
      year: 'Учебный год (год окончания)',
      school_id: 'ОО → school',
      field: 'Код показателя формы (docs/monitoring.md): pupils_6_11, young_mentored, …',
      value: 'Ответ: число человек, балл; «да» = 1, «нет» = 0',
      import_batch_id: 'Загрузка → import_batch',
    },
  },
  v_vpr: {
    title: 'Представление: участники ВПР, писавшие работу и получившие отметку',
    columns: {
      year: 'Год работы',
      subject_code: 'Предмет',
      grade: 'Класс',
      max_primary: 'Максимальный первичный балл',
      municipality_id: 'Муниципалитет ОО',
    },
  },
  agg_result: {
    title:
      'Сводка результатов по ОО и работе (одна строка на ОО и работу): пересчитывается сама при каждом изменении результатов; показатели по региону читают её, а не каждого участника',
    columns: {
      assessment_id: 'Работа → assessment',
      school_id: 'ОО → school',
      results_n: 'Строк результатов ОО по работе (все, и отсутствовавшие)',
      present_n: 'Писали работу (не отмечены отсутствовавшими)',
      participants: 'Участники: писали работу и получили отметку (как в v_vpr)',
      n_2: 'Участников с отметкой «2»',
      n_3: 'Участников с отметкой «3»',
      n_4: 'Участников с отметкой «4»',
      n_5: 'Участников с отметкой «5»',
      journal_n: 'Участников, у которых есть отметка по журналу',
      lowered_n: 'Понизили: отметка за работу ниже отметки по журналу',
      confirmed_n: 'Подтвердили: отметка за работу равна отметке по журналу',
      raised_n: 'Повысили: отметка за работу выше отметки по журналу',
      scored_n: 'Участников, у которых есть первичный балл',
      score_sum: 'Сумма первичных баллов участников',
      tasks_n: 'Участников, у которых есть баллы за задания',
      lowered2_n: 'Отметка за работу ниже отметки по журналу на 2 балла и более',
      raised2_n: 'Отметка за работу выше отметки по журналу на 2 балла и более',
      absent_n: 'Строк результатов с пометкой «отсутствовал»',
    },
  },
  agg_vpr_year: {
    title:
      'Строки agg_result по работам ВПР, где есть участники, с годом, предметом и классом работы, упорядоченные по году и ОО (обновляется сама вместе с agg_result и assessment); M1 и M3 по региону читают её',
    columns: {
      year: 'Год работы',
      school_id: 'ОО → school',
      assessment_id: 'Работа → assessment',
      subject_code: 'Предмет работы',
      grade: 'Класс работы',
      participants: 'Участники: писали работу и получили отметку (как в agg_result)',
      n_2: 'Участников с отметкой «2»',
      n_3: 'Участников с отметкой «3»',
      n_4: 'Участников с отметкой «4»',
      n_5: 'Участников с отметкой «5»',
    },
  },
  agg_score: {
    title: 'Распределение первичных баллов по ОО и работе: сколько участников набрали каждый балл (пересчитывается само)',
    columns: {
      assessment_id: 'Работа → assessment',
      school_id: 'ОО → school',
      score: 'Первичный балл (целая часть)',
      n: 'Участников с этим баллом',
    },
  },
  agg_task: {
    title: 'Баллы за задания по ОО, работе, заданию и отметке участника: число и сумма (пересчитывается само)',
    columns: {
      assessment_id: 'Работа → assessment',
      school_id: 'ОО → school',
      task_code: 'Номер задания (как в assessment_task)',
      mark: 'Отметка участника за работу',
      n: 'Участников с этой отметкой, у которых есть строка балла за задание (и «X» — не приступал)',
      score_sum: 'Сумма баллов за задание («X» не считается)',
    },
  },
  agg_attempt: {
    title:
      'Попытки ГИА: каждый написанный результат ОГЭ, ГВЭ, ЕГЭ с его местом среди сдач того же экзамена тем же участником в году (пересчитывается само); показатели «первая попытка» и «после пересдач» читают его',
    columns: {
      assessment_id: 'Сдача экзамена → assessment',
      school_id: 'ОО → school',
      result_id: 'Результат → result',
      person: 'Участник: student_id, а у результата без ключа участника — минус номер результата (он сам себе участник)',
      student_id: 'Участник → student (как в result)',
      mark: 'Отметка (как в result)',
      test_score: 'Тестовый балл (как в result)',
      primary_score: 'Первичный балл (как в result)',
      try_first: 'Номер сдачи: 1 — первая в году (пересдачи — этап «дополнительный», «пересдача» — после остальных, затем по дате)',
      try_last: 'Номер сдачи с конца: 1 — последняя в году (после пересдач)',
      mixed: '1 — сдачи этого экзамена у участника в разных ОО или разных форм (ОГЭ и ГВЭ): показатель по одной ОО или форме нумерует их заново',
    },
  },
  agg_gia_person: {
    title:
      'Первые сдачи ГИА участника за год: одна строка на участника (с ключом), год и ГИА-9 или ГИА-11 (пересчитывается само); комплексный индекс M3 по региону читает её вместо всех сдач года',
    columns: {
      year: 'Год',
      gia: '9 — ОГЭ и ГВЭ-9, 11 — ЕГЭ и ГВЭ-11',
      student_id: 'Участник → student',
      school_id: 'ОО: наименьший номер ОО среди сдач участника за год',
      first_school_id: 'ОО: наименьший номер ОО среди первых сдач (первая — среди сдач того же экзамена этого уровня ГИА)',
      first_mark_min: 'Самая низкая отметка первых сдач',
      first_below:
        'ГИА-11: 1 — хотя бы одна первая сдача ниже минимума для аттестата (отметка «2» — у базовой математики, ГВЭ и результатов без тестового балла, иначе тестовый балл ниже ege_threshold.min_certificate); пусто, если минимума нет',
    },
  },
  v_vpr_school: {
    title: 'Представление: сводка agg_result по работам ВПР, где есть участники, с годом, предметом, классом и муниципалитетом',
    columns: {
      year: 'Год работы',
      subject_code: 'Предмет',
      grade: 'Класс',
      max_primary: 'Максимальный первичный балл',
      municipality_id: 'Муниципалитет ОО',
    },
  },
  v_vpr_score: {
    title: 'Представление: распределение первичных баллов agg_score по работам ВПР, с годом, предметом, классом и муниципалитетом',
    columns: { year: 'Год работы', subject_code: 'Предмет', grade: 'Класс', municipality_id: 'Муниципалитет ОО' },
  },
  v_vpr_task: {
    title: 'Представление: баллы за задания agg_task по работам ВПР, с годом, предметом, классом и муниципалитетом',
    columns: { year: 'Год работы', subject_code: 'Предмет', grade: 'Класс', municipality_id: 'Муниципалитет ОО' },
  },
  oko_workspace: {
    title: 'Рабочее пространство сессии (вкладки, параметры)',
    columns: { key: 'Ключ', value: 'Значение (JSON)' },
  },
  oko_import_mapping: {
    title: 'Запомненные настройки загрузки таблиц (по макету файла)',
    columns: { shape_key: 'Отпечаток строки заголовков', mapping: 'Настройки (JSON)', updated_at: 'Когда обновлено' },
  },
  oko_user_table: {
    title: 'Таблицы, загруженные пользователем как есть',
    columns: {
      table_name: 'Имя таблицы',
      import_batch_id: 'Загрузка → import_batch',
      source_file: 'Файл',
      sheet: 'Лист',
      columns: 'Столбцы и типы (JSON)',
      created_at: 'Когда создана',
    },
  },
  oko_secret: {
    title: 'Ключ сессии, из которого получаются ключи участников (в скачанные файлы не попадает в открытом виде)',
    columns: { name: 'Имя', value: 'Значение' },
  },
  oko_custom_indicator: {
    title: 'Мои показатели (определения, без данных)',
    columns: { id: 'Номер показателя: U1, U2…', definition: 'Определение (JSON)', created_at: 'Когда создан' },
  },
  oko_report: {
    title: 'Аналитические справки сессии (текст, таблицы и диаграммы разделов)',
    columns: {
      id: 'Номер справки',
      title: 'Заголовок справки (как в титульном листе)',
      body: 'Справка целиком (JSON): титульный лист, разделы с параметрами, таблицами, диаграммами и текстом',
      created_at: 'Когда создана',
      updated_at: 'Когда изменена последний раз',
    },
  },
  oko_edit_log: {
    title: 'Журнал правок в таблицах',
    columns: {
      edit_id: 'Номер правки',
      table_name: 'Таблица',
      row_id: 'rowid строки',
      column_name: 'Столбец',
      old_value: 'Было',
      new_value: 'Стало',
      edited_at: 'Когда',
    },
  },
  oko_agg_dirty: {
    title: 'Служебная: пары «работа — ОО», чьи результаты изменились и сводки которых Око пересчитает',
    columns: { assessment_id: 'Работа → assessment', school_id: 'ОО → school' },
  },
  oko_agg_attempt_dirty: {
    title: 'Служебная: участники, чьи результаты ГИА или сдачи изменились и попытки которых Око пересчитает',
    columns: { person: 'Участник: student_id или минус номер результата без ключа участника' },
  },
  oko_agg_state: {
    title: 'Служебная: до какого результата сводки посчитаны',
    columns: {
      covered_result_id: 'Наибольший номер результата, учтённый в сводках',
      covered_task_rowid: 'Наибольший rowid балла за задание, учтённый в сводках (более новые баллы Око учтёт при пересчёте)',
    },
  },
};

/** docs/schema.md: the public contract as a reader sees it. */
export function schemaMarkdown(): string {
  const lines = [
    '# Схема базы Око',
    '',
    'Схема — публичный контракт: на неё пишут запросы в SQL-консоли и собственные показатели.',
    'Файл создан из `src/core/schema/descriptions.ts` (тест сверяет его со схемой); переименование',
    'столбца требует новой миграции (`PRAGMA user_version`) и записи здесь.',
    '',
    'Функция `ROUND(x, n)` в Око округляет как Excel — половину от нуля, по десятичной записи числа:',
    '`ROUND(100.0 * 439 / 4000, 2)` = 10,98 (сам SQLite дал бы 10,97). Подробнее — docs/methodology.md, «Формулы».',
    '',
    'Таблицы `agg_result`, `agg_score`, `agg_task` — сводки результатов по ОО и работе: Око пересчитывает их само',
    'при каждом изменении `result` и `task_score` (docs/architecture.md, «Сводки»); показатели по региону читают их.',
    'Таблицу `agg_attempt` (каждая сдача ГИА с её номером среди сдач того же экзамена участником) Око пересчитывает',
    'так же; её читают показатели «первая попытка» и «после пересдач». `agg_gia_person` (первые сдачи участника за год',
    'одной строкой) пересчитывается вместе с ней и при изменении минимумов ЕГЭ (`ege_threshold`).',
    '`agg_vpr_year` — строки `agg_result` по работам ВПР в порядке года и ОО: Око переписывает её вместе с `agg_result`',
    'и при правке работы в `assessment` (год, предмет, класс, вид).',
    '',
    'Ссылка `task_score.result_id` → `result` проверяется при фиксации транзакции (`DEFERRABLE INITIALLY DEFERRED`):',
    'запрос вне транзакции с баллом несуществующего результата отклоняется сразу, внутри `BEGIN … COMMIT` — на `COMMIT`.',
    '',
  ];
  for (const [table, { title, columns }] of Object.entries(SCHEMA_DESCRIPTIONS)) {
    lines.push(`## \`${table}\` — ${title}`, '', '| столбец | что это |', '|---|---|');
    for (const [column, text] of Object.entries(columns)) lines.push(`| \`${column}\` | ${text.replaceAll('|', '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
