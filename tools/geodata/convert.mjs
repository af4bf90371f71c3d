#!/usr/bin/env node
// convert.mjs — builds data/geo/mx-border.geo, the offline base-map data
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads Natural Earth boundaries (npm world-atlas), US Census state
// boundaries (npm us-atlas) and Retorno's own gazetteer and reference
// points, keeps what the map shows over Mexico and the US border states,
// simplifies it into three levels of detail and writes the little-endian
// binary file that src/core/ret-geo.c loads.  The format is described in
// data/geo/SOURCE.md and at the top of src/core/ret-geo.c; how to run this
// script is in README.md beside it.
//
// usage: node convert.mjs [--modules DIR] [--root DIR] [-o FILE]

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';
import { argv, exit, stderr } from 'node:process';
import { fileURLToPath } from 'node:url';

const VERSIONS = { 'world-atlas': '2.0.2', 'us-atlas': '3.0.1', 'topojson-client': '3.1.0' };

// The area kept: lat 12..38, lon -122..-84 (Mexico, the US border states,
// Guatemala and Belize), widened by two degrees on every side so that
// tiles on the edge of that area are still drawn whole.  Polygons and
// lines are clipped to it, not kept whole: the land polygon of North
// America alone would otherwise bring all of Canada's coast.
const BOX = { minLon: -124, maxLon: -82, minLat: 10, maxLat: 40 };

// Levels of detail.  `tolerance` is the Douglas–Peucker tolerance in
// degrees: about half a device pixel at the highest zoom of the band at
// scale factor 2 (one pixel is 360 / (256 · 2^z · 2) degrees at the
// equator), so simplification never shows.  `cell` is the size of the grid
// the land polygons are cut into, so that a tile fills only the pieces
// under it; `chunk` is the most points a line feature gets, for the same
// reason.
const LODS = [
  { lod: 0, zooms: '3-5', land: 'land-50m', countries: 'countries-50m', tolerance: 0.02, cell: 10, chunk: 256 },
  { lod: 1, zooms: '6-8', land: 'land-10m', countries: 'countries-10m', tolerance: 0.003, cell: 3, chunk: 128 },
  { lod: 2, zooms: '9-12', land: 'land-10m', countries: 'countries-10m', tolerance: 0, cell: 1, chunk: 64 },
];
const LOD_ALL = 255;

// Layer numbers: the same as RetGeoLayer in src/core/ret-geo.h.
const LAYER = {
  LAND: 0, COASTLINE: 1, BORDER_US_MX: 2, COUNTRY_BORDERS: 3,
  US_STATE_LINES: 4, US_STATE_LABELS: 5, MX_STATE_LABELS: 6, CITIES: 7,
};

// US states whose label is kept: those in the box.  Hawaii and Alaska are
// far outside it.
const US_STATES_IN_BOX = ['California', 'Arizona', 'New Mexico', 'Texas', 'Nevada', 'Utah',
  'Colorado', 'Oklahoma', 'Louisiana', 'Arkansas', 'Mississippi', 'Alabama', 'Georgia',
  'Florida', 'Kansas', 'Tennessee'];

// The largest metropolitan areas among the cities kept (INEGI 2020
// census) appear from zoom 4; Mexico City from zoom 3; other state
// capitals from zoom 5; repatriation point cities that are not capitals
// from zoom 6.  The gazetteer has no populations, hence the list.
const LARGEST = ['Guadalajara', 'Monterrey', 'Puebla', 'Tijuana', 'Juárez'];

function die (message) {
  stderr.write(`convert.mjs: ${message}\n`);
  exit(1);
}

function parseArgs () {
  const here = dirname(fileURLToPath(import.meta.url));
  const opts = { modules: 'node_modules', root: resolve(here, '..', '..'), out: null };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--modules') opts.modules = argv[++i];
    else if (a === '--root') opts.root = argv[++i];
    else if (a === '-o') opts.out = argv[++i];
    else die(`unknown option ${a}`);
  }
  if (!opts.out) die('-o FILE is required (the output is binary)');
  return opts;
}

