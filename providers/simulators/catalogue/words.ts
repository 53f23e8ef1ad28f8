/**
 * Song and album titles in each catalogue language, built from real words and grammar of that
 * language ("Corazón de la noche", "夜に駆ける", "너의 밤", "Белые ночи") so that language
 * detection (franc) on titles behaves as it does on real catalogue titles. Japanese, Korean and
 * Russian titles carry their romanization, which Genius slugs and lyric-video titles use.
 */
import type { Random } from './random.js';
import { capitalize, phrase, titleCase, transliterateCyrillic, type Phrase } from './text.js';

export const LYRIC_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'ja', 'ko', 'ru', 'sv', 'tr'] as const;
export type LyricLanguage = (typeof LYRIC_LANGUAGES)[number];

export interface TitleWords {
  songTitle(random: Random): Phrase;
  albumTitle(random: Random): Phrase;
  /** Titles many artists use ("Hello", "Stay"): the same-title songs that trap a matcher. */
  commonTitles: readonly string[];
  /** How this language marks a live recording in track names: "Song - Live", "Canción - En Vivo". */
  live: string;
}

const pick = <T,>(random: Random, items: readonly T[]): T => random.pick(items);

// ---------- English ----------
const EN_NOUNS = ['heart', 'night', 'fire', 'love', 'dream', 'sky', 'rain', 'river', 'light', 'shadow', 'summer', 'road', 'ocean', 'star', 'home', 'gold', 'time', 'money', 'girl', 'city', 'moon', 'sun', 'storm', 'wings', 'eyes', 'kiss', 'ghost', 'paradise', 'thunder', 'highway', 'diamond', 'angel', 'memory', 'secret', 'wave', 'heaven', 'midnight', 'silence', 'echo', 'mirror', 'island', 'garden', 'window', 'letter', 'crown', 'world', 'morning', 'train', 'fever', 'avenue'];
const EN_ADJECTIVES = ['golden', 'broken', 'wild', 'blue', 'lonely', 'electric', 'sweet', 'dark', 'young', 'cold', 'burning', 'endless', 'beautiful', 'crazy', 'silent', 'little', 'perfect', 'neon', 'lost', 'faded', 'hollow', 'velvet', 'restless', 'bright', 'lucky'];
const EN_VERBS = ['dance', 'run', 'fall', 'hold on', 'stay', 'believe', 'shine', 'breathe', 'wait', 'remember', 'forget', 'fly', 'burn', 'call me', 'wake up', 'come back', 'let go', 'drive', 'hide', 'sing'];
const EN_COMMON = ['Hello', 'Stay', 'Crazy', 'Hurt', 'Hallelujah', 'Dreams', 'Yellow', 'Home', 'Runaway', 'Forever', 'Tonight', 'Paradise', 'Alive', 'Closer', 'Faded', 'Let It Go', 'Without You', 'Somebody', 'Heaven', 'Angel', 'Fire', 'Gold', 'Sorry', 'Breathe', 'Halo', 'Believer', 'Lemon', 'Africa', 'Stay With Me', 'Intro'];

/** English title shapes, weighted; each draws only the words it uses. */
const EN_SHAPES: readonly (readonly [(r: Random) => string, number])[] = [
  [(r) => `${pick(r, EN_ADJECTIVES)} ${pick(r, EN_NOUNS)}`, 5],
  [(r) => pick(r, EN_NOUNS), 2],
  [(r) => `${pick(r, EN_VERBS)} with me`, 1],
  [(r) => pick(r, EN_VERBS), 2],
  [(r) => `${pick(r, EN_NOUNS)} of the ${pick(r, EN_NOUNS)}`, 2],
  [(r) => `the ${pick(r, EN_ADJECTIVES)} ${pick(r, EN_NOUNS)}`, 1],
  [(r) => `don't ${pick(r, EN_VERBS)}`, 1],
  [(r) => `${pick(r, EN_ADJECTIVES)} ${plural(pick(r, EN_NOUNS))}`, 1],
  [(r) => `all the ${plural(pick(r, EN_NOUNS))}`, 1],
  [(r) => `${pick(r, EN_NOUNS)} in the ${pick(r, EN_NOUNS)}`, 1],
  [(r) => `I ${pick(r, EN_VERBS)} for you`, 1],
  [(r) => `when the ${pick(r, EN_NOUNS)} goes down`, 1],
  [(r) => `${pick(r, EN_ADJECTIVES)} like the ${pick(r, EN_NOUNS)}`, 1],
];

