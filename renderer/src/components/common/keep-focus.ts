/**
 * Mouse- or pointer-down handler of the till's buttons: it keeps the focus in
 * the entry field, so a tap never steals the keystrokes of a keyboard-wedge scanner.
 */
export const keepFocus = (e: React.PointerEvent | React.MouseEvent): void => e.preventDefault();
