/**
 * Artist names as they look on Spotify: Latin names and bands, accented names (José Núñez,
 * Måneskin-like, Die Füchse), and names in their own script: Japanese kanji / kana, Korean hangul,
 * Cyrillic. Some artists have a Latin Spotify name but an official YouTube channel in their own
 * script ("Kenshi Yonezu" / 米津玄師), which is exactly what makes channel matching hard.
 */
import type { Random } from './random.js';
import { capitalize, transliterateCyrillic } from './text.js';
import type { LyricLanguage } from './words.js';

export interface ArtistName {
  name: string; // as Spotify shows it
  latin: string; // for Genius slugs
  /** The name an official channel uses when it differs from the Spotify name (native script). */
  channelName?: string;
}

type Pair = readonly [text: string, latin: string];
const latinName = (name: string): ArtistName => ({ name, latin: name });

const PEOPLE: Partial<Record<LyricLanguage, readonly [readonly string[], readonly string[]]>> = {
  en: [
    ['Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Mason', 'Harper', 'Ethan', 'Chloe', 'Jack', 'Grace', 'Leo', 'Ruby', 'Oscar', 'Maya', 'Miles', 'Ella', 'Jasper', 'Nora', 'Caleb', 'Hazel', 'Wyatt', 'Iris', 'Declan', 'Sadie', 'Rhys', 'Tessa', 'Finn'],
    ['Carter', 'Hayes', 'Brooks', 'Reed', 'Bennett', 'Foster', 'Hart', 'Lane', 'Monroe', 'Ellis', 'Porter', 'Quinn', 'Walsh', 'Vaughn', 'Sinclair', 'Harlow', 'Mercer', 'Blake', 'Rivers', 'Sutton', 'Keane', 'Doyle', 'Frost', 'Wilde'],
  ],
  es: [
    ['José', 'María', 'Sofía', 'Andrés', 'Raúl', 'Inés', 'Jesús', 'Martín', 'Lucía', 'Álvaro', 'Íñigo', 'Camila', 'Ramón', 'Verónica', 'Joaquín', 'Julián', 'Valentina', 'Adrián'],
    ['García', 'Martínez', 'Rodríguez', 'López', 'Hernández', 'Gómez', 'Pérez', 'Sánchez', 'Ramírez', 'Muñoz', 'Núñez', 'Peña', 'Ibáñez', 'Guzmán', 'Cortés', 'Márquez', 'Durán', 'Ordóñez'],
  ],
  pt: [
    ['João', 'Conceição', 'Luísa', 'Caetano', 'Antônio', 'Tomás', 'Gonçalo', 'Inês', 'Marília', 'Vitória', 'Sebastião', 'Letícia'],
    ['Teló', 'Gonçalves', 'Araújo', 'Magalhães', 'Simões', 'Assunção', 'Brandão', 'Falcão', 'Guimarães', 'Conceição', 'Lemos'],
  ],
  fr: [
    ['Édith', 'Hélène', 'Zoé', 'Stéphane', 'Aurélie', 'Gaël', 'Maël', 'Jérôme', 'Céline', 'Noémie', 'François', 'Loïc', 'Anaïs', 'Théo'],
    ['Lefèvre', 'Dubois', 'Moreau', 'Girard', 'Bézier', 'Lemaître', 'Gagné', 'Bélanger', 'Côté', 'Mercier', 'Fontaine', 'Chevalier'],
  ],
  de: [
    ['Jürgen', 'Jörg', 'Günter', 'Lea', 'Lukas', 'Sophie', 'Maximilian', 'Anna', 'Felix', 'Jana', 'Moritz', 'Käthe'],
    ['Müller', 'Schäfer', 'Krüger', 'Böhm', 'Groß', 'Weiß', 'Schröder', 'Köhler', 'Fuchs', 'Wagner', 'Brenner', 'Lang'],
  ],
  it: [
    ['Niccolò', 'Gianluca', 'Chiara', 'Matteo', 'Elisa', 'Giorgia', 'Tommaso', 'Francesca', 'Lorenzo', 'Alessia', 'Nicolò'],
    ['Rossi', 'Bianchi', 'Esposito', 'Ferrari', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'De Luca', 'Fabbri'],
  ],
  sv: [
    ['Björn', 'Åsa', 'Märta', 'Agnetha', 'Linnéa', 'Måns', 'Elin', 'Oskar', 'Astrid', 'Tove'],
    ['Åberg', 'Lindqvist', 'Sjöberg', 'Öberg', 'Ekström', 'Holmgren', 'Nyström', 'Wallén', 'Lindgren'],
  ],
  tr: [
    ['Barış', 'Çağla', 'Gökhan', 'Şebnem', 'Özge', 'Sezen', 'Emre', 'Zeynep', 'Mert', 'Ebru'],
    ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Koç'],
  ],
};

