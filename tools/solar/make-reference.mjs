// make-reference.mjs — reference sun times for tests/data/solar-reference.csv
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// For each point in data/reference/points.json and each local date of
// 2026-01-01 … 2030-12-31 in the point's IANA zone, finds sunrise and
// sunset (upper limb, standard refraction) and civil dawn and dusk (the
// centre at −6°) with Astronomy Engine, and writes one CSV line with the
// four UTC instants.  See README.md for how to run it.
//
// usage: node make-reference.mjs [--engine DIR] [-o FILE]

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { argv, exit, stderr, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

// The version the committed reference was made with; another one may
// differ by a second here and there, which the file would then show.
const ENGINE_VERSION = '2.1.19';

const opts = { engine: null, output: null };
for (let i = 2; i < argv.length; i++) {
  if (argv[i] === '--engine' && i + 1 < argv.length)
    opts.engine = resolve(argv[++i]);
  else if (argv[i] === '-o' && i + 1 < argv.length)
    opts.output = argv[++i];
  else {
    stderr.write(`unknown argument ${argv[i]}\nusage: node make-reference.mjs [--engine DIR] [-o FILE]\n`);
    exit(2);
  }
}

// Resolved from the current folder unless --engine names the package.
const require = createRequire(join(process.cwd(), 'make-reference.cjs'));
const Astronomy = require(opts.engine ?? 'astronomy-engine');
// The package's "exports" hide package.json: find it next to the main file.
function engineVersionOf() {
  let dir = dirname(require.resolve(opts.engine ?? 'astronomy-engine'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'astronomy-engine') return pkg.version;
    } catch { /* not here: look higher */ }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}
const engineVersion = engineVersionOf();
if (engineVersion !== ENGINE_VERSION) {
  stderr.write(`astronomy-engine is version ${engineVersion}, expected ${ENGINE_VERSION}\n`);
  exit(1);
}

const here = dirname(fileURLToPath(import.meta.url));
const pointsPath = join(here, '..', '..', 'data', 'reference', 'points.json');
const points = JSON.parse(readFileSync(pointsPath, 'utf8')).points;

const FIRST_YEAR = 2026;
const LAST_YEAR = 2030;

const formatters = new Map();

// The zone's offset from UTC at instant @ms, in milliseconds.
function offsetAt(ms, timeZone) {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(ms))
    .filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
}

// The UTC instant of local midnight starting y-m-d in @timeZone.  Two
// passes settle it when the offset differs between the guess and the
// answer; none of our zones changes offset at midnight.
function localMidnight(y, m, d, timeZone) {
  const wall = Date.UTC(y, m - 1, d);
  let ms = wall - offsetAt(wall, timeZone);
  ms = wall - offsetAt(ms, timeZone);
  return ms;
}

// The first event found in [start, end), in whole UTC seconds, or ''.
function within(found, start, end) {
  if (!found) return '';
  const ms = found.date.getTime();
  return ms >= start && ms < end ? String(Math.round(ms / 1000)) : '';
}

const out = [];
out.push('# Sun times at the repatriation points, one line per point and local date.');
out.push(`# Source: Astronomy Engine ${engineVersion} (Don Cross, MIT licence), observer at height 0:`);
out.push('#   sunrise/sunset = SearchRiseSet (upper limb, standard refraction),');
out.push('#   civil dawn/dusk = SearchAltitude at -6 degrees.');
out.push(`# Points: data/reference/points.json; local dates by Node ${process.version}, tz data ${process.versions.tz}.`);
out.push('# Made by: node tools/solar/make-reference.mjs --engine DIR -o tests/data/solar-reference.csv');
out.push('#   (DIR: the installed astronomy-engine package; see tools/solar/README.md)');
out.push('# A line "point,CODE,LAT,LON,ZONE" starts each point; the lines after it are');
out.push('# "local date,sunrise,sunset,civil dawn,civil dusk" with UTC Unix seconds');
out.push('# (empty: no such event on that local date).');

for (const pt of points) {
  const observer = new Astronomy.Observer(pt.lat, pt.lon, 0);
  out.push(['point', pt.code, pt.lat, pt.lon, pt.tz].join(','));
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (let day = new Date(Date.UTC(y, 0, 1)); day.getUTCFullYear() === y;
         day = new Date(day.getTime() + 86400000)) {
      const Y = day.getUTCFullYear(), M = day.getUTCMonth() + 1, D = day.getUTCDate();
      const start = localMidnight(Y, M, D, pt.tz);
      const next = new Date(Date.UTC(Y, M - 1, D + 1));
      const end = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1,
                                next.getUTCDate(), pt.tz);
      const t0 = Astronomy.MakeTime(new Date(start));
      const span = (end - start) / 86400000;
      const rise = Astronomy.SearchRiseSet(Astronomy.Body.Sun, observer, +1, t0, span);
      const set = Astronomy.SearchRiseSet(Astronomy.Body.Sun, observer, -1, t0, span);
      const dawn = Astronomy.SearchAltitude(Astronomy.Body.Sun, observer, +1, t0, span, -6);
      const dusk = Astronomy.SearchAltitude(Astronomy.Body.Sun, observer, -1, t0, span, -6);
      const date = `${Y}-${String(M).padStart(2, '0')}-${String(D).padStart(2, '0')}`;
      out.push([date,
                within(rise, start, end), within(set, start, end),
                within(dawn, start, end), within(dusk, start, end)].join(','));
    }
  }
}

const text = out.join('\n') + '\n';
if (opts.output)
  writeFileSync(opts.output, text);
else
  stdout.write(text);
stderr.write(`${points.length} points, ${out.length} lines\n`);
