// A thread of the iCalendar parser pool (ics-parser.ts): reads a feed with parseCalendar, in
// TypeScript through SWC like tools/run.js, so a large feed never holds up the server's requests.
'use strict';
if (!require.extensions['.ts']) require('@swc-node/register');
const { CalendarRefused, parseCalendar } = require('./ics.ts');

/** @param {{ text: string, window: { from: Date, to: Date } }} task */
module.exports = function parse({ text, window }) {
  try {
    return { parsed: parseCalendar(text, window) };
  } catch (error) {
    if (error instanceof CalendarRefused) return { refused: error.message };
    throw error;
  }
};
