import type { IndicatorDef } from '../types.ts';
import { V16 } from './cohort.ts';
import { V10, V11 } from './difficulty.ts';
import { V14, V15 } from './dynamics.ts';
import { E1, E2, E3, E4, E5, E6, E7 } from './gia11.ts';
import { G1, G2, G3, G4 } from './gia9.ts';
import { V7, V8 } from './journal.ts';
import { V7S } from './journal-overview.ts';
import { V3, V4, V5, V6 } from './levels.ts';
import { V2 } from './marks.ts';
import { M1, M2, M3 } from './municipal.ts';
import { O1, O2, O3 } from './objectivity.ts';
import { V1 } from './participants.ts';
import { R1 } from './reconciliation.ts';
import { V12, V13 } from './scores.ts';
import { K1, K2, K3, K4 } from './staff.ts';
import { T1 } from './olympiads.ts';
import { D1 } from './additional-education.ts';
import { V9 } from './tasks.ts';
import { B1, B2, B3, L1, L2, N1, N2, N3, P1, P2, P3, S1, S2 } from './monitoring.ts';

/**
 * The built-in catalogue in display order, by family (docs/indicators.md):
 * V — ВПР; O — объективность; G — ГИА-9; E — ГИА-11; M — муниципальный и кластерный уровень;
 * K — педагогические кадры; T — олимпиады (таланты); D — дополнительное образование; P, N, B, L, S —
 * формы мониторинга (профориентация, педагоги, воспитание, руководители, дошкольное); R — сверка с ФИС ОКО.
 * IDs V1–V16, O1–O3, G1–G3, E1–E6, M1–M3 are the core catalogue; V7S, G4, E7 and the K, T, D, P, N, B, L, S, R
 * families were added to it (docs/indicators.md, «Семейства»).
 */
export const CATALOGUE: IndicatorDef[] = [
  V1,
  V2,
  V3,
  V4,
  V5,
  V6,
  V7,
  V7S,
  V8,
  V9,
  V10,
  V11,
  V12,
  V13,
  V14,
  V15,
  V16,
  O1,
  O2,
  O3,
  G1,
  G2,
  G3,
  G4,
  E1,
  E2,
  E3,
  E4,
  E5,
  E6,
  E7,
  M1,
  M2,
  M3,
  K1,
  K2,
  K3,
  K4,
  T1,
  D1,
  P1,
  P2,
  P3,
  N1,
  N2,
  N3,
  B1,
  B2,
  B3,
  L1,
  L2,
  S1,
  S2,
  R1,
];

export { FAMILIES } from './families.ts';
