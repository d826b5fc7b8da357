/**
 * Draws Ward's Teams app icons and writes them as PNG files: `appPackage/color.png` (192×192, white shield on
 * the accent colour) and `appPackage/outline.png` (32×32, white shield outline on transparent, as Teams
 * requires). Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only runs when the design
 * changes. There is no image library: the shape is sampled on a grid (4×4 per pixel for anti-aliasing) and
 * encoded with a minimal PNG writer over node:zlib. It must never write anywhere but appPackage/.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** The manifest's accentColor (#1E3A5F), the color icon's background. */
const ACCENT = { r: 0x1e, g: 0x3a, b: 0x5f } as const;
const WHITE = { r: 255, g: 255, b: 255 } as const;

type Rgb = { r: number; g: number; b: number };

/** An RGBA image, row-major, 4 bytes per pixel. */
interface Image {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Whether a point lies inside the shield. Coordinates are normalised to the shield's box: `x` from -1 (left)
 * to 1 (right), `y` from 0 (top) to 1 (bottom tip). Straight sides for the top half, then convex curves that
 * meet in a point; the top edge dips slightly towards the middle.
 */
function insideShield(x: number, y: number): boolean {
  const top = 0.07 * (1 - x * x);
  if (y < top || y > 1) return false;
  const halfWidth = y <= 0.45 ? 1 : 1 - ((y - 0.45) / 0.55) ** 1.7;
  return Math.abs(x) <= halfWidth;
}

/** Inside a shield shrunk towards its centre, to cut outlines and insets. */
function insideShrunkShield(x: number, y: number, inset: number): boolean {
  const centreY = 0.45;
  const scale = 1 - inset;
  return insideShield(x / scale, centreY + (y - centreY) / scale);
}

/** Fraction (0..1) of a pixel's 4×4 sub-samples for which `inside` holds; `inside` gets pixel coordinates. */
function coverage(px: number, py: number, inside: (x: number, y: number) => boolean): number {
  const samples = 4;
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (inside(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
    }
  }
  return hits / (samples * samples);
}

/** Maps pixel coordinates to shield coordinates for a shield of `size` pixels centred in a `canvas`. */
function shieldSpace(canvas: number, size: number): (x: number, y: number) => { x: number; y: number } {
  const width = size * 0.84;
  const left = (canvas - width) / 2;
  const top = (canvas - size) / 2;
  return (x, y) => ({ x: ((x - left) / width) * 2 - 1, y: (y - top) / size });
}

function blend(under: Rgb, over: Rgb, amount: number): Rgb {
  return {
    r: Math.round(under.r + (over.r - under.r) * amount),
    g: Math.round(under.g + (over.g - under.g) * amount),
    b: Math.round(under.b + (over.b - under.b) * amount),
  };
}

/** 192×192: accent background, white shield, an accent inner shield whose left half is white again. */
function drawColorIcon(): Image {
  const size = 192;
  const pixels = new Uint8Array(size * size * 4);
  const toShield = shieldSpace(size, 128);
  const outer = (x: number, y: number) => {
    const p = toShield(x, y);
    return insideShield(p.x, p.y);
  };
  const inner = (x: number, y: number) => {
    const p = toShield(x, y);
    return insideShrunkShield(p.x, p.y, 0.16);
  };
  const innerLeft = (x: number, y: number) => {
    const p = toShield(x, y);
    return p.x < 0 && insideShrunkShield(p.x, p.y, 0.16);
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let colour: Rgb = blend(ACCENT, WHITE, coverage(x, y, outer));
      colour = blend(colour, ACCENT, coverage(x, y, inner));
      colour = blend(colour, WHITE, coverage(x, y, innerLeft));
      const offset = (y * size + x) * 4;
      pixels.set([colour.r, colour.g, colour.b, 255], offset);
    }
  }
  return { width: size, height: size, pixels };
}

/** 32×32: a white shield outline on a transparent background (Teams tints it). */
function drawOutlineIcon(): Image {
  const size = 32;
  const pixels = new Uint8Array(size * size * 4);
  const toShield = shieldSpace(size, 28);
  const ring = (x: number, y: number) => {
    const p = toShield(x, y);
    return insideShield(p.x, p.y) && !insideShrunkShield(p.x, p.y, 0.2);
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(coverage(x, y, ring) * 255);
      pixels.set([255, 255, 255, alpha], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an RGBA image as a PNG: 8-bit truecolour with alpha, no interlace, filter 0 on every row. */
function encodePng(image: Image): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(image.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const appPackage = join(dirname(fileURLToPath(import.meta.url)), '..', 'appPackage');
writeFileSync(join(appPackage, 'color.png'), encodePng(drawColorIcon()));
writeFileSync(join(appPackage, 'outline.png'), encodePng(drawOutlineIcon()));
console.info(
  `Wrote ${join(appPackage, 'color.png')} (192×192) and ${join(appPackage, 'outline.png')} (32×32).`,
);
