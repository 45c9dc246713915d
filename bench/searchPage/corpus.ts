// Realistic French field notes, generated from a seed: 150–300 words, accents, ligatures,
// elisions, #hashtags, spread over visits. The vocabulary follows a Zipf law over real
// words and derived forms (~20,000 distinct), as a real corpus of notes would.
import type { Note, NoteKind } from '../../src/shared/model';
import { seededRandom } from '../seededRandom';

const STEMS = (
  'entreprise territoire innovation énergie salarié projet start-up université recherche ' +
  'industrie pneumatique atelier usine réseau partenaire collectivité région métier compétence ' +
  'formation apprentissage écosystème accélérateur incubateur financement investissement ' +
  'stratégie gouvernance coopération mutualisation ressource valorisation économie emploi ' +
  'développement durable transition écologique numérique données plateforme prototype ' +
  'expérimentation laboratoire chercheur doctorant étudiant enseignant directeur responsable ' +
  'équipe collaborateur client fournisseur marché export production qualité sécurité ' +
  'maintenance robot automatisation intelligence artificielle capteur matériau caoutchouc ' +
  'mobilité transport logistique agriculture alimentation santé bien-être culture patrimoine ' +
  'tourisme volcan montagne eau forêt bois énergie hydrogène électricité batterie recyclage ' +
  'déchet circularité sobriété impact indicateur mesure évaluation résultat objectif vision ' +
  'mission valeur confiance dialogue écoute échange rencontre visite témoignage question idée ' +
  'action décision budget subvention appel candidature lauréat concours trophée événement ' +
  'œuvre cœur sœur œil nœud manœuvre vœu œuf ex-æquo curriculum vitæ façade garçon leçon ' +
  'reçu français ça déjà là où très après être fenêtre forêt île maître naïf noël coïncidence ' +
  'ambiguë aiguë canoë Clermont-Ferrand Michelin Auvergne Limagne Vichy Puy-de-Dôme Riom'
).split(/\s+/);
const SUFFIXES = [
  '',
  's',
  'al',
  'ale',
  'aux',
  'el',
  'elle',
  'ment',
  'ique',
  'iste',
  'isme',
  'ité',
  'eur',
  'euse',
  'ation',
  'age',
  'ier',
  'ière',
  'able',
  'if',
  'ive',
  'é',
  'ée',
  'er',
  'ons',
  'ez',
  'ent',
  'ait',
  'aient',
  'ant',
  'ance',
  'ence',
  'ture',
  'oire',
  'esque',
  'ette',
  'on',
  'ard',
  'erie',
  'ien',
  'ienne',
  'ois',
  'oise',
  'u',
  'ue',
  'is',
  'ise',
  'ure',
  'ot',
  'otte',
  'in',
  'ine',
  'ain',
  'aine',
  'ane',
  'et',
  'eau',
  'ail',
  'eil',
  'ouille',
  'ule',
  'ulaire',
  'ial',
  'iel',
  'ielle',
  'oir',
  'oirs',
  'ement',
  'ements',
  'ations',
  'ités',
  'eurs',
  'euses',
  'iques',
  'istes',
  'ismes',
  'ables',
  'ifs',
  'ives',
  'ées',
  'ants',
  'ances',
  'ences',
  'tures',
  'oires',
  'ettes',
  'ons',
  'ards',
  'eries',
  'iens',
  'iennes',
  'oises',
  'ues',
  'ises',
  'ures',
  'ots',
  'ines',
  'aines',
  'ets',
  'eaux',
  'ails',
  'eils',
  'ules',
  'ulaires',
  'iaux',
  'iels',
  'ielles',
];
const FUNCTION_WORDS =
  'le la les un une des du de et à en pour avec sur dans par pas plus qui que ce cette ces son sa ses leur leurs nous vous ils elles on il elle est sont a ont fait faire très bien aussi mais ou donc car comme tout tous toute toutes'.split(
    ' ',
  );
const ELIDED = ["l'", 'l’', "d'", 'd’', 'qu’', 'j’', 'n’', 's’', 'c’', 'jusqu’', 'lorsqu’'];
const VOWEL_START = /^[aeiouyéèêàâîïôœæh]/i;
const KINDS: NoteKind[] = ['observation', 'quote', 'question', 'idea', 'action'];

