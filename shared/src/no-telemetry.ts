/**
 * Imported first by every entry script: Next.js and Astro report anonymous usage to their makers
 * unless told not to, and a public body's build machine must not report to anyone. Children
 * (next build, astro build) inherit the environment.
 */
process.env.NEXT_TELEMETRY_DISABLED = '1'
process.env.ASTRO_TELEMETRY_DISABLED = '1'
