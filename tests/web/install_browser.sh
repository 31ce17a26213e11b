#!/usr/bin/env bash
# The browser the web chat's tests drive: Debian's Chromium (a browser that Playwright would download
# cannot be fetched on these machines). Installed once; the tests find it at /usr/bin/chromium.
set -euo pipefail
# with an emoji font, the screenshots show 👍/👎 as phones do, not as empty boxes
packages=(chromium fonts-noto-color-emoji)
if command -v chromium >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
  apt=(sudo -n apt-get)
else
  echo "install_browser.sh: Chromium is missing and apt-get needs root: run 'apt-get install -y chromium'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" install -y -q "${packages[@]}" >/dev/null ||
  { "${apt[@]}" update -q >/dev/null && "${apt[@]}" install -y -q "${packages[@]}" >/dev/null; }
command -v chromium >/dev/null
