/** A task column as its header states it: «9.1 (1б)» → code '9.1', max 1. */
export interface TaskHeader {
  code: string;
  max: number;
}

// «1 (5б)», «4К1 (3б)», «9.1 (1б)»; Latin K and a comma separator also occur (docs/methodology.md, «Заголовок задания»).
const TASK_HEADER = /^(\d+(?:[.,]\d+)?(?:[КкKk]\d+)?)\s*\(\s*(\d+)\s*б\.?\s*\)$/i;

export function parseTaskHeader(text: string): TaskHeader | null {
  const match = TASK_HEADER.exec(text.replace(/\u00a0/g, ' ').trim());
  if (!match) return null;
  const code = match[1].replace(',', '.').replace(/[КкKk]/, 'К');
  return { code, max: Number(match[2]) };
}
