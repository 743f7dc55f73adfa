#!/bin/sh
# System packages the test suite drives for real: a PostgreSQL server (the store's PostgreSQL
# tests start a throwaway cluster) and Debian's Chromium (the web UI's Playwright tests).
# Installed from Debian's packages when missing and when we may (root, or passwordless sudo);
# otherwise the tests that need them skip with a visible reason.
set -u
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install-test-deps: cannot install$missing (not root, no sudo); their tests will skip"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: no apt-get; install$missing yourself or their tests will skip"
    exit 0
fi
echo "install-test-deps: installing$missing from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 || {
    $SUDO apt-get update -q >/dev/null 2>&1
    $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 ||
        echo "install-test-deps: apt-get could not install$missing; their tests will skip"
}
exit 0