/** "city" → "cities", "kiss" → "kisses", "wings" stays. */
function plural(noun: string): string {
  if (noun.endsWith('s')) return /ss$/.test(noun) ? `${noun}es` : noun;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(ch|sh|x)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

const english: TitleWords = {
  songTitle(r) {
    return phrase(titleCase(r.weighted(EN_SHAPES)(r)));
  },
  albumTitle(r) {
    const text = r.weighted<() => string>([
      [() => `${pick(r, EN_ADJECTIVES)} ${plural(pick(r, EN_NOUNS))}`, 3],
      [() => `${pick(r, EN_NOUNS)} and ${pick(r, EN_NOUNS)}`, 2],
      [() => `the ${pick(r, EN_NOUNS)} sessions`, 1],
      [() => `songs for the ${pick(r, EN_ADJECTIVES)}`, 1],
      [() => String(r.int(1, 30)), 1],
      [() => { const n = pick(r, EN_NOUNS); return `${/^[aeiou]/.test(n) ? 'an' : 'a'} ${n} at the ${pick(r, EN_NOUNS)}`; }, 1],
    ])();
    return phrase(titleCase(text));
  },
  commonTitles: EN_COMMON,
  live: 'Live',
};

// ---------- Romance and Germanic languages: nouns carry gender for articles and contractions ----------
type Gendered = readonly [word: string, gender: 'm' | 'f' | 'n' | 'p' | 'mp' | 'fp'];

const ES_NOUNS: Gendered[] = [['corazón', 'm'], ['noche', 'f'], ['amor', 'm'], ['vida', 'f'], ['luna', 'f'], ['cielo', 'm'], ['fuego', 'm'], ['alma', 'f'], ['mar', 'm'], ['sol', 'm'], ['sueño', 'm'], ['calle', 'f'], ['ciudad', 'f'], ['camino', 'm'], ['verano', 'm'], ['tiempo', 'm'], ['canción', 'f'], ['estrella', 'f'], ['flor', 'f'], ['playa', 'f'], ['madrugada', 'f'], ['silencio', 'm'], ['lágrimas', 'fp'], ['besos', 'mp']];
const esArticle = ([w, g]: Gendered): string => `${g === 'm' ? 'el' : g === 'f' ? 'la' : g === 'fp' ? 'las' : 'los'} ${w}`;
const esOf = (noun: Gendered): string => (noun[1] === 'm' ? `del ${noun[0]}` : `de ${esArticle(noun)}`);
const spanish: TitleWords = {
  songTitle(r) {
    const a = pick(r, ES_NOUNS);
    const b = pick(r, ES_NOUNS);
    const text = r.weighted<() => string>([
      [() => `${capitalize(a[0])} ${esOf(b)}`, 4],
      [() => `Bajo ${esArticle(a)}`, 1],
      [() => pick(r, ['Te quiero', 'Bailar contigo', 'No me olvides', 'Dime que sí', 'Quiero volver', 'Vuelve a mí', 'Sin ti no soy nada', 'Me enamoré', 'Tú y yo', 'Qué será de mí', 'Ojalá que llueva', 'Hasta mañana']), 3],
      [() => `Canción para ${esArticle(a)}`, 1],
      [() => `${capitalize(esArticle(a))} y ${esArticle(b)}`, 1],
      [() => `Solo quiero ${pick(r, ['bailar', 'verte', 'olvidarte', 'cantar', 'volar'])}`, 1],
    ])();
    return phrase(text);
  },
  albumTitle(r) {
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(pick(r, ES_NOUNS)[0])} ${esOf(pick(r, ES_NOUNS))}`, 3],
      [() => pick(r, ['Vida', 'Canciones de amor', 'Entre la luz', 'Un verano sin final', 'Mi tierra', 'Nuevo amanecer']), 2],
    ])());
  },
  commonTitles: ['Te Quiero', 'Bailando', 'Corazón', 'Mi Vida', 'Despacito', 'Sin Ti', 'Amor'],
  live: 'En Vivo',
};

const PT_NOUNS: Gendered[] = [['coração', 'm'], ['noite', 'f'], ['amor', 'm'], ['vida', 'f'], ['lua', 'f'], ['céu', 'm'], ['mar', 'm'], ['saudade', 'f'], ['tempo', 'm'], ['cidade', 'f'], ['verão', 'm'], ['estrela', 'f'], ['sonho', 'm'], ['caminho', 'm'], ['menina', 'f'], ['paixão', 'f'], ['olhar', 'm'], ['praia', 'f']];
const ptOf = ([w, g]: Gendered): string => `${g === 'm' ? 'do' : 'da'} ${w}`;
const ptIn = ([w, g]: Gendered): string => `${g === 'm' ? 'no' : 'na'} ${w}`;
const portuguese: TitleWords = {
  songTitle(r) {
    const a = pick(r, PT_NOUNS);
    const b = pick(r, PT_NOUNS);
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(a[0])} ${ptOf(b)}`, 4],
      [() => `${capitalize(a[0])} ${ptIn(b)}`, 1],
      [() => pick(r, ['Ai se eu te pego', 'Vem dançar comigo', 'Eu sei que vou te amar', 'Não me deixe só', 'Você é meu lugar', 'Só hoje', 'Deixa acontecer', 'Fica comigo', 'Tudo que você quiser', 'Volta pra mim']), 3],
      [() => `Saudade ${ptOf(a)}`, 1],
    ])());
  },
  albumTitle(r) {
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(pick(r, PT_NOUNS)[0])} ${ptOf(pick(r, PT_NOUNS))}`, 3],
      [() => pick(r, ['Na balada', 'Acústico', 'Tempo de amar', 'Sol nascente']), 1],
    ])());
  },
  commonTitles: ['Saudade', 'Amor', 'Tempo', 'Coração'],
  live: 'Ao Vivo',
};

const FR_NOUNS: Gendered[] = [['cœur', 'm'], ['nuit', 'f'], ['amour', 'm'], ['vie', 'f'], ['ciel', 'm'], ['mer', 'f'], ['soleil', 'm'], ['lune', 'f'], ['rêve', 'm'], ['ville', 'f'], ['chanson', 'f'], ['été', 'm'], ['étoile', 'f'], ['pluie', 'f'], ['silence', 'm'], ['hiver', 'm'], ['route', 'f'], ['larmes', 'p']];
const elides = (w: string): boolean => /^[aeiouéèêhœ]/i.test(w);
const frArticle = ([w, g]: Gendered): string => (g === 'p' ? `les ${w}` : elides(w) ? `l'${w}` : `${g === 'm' ? 'le' : 'la'} ${w}`);
const frOf = (n: Gendered): string => (n[1] === 'p' ? `des ${n[0]}` : n[1] === 'm' && !elides(n[0]) ? `du ${n[0]}` : `de ${frArticle(n)}`);
const french: TitleWords = {
  songTitle(r) {
    const a = pick(r, FR_NOUNS);
    const b = pick(r, FR_NOUNS);
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(frArticle(a))} ${frOf(b)}`, 3],
      [() => `${pick(r, ['Sous', 'Pour', 'Dans', 'Après', 'Sans'])} ${frArticle(a)}`, 2],
      [() => pick(r, ["Je t'aime encore", 'Reviens-moi', 'Danse avec moi', 'Tout va bien', "On s'en va", 'Je ne sais pas pourquoi', 'Quand tu pars', 'Tous les jours', 'Ne me quitte pas', 'Il pleut sur la ville']), 3],
    ])());
  },
  albumTitle(r) {
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(frArticle(pick(r, FR_NOUNS)))} ${frOf(pick(r, FR_NOUNS))}`, 2],
      [() => pick(r, ['Racines', 'Chansons pour demain', 'Le temps des cerises', 'Mélancolie', 'Histoires d’amour']), 1],
    ])());
  },
  commonTitles: ['La vie', 'Amour', 'Je t’aime', 'Toi et moi'],
  live: 'Live',
};

