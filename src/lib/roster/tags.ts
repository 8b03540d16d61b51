/**
 * Special-group tags (老弱病残孕) as community offices write them, and as our export writes them
 * back. Offices use their own words (高龄, 独居老人, 居家隔离, 慢性病 …), so a word is matched by
 * the keywords it contains; one cell may name several groups.
 */
import { PERSON_TAGS, type PersonTag } from '$lib/core/types';

/** The word our export writes for each tag; the importer reads it back. */
export const TAG_WORDS: Readonly<Record<PersonTag, string>> = {
  elderly: '老人',
  disabled: '残疾',
  pregnant: '孕妇',
  bedridden: '卧床',
  quarantined: '隔离',
  sick: '患病'
};

// Keywords, lower case. Order does not matter: a word may give several tags.
const KEYWORDS: Readonly<Record<PersonTag, readonly string[]>> = {
  elderly: ['老', '高龄', '长者', 'elder', 'senior', 'aged', 'old'],
  disabled: ['残', '失能', 'disab', 'handicap', 'wheelchair'],
  pregnant: ['孕', '怀孕', 'pregnan'],
  bedridden: ['卧床', '瘫', 'bedridden', 'bed-ridden', 'bedbound'],
  quarantined: ['隔离', '密接', '管控', 'quarantin', 'isolat'],
  sick: ['病', '患', '透析', 'sick', 'ill', 'patient', 'chronic']
};

// Words that mean "no special group".
const NONE = new Set(['无', '否', '没有', '正常', '一般', '普通', 'none', 'no', 'n/a', 'na', '-', '/', '0']);

/** Tags read from one cell, and the words that named none. */
export interface TagReading {
  tags: PersonTag[];
  unknown: string[];
}

/** Reads a tags cell: words separated by `,` `，` `、` `;` `；` `/` `|` or spaces. */
export function readTags(text: string): TagReading {
  const found = new Set<PersonTag>();
  const unknown: string[] = [];
  for (const word of text.split(/[,，、;；/|\s]+/)) {
    const w = word.toLowerCase();
    if (w.length === 0 || NONE.has(w)) continue;
    let matched = false;
    for (const tag of PERSON_TAGS) {
      if (KEYWORDS[tag].some((k) => w.includes(k))) {
        found.add(tag);
        matched = true;
      }
    }
    if (!matched) unknown.push(word);
  }
  // A fixed order, so the same cell always gives the same array.
  return { tags: PERSON_TAGS.filter((t) => found.has(t)), unknown };
}

/** Writes tags the way `readTags` reads them back: `老人、卧床`. */
export function writeTags(tags: readonly PersonTag[]): string {
  return tags.map((t) => TAG_WORDS[t]).join('、');
}
