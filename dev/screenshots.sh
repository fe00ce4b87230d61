#!/usr/bin/env bash
# Takes the demo softphone's screenshots, one per step (BrowserDemoTest and BrowserServerEventsTest, headless Chromium driven by Playwright;
# see the README's "Use from a telephony client"), and copies them to docs/screenshots/.
# Needs what the browser tests need: Chromium at /usr/bin/chromium, or root to install it.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/demo-screenshots
./mvnw -q test -pl :callpop -am -Dtest='BrowserDemoTest,BrowserServerEventsTest' -Dsurefire.failIfNoSpecifiedTests=false "$@"
mkdir -p docs/screenshots
rm -f docs/screenshots/*.png
cp target/demo-screenshots/*.png docs/screenshots/
ls docs/screenshots