const DE_NOUNS: Gendered[] = [['Herz', 'n'], ['Nacht', 'f'], ['Liebe', 'f'], ['Himmel', 'm'], ['Stadt', 'f'], ['Traum', 'm'], ['Sonne', 'f'], ['Mond', 'm'], ['Feuer', 'n'], ['Meer', 'n'], ['Zeit', 'f'], ['Welt', 'f'], ['Regen', 'm'], ['Sommer', 'm'], ['Wind', 'm'], ['Straße', 'f'], ['Sterne', 'p']];
const deNominative = ([w, g]: Gendered): string => `${g === 'm' ? 'der' : g === 'f' ? 'die' : g === 'n' ? 'das' : 'die'} ${w}`;
const deDative = ([w, g]: Gendered): string => `${g === 'f' ? 'der' : g === 'p' ? 'den' : 'dem'} ${w}${g === 'p' ? 'n' : ''}`;
const german: TitleWords = {
  songTitle(r) {
    const a = pick(r, DE_NOUNS);
    const b = pick(r, DE_NOUNS);
    return phrase(r.weighted<() => string>([
      [() => `${a[0]} aus ${b[0]}`, 2],
      [() => `${pick(r, ['Unter', 'In', 'Mit', 'Nach'])} ${deDative(a)}`.replace(/^In dem /, 'Im '), 2],
      [() => capitalize(deNominative(a)), 1],
      [() => pick(r, ['Du hast', 'Ohne dich', 'Komm zurück', 'Für immer', 'Ich will nur dich', 'Wir sind jung', 'Bleib bei mir', 'Alles ist gut', 'Keine Angst', 'Nur noch einmal']), 3],
    ])());
  },
  albumTitle(r) {
    return phrase(r.weighted<() => string>([
      [() => `${pick(r, DE_NOUNS)[0]} und ${pick(r, DE_NOUNS)[0]}`, 2],
      [() => pick(r, ['Sehnsucht', 'Heimweh', 'Zwischen den Welten', 'Nachtschicht', 'Weit weg']), 1],
    ])());
  },
  commonTitles: ['Sehnsucht', 'Liebe', 'Für immer'],
  live: 'Live',
};

