import { z } from 'zod';

// The pages' Content-Security-Policy has no 'unsafe-eval' (candidate code runs in this origin).
// Zod compiles object parsers with `new Function` when it may, and its probe for that alone is
// reported as a CSP violation on every page. Its interpreter is fast enough for our payloads,
// so the probe and the compiler stay off instead of loosening the CSP (issue 12, item 11).
z.config({ jitless: true });
