export { launch as launchChromium } from '@masterplan/site/chromium'