const BAND_WORDS = ['Owls', 'Foxes', 'Lanterns', 'Comets', 'Wolves', 'Ravens', 'Strangers', 'Satellites', 'Tigers', 'Pilots', 'Echoes', 'Keys', 'Giants', 'Saints', 'Rebels', 'Hearts', 'Horses', 'Shadows'];
const BAND_ADJECTIVES = ['Arctic', 'Midnight', 'Velvet', 'Electric', 'Crystal', 'Silver', 'Golden', 'Neon', 'Paper', 'Glass', 'Wild', 'Young', 'Hollow', 'Broken', 'Royal', 'Lunar'];
const LOCAL_BANDS: Partial<Record<LyricLanguage, readonly string[]>> = {
  es: ['Los Del Sol', 'Soda Eléctrica', 'Los Niños Perdidos', 'La Oreja de Cristal', 'Café Tacuba Sur', 'Los Ángeles Azules del Mar', 'Maná Nueva'],
  pt: ['Os Paralelos', 'Legião do Sol', 'Barão da Lua', 'Os Mutantes Novos', 'Jota Quest Sul'],
  fr: ['Les Étoiles', 'Téléphone Rose', 'Les Rita Électriques', 'Noir Désir Bleu', 'Indochine Nouvelle'],
  de: ['Die Füchse', 'Die Ärzte von Morgen', 'Wir Sind Helden Zwei', 'Silbermond Nacht', 'Kraftklub Süd'],
  it: ['Måneskin Rosso', 'I Pooh Nuovi', 'Le Vibrazioni Blu', 'Negramaro Sud'],
  sv: ['Sigur Rós Norr', 'Kent Blå', 'Håkan & Vännerna', 'Mando Diao Syd'],
  tr: ['Duman Kara', 'Mor ve Ötesi Mavi', 'Manga Yeni'],
};

const JA_FAMILY: Pair[] = [['米津', 'Yonezu'], ['宇多田', 'Utada'], ['山下', 'Yamashita'], ['中島', 'Nakajima'], ['椎名', 'Shiina'], ['藤井', 'Fujii'], ['星野', 'Hoshino'], ['桑田', 'Kuwata'], ['石川', 'Ishikawa'], ['竹内', 'Takeuchi'], ['小田', 'Oda'], ['松田', 'Matsuda'], ['高橋', 'Takahashi'], ['長谷川', 'Hasegawa']];
const JA_GIVEN: Pair[] = [['玄師', 'Kenshi'], ['光', 'Hikaru'], ['達郎', 'Tatsuro'], ['美雪', 'Miyuki'], ['林檎', 'Ringo'], ['風', 'Kaze'], ['源', 'Gen'], ['由実', 'Yumi'], ['佳祐', 'Keisuke'], ['さゆり', 'Sayuri'], ['まりや', 'Mariya'], ['和正', 'Kazumasa'], ['優里', 'Yuuri'], ['あいみ', 'Aimi']];
const JA_KANA: Pair[] = [['ヨ', 'yo'], ['ル', 'ru'], ['シ', 'shi'], ['カ', 'ka'], ['ミ', 'mi'], ['ナ', 'na'], ['ア', 'a'], ['イ', 'i'], ['ユ', 'yu'], ['キ', 'ki'], ['ソ', 'so'], ['ラ', 'ra'], ['ハ', 'ha'], ['ネ', 'ne'], ['ト', 'to'], ['リ', 'ri'], ['マ', 'ma'], ['サ', 'sa']];
const KO_FAMILY: Pair[] = [['김', 'Kim'], ['이', 'Lee'], ['박', 'Park'], ['최', 'Choi'], ['정', 'Jung'], ['강', 'Kang'], ['조', 'Cho'], ['윤', 'Yoon'], ['장', 'Jang'], ['임', 'Lim']];
const KO_SYLLABLES: Pair[] = [['아', 'a'], ['이', 'i'], ['유', 'yu'], ['하', 'ha'], ['나', 'na'], ['은', 'eun'], ['지', 'ji'], ['민', 'min'], ['수', 'su'], ['현', 'hyeon'], ['서', 'seo'], ['윤', 'yun'], ['태', 'tae'], ['연', 'yeon'], ['소', 'so'], ['희', 'hui'], ['진', 'jin'], ['우', 'u']];
const KO_GROUPS = ['STARLIGHT', 'NEON HEART', 'ASTERIA', 'LUNAVERSE', 'BLUE MOMENT', 'ODD EYE', 'SEVENTH SKY', 'WAVE TO EARTH', 'N.CODE', 'CRAVITY X', 'TRIPLE NOVA', 'AURORA9'];
const RU_FIRST: readonly (readonly [string, 'm' | 'f'])[] = [['Иван', 'm'], ['Алла', 'f'], ['Земфира', 'f'], ['Дмитрий', 'm'], ['Анна', 'f'], ['Сергей', 'm'], ['Мария', 'f'], ['Виктор', 'm'], ['Ольга', 'f'], ['Полина', 'f'], ['Григорий', 'm'], ['Лиза', 'f']];
const RU_LAST = ['Петров', 'Лазарев', 'Кузнецов', 'Смирнов', 'Соколов', 'Орлов', 'Волков', 'Лебедев', 'Морозов', 'Белов'];
const RU_BANDS = ['Кино', 'Сплин', 'Звери', 'Ночные Снайперы', 'Ленинград', 'Мумий Тролль', 'Браво', 'Город 312', 'Сурганова и Оркестр', 'Северные Огни', 'Ветер Перемен'];

