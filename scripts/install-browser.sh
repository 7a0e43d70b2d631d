#!/usr/bin/env bash
# Debian's Chromium and CJK fonts for the browser tests. Playwright drives this
# browser; it never downloads one of its own. Also strace, which kills a build at each
# step in tests/publish/test_swap.py.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && command -v strace >/dev/null; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium fonts-noto-cjk strace >/dev/null
