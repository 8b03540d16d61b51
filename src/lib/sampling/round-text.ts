import type { Pooling, StickerColour } from '$lib/core/round';
import { m } from '$lib/i18n';

const POOLING_TEXT: Record<Pooling, () => string> = { 1: m.rounds_pooling_1, 5: m.rounds_pooling_5, 10: m.rounds_pooling_10, 20: m.rounds_pooling_20 };
const COLOUR_TEXT: Record<StickerColour, () => string> = {
  red: m.colour_red,
  orange: m.colour_orange,
  yellow: m.colour_yellow,
  green: m.colour_green,
  blue: m.colour_blue,
  purple: m.colour_purple,
  pink: m.colour_pink,
  white: m.colour_white
};

/** 十混一, 10 to a tube … */
export const poolingName = (p: Pooling) => POOLING_TEXT[p]();
/** 红色, Red … */
export const colourName = (c: StickerColour) => COLOUR_TEXT[c]();
