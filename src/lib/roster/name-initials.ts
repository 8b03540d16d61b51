/**
 * Pinyin initials of a name (`zs` for 张三), for searching the roster with a Latin keyboard.
 *
 * pinyin-pro reads a whole name in about 10 µs; a 40,000-row roster would spend most of its
 * import there. Initials only need one letter a character, so each character is looked up once
 * and cached. The surname is read in pinyin-pro's surname mode, since surnames have their own
 * readings (曾 zēng, 单 shàn, 仇 qiú, 解 xiè); compound surnames are read as one word.
 * Latin words give their first letter (`John Smith` → `js`); other characters give nothing.
 */
import { pinyin } from 'pinyin-pro';

const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '令狐', '夏侯', '司徒', '端木', '澹台', '单于', '宇文', '呼延', '轩辕', '万俟'
]);

const HAN = /\p{Script=Han}/u;
const surnameCache = new Map<string, string>();
const charCache = new Map<string, string>();

function firstLetters(text: string, surname: boolean): string {
  const letters = pinyin(text, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    ...(surname ? { mode: 'surname' as const, surname: 'head' as const } : {})
  });
  return letters.join('').toLowerCase().replace(/[^a-z]/g, '');
}

function cached(cache: Map<string, string>, key: string, surname: boolean): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = firstLetters(key, surname);
    cache.set(key, value);
  }
  return value;
}

/** Pinyin initials of a name, lower case: 张三 → `zs`, 欧阳小明 → `oyxm`, 曾伟 → `zw`. */
export function nameInitials(name: string): string {
  const chars = Array.from(name);
  let out = '';
  let i = 0;
  if (chars.length > 0 && HAN.test(chars[0]!)) {
    const two = chars.slice(0, 2).join('');
    const surname = COMPOUND_SURNAMES.has(two) ? two : chars[0]!;
    out += cached(surnameCache, surname, true);
    i = Array.from(surname).length;
  }
  let inWord = false;
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (HAN.test(c)) {
      out += cached(charCache, c, false);
      inWord = false;
    } else if (/[A-Za-z]/.test(c)) {
      if (!inWord) out += c.toLowerCase();
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return out;
}