function readJson (path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// ---- geometry -----------------------------------------------------------

// Douglas–Peucker on [lon, lat] pairs, iterative so that long coastlines
// do not overflow the stack; the first and last points are always kept.
function simplify (pts, tol) {
  if (tol <= 0 || pts.length <= 2) return pts.slice();
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a];
    const [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let best = -1, bestD = tol2;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      let d;
      if (len2 === 0) d = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      }
      if (d > bestD) { bestD = d; best = i; }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

// Sutherland–Hodgman against an axis-aligned rectangle.  On a concave ring
// it may leave zero-width slivers along the rectangle's edge; they fill to
// nothing, and land is only ever filled, never stroked (the coastline is
// its own layer).
function clipRing (ring, r) {
  const edges = [
    [p => p[0] >= r.minLon, (p, q) => cutX(p, q, r.minLon)],
    [p => p[0] <= r.maxLon, (p, q) => cutX(p, q, r.maxLon)],
    [p => p[1] >= r.minLat, (p, q) => cutY(p, q, r.minLat)],
    [p => p[1] <= r.maxLat, (p, q) => cutY(p, q, r.maxLat)],
  ];
  let out = ring;
  if (out.length && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out = out.slice(0, -1);
  for (const [inside, cut] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const p = input[i], q = input[(i + 1) % input.length];
      const pin = inside(p), qin = inside(q);
      if (pin) out.push(p);
      if (pin !== qin) out.push(cut(p, q));
    }
    if (!out.length) break;
  }
  return out;
}

function cutX (p, q, x) {
  const t = (x - p[0]) / (q[0] - p[0]);
  return [x, p[1] + t * (q[1] - p[1])];
}

function cutY (p, q, y) {
  const t = (y - p[1]) / (q[1] - p[1]);
  return [p[0] + t * (q[0] - p[0]), y];
}

// Liang–Barsky on each segment: a line leaving and re-entering the box
// becomes several pieces.
function clipLine (line, r) {
  const pieces = [];
  let cur = null;
  for (let i = 0; i + 1 < line.length; i++) {
    const seg = clipSegment(line[i], line[i + 1], r);
    if (!seg) { cur = null; continue; }
    const [p, q] = seg;
    if (cur && cur[cur.length - 1][0] === p[0] && cur[cur.length - 1][1] === p[1]) cur.push(q);
    else { cur = [p, q]; pieces.push(cur); }
    if (q !== line[i + 1]) cur = null;
  }
  return pieces;
}

function clipSegment (p, q, r) {
  let t0 = 0, t1 = 1;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const tests = [[-dx, p[0] - r.minLon], [dx, r.maxLon - p[0]], [-dy, p[1] - r.minLat], [dy, r.maxLat - p[1]]];
  for (const [pp, qq] of tests) {
    if (pp === 0) { if (qq < 0) return null; continue; }
    const t = qq / pp;
    if (pp < 0) { if (t > t1) return null; if (t > t0) t0 = t; }
    else { if (t < t0) return null; if (t < t1) t1 = t; }
  }
  const a = t0 === 0 ? p : [p[0] + t0 * dx, p[1] + t0 * dy];
  const b = t1 === 1 ? q : [p[0] + t1 * dx, p[1] + t1 * dy];
  return [a, b];
}

function micro (pts) {
  const out = [];
  for (const [lon, lat] of pts) {
    const x = Math.round(lon * 1e6), y = Math.round(lat * 1e6);
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  return out;
}

function ringArea (ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return a / 2;
}

function ringCentroid (ring) {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f; cx += (ring[j][0] + ring[i][0]) * f; cy += (ring[j][1] + ring[i][1]) * f;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

// ---- the features -------------------------------------------------------

const features = [];

function addFeature (layer, lod, minZoom, parts, name = null) {
  const mparts = parts.map(micro).filter(p => p.length >= (layer === LAYER.LAND ? 3 : layer >= LAYER.US_STATE_LABELS ? 1 : 2));
  if (!mparts.length) return;
  features.push({ layer, lod, minZoom, parts: mparts, name });
}

function addLines (layer, lod, lines, chunk) {
  for (const line of lines) {
    for (const piece of clipLine(simplify(line, lod.tolerance), BOX)) {
      // Consecutive chunks share their end point so the line stays joined.
      for (let i = 0; i < piece.length - 1; i += chunk - 1)
        addFeature(layer, lod.lod, 0, [piece.slice(i, i + chunk)]);
    }
  }
}

function polygonsOf (geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function addLand (lod, collection) {
  for (const f of collection.features) {
    for (const polygon of polygonsOf(f.geometry)) {
      const rings = polygon.map(r => simplify(r, lod.tolerance)).filter(r => r.length >= 4);
      if (!rings.length) continue;
      // The coastline: every ring, holes included, as a line.
      addLines(LAYER.COASTLINE, lod, rings, lod.chunk);
      let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
      for (const [x, y] of rings[0]) {
        minLon = Math.min(minLon, x); maxLon = Math.max(maxLon, x);
        minLat = Math.min(minLat, y); maxLat = Math.max(maxLat, y);
      }
      for (let cx = BOX.minLon; cx < BOX.maxLon; cx += lod.cell) {
        for (let cy = BOX.minLat; cy < BOX.maxLat; cy += lod.cell) {
          const cell = { minLon: cx, maxLon: Math.min(cx + lod.cell, BOX.maxLon),
            minLat: cy, maxLat: Math.min(cy + lod.cell, BOX.maxLat) };
          if (maxLon < cell.minLon || minLon > cell.maxLon || maxLat < cell.minLat || minLat > cell.maxLat)
            continue;
          const parts = rings.map(r => clipRing(r, cell)).filter(r => r.length >= 3 && Math.abs(ringArea(r)) > 0);
          if (parts.length) addFeature(LAYER.LAND, lod.lod, 0, parts);
        }
      }
    }
  }
}

function parseGazetteer (path) {
  const states = [], muni = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [kind, code, name, lat, lon] = line.split('\t');
    const row = { code, name, lat: Number(lat), lon: Number(lon) };
    if (kind === 'S') states.push(row);
    else if (kind === 'M') muni.push(row);
  }
  return { states, muni };
}

function main () {
  const opts = parseArgs();
  const mod = name => join(opts.modules, name);
  for (const [name, version] of Object.entries(VERSIONS)) {
    const found = readJson(join(mod(name), 'package.json')).version;
    if (found !== version) die(`${name} is ${found}; this script was checked against ${version} only`);
  }
  const topojson = createRequire(join(resolve(opts.modules), 'index.js'))('topojson-client');

  const usTopo = readJson(join(mod('us-atlas'), 'states-10m.json'));
  const usMesh = topojson.mesh(usTopo, usTopo.objects.states, (a, b) => a !== b);

  for (const lod of LODS) {
    const landTopo = readJson(join(mod('world-atlas'), `${lod.land}.json`));
    addLand(lod, topojson.feature(landTopo, landTopo.objects.land));

    const cTopo = readJson(join(mod('world-atlas'), `${lod.countries}.json`));
    const name = g => g.properties.name;
    const usmx = (a, b) => a !== b && [name(a), name(b)].sort().join('|') === 'Mexico|United States of America';
    const border = topojson.mesh(cTopo, cTopo.objects.countries, usmx);
    if (!border.coordinates.length) die(`no US–Mexico border in ${lod.countries}`);
    addLines(LAYER.BORDER_US_MX, lod, border.coordinates, lod.chunk);
    const others = topojson.mesh(cTopo, cTopo.objects.countries, (a, b) => a !== b && !usmx(a, b));
    addLines(LAYER.COUNTRY_BORDERS, lod, others.coordinates, lod.chunk);

    addLines(LAYER.US_STATE_LINES, lod, usMesh.coordinates, lod.chunk);
  }

  // US state labels at the planar centroid of each state's largest ring.
  const usStates = topojson.feature(usTopo, usTopo.objects.states);
  for (const f of usStates.features) {
    if (!US_STATES_IN_BOX.includes(f.properties.name)) continue;
    let best = null;
    for (const polygon of polygonsOf(f.geometry))
      if (!best || Math.abs(ringArea(polygon[0])) > Math.abs(ringArea(best))) best = polygon[0];
    addFeature(LAYER.US_STATE_LABELS, LOD_ALL, 5, [[ringCentroid(best)]], f.properties.name);
  }

  // Mexican states: world-atlas has no first-level subdivisions, so no
  // polygons; a label at the mean position of the state's municipal seats,
  // which lies near the middle of the state better than its capital does.
  const gaz = parseGazetteer(join(opts.root, 'data', 'gazetteer', 'mx-places.tsv'));
  for (const s of gaz.states) {
    const seats = gaz.muni.filter(m => m.code.startsWith(s.code));
    if (!seats.length) die(`state ${s.code} has no municipalities`);
    const lat = seats.reduce((a, m) => a + m.lat, 0) / seats.length;
    const lon = seats.reduce((a, m) => a + m.lon, 0) / seats.length;
    addFeature(LAYER.MX_STATE_LABELS, LOD_ALL, 5, [[[lon, lat]]], s.name);
  }

  // Cities: state capitals (the municipality whose seat is where the
  // gazetteer puts its state) and the repatriation points' cities.
  const cities = new Map();
  for (const s of gaz.states) {
    let name;
    if (s.code === '09') name = 'Ciudad de México';
    else {
      const cap = gaz.muni.find(m => m.code.startsWith(s.code) && m.lat === s.lat && m.lon === s.lon);
      if (!cap) die(`no capital found for state ${s.code}`);
      name = cap.name;
    }
    const minZoom = s.code === '09' ? 3 : LARGEST.includes(name) ? 4 : 5;
    cities.set(name, { name, lat: s.lat, lon: s.lon, minZoom });
  }
  const points = readJson(join(opts.root, 'data', 'reference', 'points.json')).points;
  for (const p of points) {
    if (p.airport) continue;
    const name = p.city.replace(/\s*\(.*\)$/, '');
    const minZoom = LARGEST.includes(name.replace(/^Ciudad /, '')) ? 4 : 6;
    if (!cities.has(name)) cities.set(name, { name, lat: p.lat, lon: p.lon, minZoom });
  }
  for (const c of cities.values())
    addFeature(LAYER.CITIES, LOD_ALL, c.minZoom, [[[c.lon, c.lat]]], c.name);

  writeFile(opts.out);
}

// ---- the file -----------------------------------------------------------

function writeFile (path) {
  // Sorted so the file is the same byte for byte on every run.
  features.sort((a, b) => a.layer - b.layer || a.lod - b.lod);
  const strings = [Buffer.from('\0')];
  let stringBytes = 1;
  const nameOffset = new Map();
  let nParts = 0, nPoints = 0;
  for (const f of features) {
    nParts += f.parts.length;
    for (const p of f.parts) nPoints += p.length;
    if (f.name && !nameOffset.has(f.name)) {
      const b = Buffer.from(f.name + '\0', 'utf8');
      nameOffset.set(f.name, stringBytes);
      strings.push(b);
      stringBytes += b.length;
    }
  }
  const HEADER = 40, FEATURE = 32;
  const size = HEADER + FEATURE * features.length + 4 * (nParts + 1) + 8 * nPoints + stringBytes;
  const buf = Buffer.alloc(size);
  buf.write('RGEO', 0, 'latin1');
  buf.writeUInt32LE(1, 4);
  buf.writeUInt32LE(features.length, 8);
  buf.writeUInt32LE(nParts, 12);
  buf.writeUInt32LE(nPoints, 16);
  buf.writeUInt32LE(stringBytes, 20);
  buf.writeInt32LE(Math.round(BOX.minLon * 1e6), 24);
  buf.writeInt32LE(Math.round(BOX.minLat * 1e6), 28);
  buf.writeInt32LE(Math.round(BOX.maxLon * 1e6), 32);
  buf.writeInt32LE(Math.round(BOX.maxLat * 1e6), 36);
  let fo = HEADER;
  let po = HEADER + FEATURE * features.length;
  let xo = po + 4 * (nParts + 1);
  let partIndex = 0, pointIndex = 0;
  for (const f of features) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    buf.writeUInt8(f.layer, fo);
    buf.writeUInt8(f.lod, fo + 1);
    buf.writeUInt8(f.minZoom, fo + 2);
    buf.writeUInt8(0, fo + 3);
    buf.writeUInt32LE(partIndex, fo + 4);
    buf.writeUInt32LE(f.parts.length, fo + 8);
    for (const part of f.parts) {
      buf.writeUInt32LE(pointIndex, po); po += 4;
      partIndex++;
      for (const [x, y] of part) {
        buf.writeInt32LE(x, xo); buf.writeInt32LE(y, xo + 4); xo += 8;
        pointIndex++;
        minX = Math.min(minX, x); maxX = Math.max(maxX, x);
        minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
    buf.writeInt32LE(minX, fo + 12);
    buf.writeInt32LE(minY, fo + 16);
    buf.writeInt32LE(maxX, fo + 20);
    buf.writeInt32LE(maxY, fo + 24);
    buf.writeUInt32LE(f.name ? nameOffset.get(f.name) : 0, fo + 28);
    fo += FEATURE;
  }
  buf.writeUInt32LE(pointIndex, po);
  Buffer.concat(strings).copy(buf, xo);
  writeFileSync(path, buf);

  const count = {};
  for (const f of features) {
    const k = `layer ${f.layer} lod ${f.lod}`;
    count[k] ??= { features: 0, points: 0 };
    count[k].features++;
    for (const p of f.parts) count[k].points += p.length;
  }
  for (const [k, v] of Object.entries(count)) stderr.write(`${k}: ${v.features} features, ${v.points} points\n`);
  stderr.write(`${features.length} features, ${nParts} parts, ${nPoints} points, ${size} bytes\n`);
}

main();
