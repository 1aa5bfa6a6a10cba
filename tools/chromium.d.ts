/** `CHROMIUM_PATH` when set, else the first installed Chromium or Chrome, else undefined. */
export function findChromium(): string | undefined;
/** The Chromium to drive, installing Debian's package first when none is found and this is root. */
export function ensureChromium(): string;
