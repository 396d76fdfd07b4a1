/** What every Vega view of ours is given: on the page (embed.ts) and in the chart worker (chart-picture.ts) alike. */
import type { Loader } from 'vega';

/** Russian number and date formats. */
export const RU_FORMAT = { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0₽'], percent: '\u202f%' };
export const RU_TIME = {
  dateTime: '%A, %e %B %Y г. %X',
  date: '%d.%m.%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'],
  days: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
  shortDays: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
  months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  shortMonths: ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
};

const refused = () => Promise.reject(new Error('График не загружает ничего извне.'));
/** A loader that loads nothing (it has `load`, so vega-embed uses it as is). */
export const NO_LOADER: Loader = { load: refused, sanitize: refused, http: refused, file: refused };