/** Real stems with a few inflections each, then a long tail of French-looking invented
 *  words, shuffled so that frequent and rare words are drawn from both. */
const SYLLABLES = [
  'ma',
  'ré',
  'con',
  'ti',
  'pa',
  'lé',
  'cho',
  'vi',
  'sa',
  'gu',
  'per',
  'nou',
  'ver',
  'bo',
  'dé',
  'mi',
  'tra',
  'pô',
  'ci',
  'fa',
  'lan',
  'gè',
  'ro',
  'su',
  'ben',
  'cal',
  'dou',
  'fi',
  'gra',
  'jo',
];
function buildVocabulary(): string[] {
  const next = seededRandom(42);
  const words = STEMS.flatMap((stem) => SUFFIXES.slice(0, 8).map((suffix) => stem + suffix));
  for (let i = 0; i < 15_000; i++) {
    const syllables = 2 + Math.floor(next() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.push(word + (SUFFIXES[Math.floor(next() * SUFFIXES.length)] ?? ''));
  }
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  return words;
}
export const VOCABULARY: string[] = buildVocabulary();

/** Picks an index with a Zipf-like law (exponent ~1): a few words are frequent, most rare. */
function zipf(next: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(next() * Math.log(size + 1))) - 1);
}

export function makeNoteText(next: () => number): { title: string; text: string } {
  const length = 150 + Math.floor(next() * 151);
  const words: string[] = [];
  let sentence = 0;
  for (let i = 0; i < length; i++) {
    const functional = next() < 0.4;
    let word = functional ? FUNCTION_WORDS[Math.floor(next() * FUNCTION_WORDS.length)]! : VOCABULARY[zipf(next, VOCABULARY.length)]!;
    if (!functional && VOWEL_START.test(word) && next() < 0.5) word = ELIDED[Math.floor(next() * ELIDED.length)]! + word;
    else if (!functional && next() < 0.02) word = `#${word.toLowerCase()}`;
    if (sentence === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    sentence++;
    if (sentence > 8 && next() < 0.12) {
      word += next() < 0.8 ? '.' : ' ?';
      sentence = 0;
    } else if (next() < 0.05) word += ',';
    words.push(word);
  }
  const title =
    next() < 0.4
      ? words
          .slice(0, 3 + Math.floor(next() * 4))
          .join(' ')
          .replace(/[.,?]/g, '')
      : '';
  return { title, text: words.join(' ') };
}

/** A Lexical-like state of the same size as a real one, so reads cost what they would. */
function stateOf(text: string): string {
  return JSON.stringify({
    root: {
      children: [
        {
          children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }],
          direction: 'ltr',
          format: '',
          indent: 0,
          type: 'paragraph',
          version: 1,
        },
      ],
      direction: 'ltr',
      format: '',
      indent: 0,
      type: 'root',
      version: 1,
    },
  });
}

export function makeNotes(count: number, expeditionId: string, visitIds: string[], lessonIds: string[], seed = 1, firstIndex = 0): Note[] {
  const next = seededRandom(seed + firstIndex);
  const base = Date.parse('2024-11-18T08:00:00Z');
  const notes: Note[] = [];
  for (let i = 0; i < count; i++) {
    const { title, text } = makeNoteText(next);
    const tags = [...new Set([...text.matchAll(/#([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!.toLowerCase()))];
    const createdAt = base + Math.floor(next() * 4 * 86_400_000);
    notes.push({
      id: `n${String(firstIndex + i).padStart(7, '0')}`,
      expeditionId,
      visitId: visitIds[Math.floor(next() * visitIds.length)]!,
      kind: KINDS[Math.floor(next() * KINDS.length)]!,
      title,
      speaker: '',
      state: stateOf(text),
      text,
      tags,
      lessonIds: next() < 0.3 ? [lessonIds[Math.floor(next() * lessonIds.length)]!] : [],
      passageLessonIds: next() < 0.2 ? [lessonIds[Math.floor(next() * lessonIds.length)]!] : [],
      pinned: next() < 0.05,
      author: 'Bench',
      createdAt,
      updatedAt: createdAt,
      deletedAt: next() < 0.01 ? createdAt + 1000 : null,
    });
  }
  return notes;
}
