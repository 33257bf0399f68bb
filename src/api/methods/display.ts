import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import { displayLanguageInputSchema, displayStateSchema, showBasketSchema } from '../schemas/display.js';

/** The customer display: what it shows, the basket the cashier rings up, its language. */
export const displayMethods = defineMethods({
  'display.get': {
    summary: 'What the customer display shows now',
    input: noInput,
    result: displayStateSchema,
    role: 'display',
  },
  'display.showBasket': {
    summary: 'Shows the basket being rung up (no items: the idle screen)',
    input: showBasketSchema,
    result: displayStateSchema,
  },
  'display.setLanguage': {
    summary: "Switches the customer display's language (the customer's button)",
    input: displayLanguageInputSchema,
    result: displayStateSchema,
    role: 'display',
  },
});