export function artistName(random: Random, language: LyricLanguage | 'instrumental'): ArtistName {
  switch (language) {
    case 'ja':
      return random.weighted<() => ArtistName>([
        [() => { const f = random.pick(JA_FAMILY); const g = random.pick(JA_GIVEN); return { name: `${f[0]}${g[0]}`, latin: `${g[1]} ${f[1]}` }; }, 3],
        [() => { const f = random.pick(JA_FAMILY); const g = random.pick(JA_GIVEN); return { name: `${g[1]} ${f[1]}`, latin: `${g[1]} ${f[1]}`, channelName: `${f[0]}${g[0]}` }; }, 2],
        [() => { const parts = [random.pick(JA_KANA), random.pick(JA_KANA), random.pick(JA_KANA), random.pick(JA_KANA)].slice(0, random.int(3, 4)); return { name: parts.map((p) => p[0]).join(''), latin: capitalize(parts.map((p) => p[1]).join('')) }; }, 2],
        [() => latinName([random.pick(JA_KANA), random.pick(JA_KANA), random.pick(JA_KANA), random.pick(JA_KANA)].map((p) => p[1]).join('').toUpperCase()), 2],
      ])();
    case 'ko':
      return random.weighted<() => ArtistName>([
        [() => { const a = random.pick(KO_SYLLABLES); const b = random.pick(KO_SYLLABLES); const c = random.pick(KO_SYLLABLES); return { name: `${a[0]}${b[0]}${c[0]}`, latin: `${capitalize(a[1])}${b[1]}${c[1]}` }; }, 2],
        [() => { const f = random.pick(KO_FAMILY); const a = random.pick(KO_SYLLABLES); const b = random.pick(KO_SYLLABLES); return { name: `${f[0]}${a[0]}${b[0]}`, latin: `${f[1]} ${capitalize(a[1])}${b[1]}` }; }, 2],
        [() => latinName(random.pick(KO_GROUPS)), 4],
      ])();
    case 'ru':
      return random.weighted<() => ArtistName>([
        [() => { const [first, gender] = random.pick(RU_FIRST); const last = random.pick(RU_LAST) + (gender === 'f' ? 'а' : ''); const name = `${first} ${last}`; return { name, latin: transliterateCyrillic(name) }; }, 4],
        [() => { const name = random.pick(RU_BANDS); return { name, latin: transliterateCyrillic(name) }; }, 4],
        [() => latinName(transliterateCyrillic(random.pick(RU_FIRST)[0]).toUpperCase()), 1],
      ])();
    case 'instrumental':
      return latinName(random.weighted<() => string>([
        [() => `${random.pick(BAND_ADJECTIVES)} ${random.pick(BAND_WORDS).slice(0, -1)} Ensemble`, 1],
        [() => `${random.pick(PEOPLE.en![0])} ${random.pick(PEOPLE.en![1])} Trio`, 1],
        [() => `${random.pick(BAND_ADJECTIVES).toLowerCase()} ${random.pick(['beats', 'tapes', 'waves', 'fields'])}`, 1],
      ])());
    default: {
      const people = PEOPLE[language] ?? PEOPLE.en!;
      const local = LOCAL_BANDS[language];
      return latinName(random.weighted<() => string>([
        [() => `${random.pick(people[0])} ${random.pick(people[1])}`, 6],
        [() => random.pick(people[0]), 1],
        [() => `The ${random.pick(BAND_ADJECTIVES)} ${random.pick(BAND_WORDS)}`, language === 'en' ? 2 : 0.3],
        [() => `${random.pick(BAND_ADJECTIVES)} ${random.pick(BAND_WORDS)}`, language === 'en' ? 2 : 0.3],
        [() => (local ? random.pick(local) : `${random.pick(BAND_ADJECTIVES)} ${random.pick(BAND_WORDS)}`), local ? 2 : 0],
        [() => `DJ ${random.pick(people[0])}`, 0.5],
        [() => `${random.pick(people[0])} & The ${random.pick(BAND_WORDS)}`, 0.7],
        [() => random.pick(BAND_WORDS).toUpperCase(), 0.5],
      ])());
    }
  }
}