const IT_NOUNS: Gendered[] = [['cuore', 'm'], ['notte', 'f'], ['amore', 'm'], ['vita', 'f'], ['cielo', 'm'], ['mare', 'm'], ['sole', 'm'], ['luna', 'f'], ['sogno', 'm'], ['città', 'f'], ['estate', 'f'], ['stella', 'f'], ['strada', 'f'], ['tempo', 'm'], ['pioggia', 'f'], ['anima', 'f']];
const itOf = ([w, g]: Gendered): string => (/^[aeiou]/.test(w) ? `dell'${w}` : g === 'm' ? `del ${w}` : `della ${w}`);
const italian: TitleWords = {
  songTitle(r) {
    const a = pick(r, IT_NOUNS);
    const b = pick(r, IT_NOUNS);
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(a[0])} ${itOf(b)}`, 3],
      [() => `${capitalize(a[0])} mio`, 1],
      [() => pick(r, ['Senza di te', 'Ti amo ancora', 'Vieni con me', 'Tra le stelle', 'Non ti scordar di me', 'Come un sogno', 'Tutto quello che ho', 'Sei tu', 'Ancora una volta']), 3],
    ])());
  },
  albumTitle(r) {
    return phrase(`${capitalize(pick(r, IT_NOUNS)[0])} ${itOf(pick(r, IT_NOUNS))}`);
  },
  commonTitles: ['Amore', 'Vita', 'Ciao'],
  live: 'Live',
};

const SV_NOUNS = ['hjärta', 'natt', 'kärlek', 'himmel', 'sommar', 'hav', 'stad', 'dröm', 'vinter', 'skog', 'ljus', 'regn'];
const SV_DEFINITE = ['natten', 'himlen', 'havet', 'staden', 'sommaren', 'skogen', 'ljuset', 'regnet', 'vintern'];
const swedish: TitleWords = {
  songTitle(r) {
    return phrase(r.weighted<() => string>([
      [() => `${capitalize(pick(r, SV_NOUNS))} av guld`, 1],
      [() => `${pick(r, ['Under', 'Efter', 'Genom', 'Över'])} ${pick(r, SV_DEFINITE)}`, 2],
      [() => pick(r, ['Du och jag', 'Innan natten tar slut', 'Vi ses igen', 'Ingen annan än du', 'Jag saknar dig', 'När vi var unga', 'Håll om mig', 'Längtan hem']), 3],
    ])());
  },
  albumTitle(r) {
    return phrase(`${capitalize(pick(r, SV_NOUNS))} och ${pick(r, SV_NOUNS)}`);
  },
  commonTitles: ['Sommar', 'Du och jag'],
  live: 'Live',
};

const TR_ADJECTIVES = ['Kara', 'Mavi', 'Son', 'Güzel', 'Yalnız', 'Eski', 'Sessiz', 'Kırık'];
const TR_NOUNS = ['Gece', 'Sevda', 'Yol', 'Deniz', 'Rüya', 'Bahar', 'Şarkı', 'Yağmur', 'Kalp', 'Gözler', 'Sokak'];
const turkish: TitleWords = {
  songTitle(r) {
    return phrase(r.weighted<() => string>([
      [() => `${pick(r, TR_ADJECTIVES)} ${pick(r, TR_NOUNS)}`, 3],
      [() => pick(r, ['Seni Seviyorum', 'Sensiz Olmaz', 'Bu Gece Benimle Kal', 'Gel Bana', 'Aşkın Gözyaşları', 'Unutamadım Seni', 'Bir Gün Gelecek', 'Yine de Güzelsin']), 3],
    ])());
  },
  albumTitle(r) {
    return phrase(`${pick(r, TR_ADJECTIVES)} ${pick(r, TR_NOUNS)}`);
  },
  commonTitles: ['Aşk', 'Gece'],
  live: 'Canlı',
};

// ---------- Japanese: kana and kanji with romaji ----------
type Romanized = readonly [text: string, latin: string];
const JA_NOUNS: Romanized[] = [['夜', 'yoru'], ['花', 'hana'], ['空', 'sora'], ['海', 'umi'], ['雨', 'ame'], ['星', 'hoshi'], ['月', 'tsuki'], ['夢', 'yume'], ['光', 'hikari'], ['風', 'kaze'], ['桜', 'sakura'], ['心', 'kokoro'], ['涙', 'namida'], ['春', 'haru'], ['夏', 'natsu'], ['恋', 'koi'], ['君', 'kimi'], ['声', 'koe'], ['街', 'machi'], ['青', 'ao'], ['僕ら', 'bokura'], ['明日', 'ashita']];
const JA_VERBS: Romanized[] = [['駆ける', 'kakeru'], ['歌う', 'utau'], ['踊る', 'odoru'], ['消える', 'kieru'], ['咲く', 'saku'], ['降る', 'furu'], ['会いたい', 'aitai'], ['走る', 'hashiru'], ['眠る', 'nemuru'], ['泣いた', 'naita'], ['染まる', 'somaru']];
const JA_LOANWORDS: Romanized[] = [['アイドル', 'Aidoru'], ['サヨナラ', 'Sayonara'], ['ハルジオン', 'Harujion'], ['ラブソング', 'Rabu Songu'], ['シャンプー', 'Shanpu'], ['マリーゴールド', 'Marigold'], ['ドライフラワー', 'Dry Flower']];
const jaTitleCase = (latin: string): string => latin.split(' ').map((w) => (['ni', 'no', 'to', 'ga', 'wo'].includes(w) ? w : capitalize(w))).join(' ');
const japanese: TitleWords = {
  songTitle(r) {
    const n = pick(r, JA_NOUNS);
    const m = pick(r, JA_NOUNS);
    const v = pick(r, JA_VERBS);
    const [text, latin] = r.weighted<() => Romanized>([
      [() => [`${n[0]}に${v[0]}`, `${n[1]} ni ${v[1]}`], 3],
      [() => [`${n[0]}の${m[0]}`, `${n[1]} no ${m[1]}`], 3],
      [() => [`${n[0]}と${m[0]}`, `${n[1]} to ${m[1]}`], 1],
      [() => [`${n[0]}が${v[0]}`, `${n[1]} ga ${v[1]}`], 2],
      [() => pick(r, JA_LOANWORDS), 1],
    ])();
    return phrase(text, jaTitleCase(latin));
  },
  albumTitle(r) {
    const n = pick(r, JA_NOUNS);
    const m = pick(r, JA_NOUNS);
    return r.chance(0.3) ? phrase(pick(r, ['STRAY SHEEP', 'THE BOOK', 'BOOTLEG', 'POP VIRUS', 'CIRCLE'])) : phrase(`${n[0]}の${m[0]}`, jaTitleCase(`${n[1]} no ${m[1]}`));
  },
  commonTitles: ['Lemon', 'アイドル', 'Stay'],
  live: 'Live',
};

// ---------- Korean: hangul with revised romanization ----------
const KO_NOUNS: Romanized[] = [['사랑', 'sarang'], ['밤', 'bam'], ['봄날', 'bomnal'], ['하늘', 'haneul'], ['별', 'byeol'], ['꿈', 'kkum'], ['바다', 'bada'], ['눈물', 'nunmul'], ['여름', 'yeoreum'], ['거리', 'geori'], ['마음', 'maeum'], ['시간', 'sigan'], ['바람', 'baram'], ['첫눈', 'cheonnun'], ['노래', 'norae']];
const KO_PHRASES: Romanized[] = [['보고 싶다', 'Bogo Sipda'], ['사랑해', 'Saranghae'], ['안녕', 'Annyeong'], ['좋은 날', 'Joeun Nal'], ['너를 만나', 'Neoreul Manna'], ['그대라는 시', 'Geudaeraneun Si'], ['밤편지', 'Bampyeonji'], ['다시 만나요', 'Dasi Mannayo']];
const KO_ENGLISH = ['LOVE DIVE', 'NEXT LEVEL', 'FEARLESS', 'SUPER SHY', 'HYPE BOY', 'DANCE ALONE', 'RUN AWAY', 'PINK VENOM', 'BLUE SKY', 'ON FIRE'];
const korean: TitleWords = {
  songTitle(r) {
    const n = pick(r, KO_NOUNS);
    const m = pick(r, KO_NOUNS);
    const [text, latin] = r.weighted<() => Romanized>([
      [() => [`너의 ${n[0]}`, `Neoui ${capitalize(n[1])}`], 2],
      [() => [`${n[0]}의 ${m[0]}`, `${capitalize(n[1])}ui ${capitalize(m[1])}`], 2],
      [() => [`${n[0]}처럼`, `${capitalize(n[1])}cheoreom`], 1],
      [() => [`우리의 ${n[0]}`, `Uriui ${capitalize(n[1])}`], 1],
      [() => pick(r, KO_PHRASES), 2],
      [() => { const p = pick(r, KO_PHRASES); const e = pick(r, KO_ENGLISH); return [`${e} (${p[0]})`, `${e} (${p[1]})`]; }, 1],
    ])();
    return phrase(text, latin);
  },
  albumTitle(r) {
    return r.chance(0.6) ? phrase(pick(r, ['The Album', 'BORN PINK', 'MAP OF THE SOUL', 'Palette', 'LILAC', 'Get Up', 'ANTIFRAGILE'])) : phrase(pick(r, KO_NOUNS)[0], capitalize(pick(r, KO_NOUNS)[1]));
  },
  commonTitles: ['Butterfly', 'Love Scenario', 'Stay'],
  live: 'Live',
};

// ---------- Russian: Cyrillic, adjectives agree with the noun's gender ----------
const RU_NOUNS: Gendered[] = [['ночь', 'f'], ['любовь', 'f'], ['небо', 'n'], ['сердце', 'n'], ['город', 'm'], ['звезда', 'f'], ['море', 'n'], ['лето', 'n'], ['дождь', 'm'], ['ветер', 'm'], ['сон', 'm'], ['дорога', 'f'], ['танец', 'm'], ['весна', 'f']];
const RU_ADJECTIVES: readonly (readonly [m: string, f: string, n: string])[] = [['белый', 'белая', 'белое'], ['последний', 'последняя', 'последнее'], ['холодный', 'холодная', 'холодное'], ['летний', 'летняя', 'летнее'], ['новый', 'новая', 'новое'], ['тёмный', 'тёмная', 'тёмное'], ['вечный', 'вечная', 'вечное']];
const ruAgree = (adjective: readonly [string, string, string], gender: Gendered[1]): string => (gender === 'f' ? adjective[1] : gender === 'n' ? adjective[2] : adjective[0]);
const russian: TitleWords = {
  songTitle(r) {
    const n = pick(r, RU_NOUNS);
    const text = r.weighted<() => string>([
      [() => capitalize(`${ruAgree(pick(r, RU_ADJECTIVES), n[1])} ${n[0]}`), 3],
      [() => `${capitalize(n[0])} и ${pick(r, RU_NOUNS)[0]}`, 1],
      [() => pick(r, ['Я сошла с ума', 'Ты моя', 'Не отпускай меня', 'Где ты сейчас', 'Я не знаю', 'Мы будем вместе', 'Позови меня с собой', 'Всё пройдёт']), 3],
    ])();
    return phrase(text, transliterateCyrillic(text));
  },
  albumTitle(r) {
    const n = pick(r, RU_NOUNS);
    const text = capitalize(`${ruAgree(pick(r, RU_ADJECTIVES), n[1])} ${n[0]}`);
    return phrase(text, transliterateCyrillic(text));
  },
  commonTitles: ['Кукушка', 'Любовь'],
  live: 'Live',
};

export const TITLE_WORDS: Record<LyricLanguage, TitleWords> = {
  en: english, es: spanish, pt: portuguese, fr: french, de: german, it: italian, ja: japanese, ko: korean, ru: russian, sv: swedish, tr: turkish,
};

/** Titles of instrumental pieces: no lyrics, so no language to detect. */
export function instrumentalTitle(random: Random): Phrase {
  return phrase(random.weighted<() => string>([
    [() => `${titleCase(pick(random, EN_ADJECTIVES))} ${titleCase(pick(random, EN_NOUNS))}`, 3],
    [() => `${pick(random, ['Nocturne', 'Étude', 'Prelude', 'Interlude', 'Suite', 'Theme'])} No. ${random.int(1, 12)}`, 1],
    [() => `${titleCase(pick(random, EN_NOUNS))} (${pick(random, ['Part I', 'Part II', 'Reprise'])})`, 1],
  ])());
}
