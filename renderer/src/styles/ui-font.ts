/** The UI's font stack as the stylesheets resolved it (fonts.css, app.css), for canvases, which cannot inherit it. */
export function uiFontFamily(): string {
  return getComputedStyle(document.documentElement).fontFamily;
}

/**
 * Resolves once the faces that draw `text` are loaded (the fonts are split by
 * script and load on first use). A canvas draws with whatever is loaded at that
 * moment and never redraws itself when a font arrives, so a chart drawn before
 * this would keep boxes instead of Korean or Chinese labels.
 */
export async function loadUiFontFor(text: string): Promise<void> {
  const family = uiFontFamily();
  await Promise.all([400, 700].map((weight) => document.fonts.load(`${weight} 16px ${family}`, text)));
}
