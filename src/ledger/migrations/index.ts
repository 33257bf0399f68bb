import type { Migration } from '../migration.js';
import { journalMigration } from './0001-journal.js';
import { paymentsMigration } from './0002-payments.js';
import { closeoutMigration } from './0003-closeout.js';
import { customerAmountsMigration } from './0004-customer-amounts.js';
import { upstreamCursorsMigration } from './0005-upstream-cursors.js';

/**
 * Every schema step, oldest first. Append only: a released migration is never
 * edited, because tills in shops already ran it.
 */
export const migrations: readonly Migration[] = [journalMigration, paymentsMigration, closeoutMigration, customerAmountsMigration, upstreamCursorsMigration];
