import t from 'tap';
import { formatClock, formatDate, formatDateTime, formatShortDate, formatTime, ofName, plural } from '../../src/i18n/format.js';

t.test('dates and times as people write them, in Paris', async (t) => {
  t.equal(formatDate('2018-10-17'), 'mercredi 17 octobre 2018');
  t.equal(formatDate('2025-10-01'), 'mercredi 1er octobre 2025', 'the first of the month');
  t.equal(formatShortDate('2018-01-15'), '15 janvier 2018');
  t.equal(formatTime(new Date('2018-10-17T12:00:00Z')), '14 h 00', 'summer time in Paris');
  t.equal(formatTime(new Date('2018-12-17T08:05:00Z')), '9 h 05', 'winter time');
  t.equal(formatDateTime('2018-10-17T12:00:00Z'), 'mercredi 17 octobre 2018, 14 h 00');
  t.equal(formatDate(new Date('2018-10-17T22:30:00Z')), 'jeudi 18 octobre 2018', 'an instant is the day it is in Paris');
  t.equal(formatDate('2018-03-25'), 'dimanche 25 mars 2018', 'a calendar date never shifts');
  t.equal(plural(0, 'place'), '0 place');
  t.equal(plural(1, 'place'), '1 place');
  t.equal(plural(2, 'place'), '2 places');
  t.equal(plural(1200, 'place'), '1\u202f200 places', 'thousands apart with a narrow space');
  t.equal(formatClock('09:30'), '9 h 30');
  t.equal(formatClock('14:00:00'), '14 h 00');
});

t.test('ofName: « de » elided before a vowel or an h', async (t) => {
  t.equal(ofName('Bilal Martin'), 'de Bilal Martin');
  t.equal(ofName('Elias Durand'), 'd’Elias Durand');
  t.equal(ofName('Élise'), 'd’Élise');
  t.equal(ofName('Hugo'), 'd’Hugo');
  t.equal(ofName('Yves'), 'd’Yves');
  t.equal(ofName('Yanis'), 'de Yanis', 'a y that sounds as a consonant');
  t.equal(ofName('Zoé'), 'de Zoé');
});
