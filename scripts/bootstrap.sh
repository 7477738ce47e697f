#!/usr/bin/env bash
# Sets SCRM Desk up from a clean clone, then launches the app or runs the whole test suite.
#   bash scripts/bootstrap.sh app  [scrm-desk arguments...]
#   bash scripts/bootstrap.sh test [pytest arguments...]
# Safe to run again: it installs only what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"
shift || true
case "$mode" in
  app|test) ;;
  *) echo "usage: bash scripts/bootstrap.sh app|test [arguments...]" >&2; exit 2 ;;
esac

python="${PYTHON:-python3}"
venv=".venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# --- Debian libraries Qt needs (offscreen and X11), PDF tools for the report checks ---------
debian_packages=(
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libgssapi-krb5-2
  fonts-dejavu-core libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0
  libxcb-sync1 libxcb-shm0 libxcb-xkb1 libx11-xcb1 poppler-utils
)
if command -v dpkg-query >/dev/null 2>&1; then
  "$python" -c 'import ensurepip' 2>/dev/null || debian_packages+=(python3-venv)
  missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      say "Installing Debian packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
    else
      echo "SCRM Desk needs these Debian packages. Install them, then run this again:" >&2
      echo "  sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
fi

# --- Python: a virtual environment with the project and its extras --------------------------
"$python" - <<'PY' || { echo "SCRM Desk needs Python 3.11 or newer (set PYTHON=...)." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
if [ ! -x "$venv/bin/python" ]; then
  say "Creating the virtual environment in $venv"
  "$python" -m venv "$venv"
fi
extras=""
[ "$mode" = test ] && extras="[test]"
hash="$(sha256sum pyproject.toml | cut -c1-16)"
stamp="$venv/.installed-${hash}-${mode}"
# The test install is a superset of the app's: after it, the app needs nothing more.
[ "$mode" = app ] && [ -f "$venv/.installed-${hash}-test" ] && stamp="$venv/.installed-${hash}-test"
if [ ! -f "$stamp" ]; then
  say "Installing SCRM Desk and its dependencies"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${extras}"
  touch "$stamp"
fi

# --- Run ----------------------------------------------------------------------------------
if [ "$mode" = app ]; then
  if [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
    echo "No display to show SCRM Desk on. Run it from a desktop session, or on a server:" >&2
    echo "  xvfb-run -a bash scripts/bootstrap.sh app" >&2
    exit 1
  fi
  say "Launching SCRM Desk"
  exec "$venv/bin/scrm-desk" "$@"
fi

export QT_QPA_PLATFORM=offscreen
say "ruff"
"$venv/bin/ruff" check .
"$venv/bin/ruff" format --check .
say "mypy (scrm_desk)"
"$venv/bin/mypy"
say "pytest"
exec "$venv/bin/python" -m pytest "$@"
