#!/usr/bin/env bash
# `scripts/browser.sh ensure`: make Debian's Chromium available for the end-to-end tests and print
# its path as the last line of stdout. Progress goes to stderr. Installs with apt-get when root.
set -euo pipefail
log() { printf 'browser.sh: %s\n' "$*" >&2; }

find_chromium() {
  for candidate in "${MADOGUCHI_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

case "${1:-}" in
  ensure)
    if path=$(find_chromium); then echo "$path"; exit 0; fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
      log "Chromium is missing and cannot be installed here (needs root and apt-get)"; exit 1
    fi
    log "installing Debian's chromium and a Japanese font (apt-get)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipaexfont-gothic >&2
    find_chromium || { log "chromium still missing after install"; exit 1; }
    ;;
  *) echo "usage: scripts/browser.sh ensure" >&2; exit 2 ;;
esac
