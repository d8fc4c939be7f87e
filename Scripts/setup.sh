#!/usr/bin/env bash
# Installs the Debian packages OpenNOK builds against, when they are missing. Sourced by demo.sh and test.sh.
set -euo pipefail

OPENNOK_APT_PACKAGES=(libsqlite3-dev libyaml-dev libxlsxwriter-dev zlib1g-dev libqrencode-dev libzstd-dev chromium-headless-shell chromium-driver curl sqlite3 time python3-venv)

opennok_install_packages() {
  local missing=()
  for package in "${OPENNOK_APT_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Устанавливаю системные пакеты: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

opennok_install_packages
command -v swift >/dev/null || { echo "Не найден Swift (нужен Swift 6.1 или новее): https://www.swift.org/install" >&2; exit 1; }
