import iconv from 'iconv-lite';

/**
 * `ESC t n` code table numbers (Epson ESC/POS numbering) and the iconv-lite
 * encodings that decode them. Tables iconv-lite lacks (Katakana, Thai
 * variants, TCVN ...) decode as PC437 with a warning: the text is then only
 * approximately right, which the virtual printer says instead of failing.
 */
const TABLES: Record<number, string> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  11: 'cp851',
  12: 'cp853',
  13: 'cp857',
  14: 'cp737',
  15: 'iso-8859-7',
  16: 'windows-1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  32: 'cp720',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  44: 'cp1125',
  45: 'windows-1250',
  46: 'windows-1251',
  47: 'windows-1253',
  48: 'windows-1254',
  49: 'windows-1255',
  50: 'windows-1256',
  51: 'windows-1257',
  52: 'windows-1258',
  255: 'cp437',
};

/** The iconv encoding for code table `n`; unknown tables fall back to PC437 and add one warning. */
export function codeTableEncoding(table: number, warnings: string[]): string {
  const encoding = TABLES[table];
  if (encoding && iconv.encodingExists(encoding)) return encoding;
  const warning = `code table ${table} is not decoded exactly (shown as PC437)`;
  if (!warnings.includes(warning)) warnings.push(warning);
  return 'cp437';
}
