// A workspace picks any brand colour; the page must stay readable whatever it is (WCAG 2.2
// AA: 4.5:1 for text). So the colour is used as given only where it is a background with
// text chosen to contrast with it, and darkened until it contrasts with white where it
// colours text, borders or focus rings on the white page.

/** The product's own colour when a workspace sets none. */
export const DEFAULT_BRAND_COLOUR = '#0f766e';

type Rgb = readonly [number, number, number];

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

function rgbOf(hex: string): Rgb {
  const match = HEX.exec(hex) ?? HEX.exec(DEFAULT_BRAND_COLOUR);
  if (!match) throw new Error('the default brand colour is a #rrggbb colour');
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16)];
}

const hexOf = (rgb: Rgb): string => `#${rgb.map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG 2.2). */
function luminance([red, green, blue]: Rgb): number {
  const linear = (channel: number): number => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

export function contrast(first: string, second: string): number {
  const [light, dark] = [luminance(rgbOf(first)), luminance(rgbOf(second))].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

export const WHITE = '#ffffff';
export const INK = '#111827';

export interface BrandColours {
  /** The workspace's colour, as a background (the header bar, the main button). */
  readonly brand: string;
  /** Text on `brand`: white or ink, whichever contrasts more. */
  readonly onBrand: string;
  /** `brand`, darkened where needed to contrast 4.5:1 with white: links, checkboxes, focus rings. */
  readonly accent: string;
}

export function brandColours(colour: string | undefined): BrandColours {
  const brand = colour !== undefined && HEX.test(colour) ? colour.toLowerCase() : DEFAULT_BRAND_COLOUR;
  const onBrand = contrast(brand, WHITE) >= contrast(brand, INK) ? WHITE : INK;
  let rgb = rgbOf(brand);
  // Mixing toward black by 10% steps reaches 4.5:1 long before black (21:1).
  for (let step = 0; step < 20 && contrast(hexOf(rgb), WHITE) < 4.5; step += 1) rgb = [rgb[0] * 0.9, rgb[1] * 0.9, rgb[2] * 0.9];
  return { brand, onBrand, accent: hexOf(rgb) };
}
